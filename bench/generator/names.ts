/** Vocabulary for identifiers, so generated code reads like a business application rather than noise. */
import type { Random } from './random';

const NOUNS = [
  'order', 'invoice', 'customer', 'account', 'product', 'cart', 'payment', 'shipment', 'user', 'session',
  'report', 'metric', 'ticket', 'project', 'task', 'comment', 'notification', 'subscription', 'plan', 'team',
  'workspace', 'document', 'attachment', 'audit', 'inventory', 'warehouse', 'review', 'rating', 'coupon',
  'refund', 'address', 'contact', 'lead', 'campaign', 'segment', 'event', 'schedule', 'booking', 'room',
  'vehicle', 'route', 'driver', 'tenant', 'role', 'permission', 'token', 'webhook', 'job', 'queue', 'batch',
  'license', 'template', 'message', 'thread', 'channel', 'feature', 'flag', 'price', 'tax', 'currency',
] as const;

const VERBS = [
  'fetch', 'load', 'create', 'update', 'remove', 'sync', 'validate', 'normalize', 'format', 'compute',
  'resolve', 'merge', 'build', 'parse', 'render', 'schedule', 'archive', 'publish', 'refresh', 'collect',
  'filter', 'group', 'rank', 'enrich', 'reconcile', 'notify', 'approve', 'cancel', 'assign', 'track',
] as const;

const ADJECTIVES = [
  'active', 'pending', 'archived', 'recent', 'primary', 'default', 'shared', 'external', 'internal', 'draft',
  'verified', 'expired', 'scheduled', 'visible', 'locked', 'public', 'private', 'stale', 'failed', 'paid',
] as const;

const FIELD_TYPES = ['string', 'number', 'boolean', 'Date', 'string[]', 'number | null', 'Record<string, string>'] as const;

export const pascal = (word: string): string => word[0].toUpperCase() + word.slice(1);

/** English plural of the vocabulary's nouns (`inventory` → `inventories`, `batch` → `batches`). */
export function plural(noun: string): string {
  if (/[^aeiou]y$/.test(noun)) return noun.slice(0, -1) + 'ies';
  if (/(s|x|ch|sh)$/.test(noun)) return noun + 'es';
  return noun + 's';
}

export class Names {
  constructor(private readonly random: Random) {}

  noun(): string {
    return this.random.pick(NOUNS);
  }

  verb(): string {
    return this.random.pick(VERBS);
  }

  adjective(): string {
    return this.random.pick(ADJECTIVES);
  }

  /** `OrderSummary`, `PendingInvoice` ... */
  typeName(): string {
    return this.random.chance(0.5)
      ? pascal(this.noun()) + this.random.pick(['Summary', 'Details', 'Record', 'Options', 'State', 'Payload'])
      : pascal(this.adjective()) + pascal(this.noun());
  }

  /** `loadInvoice`, `syncActiveOrders` ... */
  functionName(): string {
    return this.random.chance(0.6)
      ? this.verb() + pascal(this.noun())
      : this.verb() + pascal(this.adjective()) + pascal(plural(this.noun()));
  }

  variableName(): string {
    return this.random.chance(0.5) ? this.noun() : this.adjective() + pascal(this.noun());
  }

  fieldType(): string {
    return this.random.pick(FIELD_TYPES);
  }

  /** Fields of an interface, unique by name. */
  fields(count: number): Array<{ name: string; type: string }> {
    const names = new Set<string>(['id']);
    while (names.size < count + 1) names.add(this.variableName());
    return [...names].map((name) => ({ name, type: name === 'id' ? 'string' : this.fieldType() }));
  }
}
