/** A filled 数据填报 spreadsheet as Excel saves it (XLSX), for tests that import community figures. */
import { xlsxSheet } from '../src/export/xlsx-sheet';

export function figuresXlsx(columns: string[], rows: unknown[][]): Buffer {
  return xlsxSheet('数据填报', columns, rows);
}
