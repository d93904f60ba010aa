/** What a resident is told when a form does not print; decided by the error code. */
import type { PrintProgress } from '@linli/protocol';
import type { STRINGS } from '../i18n';

type Strings = (typeof STRINGS)['zh-Hans'];

export function printErrorText(
  t: Strings,
  error: NonNullable<PrintProgress['error']>,
  labelOf: (key: string) => string,
): string {
  switch (error.code) {
    case 'PRINTER_PAPER_OUT':
      return t.printPaperOut;
    case 'PERIPHERAL_UNAVAILABLE':
    case 'PERIPHERAL_UNKNOWN':
      return t.printUnavailable;
    case 'GLYPH_UNAVAILABLE':
      return t.printGlyphs((error.details ?? []).map((detail) => detail.message).join('、'));
    case 'FORM_INVALID': {
      // Missing answers come back as /typed/<key> paths; name them by their questions.
      const missing = (error.details ?? [])
        .flatMap((detail) => /\/typed\/([^/]+)/.exec(detail.path)?.[1] ?? [])
        .map(labelOf);
      return missing.length > 0 ? t.printMissing(missing.join('、')) : t.printFailedRetry;
    }
    default:
      return t.printFailedRetry;
  }
}
