// Folding shared by queries and indexed content: both sides must fold identically or matches are missed.
import { Converter } from 'opencc-js/t2cn';
// The dictionaries of that converter (hk → cn: compatibility ideographs, Hong Kong variants, then
// Traditional → Simplified phrases and characters), read only for the characters their keys start with.
import compatibility from 'opencc-js/dict/CJK_Compatibility_Ideographs';
import hkVariantPhrases from 'opencc-js/dict/HKVariantsRevPhrases';
import hkVariants from 'opencc-js/dict/HKVariantsRev';
import tsCharacters from 'opencc-js/dict/TSCharacters';
import tsPhrases from 'opencc-js/dict/TSPhrases';

/** An on-screen keyboard can emit long junk; no real query or guide title is longer than this. */
const MAX_QUERY_CODE_POINTS = 64;

/**
 * 'hk' converts standard Traditional and also Hong Kong variant characters (衞 → 卫) that 't' leaves
 * alone. Made when text first needs it (see mayConvert): OpenCC files its phrases in a tree of maps
 * that is most of a kiosk host's memory, and most kiosks' guides and queries are Simplified.
 */
let traditionalToSimplified: ((text: string) => string) | undefined;

/**
 * What the conversion's dictionaries can change: characters the conversion changes, and the first
 * two units of phrase keys. Text holding none of them is left as it is by every step, so it
 * need not go through the converter: most guide text is Simplified already, and converting 10,000
 * guides' text was most of the index's build. (A phrase key's first character alone would not do:
 * 一 starts phrases.)
 */
const CHARACTER_KEY = new Uint8Array(0x10000);
const PHRASE_START = new Set<number>();
/** Each key's first candidate: what the converter puts for a lone character. */
const firstCandidates = (dictionary: string) =>
  new Map(dictionary.split('|').map((entry) => entry.split(' ', 2) as [string, string]));
const [compatible, hkStandard, simplified] = [compatibility, hkVariants, tsCharacters].map(firstCandidates);
/** A lone character through the converter's steps, read from its dictionaries (fast at start-up). */
function convertedCharacter(char: string): string {
  const standard = compatible!.get(char) ?? char;
  const traditional = hkStandard!.get(standard) ?? standard;
  return simplified!.get(traditional) ?? traditional;
}
for (const dictionary of [compatibility, hkVariantPhrases, hkVariants, tsPhrases, tsCharacters])
  for (const entry of dictionary.split('|')) {
    const key = entry.slice(0, entry.indexOf(' '));
    // A key of one character (two units when outside the BMP) counts when the whole conversion
    // changes it: 户 is a Hong Kong variant key that comes back as 户, and is in most guides.
    if (key.length === 1 || (key.length === 2 && key.codePointAt(0)! > 0xffff)) {
      if (convertedCharacter(key) !== key) CHARACTER_KEY[key.charCodeAt(0)] = 1;
    } else PHRASE_START.add(key.charCodeAt(0) * 0x10000 + key.charCodeAt(1));
  }

function mayConvert(text: string): boolean {
  for (let at = 0; at < text.length; at++) {
    const unit = text.charCodeAt(at);
    if (CHARACTER_KEY[unit] === 1 || PHRASE_START.has(unit * 0x10000 + text.charCodeAt(at + 1))) return true;
  }
  return false;
}

const WHITESPACE_RUN = /\s+/gu;
const ONLY_WHITESPACE = /^\s+$/u;

/** Traditional → Simplified only. Folding towards Simplified is safe: it is close to many-to-one. */
export function toSimplified(text: string): string {
  if (!mayConvert(text)) return text;
  traditionalToSimplified ??= Converter({ from: 'hk', to: 'cn' });
  return traditionalToSimplified(text);
}

/** NFKC (full-width ｓｂ１ → sb1), lower case, Simplified, whitespace collapsed and trimmed. */
export function foldText(text: string): string {
  return toSimplified(text.normalize('NFKC').toLowerCase()).replace(WHITESPACE_RUN, ' ').trim();
}

export function normalizeQuery(raw: string): string {
  const folded = foldText(raw);
  if (folded.length <= MAX_QUERY_CODE_POINTS) return folded;
  return Array.from(folded).slice(0, MAX_QUERY_CODE_POINTS).join('').trimEnd();
}

/** For each UTF-16 unit of a folded text, the range of the original text it came from. */
export interface SourceOffsets {
  readonly start: readonly number[];
  readonly end: readonly number[];
}

/**
 * Folds one code point at a time to learn where each folded unit came from, so a match in the
 * folded title can be highlighted in the original. Returns null in the rare case where per-character
 * folding differs from whole-text folding (NFKC composition, a Traditional phrase changing length):
 * such titles simply get no highlights.
 */
export function sourceOffsetsOf(original: string, folded: string): SourceOffsets | null {
  let unfolded = '';
  const start: number[] = [];
  const end: number[] = [];
  let spaceSource = -1;
  let offset = 0;
  for (const char of original) {
    const piece = char.normalize('NFKC').toLowerCase();
    if (ONLY_WHITESPACE.test(piece)) {
      if (unfolded.length > 0 && spaceSource < 0) spaceSource = offset;
    } else {
      if (spaceSource >= 0) {
        unfolded += ' ';
        start.push(spaceSource);
        end.push(offset);
        spaceSource = -1;
      }
      unfolded += piece;
      for (let unit = 0; unit < piece.length; unit++) {
        start.push(offset);
        end.push(offset + char.length);
      }
    }
    offset += char.length;
  }
  const simplified = toSimplified(unfolded);
  return simplified === folded && simplified.length === unfolded.length ? { start, end } : null;
}

/** Maps a [start, end) range of the folded text back to the original text. */
export function toSourceRange(offsets: SourceOffsets, [from, to]: readonly [number, number]): [number, number] | null {
  const sourceStart = offsets.start[from];
  const sourceEnd = offsets.end[to - 1];
  return sourceStart === undefined || sourceEnd === undefined ? null : [sourceStart, sourceEnd];
}
