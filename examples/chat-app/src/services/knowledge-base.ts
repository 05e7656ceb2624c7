import { AzureKeyCredential, OpenAIClient } from '@azure/openai';
import { listArticles, type Article } from '../data/store';
import { storeEmbedding } from '../search/embedding-cache';

const EMBEDDING_DEPLOYMENT = 'text-embedding-3-small';
const BATCH_SIZE = 16;

// Still on @azure/openai 1.0.0-beta.12; Microsoft now recommends the openai package's AzureOpenAI instead.
const client = new OpenAIClient(
  process.env.AZURE_OPENAI_ENDPOINT ?? '',
  new AzureKeyCredential(process.env.AZURE_OPENAI_API_KEY ?? ''),
);

/** Re-embeds every help-centre article; runs nightly and after an article is edited. */
export async function reindexArticles(): Promise<number> {
  const articles = listArticles();
  for (let start = 0; start < articles.length; start += BATCH_SIZE) {
    const batch = articles.slice(start, start + BATCH_SIZE);
    const inputs = batch.map((article) => `${article.title}\n\n${article.body}`);
    const result = await client.getEmbeddings(EMBEDDING_DEPLOYMENT, inputs);
    for (const item of result.data) storeEmbedding(batch[item.index].id, item.embedding);
  }
  return articles.length;
}

/** Answers a customer's question from the given articles only (the help centre's "Ask" box). */
export async function answerFromArticles(question: string, articles: readonly Article[]): Promise<string> {
  const context = articles.map((article) => `# ${article.title}\n${article.body}`).join('\n\n');
  const result = await client.getChatCompletions('gpt-4o-support', [
    { role: 'system', content: `Answer only from these articles. If they do not cover the question, say so.\n\n${context}` },
    { role: 'user', content: question },
  ]);
  return result.choices[0]?.message?.content ?? '';
}
