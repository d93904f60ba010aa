// Splits a normalised query into the parts that must all match (AND) and says how to match each.
import { understandPhrasing } from './everyday-phrasing';
import { pinyinTermsOf } from './pinyin-terms';

/** hanzi: literal Chinese; latin: letters that may be pinyin; literal: digits, codes, punctuation. */
export type QueryPartKind = 'hanzi' | 'latin' | 'literal';

/** Coarse class for logging (log the class and hit count, never the query text). */
export type QueryClass = 'empty' | 'hanzi' | 'latin' | 'mixed' | 'other';

export interface QueryPart {
  readonly text: string;
  readonly kind: QueryPartKind;
  /** All consonants (sb, gjj, jzz): read as initials before full pinyin. A vowel means full pinyin. */
  readonly allConsonants: boolean;
}

export interface ParsedQuery {
  readonly queryClass: QueryClass;
  readonly parts: readonly QueryPart[];
}

const HAN = /\p{Script=Han}/u;
// Residents type 社保gs without a space as often as with one, so Han/Latin boundaries split too.
const HAN_OR_LATIN_RUN = /[a-z]+|[^a-z]+/g;
export const LATIN = /^[a-z]+$/;
const CONSONANTS = /^[bcdfghjklmnpqrstwxyz]+$/;

/** Expects the output of normalizeQuery (lower-case, single spaces). */
export function parseQuery(normalized: string): ParsedQuery {
  const texts = new Set(
    normalized
      .split(' ')
      .flatMap(splitLatinFromHan)
      .filter((text) => text.length > 0),
  );
  const parts = [...texts].map(toPart);
  return { queryClass: classify(parts), parts };
}

function splitLatinFromHan(word: string): string[] {
  if (!HAN.test(word) || !/[a-z]/.test(word)) return [word];
  // Only Latin runs are separated; digits and punctuation stay with their neighbours (12345热线).
  const runs = word.match(HAN_OR_LATIN_RUN) ?? [];
  return runs.every((run) => LATIN.test(run) || HAN.test(run)) ? runs : [word];
}

export function toPart(text: string): QueryPart {
  const kind: QueryPartKind = HAN.test(text) ? 'hanzi' : LATIN.test(text) ? 'latin' : 'literal';
  return { text, kind, allConsonants: kind === 'latin' && CONSONANTS.test(text) };
}

function classify(parts: readonly QueryPart[]): QueryClass {
  const kinds = new Set(parts.map((part) => part.kind));
  if (kinds.size === 0) return 'empty';
  if (kinds.size > 1) return 'mixed';
  return kinds.has('hanzi') ? 'hanzi' : kinds.has('latin') ? 'latin' : 'other';
}

/** One way to match a part, and how much a match that way is worth (1: as typed). */
export interface Alternative {
  readonly part: QueryPart;
  readonly weight: number;
  /** A guess at what was meant (a homophone's sound): tried only when nothing matches as typed. */
  readonly corrective?: boolean;
}

/** A part of what the resident is after: any of its alternatives matching will do. */
export interface SoughtPart {
  readonly alternatives: readonly Alternative[];
}

/** The guides' words standing in for an everyday word (丢了 → 挂失). */
const GUIDE_WORD_WEIGHT = 0.9;
/** A Hanzi word read as its sound: most typing slips on a pinyin IME are homophones (居住正 → 居住证). */
const SOUND_ALIKE_WEIGHT = 0.7;

/**
 * What a normalised query asks for: its parts (see parseQuery) with question words dropped and
 * everyday words given the guides' words (everyday-phrasing.ts), each Hanzi word also by its sound.
 */
export function soughtPartsOf(normalized: string): SoughtPart[] {
  const sought = parseQuery(normalized).parts.flatMap((part): SoughtPart[] =>
    part.kind === 'hanzi'
      ? understandPhrasing(part.text).map((phrase) => ({
          alternatives: phrase.alternatives.flatMap((text, index) =>
            alternativesOf(text, index === 0 ? 1 : GUIDE_WORD_WEIGHT),
          ),
        }))
      : [{ alternatives: [{ part, weight: 1 }] }],
  );
  const seen = new Set<string>();
  return sought.filter((part) => {
    const key = part.alternatives.map((alternative) => alternative.part.text).join(' ');
    return !seen.has(key) && seen.add(key);
  });
}

function alternativesOf(text: string, weight: number): Alternative[] {
  const typed = { part: toPart(text), weight };
  if (weight < 1 || Array.from(text).length < 2 || typed.part.kind !== 'hanzi') return [typed];
  const sound = pinyinTermsOf(text).full;
  return LATIN.test(sound) ? [typed, { part: toPart(sound), weight: SOUND_ALIKE_WEIGHT, corrective: true }] : [typed];
}
