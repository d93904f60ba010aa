/** A downloaded workbook's first sheet as rows of text, read by the server's own XLSX reader (for e2e tests). */
import { readSpreadsheet } from '../src/import/spreadsheet';

export function xlsxRows(bytes: Uint8Array): string[][] {
  return readSpreadsheet({ bytes, fileName: 'download.xlsx' }).rows;
}
