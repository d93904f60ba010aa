import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { crc32 } from 'node:zlib';
import { LinliError } from '@linli/protocol';
import { readSpreadsheet } from '../src/import/spreadsheet';
import { DEFAULT_MAX_ENTRY_BYTES } from '../src/import/zip-reader';
import { descendants, readXml } from '../src/import/xml-reader';
import { organisationSheet, sheetXml, withPart, workbookParts, zip } from './xlsx-fixture';

/** '安和街道' in GBK, written by hand because Node has no GBK encoder. */
const GBK_ANHE = Buffer.from([0xb0, 0xb2, 0xba, 0xcd, 0xbd, 0xd6, 0xb5, 0xc0]);

const rowsOf = (bytes: Uint8Array, fileName = 'upload.csv') => readSpreadsheet({ bytes, fileName }).rows;

function assertImportInvalid(run: () => unknown, message: RegExp): void {
  assert.throws(run, (error: unknown) => {
    assert.ok(error instanceof LinliError, `expected a LinliError, got ${String(error)}`);
    assert.equal(error.code, 'IMPORT_INVALID');
    assert.match(error.message, message);
    return true;
  });
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
    assertImportInvalid(() => rowsOf(Buffer.from(lines(10_001))), /data in row 10001; the limit is 10000 rows/);
  });

  test('more than 50 columns are refused naming the row and the limit', () => {
    const wide = Array.from({ length: 51 }, (_, i) => `c${i}`).join(',');
    assertImportInvalid(() => rowsOf(Buffer.from(`a\n${wide}\n`)), /Row 2 has more than 50 columns; the limit is 50/);
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
    const bytes = zip(withPart('xl/worksheets/sheet2.xml', { crc: (crc32(organisationSheet) ^ 1) >>> 0 }));
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

describe('XML reader', () => {
  test('reads elements, attributes (a > inside quotes too), entities, CDATA and prefixes', () => {
    const root = readXml(
      `<?xml version="1.0"?><!-- a comment --><x:a x:b="1 &gt; 0" c='&#x4E2D;'><t>A &amp; B</t><t><![CDATA[<raw>]]></t><e/></x:a>`,
      'test.xml',
    );
    assert.equal(root.name, 'a');
    assert.deepEqual({ ...root.attributes }, { 'x:b': '1 > 0', c: '中' });
    assert.deepEqual(
      descendants(root, 't').map((t) => t.text),
      ['A & B', '<raw>'],
    );
    assert.equal(descendants(root, 'e').length, 1);
  });

  test('what is not well-formed, or declares a document type, is refused naming the part', () => {
    for (const [xml, problem] of [
      ['<a><b></a>', /closes <a> where <b> is open/],
      ['<a>', /ends while <a> is still open/],
      ['<!DOCTYPE a [<!ENTITY x "y">]><a/>', /document type/],
      ['<a b></a>', /attribute without a value/],
      ['<a b=c></a>', /without a quoted value/],
      ['<a/><b/>', /exactly one document element/],
    ] as const)
      assertImportInvalid(() => readXml(xml, 'xl/test.xml'), new RegExp(`xl/test\\.xml.*${problem.source}`));
  });

  test('hostile shapes of a few megabytes are refused or read in one pass', () => {
    const shapes = [
      `<a>${'<b>'.repeat(1_000_000)}`,
      `<a ${'x'.repeat(3_000_000)}`,
      `<a b="${'x'.repeat(3_000_000)}`,
      `<a>${'&amp;'.repeat(600_000)}</a>`,
      `<a>${'<b/>'.repeat(800_000)}</a>`,
      `<a>${'</'.repeat(1_000_000)}`,
    ];
    for (const xml of shapes) {
      const started = performance.now();
      try {
        readXml(xml, 'hostile.xml', { elements: 500_000, depth: 64 });
      } catch (error) {
        assert.equal((error as LinliError).code, 'IMPORT_INVALID');
      }
      // Linear work takes well under a second (seconds on a loaded CI machine); a reader that looks
      // back takes minutes.
      assert.ok(performance.now() - started < 10_000, `${xml.slice(0, 12)}… took ${performance.now() - started} ms`);
    }
  });
});
