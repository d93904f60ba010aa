/** A table sent as a download: CSV (UTF-8 with BOM, so Excel on Chinese Windows reads it) or XLSX. */
import type { TableFormat } from '@linli/protocol';
import type { FastifyReply } from 'fastify';
import { csvTable } from '../export/csv-table';
import { xlsxSheet } from '../export/xlsx-sheet';

export interface DownloadTable {
  /** The file's name without its extension (ASCII: browsers differ on others in this header). */
  fileName: string;
  sheetName: string;
  columns: readonly string[];
  rows: ReadonlyArray<readonly unknown[]>;
}

export function sendTable(reply: FastifyReply, format: TableFormat, table: DownloadTable): string | Buffer {
  reply.header('content-disposition', `attachment; filename="${table.fileName}.${format}"`);
  if (format === 'csv') {
    reply.header('content-type', 'text/csv; charset=utf-8');
    return csvTable(table.columns, table.rows);
  }
  reply.header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  return xlsxSheet(table.sheetName, table.columns, table.rows);
}
