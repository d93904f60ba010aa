/**
 * PDFs for the web player's tests, made with pdf-lib and the device drivers' CJK fonts. Each page
 * is A4 with a coloured band and a line of Chinese in a font of one of two kinds:
 * - `embedded`: a Noto Sans CJK SC subset inside the file (the usual case: pdf-lib, fontkit 2);
 * - `not-embedded`: STSong-Light named with the UniGB-UCS2-H CMap and no font file, as older
 *   office software writes them; pdf.js then needs that CMap from the player host, and draws the
 *   text with a font of the system.
 */
import {
  PDFDocument,
  PDFHexString,
  PDFName,
  PDFString,
  beginText,
  endText,
  moveText,
  popGraphicsState,
  pushGraphicsState,
  rgb,
  setFillingRgbColor,
  setFontAndSize,
  showText,
} from 'pdf-lib';
import { DEBIAN_CJK_FONTS, embedFace, loadCjkFonts } from '../../../device-drivers/src/pdf-forms/cjk-fonts';

export const A4 = { width: 595.28, height: 841.89 };

export interface TestPdfPage {
  text: string;
  font: 'embedded' | 'not-embedded';
  /** The band across the top, red, green and blue from 0 to 1. */
  band: [number, number, number];
}

const TEXT_SIZE = 48;

/** UCS-2 big-endian, as the UniGB-UCS2-H CMap reads the string. */
const ucs2 = (text: string) =>
  PDFHexString.of([...text].map((char) => char.charCodeAt(0).toString(16).padStart(4, '0')).join(''));

export async function cjkTestPdf(pages: TestPdfPage[]): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const fonts = await loadCjkFonts({ primary: DEBIAN_CJK_FONTS.primary, fallbacks: [] });
  doc.registerFontkit(fonts.fontkit);
  const noto = await embedFace(doc, fonts.faces[0]!, { subset: true });
  const song = doc.context.register(
    doc.context.obj({
      Type: 'Font',
      Subtype: 'Type0',
      BaseFont: 'STSong-Light',
      Encoding: 'UniGB-UCS2-H',
      DescendantFonts: [
        doc.context.obj({
          Type: 'Font',
          Subtype: 'CIDFontType0',
          BaseFont: 'STSong-Light',
          CIDSystemInfo: { Registry: PDFString.of('Adobe'), Ordering: PDFString.of('GB1'), Supplement: 4 },
          FontDescriptor: doc.context.obj({
            Type: 'FontDescriptor',
            FontName: 'STSong-Light',
            Flags: 6,
            FontBBox: [-25, -254, 1000, 880],
            ItalicAngle: 0,
            Ascent: 880,
            Descent: -120,
            CapHeight: 880,
            StemV: 93,
          }),
        }),
      ],
    }),
  );
  for (const each of pages) {
    const page = doc.addPage([A4.width, A4.height]);
    page.drawRectangle({ x: 0, y: A4.height - 200, width: A4.width, height: 200, color: rgb(...each.band) });
    const y = A4.height / 2;
    if (each.font === 'embedded') {
      page.drawText(each.text, { x: 60, y, size: TEXT_SIZE, font: noto, color: rgb(0, 0, 0) });
    } else {
      page.node.setFontDictionary(PDFName.of('Song'), song);
      page.pushOperators(
        pushGraphicsState(),
        setFillingRgbColor(0, 0, 0),
        beginText(),
        setFontAndSize('Song', TEXT_SIZE),
        moveText(60, y),
        showText(ucs2(each.text)),
        endText(),
        popGraphicsState(),
      );
    }
  }
  return doc.save();
}

/** Not a PDF at all past its first line: pdf.js cannot read it. */
export function corruptPdf(): Uint8Array {
  return new TextEncoder().encode('%PDF-1.7\n这不是一个完整的 PDF 文件。\n%%EOF\n');
}
