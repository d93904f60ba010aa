import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { crc32, deflateRawSync } from 'node:zlib';
import { LinliError } from '@linli/protocol';
import { readSpreadsheet } from '../src/import/spreadsheet';
import { DEFAULT_MAX_ENTRY_BYTES } from '../src/import/zip-reader';

/** '安和街道' in GBK, written by hand because Node has no GBK encoder. */
const GBK_ANHE = Buffer.from([0xb0, 0xb2, 0xba, 0xcd, 0xbd, 0xd6, 0xb5, 0xc0]);

const rowsOf = (bytes: Uint8Array, fileName = 'upload.csv') => readSpreadsheet(bytes, fileName).rows;

function assertImportInvalid(run: () => unknown, message: RegExp): void {
  assert.throws(run, (error: unknown) => {
    assert.ok(error instanceof LinliError, `expected a LinliError, got ${String(error)}`);
    assert.equal(error.code, 'IMPORT_INVALID');
    assert.match(error.message, message);
    return true;
  });
}

// ---- a tiny ZIP writer, so fixtures are readable XML rather than binary files ----

interface ZipPart {
  name: string;
  content: string | Buffer;
  method?: 0 | 8;
  /** Overrides for writing damaged or hostile archives. */
  crc?: number;
  declaredSize?: number;
  flags?: number;
}

/** Little-endian fields of 2 or 4 bytes. */
function fields(...values: [2 | 4, number][]): Buffer {
  const buffer = Buffer.alloc(values.reduce((sum, [size]) => sum + size, 0));
  let offset = 0;
  for (const [size, value] of values)
    offset = size === 2 ? buffer.writeUInt16LE(value, offset) : buffer.writeUInt32LE(value, offset);
  return buffer;
}

function zip(parts: ZipPart[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const part of parts) {
    const content = Buffer.from(part.content);
    const method = part.method ?? 8;
    const data = method === 8 ? deflateRawSync(content) : content;
    const name = Buffer.from(part.name);
    const flags = 0x0800 | (part.flags ?? 0); // bit 11: the name is UTF-8
    const common: [2 | 4, number][] = [
      [2, flags],
      [2, method],
      [2, 0],
      [2, 0x21], // time 00:00, date 1980-01-01
      [4, part.crc ?? crc32(content)],
      [4, data.length],
      [4, part.declaredSize ?? content.length],
      [2, name.length],
      [2, 0],
    ];
    const local = Buffer.concat([fields([4, 0x04034b50], [2, 20], ...common), name, data]);
    centrals.push(
      Buffer.concat([
        fields([4, 0x02014b50], [2, 20], [2, 20], ...common, [2, 0], [2, 0], [2, 0], [4, 0], [4, offset]),
        name,
      ]),
    );
    locals.push(local);
    offset += local.length;
  }
  const directory = Buffer.concat(centrals);
  const end = fields(
    [4, 0x06054b50],
    [2, 0],
    [2, 0],
    [2, parts.length],
    [2, parts.length],
    [4, directory.length],
    [4, offset],
    [2, 0],
  );
  return Buffer.concat([...locals, directory, end]);
}

// ---- an .xlsx modelled on what Excel 2016 (Chinese) writes ----

const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n';
const MAIN_NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';
const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PACKAGE_REL_NS = 'xmlns="http://schemas.openxmlformats.org/package/2006/relationships"';

const contentTypes = `${XML_DECLARATION}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/worksheets/sheet2.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>`;

const rootRels = `${XML_DECLARATION}<Relationships ${PACKAGE_REL_NS}><Relationship Id="rId1" Type="${REL_NS}/officeDocument" Target="xl/workbook.xml"/></Relationships>`;

// The first sheet in workbook order is the second part, so the reader must follow the order, not file names.
const workbook = `${XML_DECLARATION}<workbook ${MAIN_NS} xmlns:r="${REL_NS}"><fileVersion appName="xl" lastEdited="7" lowestEdited="7" rupBuild="22228"/><workbookPr filterPrivacy="1" defaultThemeVersion="164011"/><bookViews><workbookView xWindow="0" yWindow="0" windowWidth="22260" windowHeight="12645"/></bookViews><sheets><sheet name="组织架构" sheetId="2" r:id="rId2"/><sheet name="说明" sheetId="1" r:id="rId1"/></sheets><calcPr calcId="162913"/></workbook>`;

