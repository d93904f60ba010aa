/**
 * Readable .xlsx fixtures: a tiny ZIP writer (so fixtures are XML in the source rather than binary
 * files) and a workbook modelled on what Excel 2016 (Chinese) writes.
 */
import { crc32, deflateRawSync } from 'node:zlib';

export interface ZipPart {
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

export function zip(parts: ZipPart[]): Buffer {
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

export function sheetXml(rows: string): string {
  return `${XML_DECLARATION}<worksheet ${MAIN_NS} xmlns:r="${REL_NS}" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" mc:Ignorable="x14ac" xmlns:x14ac="http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac"><dimension ref="A1:E7"/><sheetViews><sheetView tabSelected="1" workbookViewId="0"><selection activeCell="B3" sqref="B3"/></sheetView></sheetViews><sheetFormatPr defaultRowHeight="13.5" x14ac:dyDescent="0.15"/><cols><col min="1" max="1" width="16.625" customWidth="1"/><col min="2" max="2" width="20" customWidth="1"/></cols><sheetData>${rows}</sheetData><phoneticPr fontId="1" type="noConversion"/><pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/><pageSetup paperSize="9" orientation="portrait" r:id="rId1"/></worksheet>`;
}

export const organisationSheet = sheetXml(
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

export function workbookParts(sheet = organisationSheet): ZipPart[] {
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
export function withPart(name: string, change: Partial<ZipPart>): ZipPart[] {
  return workbookParts().map((part) => (part.name === name ? { ...part, ...change } : part));
}
