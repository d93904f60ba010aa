/**
 * Where the lines of a field's text go: one line shrunk to a width, or lines wrapped inside a box
 * and shrunk until they fit. Pure: the caller passes how wide a string is at a size.
 */

/** Width in points of `text` at `fontSize`. */
export type MeasureText = (text: string, fontSize: number) => number;

export interface TextSpace {
  fontSize: number;
  /** One line at most this wide. */
  maxWidth?: number;
  /** Wrapped lines inside width × height. */
  box?: { width: number; height: number };
}

export interface TextLayout {
  fontSize: number;
  lineHeight: number;
  lines: string[];
}

/** Smaller than this is unreadable on paper for older residents; such text does not fit. */
export const MIN_FONT_SIZE = 6;
const LINE_SPACING = 1.25;
const SHRINK_STEP = 0.5;

/** Latin words and numbers stay whole; every other character (CJK) may end a line. */
const TOKEN = /[\p{Script=Latin}\p{N}'’.@/-]+|\s|./gsu;

function wrap(paragraph: string, width: number, fontSize: number, measure: MeasureText): string[] {
  const lines: string[] = [];
  let line = '';
  const push = (piece: string) => {
    if (line !== '' && measure(line + piece, fontSize) > width) {
      lines.push(line.trimEnd());
      line = piece.trimStart();
    } else {
      line += piece;
    }
  };
  for (const token of paragraph.match(TOKEN) ?? []) {
    // A word wider than the line is broken between characters rather than overflowing.
    if (measure(token, fontSize) > width) for (const char of token) push(char);
    else push(token);
  }
  if (line !== '' || lines.length === 0) lines.push(line.trimEnd());
  return lines;
}

/** The layout, or undefined when the text does not fit even at MIN_FONT_SIZE. */
export function layoutText(text: string, space: TextSpace, measure: MeasureText): TextLayout | undefined {
  for (let fontSize = space.fontSize; fontSize >= MIN_FONT_SIZE; fontSize -= SHRINK_STEP) {
    const lineHeight = fontSize * LINE_SPACING;
    if (space.box) {
      const { width, height } = space.box;
      const lines = text.split('\n').flatMap((paragraph) => wrap(paragraph, width, fontSize, measure));
      if (lines.length * lineHeight <= height + (lineHeight - fontSize)) return { fontSize, lineHeight, lines };
      continue;
    }
    const line = text.replace(/\n+/g, ' ');
    if (space.maxWidth === undefined || measure(line, fontSize) <= space.maxWidth)
      return { fontSize, lineHeight, lines: [line] };
  }
  return undefined;
}
