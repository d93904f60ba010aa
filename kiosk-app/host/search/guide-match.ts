// How well one query part matches one guide (the ranking tiers), and where in the title it matched.
import type { IndexedGuide, PinyinForm } from './indexed-guide';
import type { QueryPart } from './query-parts';
import type { SearchField } from './search-types';

/**
 * Ranking tiers, best first. Within the pinyin tiers a whole-name match (sb = 社保) beats a prefix
 * (sb… = 社保卡补办), mirroring alias exact > alias substring for Hanzi.
 */
export const Tier = {
  aliasExact: 12,
  titleExact: 11,
  titlePrefix: 10,
  titleSubstring: 9,
  /** Keywords are loose tags (挂失 on a guide about re-issuing), so a title containing the query wins. */
  keywordExact: 8,
  aliasSubstring: 7,
  initialsExact: 6,
  initialsPrefix: 5,
  pinyinExact: 4,
  pinyinPrefix: 3,
  /** Full pinyin starting at a later syllable: bao finds 社保 (shebao), but hebao does not. */
  pinyinSubstring: 2,
  body: 1,
} as const;

export const BEST_TIER = Tier.aliasExact;

export interface PartMatch {
  readonly tier: number;
  readonly field: SearchField;
}

export function bestMatch(guide: IndexedGuide, part: QueryPart): PartMatch | null {
  return literalNameMatch(guide, part.text) ?? pinyinMatch(guide, part) ?? bodyMatch(guide, part.text);
}

function literalNameMatch(guide: IndexedGuide, text: string): PartMatch | null {
  if (guide.aliases.includes(text)) return { tier: Tier.aliasExact, field: 'alias' };
  const titleAt = guide.title.indexOf(text);
  if (titleAt === 0) return { tier: guide.title === text ? Tier.titleExact : Tier.titlePrefix, field: 'title' };
  if (titleAt > 0) return { tier: Tier.titleSubstring, field: 'title' };
  if (guide.keywords.includes(text)) return { tier: Tier.keywordExact, field: 'keyword' };
  if (guide.aliases.some((alias) => alias.includes(text))) return { tier: Tier.aliasSubstring, field: 'alias' };
  if (guide.keywords.some((keyword) => keyword.includes(text))) return { tier: Tier.aliasSubstring, field: 'keyword' };
  return null;
}

function pinyinMatch(guide: IndexedGuide, part: QueryPart): PartMatch | null {
  if (part.kind !== 'latin') return null;
  const tier = pinyinTier(guide.namePinyin, part);
  return tier === null ? null : { tier, field: 'pinyin' };
}

function pinyinTier(forms: readonly PinyinForm[], { text, allConsonants }: QueryPart): number | null {
  if (allConsonants) {
    if (forms.some((form) => form.initials === text)) return Tier.initialsExact;
    if (forms.some((form) => form.initials.startsWith(text))) return Tier.initialsPrefix;
  }
  if (forms.some((form) => form.full === text)) return Tier.pinyinExact;
  if (forms.some((form) => form.full.startsWith(text))) return Tier.pinyinPrefix;
  if (forms.some((form) => laterSyllableMatching(form, text) >= 0)) return Tier.pinyinSubstring;
  return null;
}

function bodyMatch(guide: IndexedGuide, text: string): PartMatch | null {
  return guide.body.includes(text) ? { tier: Tier.body, field: 'body' } : null;
}

/**
 * The [start, end) range of the folded title that the part matched: the literal text, else the
 * characters read by the matched initials or pinyin syllables; null when only another field matched.
 */
export function titleMatchRange(guide: IndexedGuide, part: QueryPart): [number, number] | null {
  const at = guide.title.indexOf(part.text);
  if (at >= 0) return [at, at + part.text.length];
  return part.kind === 'latin' ? pinyinTitleRange(guide.titlePinyin, part) : null;
}

function pinyinTitleRange(form: PinyinForm, { text, allConsonants }: QueryPart): [number, number] | null {
  if (allConsonants && form.initials.startsWith(text)) return charRange(form, 0, text.length - 1);
  const first = form.full.startsWith(text) ? 0 : laterSyllableMatching(form, text);
  if (first < 0) return null;
  const matchEnd = (form.syllableStarts[first] ?? 0) + text.length;
  let last = first;
  while ((form.syllableStarts[last + 1] ?? Infinity) < matchEnd) last++;
  return charRange(form, first, last);
}

/** Index of the first syllable after the first at which the full pinyin continues with text, or -1. */
function laterSyllableMatching(form: PinyinForm, text: string): number {
  for (let at = form.full.indexOf(text, 1); at >= 0; at = form.full.indexOf(text, at + 1)) {
    const syllable = form.syllableStarts.indexOf(at);
    if (syllable > 0) return syllable;
  }
  return -1;
}

function charRange(form: PinyinForm, firstSyllable: number, lastSyllable: number): [number, number] | null {
  const start = form.charStarts[firstSyllable];
  const end = form.charEnds[lastSyllable];
  return start === undefined || end === undefined ? null : [start, end];
}
