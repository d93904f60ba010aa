/**
 * Turns a spreadsheet's rows into records by its header row, and gathers every problem of every
 * row, so an office fixes its file once instead of one error per upload.
 */
import { LinliError, type ErrorDetail } from '@linli/protocol';

export interface ColumnSpec<Key extends string> {
  key: Key;
  /** Header texts that name this column (compared without spaces or case). */
  headers: string[];
  required: boolean;
}

export interface SheetRecord<Key extends string> {
  /** The row number as the office sees it in Excel (the header is row 1). */
  row: number;
  cells: Record<Key, string>;
}

const normalise = (header: string) => header.replace(/[\s（）()]/g, '').toLowerCase();

export function readTable<Key extends string>(rows: string[][], columns: ColumnSpec<Key>[]): SheetRecord<Key>[] {
  const header = (rows[0] ?? []).map(normalise);
  const positions = columns.map((column) => ({
    column,
    index: header.findIndex((text) => column.headers.some((name) => normalise(name) === text)),
  }));
  const missing = positions.filter(({ column, index }) => column.required && index < 0);
  if (missing.length > 0) {
    const details = missing.map(({ column }) => ({
      path: '/row 1',
      message: `missing column ${column.headers.join(' / ')}`,
    }));
    throw new LinliError(
      'IMPORT_INVALID',
      `The header row lacks ${missing.map(({ column }) => column.headers[0]).join(', ')}; nothing was imported`,
      details,
    );
  }
  return rows.slice(1).flatMap((cells, offset) => {
    if (cells.every((cell) => cell === '')) return [];
    const record = Object.fromEntries(
      positions.map(({ column, index }) => [column.key, index < 0 ? '' : (cells[index] ?? '')]),
    ) as Record<Key, string>;
    return [{ row: offset + 2, cells: record }];
  });
}

/** Problems found so far, each naming the row and the column as the sheet calls it. */
export class RowProblems {
  readonly details: ErrorDetail[] = [];

  add(row: number, column: string, message: string): void {
    this.details.push({ path: `/row ${row}/${column}`, message });
  }

  throwIfAny(): void {
    if (this.details.length === 0) return;
    const first = this.details[0]!;
    throw new LinliError(
      'IMPORT_INVALID',
      `${this.details.length} problem(s) in the file, first: ${first.path}: ${first.message}; nothing was imported`,
      this.details,
    );
  }
}
