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
  /** The title's concept: without brackets and a generic service word at the end (居住证申领 → 居住证). */
  readonly core: string;
  readonly aliases: readonly string[];
  readonly keywords: readonly string[];
  readonly body: string;
  readonly titlePinyin: PinyinForm;
  /** In the order of `aliases` and `keywords`. */
  readonly aliasPinyin: readonly PinyinForm[];
  readonly keywordPinyin: readonly PinyinForm[];
  /** Title, aliases and keywords: all the names a resident may type in pinyin. */
  readonly namePinyin: readonly PinyinForm[];
}

/** Pinyin prefixes of up to this many letters are keys: shequ… must not fetch every she… guide. */
export const PINYIN_KEY_LETTERS = 6;

/** The index's postings, one per candidate source (see candidate-sources.ts). */
export const POSTING_LISTS = [
  'titleGrams',
  'otherNameGrams',
  'initialsStarts',
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
  const aliasPinyin = aliases.map(pinyinFormOf);
  const keywordPinyin = keywords.map(pinyinFormOf);
  return {
    id: doc.id,
    category: doc.category,
    slot,
    titleLength: doc.title.length,
    title,
    titleSource: sourceOffsetsOf(doc.title, title),
    core: conceptOf(title),
    aliases,
    keywords,
    body: foldText(doc.body),
    titlePinyin,
    aliasPinyin,
    keywordPinyin,
    namePinyin: [titlePinyin, ...aliasPinyin, ...keywordPinyin],
  };
}

/** Words that say a service is asked for, not what it is about: 居住证申领 is about 居住证. */
const GENERIC_SERVICE_ENDING = /(首次申领|申领|申请|办理|登记|开具|打印|认定|备案)$/u;
const BRACKETED = /[（(][^）)]*[）)]/gu;

function conceptOf(title: string): string {
  const unbracketed = title.replace(BRACKETED, '').trim();
  const core = unbracketed.replace(GENERIC_SERVICE_ENDING, '');
  return core.length > 0 ? core : unbracketed;
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
  addCharGrams(guide.title, keys.titleGrams);
  for (const name of [...guide.aliases, ...guide.keywords]) addCharGrams(name, keys.otherNameGrams);
  for (const form of guide.namePinyin) {
    if (form.full === '') continue;
    addLeadingKeys(form.initials, PINYIN_KEY_LETTERS, keys.initialsStarts);
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
