// Folding shared by queries and indexed content: both sides must fold identically or matches are missed.
import { Converter } from 'opencc-js/t2cn';

/** An on-screen keyboard can emit long junk; no real query or guide title is longer than this. */
const MAX_QUERY_CODE_POINTS = 64;

// 'hk' converts standard Traditional and also Hong Kong variant characters (衞 → 卫) that 't' leaves alone.
const traditionalToSimplified = Converter({ from: 'hk', to: 'cn' });

const WHITESPACE_RUN = /\s+/gu;
const ONLY_WHITESPACE = /^\s+$/u;

/** Traditional → Simplified only. Folding towards Simplified is safe: it is close to many-to-one. */
export function toSimplified(text: string): string {
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
