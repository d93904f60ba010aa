/**
 * Which font draws which character: the primary face where it has the glyph, else the first
 * fallback that has it. A character no face has is an error, never a silent blank or box — on an
 * official form a missing stroke in a name is a wrong name.
 */
import { LinliError } from '@linli/protocol/errors';

export interface GlyphSource {
  covers(codePoint: number): boolean;
}

/** A stretch of text drawn with one font; `font` indexes the faces given (0 = primary). */
export interface FontRun {
  font: number;
  text: string;
}

/** Variation selectors pick a glyph variant of the character before them; they travel with it. */
function isVariationSelector(codePoint: number): boolean {
  return (codePoint >= 0xfe00 && codePoint <= 0xfe0f) || (codePoint >= 0xe0100 && codePoint <= 0xe01ef);
}

/** Line breaks are layout, not glyphs. */
function needsNoGlyph(codePoint: number): boolean {
  return codePoint === 0x0a || codePoint === 0x0d;
}

function fontFor(codePoint: number, faces: readonly GlyphSource[]): number {
  return faces.findIndex((face) => face.covers(codePoint));
}

/** The distinct characters no face covers, in order of first appearance. */
export function uncoveredCharacters(text: string, faces: readonly GlyphSource[]): string[] {
  const missing = new Set<string>();
  for (const char of text) {
    const codePoint = char.codePointAt(0)!;
    if (needsNoGlyph(codePoint) || isVariationSelector(codePoint)) continue;
    if (fontFor(codePoint, faces) < 0) missing.add(char);
  }
  return [...missing];
}

/** "𠀀 (U+20000)" — the code point lets a technician look up a character the screen cannot show. */
export function describeCharacters(chars: readonly string[]): string {
  return chars
    .map((char) => `${char} (U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')})`)
    .join(', ');
}

/** Splits text into runs per font; throws GLYPH_UNAVAILABLE naming the characters no face has. */
export function splitIntoFontRuns(text: string, faces: readonly GlyphSource[]): FontRun[] {
  const missing = uncoveredCharacters(text, faces);
  if (missing.length > 0) {
    throw new LinliError('GLYPH_UNAVAILABLE', `No font has ${describeCharacters(missing)}`, [
      { path: '/', message: describeCharacters(missing) },
    ]);
  }
  const runs: FontRun[] = [];
  for (const char of text) {
    const codePoint = char.codePointAt(0)!;
    const last = runs.at(-1);
    const attachesToPrevious = isVariationSelector(codePoint) || needsNoGlyph(codePoint);
    const font = attachesToPrevious && last ? last.font : Math.max(0, fontFor(codePoint, faces));
    if (last && last.font === font) last.text += char;
    else runs.push({ font, text: char });
  }
  return runs;
}
