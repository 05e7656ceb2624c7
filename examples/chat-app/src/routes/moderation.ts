import { Router } from 'express';
import { openai } from '@/lib/openai';

export const moderationRouter = Router();

// Community answers are checked before they are published on the public forum.
moderationRouter.post('/moderation/check', async (req, res) => {
  const text = String(req.body?.text ?? '');
  const { results } = await openai.moderations.create({ model: 'omni-moderation-latest', input: text });
  const [result] = results;
  const categories = Object.entries(result.categories)
    .filter(([, hit]) => hit)
    .map(([name]) => name);
  res.json({ flagged: result.flagged, categories });
});
