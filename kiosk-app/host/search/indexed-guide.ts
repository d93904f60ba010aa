// Everything a query needs about one guide, computed once when the guide is indexed.
import { foldText } from './normalize';
import { pinyinSyllablesOf } from './pinyin-terms';
import type { SearchDoc } from './search-types';

/** Pinyin of one folded name, with the syllable layout needed for mid-name matches and highlights. */
export interface PinyinForm {
  readonly full: string;
  readonly initials: string;
  /**
   * Offset in `full` at which each syllable begins, one UTF-16 unit per syllable (a string is the
   * smallest array there is, and there is a form per distinct name): read it with syllableStart.
   */
  readonly syllableStarts: string;
  /**
   * UTF-16 [start, end) in the folded name of the character each syllable was read from, pairs in
   * a row; left out when syllable i reads character i (most names), which keeps forms small.
   */
  readonly charRanges?: readonly number[];
}

/** The UTF-16 range of the character syllable `index` was read from. */
export function syllableCharRange(form: PinyinForm, index: number): [number, number] | null {
  if (index < 0 || index >= syllableCount(form)) return null;
  if (!form.charRanges) return [index, index + 1];
  const start = form.charRanges[2 * index];
  const end = form.charRanges[2 * index + 1];
  return start === undefined || end === undefined ? null : [start, end];
}

export const syllableCount = (form: PinyinForm): number => form.syllableStarts.length;

/** Where syllable `index` begins in `full` (undefined past the last). */
export const syllableStart = (form: PinyinForm, index: number): number | undefined =>
  index < form.syllableStarts.length ? form.syllableStarts.charCodeAt(index) : undefined;

/** The syllable beginning at `offset` of `full`, or -1. */
export const syllableStartingAt = (form: PinyinForm, offset: number): number =>
  form.syllableStarts.indexOf(String.fromCharCode(offset));

/** A folded name as the index holds it: one string and one form however many guides carry it. */
export interface KnownName {
  readonly name: string;
  readonly form: PinyinForm;
}

export interface IndexedGuide {
  readonly id: string;
  readonly category: string;
  readonly slot: number;
  /** As written (for highlights, mapped from the folded title only for the hits shown). */
  readonly originalTitle: string;
  /** Folded (NFKC, lower case, Simplified) like every query. */
  readonly title: string;
  /** The title's concept: without brackets and a generic service word at the end (居住证申领 → 居住证). */
  readonly core: string;
  /** Shared with every guide carrying the same name: one string and one pinyin form each. */
  readonly aliases: readonly KnownName[];
  readonly keywords: readonly KnownName[];
  readonly body: string;
  readonly titlePinyin: PinyinForm;
}

/** `known` gives the index's one copy of a folded name and its pinyin. */
export function indexGuide(doc: SearchDoc, slot: number, known: (folded: string) => KnownName): IndexedGuide {
  const title = known(foldText(doc.title));
  const aliases = foldNames(doc.aliases).map(known);
  const keywords = foldNames(doc.keywords).map(known);
  return {
    id: doc.id,
    category: doc.category,
    slot,
    originalTitle: doc.title,
    title: title.name,
    core: conceptOf(title.name),
    aliases,
    keywords,
    body: foldText(doc.body),
    titlePinyin: title.form,
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
  const texts = syllables.map((syllable) => syllable.text);
  let offset = 0;
  const oneCharEach = syllables.every((syllable, index) => syllable.start === index && syllable.end === index + 1);
  // Built flat and to size: a string grown by += and arrays grown by push keep their pieces and
  // spare room, ten times what the form needs (and there is one per distinct name).
  return {
    full: texts.join(''),
    initials: texts.map((text) => text[0]).join(''),
    syllableStarts: String.fromCharCode(
      ...texts.map((text) => {
        const start = offset;
        offset += text.length;
        return start;
      }),
    ),
    ...(oneCharEach ? {} : { charRanges: syllables.flatMap((syllable) => [syllable.start, syllable.end]) }),
  };
}

function foldNames(names: readonly string[]): string[] {
  return [...new Set(names.map(foldText))].filter((name) => name.length > 0);
}
