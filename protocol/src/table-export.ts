/** Tables staff download (reports, statistics): CSV (UTF-8 with BOM) or XLSX, column titles in Chinese. */
import Type from 'typebox';

export const TABLE_FORMATS = ['csv', 'xlsx'] as const;
export type TableFormat = (typeof TABLE_FORMATS)[number];
export const TableFormatParam = { format: Type.Enum(TABLE_FORMATS) };
