// Everything a query needs about one guide, computed once when the guide is indexed.
import { foldText, sourceOffsetsOf } from './normalize';
import type { SourceOffsets } from './normalize';
import { pinyinSyllablesOf } from './pinyin-terms';
import { addCharGrams, addLeadingKeys } from './postings';
import type { SearchDoc } from './search-types';

/** Pinyin of one folded name, with the syllable layout needed for mid-name matches and highlights. */
export interface PinyinForm {
  readonly full: string;
  readonly initials: string;
  /** Offset in `full` at which each syllable begins. */
  readonly syllableStarts: readonly number[];
  /** UTF-16 range, in the folded name, of the character each syllable was read from. */
  readonly charStarts: readonly number[];
  readonly charEnds: readonly number[];
}

export interface IndexedGuide {
  readonly id: string;
  readonly category: string;
  readonly slot: number;
  /** Of the original title: shorter titles win ties. */
  readonly titleLength: number;
  /** Folded (NFKC, lower case, Simplified) like every query. */
  readonly title: string;
  /** Null when the folded title cannot be mapped back to the original: no highlights then. */
  readonly titleSource: SourceOffsets | null;
  readonly aliases: readonly string[];
  readonly keywords: readonly string[];
  readonly body: string;
  readonly titlePinyin: PinyinForm;
  /** Title, aliases and keywords: all the names a resident may type in pinyin. */
  readonly namePinyin: readonly PinyinForm[];
}

/** Title prefixes of up to this many characters are keys (a longer query verifies the rest). */
export const TITLE_START_KEY_CHARS = 3;
/** Pinyin prefixes of up to this many letters are keys: shequ… must not fetch every she… guide. */
export const PINYIN_KEY_LETTERS = 6;

/** The index's postings, one per candidate source (see candidate-stages.ts). */
export const POSTING_LISTS = [
  'exactNames',
  'titleStarts',
  'titleGrams',
  'otherNameGrams',
  'wholeInitials',
  'initialsStarts',
  'wholePinyin',
  'pinyinStarts',
  'laterPinyin',
  'bodyGrams',
] as const;

export type PostingListName = (typeof POSTING_LISTS)[number];
export type PostingKeys = Record<PostingListName, Set<string>>;

export function indexGuide(doc: SearchDoc, slot: number, pinyinFormOf: (folded: string) => PinyinForm): IndexedGuide {
  const title = foldText(doc.title);
  const aliases = foldNames(doc.aliases);
  const keywords = foldNames(doc.keywords);
  const titlePinyin = pinyinFormOf(title);
  return {
    id: doc.id,
    category: doc.category,
    slot,
    titleLength: doc.title.length,
    title,
    titleSource: sourceOffsetsOf(doc.title, title),
    aliases,
    keywords,
    body: foldText(doc.body),
    titlePinyin,
    namePinyin: [titlePinyin, ...[...aliases, ...keywords].map(pinyinFormOf)],
  };
}

export function pinyinFormOf(folded: string): PinyinForm {
  const syllables = pinyinSyllablesOf(folded);
  const syllableStarts: number[] = [];
  let full = '';
  for (const syllable of syllables) {
    syllableStarts.push(full.length);
    full += syllable.text;
  }
  return {
    full,
    initials: syllables.map((syllable) => syllable.text[0]).join(''),
    syllableStarts,
    charStarts: syllables.map((syllable) => syllable.start),
    charEnds: syllables.map((syllable) => syllable.end),
  };
}

/** Keys under which a guide is filed in each posting list. */
export function postingKeysOf(guide: IndexedGuide): PostingKeys {
  const keys = Object.fromEntries(POSTING_LISTS.map((list) => [list, new Set<string>()])) as PostingKeys;
  const otherNames = [...guide.aliases, ...guide.keywords];
  for (const name of [guide.title, ...otherNames]) keys.exactNames.add(name);
  addLeadingKeys(guide.title, TITLE_START_KEY_CHARS, keys.titleStarts);
  addCharGrams(guide.title, keys.titleGrams);
  for (const name of otherNames) addCharGrams(name, keys.otherNameGrams);
  for (const form of guide.namePinyin) {
    if (form.full === '') continue;
    keys.wholeInitials.add(form.initials);
    addLeadingKeys(form.initials, PINYIN_KEY_LETTERS, keys.initialsStarts);
    keys.wholePinyin.add(form.full);
    addLeadingKeys(form.full, PINYIN_KEY_LETTERS, keys.pinyinStarts);
    for (const start of form.syllableStarts.slice(1)) {
      addLeadingKeys(form.full.slice(start), PINYIN_KEY_LETTERS, keys.laterPinyin);
    }
  }
  addCharGrams(guide.body, keys.bodyGrams);
  return keys;
}

function foldNames(names: readonly string[]): string[] {
  return [...new Set(names.map(foldText))].filter((name) => name.length > 0);
}
