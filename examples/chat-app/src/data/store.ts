// In-memory storage; production runs on Postgres behind the same functions.

export interface TicketMessage {
  author: 'customer' | 'agent';
  body: string;
}

export interface Ticket {
  id: string;
  subject: string;
  /** BCP 47 tag of the customer's language, e.g. `de-AT`. */
  customerLocale: string;
  messages: TicketMessage[];
}

export interface Article {
  id: string;
  title: string;
  body: string;
}

const tickets = new Map<string, Ticket>();
const articles = new Map<string, Article>();

export function findTicket(id: string): Ticket | undefined {
  return tickets.get(id);
}

export function saveTicket(ticket: Ticket): void {
  tickets.set(ticket.id, ticket);
}

export function listArticles(): Article[] {
  return [...articles.values()];
}

export function saveArticle(article: Article): void {
  articles.set(article.id, article);
}

/** The conversation as plain text, oldest message first. */
export function transcript(ticket: Ticket): string {
  const lines = ticket.messages.map((message) => `${message.author}: ${message.body}`);
  return [`Subject: ${ticket.subject}`, ...lines].join('\n');
}
