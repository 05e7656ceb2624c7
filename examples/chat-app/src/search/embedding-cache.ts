// Article vectors from the nightly re-index, kept in memory. Plain numbers, whichever model produced them.
const vectors = new Map<string, number[]>();

export function storeEmbedding(articleId: string, vector: number[]): void {
  vectors.set(articleId, vector);
}

/** Cached vectors of the given articles; articles that are not indexed yet are left out. */
export function getEmbeddings(articleIds: readonly string[]): Map<string, number[]> {
  const found = new Map<string, number[]>();
  for (const id of articleIds) {
    const vector = vectors.get(id);
    if (vector) found.set(id, vector);
  }
  return found;
}

export function cosineSimilarity(a: readonly number[], b: readonly number[]): number {
  let dot = 0;
  let normA = 0;
  let normB = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i] * b[i];
    normA += a[i] * a[i];
    normB += b[i] * b[i];
  }
  return dot / (Math.sqrt(normA) * Math.sqrt(normB) || 1);
}
