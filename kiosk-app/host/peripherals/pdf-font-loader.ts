/** The fonts PDFs are filled with, loaded once on first use (about 0.2 s and 20 MB of font files). */
import { DEBIAN_CJK_FONTS, loadCjkFonts, type CjkFonts } from '@linli/device-drivers/pdf-forms/cjk-fonts';

export function createPdfFontLoader(): () => Promise<CjkFonts> {
  let fonts: Promise<CjkFonts> | undefined;
  return () => {
    fonts ??= loadCjkFonts(DEBIAN_CJK_FONTS);
    // A failed load (font missing) is tried again next time, after the technician installed it.
    fonts.catch(() => (fonts = undefined));
    return fonts;
  };
}
