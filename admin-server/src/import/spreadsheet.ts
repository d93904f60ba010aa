/** Reads the first sheet of a CSV, TSV or .xlsx file into rows of trimmed text, without any spreadsheet library. */
import { posix } from 'node:path';
import { LinliError } from '@linli/protocol';
import { openZip, type ZipArchive } from './zip-reader';

export const SPREADSHEET_LIMITS = { rows: 10_000, columns: 50 } as const;

export interface Spreadsheet {
  rows: string[][];
}

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

export function readSpreadsheet(bytes: Uint8Array, fileName: string): Spreadsheet {
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

/** Trims cells, drops trailing empty cells and rows, then enforces the size limits. */
function finish(raw: string[][]): Spreadsheet {
  const rows = raw.map((row) =>
    dropTrailingEmpty(
      row.map((cell) => cell.trim()),
      (cell) => cell === '',
    ),
  );
  const trimmed = dropTrailingEmpty(rows, (row) => row.length === 0);
  if (trimmed.length > SPREADSHEET_LIMITS.rows)
    throw invalid(
      `The file has ${trimmed.length} rows; the limit is ${SPREADSHEET_LIMITS.rows}. Split it into smaller files`,
    );
  const wide = trimmed.findIndex((row) => row.length > SPREADSHEET_LIMITS.columns);
  if (wide >= 0)
    throw invalid(`Row ${wide + 1} has ${trimmed[wide]!.length} columns; the limit is ${SPREADSHEET_LIMITS.columns}`);
  return { rows: trimmed };
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

/** RFC 4180, plus lone CR line ends (Excel for Mac) and quotes inside unquoted fields kept as text, as Excel does. */
function parseDelimited(text: string, delimiter: string): string[][] {
  const rows: string[][] = [[]];
  let field = '';
  let fieldStart = true;
  let line = 1;
  let quoteLine = 0;
  const endField = () => {
    rows.at(-1)!.push(field);
    field = '';
    fieldStart = true;
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
      endField();
      rows.push([]);
      line++;
    } else {
      field += char;
      fieldStart = false;
    }
  }
  if (quoteLine > 0) throw invalid(`The quoted field that starts on line ${quoteLine} is never closed`);
  endField();
  return rows;
}

// ---- XLSX ----

interface Element {
  attributes: string;
  inner: string;
}

/** Every `name` element (with any namespace prefix) in `xml`; enough for the few flat elements a sheet needs. */
function elements(xml: string, name: string): Element[] {
  const tag = `<(?:[\\w.-]+:)?${name}`;
  const pattern = new RegExp(`${tag}(\\s[^>]*?)?(?:/>|>([\\s\\S]*?)</(?:[\\w.-]+:)?${name}>)`, 'g');
  return [...xml.matchAll(pattern)].map((match) => ({ attributes: match[1] ?? '', inner: match[2] ?? '' }));
}

function attribute(element: Element, namePattern: string): string | undefined {
  const match = new RegExp(`(?:^|\\s)${namePattern}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`).exec(element.attributes);
  return match ? decodeEntities(match[1] ?? match[2]!) : undefined;
}

const NAMED_ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function decodeEntities(text: string): string {
  return text.replace(
    /&(?:#(\d+)|#x([0-9a-fA-F]+)|(lt|gt|amp|quot|apos));/g,
    (entity, decimal?: string, hex?: string, named?: string) => {
      if (named) return NAMED_ENTITIES[named]!;
      const code = decimal ? Number(decimal) : parseInt(hex!, 16);
      return code <= 0x10ffff ? String.fromCodePoint(code) : entity;
    },
  );
}

/** Text of a shared or inline string: plain `<t>` or rich-text runs, without phonetic guides (`<rPh>`). */
function stringItemText(inner: string): string {
  const withoutPhonetics = inner.replace(/<(?:[\w.-]+:)?rPh\b[\s\S]*?<\/(?:[\w.-]+:)?rPh>/g, '');
  return elements(withoutPhonetics, 't').map(textRun).join('');
}

function textRun(t: Element): string {
  const preserve = attribute(t, 'xml:space') === 'preserve';
  // Excel writes characters XML cannot carry (such as CR) as _xHHHH_, and a literal "_x" as _x005F_x.
  const text = decodeEntities(t.inner).replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) =>
    String.fromCharCode(parseInt(hex, 16)),
  );
  return preserve ? text : text.trim();
}

function readXlsx(zip: ZipArchive): string[][] {
  const firstSheet = elements(readPart(zip, 'xl/workbook.xml'), 'sheet')[0];
  const workbookRels = relationships(readPart(zip, 'xl/_rels/workbook.xml.rels'));
  if (!firstSheet) throw invalid('The workbook lists no sheets');
  const sheetName = attribute(firstSheet, 'name') ?? '';
  const sheetPart = workbookRels.find((rel) => rel.id === attribute(firstSheet, '[\\w.-]+:id'))?.part;
  const sheet = sheetPart && zip.read(sheetPart);
  if (!sheet) throw invalid(`The workbook's first sheet "${sheetName}" is missing from the file`);
  const sharedPart = workbookRels.find((rel) => rel.type.endsWith('/sharedStrings'))?.part;
  const shared = sharedPart ? elements(readPart(zip, sharedPart), 'si').map((si) => stringItemText(si.inner)) : [];
  return readSheet(sheet.toString('utf8'), shared);
}

function readPart(zip: ZipArchive, name: string): string {
  const bytes = zip.read(name);
  if (!bytes) throw invalid(`The file is not an Excel workbook: it has no "${name}"`);
  return bytes.toString('utf8');
}

/** Targets are relative to the workbook's folder unless they start with "/" (some generators write them so). */
function relationships(xml: string): { id: string; type: string; part: string }[] {
  return elements(xml, 'Relationship').map((rel) => {
    const target = attribute(rel, 'Target') ?? '';
    const part = target.startsWith('/') ? posix.normalize(target).slice(1) : posix.join('xl', target);
    return { id: attribute(rel, 'Id') ?? '', type: attribute(rel, 'Type') ?? '', part };
  });
}

function readSheet(xml: string, shared: string[]): string[][] {
  const rows: string[][] = [];
  let rowNumber = 0;
  for (const row of elements(xml, 'row')) {
    rowNumber = Number(attribute(row, 'r') ?? rowNumber + 1);
    if (!Number.isInteger(rowNumber) || rowNumber < 1)
      throw invalid(`The sheet has a row with a malformed number "${attribute(row, 'r')}"`);
    let column = 0;
    for (const cell of elements(row.inner, 'c')) {
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

function cellText(cell: Element, shared: string[]): string {
  const type = attribute(cell, 't') ?? 'n';
  if (type === 'inlineStr')
    return elements(cell.inner, 'is')
      .map((is) => stringItemText(is.inner))
      .join('');
  const value = decodeEntities(elements(cell.inner, 'v')[0]?.inner ?? '');
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
