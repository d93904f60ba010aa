/** Reads the first sheet of a CSV, TSV or .xlsx file into rows of trimmed text, without any spreadsheet library. */
import { posix } from 'node:path';
import { LinliError } from '@linli/protocol';
import { descendants, readXml, type XmlElement } from './xml-reader';
import { openZip, type ZipArchive } from './zip-reader';

export const SPREADSHEET_LIMITS = { rows: 10_000, columns: 50 } as const;

export interface Spreadsheet {
  rows: string[][];
}

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

/** An uploaded file: its bytes and the name it was uploaded with (for messages only). */
export interface SheetFile {
  bytes: Uint8Array;
  fileName: string;
}

export function readSpreadsheet({ bytes, fileName }: SheetFile): Spreadsheet {
  if (startsWith(bytes, ZIP_MAGIC)) return finish(readXlsx(openZip(bytes)));
  if (startsWith(bytes, OLE_MAGIC)) {
    // Both old .xls workbooks and password-protected .xlsx files are OLE compound files.
    throw invalid(
      `"${fileName}" is an old-format Excel workbook (.xls) or a password-protected one; open it in Excel and save it without a password as .xlsx (Excel Workbook) or CSV`,
    );
  }
  return finish(readDelimited(decodeText(bytes)));
}

function invalid(message: string): LinliError {
  return new LinliError('IMPORT_INVALID', message);
}

function startsWith(bytes: Uint8Array, magic: number[]): boolean {
  return magic.every((byte, index) => bytes[index] === byte);
}

/** Trims cells and drops trailing empty cells and rows (both readers have kept within the limits). */
function finish(raw: string[][]): Spreadsheet {
  const rows = raw.map((row) =>
    dropTrailingEmpty(
      row.map((cell) => cell.trim()),
      (cell) => cell === '',
    ),
  );
  return { rows: dropTrailingEmpty(rows, (row) => row.length === 0) };
}

function dropTrailingEmpty<T>(items: T[], isEmpty: (item: T) => boolean): T[] {
  let end = items.length;
  while (end > 0 && isEmpty(items[end - 1]!)) end--;
  return items.slice(0, end);
}

// ---- CSV and TSV ----

/** Excel saves "CSV" in the system code page (GBK on Chinese Windows) and "Unicode text" as UTF-16 with a BOM. */
function decodeText(bytes: Uint8Array): string {
  const text = decodeFirst(bytes, [
    ...(startsWith(bytes, [0xff, 0xfe]) ? ['utf-16le'] : startsWith(bytes, [0xfe, 0xff]) ? ['utf-16be'] : []),
    'utf-8',
    'gb18030',
  ]);
  if (text === undefined || text.includes('\0'))
    throw invalid('The file is not a CSV, tab-separated text or .xlsx file (or its text is neither UTF-8 nor GBK)');
  return text;
}

function decodeFirst(bytes: Uint8Array, encodings: string[]): string | undefined {
  for (const encoding of encodings) {
    try {
      return new TextDecoder(encoding, { fatal: true }).decode(bytes); // also drops a byte-order mark
    } catch {
      // not this encoding; try the next
    }
  }
  return undefined;
}

function readDelimited(text: string): string[][] {
  const firstLine = text.slice(0, text.search(/\r|\n|$/));
  return parseDelimited(text, firstLine.includes('\t') && !firstLine.includes(',') ? '\t' : ',');
}

/**
 * RFC 4180, plus lone CR line ends (Excel for Mac) and quotes inside unquoted fields kept as text,
 * as Excel does. Blank cells and rows are only counted until something follows them, and the
 * limits are checked as rows are read, so no file makes more rows or cells than the limits allow.
 */
