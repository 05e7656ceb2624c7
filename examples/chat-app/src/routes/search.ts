import { Router } from 'express';
import { listArticles } from '@/data/store';
import { openai } from '@/lib/openai';
import { cosineSimilarity, getEmbeddings } from '@/search/embedding-cache';
import { answerFromArticles } from '@/services/knowledge-base';

// Must be the model the article index was built with, or the vectors are not comparable.
const EMBEDDING_MODEL = 'text-embedding-3-small';
const RESULT_COUNT = 5;

export const searchRouter = Router();

// Semantic search over help-centre articles. Article vectors come from the nightly re-index.
searchRouter.get('/articles/search', async (req, res) => {
  const query = String(req.query.q ?? '').trim();
  if (!query) {
    res.status(400).json({ error: 'missing ?q=' });
    return;
  }
  const { data } = await openai.embeddings.create({ model: EMBEDDING_MODEL, input: query });
  const queryVector = data[0].embedding;
  const articles = listArticles();
  const vectors = getEmbeddings(articles.map((article) => article.id));
  const ranked = articles
    .flatMap((article) => {
      const vector = vectors.get(article.id);
      return vector ? [{ article, score: cosineSimilarity(queryVector, vector) }] : [];
    })
    .sort((a, b) => b.score - a.score)
    .slice(0, RESULT_COUNT);
  res.json(ranked.map(({ article, score }) => ({ id: article.id, title: article.title, score })));
});

searchRouter.post('/answers', async (req, res) => {
  const question = String(req.body?.question ?? '').trim();
  if (!question) {
    res.status(400).json({ error: 'missing question' });
    return;
  }
  res.json({ answer: await answerFromArticles(question, listArticles()) });
});
