/**
 * Whether a new guide's title repeats one already there: the same once spacing, punctuation and
 * full-width forms are set aside, or a few characters apart (社保卡挂失 / 社保卡挂失补办). Pure.
 */

export type TitleMatch = { id: string; title: string; same: boolean };

const normal = (title: string) =>
  title
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s\p{P}\p{S}]+/gu, '');

/** Edits (insert, delete, replace) turning `a` into `b`, by code point. */
export function editDistance(a: string, b: string): number {
  const x = Array.from(a);
  const y = Array.from(b);
  let previous = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const current = [i];
    for (let j = 1; j <= y.length; j++)
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (x[i - 1] === y[j - 1] ? 0 : 1));
    previous = current;
  }
  return previous[y.length]!;
}

/**
 * Guides whose title is the same as or close to `title` (at most 4 characters apart, and either at
 * most a quarter of the longer title differs or one contains the other), the same ones first;
 * `ownId` (the guide being edited) is left out.
 */
export function similarTitles(
  title: string,
  guides: readonly { id: string; title: string }[],
  ownId = '',
  limit = 3,
): TitleMatch[] {
  const wanted = normal(title);
  if (Array.from(wanted).length < 2) return [];
  return guides
    .filter((guide) => guide.id !== ownId)
    .map((guide) => {
      const other = normal(guide.title);
      const longer = Math.max(Array.from(wanted).length, Array.from(other).length);
      const shorter = Math.min(Array.from(wanted).length, Array.from(other).length);
      const distance = editDistance(wanted, other);
      // One title with a few characters added (补办, 申请) reads as the same matter.
      const extended = shorter >= 4 && (wanted.includes(other) || other.includes(wanted));
      return { guide, distance, close: distance <= 4 && (extended || distance <= Math.floor(longer / 4)) };
    })
    .filter((match) => match.distance === 0 || match.close)
    .sort((a, b) => a.distance - b.distance)
    .slice(0, limit)
    .map(({ guide, distance }) => ({ id: guide.id, title: guide.title, same: distance === 0 }));
}