const workbookRels = `${XML_DECLARATION}<Relationships ${PACKAGE_REL_NS}><Relationship Id="rId3" Type="${REL_NS}/styles" Target="styles.xml"/><Relationship Id="rId2" Type="${REL_NS}/worksheet" Target="worksheets/sheet2.xml"/><Relationship Id="rId1" Type="${REL_NS}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId4" Type="${REL_NS}/sharedStrings" Target="sharedStrings.xml"/></Relationships>`;

const sharedStrings = `${XML_DECLARATION}<sst ${MAIN_NS} count="7" uniqueCount="6"><si><t>代码</t><phoneticPr fontId="1" type="noConversion"/></si><si><t>名称</t><phoneticPr fontId="1" type="noConversion"/></si><si><t>启用</t></si><si><t>安和街道</t><phoneticPr fontId="1" type="noConversion"/></si><si><r><rPr><b/><sz val="11"/><color theme="1"/><rFont val="宋体"/><family val="3"/><charset val="134"/><scheme val="minor"/></rPr><t>安和</t></r><r><rPr><sz val="11"/><color rgb="FFFF0000"/><rFont val="宋体"/><charset val="134"/></rPr><t xml:space="preserve">社区 </t></r><r><rPr><sz val="11"/><rFont val="宋体"/><charset val="134"/></rPr><t>（试点）</t></r></si><si><t>第一行_x000D_
第二行</t></si></sst>`;

function sheetXml(rows: string): string {
  return `${XML_DECLARATION}<worksheet ${MAIN_NS} xmlns:r="${REL_NS}" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" mc:Ignorable="x14ac" xmlns:x14ac="http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac"><dimension ref="A1:E7"/><sheetViews><sheetView tabSelected="1" workbookViewId="0"><selection activeCell="B3" sqref="B3"/></sheetViews><sheetFormatPr defaultRowHeight="13.5" x14ac:dyDescent="0.15"/><cols><col min="1" max="1" width="16.625" customWidth="1"/><col min="2" max="2" width="20" customWidth="1"/></cols><sheetData>${rows}</sheetData><phoneticPr fontId="1" type="noConversion"/><pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/><pageSetup paperSize="9" orientation="portrait" r:id="rId1"/></worksheet>`;
}

const organisationSheet = sheetXml(
  [
    '<row r="1" spans="1:5" x14ac:dyDescent="0.15"><c r="A1" s="1" t="s"><v>0</v></c><c r="B1" s="1" t="s"><v>1</v></c><c r="E1" s="1" t="s"><v>2</v></c></row>',
    '<row r="2" spans="1:5" x14ac:dyDescent="0.15"><c r="A2" s="2"><v>330106001000</v></c><c r="B2" t="s"><v>3</v></c><c r="C2" s="2"/><c r="E2" t="b"><v>1</v></c></row>',
    '<row r="3" spans="1:5" x14ac:dyDescent="0.15"><c r="A3" s="2"><v>3.30106001001E+11</v></c><c r="B3" t="s"><v>4</v></c><c r="C3" t="str"><f>A2&amp;""</f><v>330106001000</v></c><c r="E3" t="b"><v>0</v></c></row>',
    '<row r="5" spans="1:3"><c r="A5" t="inlineStr"><is><t xml:space="preserve">  备注 &amp; &lt;说明&gt; &#x4E2D;&#25991; </t></is></c><c r="B5" t="e"><v>#N/A</v></c><c r="C5"><v>12.5</v></c><c r="D5" t="s"><v>5</v></c></row>',
    // Excel keeps styled but empty cells, even far beyond the data; they must neither add rows nor hit the limits.
    '<row r="9" spans="1:1" s="3" customFormat="1"><c r="A9" s="3"/><c r="BZ9" s="3"/></row><row r="20000" s="3" customFormat="1"><c r="A20000" s="3"/></row>',
  ].join(''),
);

const notesSheet = sheetXml('<row r="1"><c r="A1" t="inlineStr"><is><t>说明页</t></is></c></row>');

function workbookParts(sheet = organisationSheet): ZipPart[] {
  return [
    { name: '[Content_Types].xml', content: contentTypes },
    { name: '_rels/.rels', content: rootRels },
    { name: 'xl/workbook.xml', content: workbook },
    { name: 'xl/_rels/workbook.xml.rels', content: workbookRels },
    { name: 'xl/worksheets/sheet1.xml', content: notesSheet },
    { name: 'xl/worksheets/sheet2.xml', content: sheet },
    { name: 'xl/sharedStrings.xml', content: sharedStrings },
    { name: 'xl/styles.xml', content: `${XML_DECLARATION}<styleSheet ${MAIN_NS}/>` },
  ];
}

