import { Router } from 'express';
import { buildInventory, type OpenAI } from '../inventory/openapi-inventory';

export const openapiRouter = Router();

// Built on first request; the inventory only changes with a deploy. (OpenAI here is the Open API Inventory.)
let inventory: OpenAI | undefined;

openapiRouter.get('/openapi.json', (_req, res) => {
  inventory ??= buildInventory();
  res.json(inventory.toDocument());
});
