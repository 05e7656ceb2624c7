import express from 'express';
import { moderationRouter } from './routes/moderation';
import { openapiRouter } from './routes/openapi';
import { repliesRouter } from './routes/replies';
import { searchRouter } from './routes/search';
import { ticketsRouter } from './routes/tickets';

const app = express();
app.use(express.json({ limit: '1mb' }));
app.use(ticketsRouter, repliesRouter, searchRouter, moderationRouter, openapiRouter);

const port = Number(process.env.PORT ?? 3000);
app.listen(port, () => {
  console.log(`support-desk API listening on http://localhost:${port}`);
});