/** The workbook with one part changed. */
function withPart(name: string, change: Partial<ZipPart>): ZipPart[] {
  return workbookParts().map((part) => (part.name === name ? { ...part, ...change } : part));
}

const EXPECTED_ORGANISATION = [
  ['代码', '名称', '', '', '启用'],
  ['330106001000', '安和街道', '', '', 'TRUE'],
  ['330106001001', '安和社区 （试点）', '330106001000', '', 'FALSE'],
  [],
  ['备注 & <说明> 中文', '#N/A', '12.5', '第一行\r\n第二行'],
];

describe('readSpreadsheet: CSV and TSV', () => {
  test('UTF-8 with a byte-order mark, as Excel saves "CSV UTF-8"', () => {
    const bytes = Buffer.concat([
      Buffer.from([0xef, 0xbb, 0xbf]),
      Buffer.from('代码,名称\r\n330106001000,安和街道\r\n'),
    ]);
    assert.deepEqual(rowsOf(bytes), [
      ['代码', '名称'],
      ['330106001000', '安和街道'],
    ]);
  });

  test('GBK, as Excel on Chinese Windows saves plain "CSV"', () => {
    assert.equal(new TextDecoder('gb18030').decode(GBK_ANHE), '安和街道');
    const bytes = Buffer.concat([Buffer.from('code,name\r\n330106001000,'), GBK_ANHE, Buffer.from('\r\n')]);
    assert.deepEqual(rowsOf(bytes), [
      ['code', 'name'],
      ['330106001000', '安和街道'],
    ]);
  });

  test('quoted fields keep commas, doubled quotes and line breaks; cells are trimmed; trailing empties go', () => {
    const text =
      'name,note,extra\r\n"安和街道, 西湖区","说 ""试点"" 社区",  x  \n"第一行\n第二行",,\r\n,"",\r\n,,\r\n\r\n';
    assert.deepEqual(rowsOf(Buffer.from(text)), [
      ['name', 'note', 'extra'],
      ['安和街道, 西湖区', '说 "试点" 社区', 'x'],
      ['第一行\n第二行'],
    ]);
  });

  test('a quote inside an unquoted field is text; an unclosed quoted field is refused with its line', () => {
    assert.deepEqual(rowsOf(Buffer.from('5" screen,a\n')), [['5" screen', 'a']]);
    assertImportInvalid(() => rowsOf(Buffer.from('a,b\nc,"never\nclosed\n')), /line 2 is never closed/);
  });

  test('tab-separated when the first line has tabs and no commas', () => {
    assert.deepEqual(rowsOf(Buffer.from('代码\t名称\n330106001000\t安和街道, 西湖区\n'), 'org.txt'), [
      ['代码', '名称'],
      ['330106001000', '安和街道, 西湖区'],
    ]);
    assert.deepEqual(rowsOf(Buffer.from('a\tb,c\n')), [['a\tb', 'c']]);
  });

  test('UTF-16 tab-separated text, as Excel saves "Unicode Text"', () => {
    const bytes = Buffer.concat([
      Buffer.from([0xff, 0xfe]),
      Buffer.from('代码\t名称\r\n330106001000\t安和街道\r\n', 'utf16le'),
    ]);
    assert.deepEqual(rowsOf(bytes, 'org.txt'), [
      ['代码', '名称'],
      ['330106001000', '安和街道'],
    ]);
  });

  test('an empty file has no rows; binary content is refused', () => {
    assert.deepEqual(rowsOf(Buffer.alloc(0)), []);
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]);
    assertImportInvalid(() => rowsOf(png, 'photo.csv'), /not a CSV/);
  });

  test('10,000 rows pass, 10,001 are refused naming the limit; trailing empty rows do not count', () => {
    const lines = (count: number) => Array.from({ length: count }, (_, i) => `33010600${i},社区${i}`).join('\n');
    assert.equal(rowsOf(Buffer.from(`${lines(10_000)}\n${',\n'.repeat(500)}`)).length, 10_000);
    assertImportInvalid(() => rowsOf(Buffer.from(lines(10_001))), /10001 rows; the limit is 10000/);
  });

  test('more than 50 columns are refused naming the row and the limit', () => {
    const wide = Array.from({ length: 51 }, (_, i) => `c${i}`).join(',');
    assertImportInvalid(() => rowsOf(Buffer.from(`a\n${wide}\n`)), /Row 2 has 51 columns; the limit is 50/);
  });

  test('an old .xls workbook is refused, saying to save as .xlsx or CSV', () => {
    const ole = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(504)]);
    assertImportInvalid(() => rowsOf(ole, '社区名单.xls'), /社区名单\.xls.*\.xlsx.*CSV/);
  });
});

