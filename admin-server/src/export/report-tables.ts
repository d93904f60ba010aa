/** A report as spreadsheets (pure): CSV with its sections one under another, XLSX with a sheet per section. */
import type { ReportDocument, ReportSection } from '@linli/protocol';
import { csvTable } from './csv-table';
import { xlsxWorkbook } from './xlsx-sheet';

/** A section's header (a measure's unit beside its name) and rows, the total last; unknown figures empty. */
export function sectionTable(section: ReportSection): { header: string[]; rows: unknown[][] } {
  const rows = section.total ? [...section.rows, section.total] : section.rows;
  return {
    header: [
      section.rowHeader,
      ...section.columns.map((column) => (column.unit ? `${column.name}（${column.unit}）` : column.name)),
    ],
    rows: rows.map((row) => [row.label, ...row.values.map((value) => value ?? '')]),
  };
}

export function reportCsv(document: ReportDocument): string {
  const lines: unknown[][] = [[document.subtitle]];
  for (const section of document.sections) {
    const { header, rows } = sectionTable(section);
    lines.push([], [section.heading], ...(section.note ? [[section.note]] : []), header, ...rows);
  }
  return csvTable([document.title], lines);
}

export function reportXlsx(document: ReportDocument): Buffer {
  return xlsxWorkbook(
    document.sections.map((section) => {
      const { header, rows } = sectionTable(section);
      return { name: section.heading, header, rows: section.note ? [...rows, [section.note]] : rows };
    }),
  );
}
