/**
 * Cases that may be the same matter told twice (the same place, the same category, close words):
 * suggested at 受理 so staff can merge them. Text is compared by its character pairs (Dice's
 * coefficient over bigrams), which suits Chinese without a word segmenter: 垃圾桶满了没人清 and
 * 垃圾桶已经满了三天 share most of their pairs. Pure.
 */

const normal = (text: string) =>
  text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s\p{P}\p{S}]+/gu, '');

function bigrams(text: string): Map<string, number> {
  const chars = Array.from(normal(text));
  const counts = new Map<string, number>();
  for (let index = 0; index + 1 < chars.length; index++) {
    const pair = chars[index]! + chars[index + 1]!;
    counts.set(pair, (counts.get(pair) ?? 0) + 1);
  }
  return counts;
}

/** 0 (nothing shared) to 1 (the same once spacing and punctuation are set aside). */
export function textSimilarity(a: string, b: string): number {
  const x = bigrams(a);
  const y = bigrams(b);
  let shared = 0;
  let total = 0;
  for (const count of x.values()) total += count;
  for (const count of y.values()) total += count;
  for (const [pair, count] of x) shared += Math.min(count, y.get(pair) ?? 0);
  return total === 0 ? 0 : (2 * shared) / total;
}

/** How alike two cases read: what happened and where, together. */
export const SIMILAR_CASE_THRESHOLD = 0.35;

export function mostSimilar<T extends { text: string }>(text: string, candidates: readonly T[], limit = 5) {
  return candidates
    .map((candidate) => ({ candidate, similarity: textSimilarity(text, candidate.text) }))
    .filter((entry) => entry.similarity >= SIMILAR_CASE_THRESHOLD)
    .sort((a, b) => b.similarity - a.similarity)
    .slice(0, limit);
}