function parseDelimited(text: string, delimiter: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let blankRows = 0;
  let blankCells = 0;
  let field = '';
  let fieldStart = true;
  let line = 1;
  let quoteLine = 0;
  const endField = () => {
    if (field.trim() === '') blankCells++;
    else {
      if (row.length + blankCells >= SPREADSHEET_LIMITS.columns)
        throw invalid(
          `Row ${rows.length + blankRows + 1} has more than ${SPREADSHEET_LIMITS.columns} columns; the limit is ${SPREADSHEET_LIMITS.columns}`,
        );
      row.push(...Array<string>(blankCells).fill(''), field);
      blankCells = 0;
    }
    field = '';
    fieldStart = true;
  };
  const endRow = () => {
    endField();
    blankCells = 0;
    if (row.length === 0) blankRows++;
    else {
      if (rows.length + blankRows >= SPREADSHEET_LIMITS.rows)
        throw invalid(
          `The file has data in row ${rows.length + blankRows + 1}; the limit is ${SPREADSHEET_LIMITS.rows} rows. Split it into smaller files`,
        );
      for (; blankRows > 0; blankRows--) rows.push([]);
      rows.push(row);
      row = [];
    }
  };
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (quoteLine > 0) {
      if (char !== '"') field += char;
      else if (text[i + 1] === '"') field += text[++i];
      else quoteLine = 0;
      if (char === '\n') line++;
    } else if (char === '"' && fieldStart) {
      quoteLine = line;
      fieldStart = false;
    } else if (char === delimiter) {
      endField();
    } else if (char === '\r' || char === '\n') {
      if (char === '\r' && text[i + 1] === '\n') i++;
      endRow();
      line++;
    } else {
      field += char;
      fieldStart = false;
    }
  }
  if (quoteLine > 0) throw invalid(`The quoted field that starts on line ${quoteLine} is never closed`);
  endRow();
  return rows;
}

// ---- XLSX ----

/** The attribute `name`, or with `prefix: true` the one named `<any prefix>:name` (such as `r:id`). */
function attribute(element: XmlElement, name: string, prefixed = false): string | undefined {
  if (!prefixed) return element.attributes[name];
  return Object.entries(element.attributes).find(([key]) => key.endsWith(`:${name}`))?.[1];
}

/** Text of a shared or inline string: plain `<t>` or rich-text runs, without phonetic guides (`<rPh>`). */
function stringItemText(item: XmlElement): string {
  const runs = item.children.flatMap((child) =>
    child.name === 't' ? [child] : child.name === 'r' ? child.children.filter((run) => run.name === 't') : [],
  );
  return runs.map(textRun).join('');
}

function textRun(t: XmlElement): string {
  const preserve = attribute(t, 'xml:space') === 'preserve';
  // Excel writes characters XML cannot carry (such as CR) as _xHHHH_, and a literal "_x" as _x005F_x.
  const text = t.text.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  return preserve ? text : text.trim();
}

function readXlsx(zip: ZipArchive): string[][] {
  const firstSheet = descendants(readPart(zip, 'xl/workbook.xml'), 'sheet')[0];
  const workbookRels = relationships(readPart(zip, 'xl/_rels/workbook.xml.rels'));
  if (!firstSheet) throw invalid('The workbook lists no sheets');
  const sheetName = attribute(firstSheet, 'name') ?? '';
  const sheetPart = workbookRels.find((rel) => rel.id === attribute(firstSheet, 'id', true))?.part;
  const sheet = sheetPart && zip.read(sheetPart);
  if (!sheetPart || !sheet) throw invalid(`The workbook's first sheet "${sheetName}" is missing from the file`);
  const sharedPart = workbookRels.find((rel) => rel.type.endsWith('/sharedStrings'))?.part;
  const shared = sharedPart ? descendants(readPart(zip, sharedPart), 'si').map(stringItemText) : [];
  return readSheet(readXml(sheet.toString('utf8'), sheetPart), shared);
}

function readPart(zip: ZipArchive, name: string): XmlElement {
  const bytes = zip.read(name);
  if (!bytes) throw invalid(`The file is not an Excel workbook: it has no "${name}"`);
  return readXml(bytes.toString('utf8'), name);
}