describe('readSpreadsheet: .xlsx', () => {
  test('the first sheet in workbook order, with every kind of cell, gaps filled and limits not hit by empty styled cells', () => {
    assert.deepEqual(rowsOf(zip(workbookParts()), 'org.xlsx'), EXPECTED_ORGANISATION);
  });

  test('decided by content: an .xlsx named .csv is still read as a workbook', () => {
    assert.deepEqual(rowsOf(zip(workbookParts()), 'org.csv'), EXPECTED_ORGANISATION);
  });

  test('stored (uncompressed) entries read the same as deflated ones', () => {
    const stored = workbookParts().map((part) => ({ ...part, method: 0 as const }));
    assert.deepEqual(rowsOf(zip(stored), 'org.xlsx'), EXPECTED_ORGANISATION);
  });

  test('a value beyond row 10,000 or column 50 is refused naming the cell', () => {
    const far = (cell: string) =>
      zip(
        workbookParts(
          sheetXml(
            `<row r="1"><c r="A1" t="inlineStr"><is><t>x</t></is></c></row><row r="${cell.replace(/\D/g, '')}"><c r="${cell}"><v>1</v></c></row>`,
          ),
        ),
      );
    assertImportInvalid(() => rowsOf(far('A10001'), 'org.xlsx'), /A10001, beyond the limit of 10000 rows/);
    assertImportInvalid(() => rowsOf(far('AY2'), 'org.xlsx'), /AY2, beyond the limit of 50 columns/);
    assert.equal(rowsOf(far('AX10000'), 'org.xlsx').length, 10_000);
  });

  test('a shared-string index the workbook lacks is refused', () => {
    const sheet = sheetXml('<row r="1"><c r="A1" t="s"><v>99</v></c></row>');
    assertImportInvalid(() => rowsOf(zip(workbookParts(sheet)), 'org.xlsx'), /shared string 99/);
  });

  test('a ZIP that is not a workbook is refused naming the missing part', () => {
    const docx = zip([{ name: 'word/document.xml', content: '<w:document/>' }]);
    assertImportInvalid(() => rowsOf(docx, 'org.xlsx'), /not an Excel workbook.*xl\/workbook\.xml/);
  });
});

describe('ZIP reader safeguards', () => {
  test('a corrupted CRC-32 is refused', () => {
    const bytes = zip(withPart('xl/worksheets/sheet2.xml', { crc: crc32(organisationSheet) ^ 1 }));
    assertImportInvalid(() => rowsOf(bytes, 'org.xlsx'), /sheet2\.xml.*CRC-32/);
  });

  test('a declared size over the limit is refused before inflating', () => {
    const bytes = zip(withPart('xl/worksheets/sheet2.xml', { declaredSize: DEFAULT_MAX_ENTRY_BYTES + 1 }));
    assertImportInvalid(
      () => rowsOf(bytes, 'org.xlsx'),
      new RegExp(`sheet2\\.xml.*${DEFAULT_MAX_ENTRY_BYTES + 1} bytes.*limit of ${DEFAULT_MAX_ENTRY_BYTES}`),
    );
  });

  test('an entry that inflates past its declared size is cut off and refused', () => {
    const bomb = zip(withPart('xl/worksheets/sheet2.xml', { content: 'x'.repeat(1_000_000), declaredSize: 1000 }));
    assertImportInvalid(() => rowsOf(bomb, 'org.xlsx'), /sheet2\.xml.*more than its declared size/);
  });

  test('encrypted entries and truncated archives are refused', () => {
    assertImportInvalid(
      () => rowsOf(zip(withPart('xl/workbook.xml', { flags: 1 })), 'org.xlsx'),
      /workbook\.xml.*encrypted/,
    );
    const whole = zip(workbookParts());
    assertImportInvalid(() => rowsOf(whole.subarray(0, whole.length - 10), 'org.xlsx'), /end-of-central-directory/);
  });
});
