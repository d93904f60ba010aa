// Splits a normalised query into the parts that must all match (AND) and says how to match each.

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
const LATIN = /^[a-z]+$/;
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

function toPart(text: string): QueryPart {
  const kind: QueryPartKind = HAN.test(text) ? 'hanzi' : LATIN.test(text) ? 'latin' : 'literal';
  return { text, kind, allConsonants: kind === 'latin' && CONSONANTS.test(text) };
}

function classify(parts: readonly QueryPart[]): QueryClass {
  const kinds = new Set(parts.map((part) => part.kind));
  if (kinds.size === 0) return 'empty';
  if (kinds.size > 1) return 'mixed';
  return kinds.has('hanzi') ? 'hanzi' : kinds.has('latin') ? 'latin' : 'other';
}