/** Targets are relative to the workbook's folder unless they start with "/" (some generators write them so). */
function relationships(root: XmlElement): { id: string; type: string; part: string }[] {
  return descendants(root, 'Relationship').map((rel) => {
    const target = attribute(rel, 'Target') ?? '';
    const part = target.startsWith('/') ? posix.normalize(target).slice(1) : posix.join('xl', target);
    return { id: attribute(rel, 'Id') ?? '', type: attribute(rel, 'Type') ?? '', part };
  });
}

function readSheet(root: XmlElement, shared: string[]): string[][] {
  const rows: string[][] = [];
  let rowNumber = 0;
  for (const row of descendants(root, 'row')) {
    rowNumber = Number(attribute(row, 'r') ?? rowNumber + 1);
    if (!Number.isInteger(rowNumber) || rowNumber < 1)
      throw invalid(`The sheet has a row with a malformed number "${attribute(row, 'r')}"`);
    let column = 0;
    for (const cell of row.children.filter((child) => child.name === 'c')) {
      const reference = attribute(cell, 'r');
      column = reference ? columnNumber(reference) : column + 1;
      const value = cellText(cell, shared).trim();
      // Empty cells are skipped before the limit check: Excel writes styled but empty cells far out.
      if (value !== '') place(rows, rowNumber, column, value, reference);
    }
  }
  return Array.from(rows, (row = []) => Array.from(row, (cell) => cell ?? ''));
}

function columnNumber(reference: string): number {
  const letters = /^[A-Za-z]+/.exec(reference)?.[0];
  if (!letters) throw invalid(`The sheet has a cell with a malformed reference "${reference}"`);
  return [...letters.toUpperCase()].reduce((sum, letter) => sum * 26 + letter.charCodeAt(0) - 64, 0);
}

/** Checks the limits per cell so a stray value at row 1,000,000 cannot make us build a million rows. */
function place(
  rows: string[][],
  rowNumber: number,
  column: number,
  value: string,
  reference = `row ${rowNumber}`,
): void {
  if (rowNumber > SPREADSHEET_LIMITS.rows)
    throw invalid(
      `The sheet has data in ${reference}, beyond the limit of ${SPREADSHEET_LIMITS.rows} rows. Split it into smaller files`,
    );
  if (column > SPREADSHEET_LIMITS.columns)
    throw invalid(`The sheet has data in ${reference}, beyond the limit of ${SPREADSHEET_LIMITS.columns} columns`);
  (rows[rowNumber - 1] ??= [])[column - 1] = value;
}

function cellText(cell: XmlElement, shared: string[]): string {
  const type = attribute(cell, 't') ?? 'n';
  if (type === 'inlineStr')
    return cell.children
      .filter((child) => child.name === 'is')
      .map(stringItemText)
      .join('');
  const value = cell.children.find((child) => child.name === 'v')?.text ?? '';
  if (value === '') return '';
  switch (type) {
    case 's': {
      const text = shared[Number(value)];
      if (text === undefined)
        throw invalid(`A cell refers to shared string ${value}, which the workbook does not have`);
      return text;
    }
    case 'b':
      return value === '1' ? 'TRUE' : 'FALSE';
    case 'n':
      return plainInteger(value);
    default: // str (formula text), e (error such as #N/A), d (ISO date)
      return value;
  }
}

/** Excel stores long numbers such as 3.30106001001E+11; codes must come back as the digits people typed. */
function plainInteger(number: string): string {
  const match = /^(-?)(\d+)(?:\.(\d+))?[eE]\+?(\d+)$/.exec(number);
  if (!match) return number;
  const [, sign, whole, fraction = '', exponent] = match;
  const shift = Number(exponent);
  if (fraction.replace(/0+$/, '').length > shift) return number;
  const digits = (whole + fraction.padEnd(shift, '0').slice(0, shift)).replace(/^0+(?=\d)/, '');
  return sign + digits;
}
