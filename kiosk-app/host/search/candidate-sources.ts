// Where to look for the guides one query part may match: a superset, which the scoring then checks.
import { PINYIN_KEY_LETTERS } from './indexed-guide';
import type { PostingListName } from './indexed-guide';
import { leadingKeyOf, queryGramsOf } from './postings';
import type { SlotPostings } from './postings';
import type { QueryPart } from './query-parts';

export type Postings = Readonly<Record<PostingListName, SlotPostings>>;

const pinyinKey = (text: string) => leadingKeyOf(text, PINYIN_KEY_LETTERS);

/** Slots of every guide the part may match in a name (title, alias, keyword), each once. */
export function nameCandidatesOf(postings: Postings, part: QueryPart): Set<number> {
  const { text } = part;
  const found = new Set<number>();
  const add = (slots: readonly number[]) => {
    for (const slot of slots) found.add(slot);
  };
  if (part.kind !== 'latin') {
    // Every character in the title: the title holds the text, or abbreviates to it (低保 in 最低生活保障).
    add(postings.titleGrams.getAll(Array.from(text)));
    add(postings.otherNameGrams.getAll(queryGramsOf(text)));
    return found;
  }
  add(postings.titleGrams.getAll(queryGramsOf(text)));
  add(postings.otherNameGrams.getAll(queryGramsOf(text)));
  if (part.allConsonants) add(postings.initialsStarts.get(pinyinKey(text)));
  add(postings.pinyinStarts.get(pinyinKey(text)));
  add(postings.laterPinyin.get(pinyinKey(text)));
  return found;
}

/** Slots of every guide whose text may hold the part (pinyin is not looked for in text). */
export function bodyCandidatesOf(postings: Postings, part: QueryPart): readonly number[] {
  return part.kind === 'latin' ? [] : postings.bodyGrams.getAll(queryGramsOf(part.text));
}
