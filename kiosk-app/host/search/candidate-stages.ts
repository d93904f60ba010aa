// Where to look for the guides that can reach each ranking tier, best tier first.
import { Tier } from './guide-match';
import { PINYIN_KEY_LETTERS, TITLE_START_KEY_CHARS } from './indexed-guide';
import type { PostingListName } from './indexed-guide';
import { leadingKeyOf, queryGramsOf } from './postings';
import type { SlotPostings } from './postings';
import type { QueryPart } from './query-parts';

export type Postings = Readonly<Record<PostingListName, SlotPostings>>;

export interface Stage {
  /** Best tier this stage can produce; it finds every guide matching at this tier (a superset). */
  readonly bestTier: number;
  candidates(postings: Postings, part: QueryPart): readonly number[];
}

const NONE: readonly number[] = [];

const ifInitials = (part: QueryPart, lookup: () => readonly number[]) => (part.allConsonants ? lookup() : NONE);
const ifLatin = (part: QueryPart, lookup: () => readonly number[]) => (part.kind === 'latin' ? lookup() : NONE);
const pinyinKey = (text: string) => leadingKeyOf(text, PINYIN_KEY_LETTERS);

/**
 * One stage per tier (the first covers alias exact and title exact), in descending tier order, so
 * the search can stop as soon as `limit` hits beat everything the remaining stages could still add.
 */
export const STAGES: readonly Stage[] = [
  { bestTier: Tier.aliasExact, candidates: (lists, { text }) => lists.exactNames.get(text) },
  {
    bestTier: Tier.titlePrefix,
    candidates: (lists, { text }) => lists.titleStarts.get(leadingKeyOf(text, TITLE_START_KEY_CHARS)),
  },
  { bestTier: Tier.titleSubstring, candidates: (lists, { text }) => lists.titleGrams.getAll(queryGramsOf(text)) },
  { bestTier: Tier.aliasSubstring, candidates: (lists, { text }) => lists.otherNameGrams.getAll(queryGramsOf(text)) },
  {
    bestTier: Tier.initialsExact,
    candidates: (lists, part) => ifInitials(part, () => lists.wholeInitials.get(part.text)),
  },
  {
    bestTier: Tier.initialsPrefix,
    candidates: (lists, part) => ifInitials(part, () => lists.initialsStarts.get(pinyinKey(part.text))),
  },
  { bestTier: Tier.pinyinExact, candidates: (lists, part) => ifLatin(part, () => lists.wholePinyin.get(part.text)) },
  {
    bestTier: Tier.pinyinPrefix,
    candidates: (lists, part) => ifLatin(part, () => lists.pinyinStarts.get(pinyinKey(part.text))),
  },
  {
    bestTier: Tier.pinyinSubstring,
    candidates: (lists, part) => ifLatin(part, () => lists.laterPinyin.get(pinyinKey(part.text))),
  },
  { bestTier: Tier.body, candidates: (lists, { text }) => lists.bodyGrams.getAll(queryGramsOf(text)) },
];
