/**
 * OpenAI = "Open API Inventory": the public endpoints and data models of this service, served as an OpenAPI
 * document to the partner portal. The name predates our AI features; it has nothing to do with the `openai`
 * npm package.
 */

export interface SchemaObject {
  type: 'object' | 'string' | 'number' | 'array';
  properties?: Record<string, SchemaObject>;
  items?: SchemaObject;
}

export interface Operation {
  method: 'get' | 'post';
  path: string;
  summary: string;
}

class Registry<T> {
  private readonly entries = new Map<string, T>();

  create(name: string, value: T): void {
    this.entries.set(name, value);
  }

  toObject(): Record<string, T> {
    return Object.fromEntries(this.entries);
  }
}

export class OpenAI {
  readonly models = new Registry<SchemaObject>();
  readonly operations = new Registry<Operation>();

  constructor(
    private readonly title: string,
    private readonly version: string,
  ) {}

  toDocument(): object {
    const paths: Record<string, Record<string, { operationId: string; summary: string }>> = {};
    for (const [operationId, operation] of Object.entries(this.operations.toObject())) {
      paths[operation.path] = { ...paths[operation.path], [operation.method]: { operationId, summary: operation.summary } };
    }
    return {
      openapi: '3.1.0',
      info: { title: this.title, version: this.version },
      paths,
      components: { schemas: this.models.toObject() },
    };
  }
}

export function buildInventory(): OpenAI {
  const inventory = new OpenAI('Support Desk API', '0.3.0');
  inventory.models.create('Ticket', {
    type: 'object',
    properties: { id: { type: 'string' }, subject: { type: 'string' }, customerLocale: { type: 'string' } },
  });
  inventory.models.create('Article', {
    type: 'object',
    properties: { id: { type: 'string' }, title: { type: 'string' }, body: { type: 'string' } },
  });
  inventory.operations.create('createTicket', { method: 'post', path: '/tickets', summary: 'Open a ticket' });
  inventory.operations.create('summarizeTicket', { method: 'post', path: '/tickets/{id}/summary', summary: 'Summarise a ticket' });
  inventory.operations.create('searchArticles', { method: 'get', path: '/articles/search', summary: 'Search articles' });
  return inventory;
}
