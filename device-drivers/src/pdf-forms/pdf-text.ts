/**
 * Chinese text on PDF pages, run by run: each face embedded the first time a run needs it (so an
 * unused fallback adds nothing), text measured and drawn with the face that has its glyphs. The
 * form filler and the admin server's report PDFs share it.
 */
import type { Color, PDFDocument, PDFFont, PDFPage } from 'pdf-lib';
import { embedFace, type CjkFonts } from './cjk-fonts';
import { splitIntoFontRuns } from './glyph-coverage';

/** Embeds each face of `fonts` into `doc` once, on first need. */
export function fontEmbedder(doc: PDFDocument, fonts: CjkFonts, subset: boolean) {
  const embedded = new Map<number, Promise<PDFFont>>();
  return (index: number): Promise<PDFFont> => {
    let font = embedded.get(index);
    if (!font) {
      font = embedFace(doc, fonts.faces[index]!, { subset });
      embedded.set(index, font);
    }
    return font;
  };
}

export type FontAt = ReturnType<typeof fontEmbedder>;

export interface PdfText {
  /** Width in points of `text` at `size`. */
  measure(text: string, size: number): number;
  /** Draws `text` with its left end of the baseline at (x, y). */
  draw(page: PDFPage, text: string, at: { x: number; y: number; size: number; color?: Color }): void;
}

/**
 * Text drawing for the strings `texts` (their faces are embedded now, the primary face always);
 * characters of other strings that only a fallback face has are drawn as the primary face draws them.
 */
export async function pdfTextFor(fonts: CjkFonts, fontAt: FontAt, texts: Iterable<string>): Promise<PdfText> {
  const faces = new Map<number, PDFFont>([[0, await fontAt(0)]]);
  for (const text of texts)
    for (const run of splitIntoFontRuns(text, fonts.faces))
      if (!faces.has(run.font)) faces.set(run.font, await fontAt(run.font));
  const runsOf = (text: string) =>
    splitIntoFontRuns(text, fonts.faces).map((run) => ({ text: run.text, font: faces.get(run.font) ?? faces.get(0)! }));
  return {
    measure: (text, size) => runsOf(text).reduce((width, run) => width + run.font.widthOfTextAtSize(run.text, size), 0),
    draw(page, text, { x, y, size, color }) {
      let left = x;
      for (const run of runsOf(text)) {
        page.drawText(run.text, { x: left, y, size, font: run.font, ...(color && { color }) });
        left += run.font.widthOfTextAtSize(run.text, size);
      }
    },
  };
}
