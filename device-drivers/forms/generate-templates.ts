/**
 * Generates the demo street-office forms: each `<id>.pdf` template and its `<id>.form.json`
 * definition, from one table layout per form so positions and field names cannot drift apart.
 *
 *   node --import tsx device-drivers/forms/generate-templates.ts [output-directory]
 *
 * residence-certificate: 居住证明申请表, two A4 pages with AcroForm fields.
 * resident-registration: 居民基本信息登记表, one flat A4 page filled by overlay (drawn at positions).
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { PDFDocument, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import {
  parseFormDefinition,
  type FormDataSource,
  type FormDefinition,
  type FormField,
} from '@linli/protocol/form-definition';
import { DEBIAN_CJK_FONTS, embedFace, loadCjkFonts } from '../src/pdf-forms/cjk-fonts';

const A4 = { width: 595.28, height: 841.89 };
const MARGIN = 50;
const TABLE_WIDTH = A4.width - 2 * MARGIN;
const LINE = rgb(0.15, 0.15, 0.15);

/** A table cell: a printed label, a value (a form field) or an empty box for staff to write in. */
type Cell =
  | { label: string; width: number }
  | { field: string; width: number; source: FormDataSource; fontSize?: number; multiline?: boolean }
  | { blank: true; width: number; note?: string };
type Row = { height: number; cells: Cell[] };

interface Page {
  heading?: string;
  subheading?: string;
  /** Paragraphs printed above the table. */
  text?: string[];
  rows: Row[];
  footer?: string;
}

interface FormLayout {
  id: string;
  title: string;
  mode: FormDefinition['mode'];
  pages: Page[];
}

const LABEL_WIDTH = 95;
const idCard = (
  field: Extract<FormDataSource, { from: 'id-card' }>['field'],
  format?: 'YYYY年MM月DD日',
): FormDataSource => (format ? { from: 'id-card', field, format } : { from: 'id-card', field });
const typed = (key: string, label: string, maxLength: number, optional = false): FormDataSource =>
  optional ? { from: 'typed', key, label, maxLength, optional } : { from: 'typed', key, label, maxLength };
/** A phone number: the kiosk opens its digit pad first. */
const typedDigits = (key: string, label: string, maxLength: number): FormDataSource => ({
  from: 'typed',
  key,
  keyboard: 'digits',
  label,
  maxLength,
});

const residenceCertificate: FormLayout = {
  id: 'residence-certificate',
  title: '居住证明申请表',
  mode: 'acroform',
  pages: [
    {
      heading: '居住证明申请表',
      subheading: '北京市东城区安定门街道办事处',
      rows: [
        {
          height: 30,
          cells: [
            { label: '申请人姓名', width: LABEL_WIDTH },
            { field: 'name', width: 150, source: idCard('name') },
            { label: '性别', width: 60 },
            { field: 'gender', width: 190, source: idCard('gender') },
          ],
        },
        {
          height: 30,
          cells: [
            { label: '民族', width: LABEL_WIDTH },
            { field: 'nation', width: 150, source: idCard('nation') },
            { label: '出生日期', width: 60 },
            { field: 'birthDate', width: 190, source: idCard('birthDate', 'YYYY年MM月DD日') },
          ],
        },
        {
          height: 30,
          cells: [
            { label: '公民身份号码', width: LABEL_WIDTH },
            { field: 'idNumber', width: TABLE_WIDTH - LABEL_WIDTH, source: idCard('idNumber') },
          ],
        },
        {
          height: 48,
          cells: [
            { label: '户籍地址', width: LABEL_WIDTH },
            {
              field: 'address',
              width: TABLE_WIDTH - LABEL_WIDTH,
              source: idCard('address'),
              multiline: true,
              fontSize: 11,
            },
          ],
        },
        {
          height: 48,
          cells: [
            { label: '现居住地址', width: LABEL_WIDTH },
            {
              field: 'currentAddress',
              width: TABLE_WIDTH - LABEL_WIDTH,
              source: typed('currentAddress', '现居住地址', 80),
              multiline: true,
              fontSize: 11,
            },
          ],
        },
        {
          height: 30,
          cells: [
            { label: '居住起始日期', width: LABEL_WIDTH },
            { field: 'livingSince', width: 150, source: typed('livingSince', '何时开始在此居住', 20) },
            { label: '联系电话', width: 60 },
            { field: 'phone', width: 190, source: typedDigits('phone', '联系电话', 20) },
          ],
        },
        {
          height: 30,
          cells: [
            { label: '房屋性质', width: LABEL_WIDTH },
            {
              field: 'housing',
              width: TABLE_WIDTH - LABEL_WIDTH,
              source: typed('housing', '房屋性质（自有/租住/借住）', 20),
            },
          ],
        },
        {
          height: 110,
          cells: [
            { label: '申请事由', width: LABEL_WIDTH },
            {
              field: 'reason',
              width: TABLE_WIDTH - LABEL_WIDTH,
              source: typed('reason', '申请事由', 300),
              multiline: true,
              fontSize: 11,
            },
          ],
        },
        {
          height: 30,
          cells: [
            { label: '证明用途', width: LABEL_WIDTH },
            {
              field: 'purpose',
              width: TABLE_WIDTH - LABEL_WIDTH,
              source: typed('purpose', '证明用于何处（如：子女入学）', 40),
            },
          ],
        },
      ],
      footer: '第 1 页 共 2 页',
    },
    {
      heading: '申请人承诺',
      text: [
        '本人承诺：以上所填信息及提交的材料真实、准确、完整，如有虚假，本人愿承担相应的法律责任。',
        '本人同意社区居委会、街道办事处为核实居住情况查询相关信息。',
      ],
      rows: [
        {
          height: 34,
          cells: [
            { label: '申请人签名', width: LABEL_WIDTH },
            { field: 'signatureName', width: 150, source: idCard('name') },
            { label: '申请日期', width: 60 },
            { field: 'applicationDate', width: 190, source: { from: 'today', format: 'YYYY年MM月DD日' } },
          ],
        },
        {
          height: 30,
          cells: [
            { label: '受理单位', width: LABEL_WIDTH },
            {
              field: 'office',
              width: TABLE_WIDTH - LABEL_WIDTH,
              source: { from: 'constant', value: '东城区安定门街道办事处 社区服务大厅' },
            },
          ],
        },
        {
          height: 100,
          cells: [
            { label: '社区居委会意见', width: LABEL_WIDTH },
            { blank: true, width: TABLE_WIDTH - LABEL_WIDTH, note: '（盖章）      年    月    日' },
          ],
        },
        {
          height: 100,
          cells: [
            { label: '街道办事处意见', width: LABEL_WIDTH },
            { blank: true, width: TABLE_WIDTH - LABEL_WIDTH, note: '（盖章）      年    月    日' },
          ],
        },
        {
          height: 30,
          cells: [
            { label: '经办人', width: LABEL_WIDTH },
            { blank: true, width: 150 },
            { label: '受理编号', width: 60 },
            { blank: true, width: 190 },
          ],
        },
      ],
      footer: '第 2 页 共 2 页　　本表由社区服务大厅自助终端打印',
    },
  ],
};

const residentRegistration: FormLayout = {
  id: 'resident-registration',
  title: '居民基本信息登记表',
  mode: 'overlay',
  pages: [
    {
      heading: '居民基本信息登记表',
      subheading: '交道口社区居民委员会',
      rows: [
        {
          height: 30,
          cells: [
            { label: '姓名', width: LABEL_WIDTH },
            { field: 'name', width: 150, source: idCard('name'), fontSize: 12 },
            { label: '性别', width: 60 },
            { field: 'gender', width: 190, source: idCard('gender'), fontSize: 12 },
          ],
        },
        {
          height: 30,
          cells: [
            { label: '民族', width: LABEL_WIDTH },
            { field: 'nation', width: 150, source: idCard('nation'), fontSize: 12 },
            { label: '出生日期', width: 60 },
            { field: 'birthDate', width: 190, source: idCard('birthDate', 'YYYY年MM月DD日'), fontSize: 12 },
          ],
        },
        {
          height: 30,
          cells: [
            { label: '公民身份号码', width: LABEL_WIDTH },
            { field: 'idNumber', width: TABLE_WIDTH - LABEL_WIDTH, source: idCard('idNumber'), fontSize: 12 },
          ],
        },
        {
          height: 48,
          cells: [
            { label: '户籍地址', width: LABEL_WIDTH },
            {
              field: 'address',
              width: TABLE_WIDTH - LABEL_WIDTH,
              source: idCard('address'),
              multiline: true,
              fontSize: 11,
            },
          ],
        },
        {
          height: 30,
          cells: [
            { label: '联系电话', width: LABEL_WIDTH },
            { field: 'phone', width: 150, source: typedDigits('phone', '联系电话', 20), fontSize: 12 },
            { label: '职业', width: 60 },
            { field: 'occupation', width: 190, source: typed('occupation', '职业', 20, true), fontSize: 12 },
          ],
        },
        {
          height: 48,
          cells: [
            { label: '工作单位', width: LABEL_WIDTH },
            {
              field: 'employer',
              width: TABLE_WIDTH - LABEL_WIDTH,
              source: typed('employer', '工作单位', 60, true),
              multiline: true,
              fontSize: 11,
            },
          ],
        },
        {
          height: 80,
          cells: [
            { label: '家庭成员', width: LABEL_WIDTH },
            {
              field: 'family',
              width: TABLE_WIDTH - LABEL_WIDTH,
              source: typed('family', '同住家庭成员（姓名、关系）', 200, true),
              multiline: true,
              fontSize: 11,
            },
          ],
        },
        {
          height: 30,
          cells: [
            { label: '登记日期', width: LABEL_WIDTH },
            { field: 'registeredOn', width: 150, source: { from: 'today', format: 'YYYY-MM-DD' }, fontSize: 12 },
            { label: '登记人', width: 60 },
            { blank: true, width: 190 },
          ],
        },
      ],
      footer: '本表信息仅用于社区服务，依法保护个人信息。',
    },
  ],
};

function centred(page: PDFPage, text: string, y: number, size: number, font: PDFFont): void {
  page.drawText(text, { x: (A4.width - font.widthOfTextAtSize(text, size)) / 2, y, size, font, color: LINE });
}

/** Draws one page of a form and returns the definition fields for its value cells. */
function drawPage(doc: PDFDocument, layout: FormLayout, pageIndex: number, font: PDFFont): FormField[] {
  const spec = layout.pages[pageIndex]!;
  const page = doc.addPage([A4.width, A4.height]);
  const fields: FormField[] = [];
  let top = A4.height - 70;
  if (spec.heading) {
    centred(page, spec.heading, top, 20, font);
    top -= 26;
  }
  if (spec.subheading) {
    centred(page, spec.subheading, top, 11, font);
    top -= 24;
  }
  for (const paragraph of spec.text ?? []) {
    // Paragraphs are short and fixed, so breaking them every N characters is enough here.
    const perLine = Math.floor(TABLE_WIDTH / 12);
    for (let start = 0; start < paragraph.length; start += perLine) {
      page.drawText(paragraph.slice(start, start + perLine), {
        x: MARGIN + (start === 0 ? 24 : 0),
        y: top,
        size: 12,
        font,
        color: LINE,
      });
      top -= 20;
    }
    top -= 6;
  }
  top -= 6;
  for (const row of spec.rows) {
    let x = MARGIN;
    const bottom = top - row.height;
    for (const cell of row.cells) {
      page.drawRectangle({ x, y: bottom, width: cell.width, height: row.height, borderColor: LINE, borderWidth: 0.8 });
      if ('label' in cell) {
        const size = 11;
        page.drawText(cell.label, {
          x: x + (cell.width - font.widthOfTextAtSize(cell.label, size)) / 2,
          y: bottom + (row.height - size) / 2 + 2,
          size,
          font,
          color: LINE,
        });
      } else if ('blank' in cell) {
        if (cell.note)
          page.drawText(cell.note, {
            x: x + cell.width - font.widthOfTextAtSize(cell.note, 10) - 10,
            y: bottom + 8,
            size: 10,
            font,
            color: LINE,
          });
      } else {
        fields.push(
          valueField(
            doc,
            page,
            pageIndex,
            layout.mode,
            cell,
            { x, y: bottom, width: cell.width, height: row.height },
            font,
          ),
        );
      }
      x += cell.width;
    }
    top = bottom;
  }
  if (spec.footer) centred(page, spec.footer, 40, 9, font);
  return fields;
}

type Rect = { x: number; y: number; width: number; height: number };

function valueField(
  doc: PDFDocument,
  page: PDFPage,
  pageIndex: number,
  mode: FormDefinition['mode'],
  cell: Extract<Cell, { field: string }>,
  rect: Rect,
  font: PDFFont,
): FormField {
  const fontSize = cell.fontSize ?? 12;
  if (mode === 'acroform') {
    const textField = doc.getForm().createTextField(cell.field);
    if (cell.multiline) textField.enableMultiline();
    textField.addToPage(page, {
      x: rect.x + 1,
      y: rect.y + 1,
      width: rect.width - 2,
      height: rect.height - 2,
      borderWidth: 0,
      font,
    });
    // An explicit size: pdf-lib's auto size would make every field's text a different height.
    return { id: cell.field, source: cell.source, target: { acroField: cell.field, fontSize } };
  }
  const inset = 6;
  const target = cell.multiline
    ? {
        page: pageIndex,
        x: rect.x + inset,
        y: rect.y + rect.height - inset - fontSize,
        fontSize,
        box: { width: rect.width - 2 * inset, height: rect.height - 2 * inset },
      }
    : {
        page: pageIndex,
        x: rect.x + inset,
        y: rect.y + (rect.height - fontSize) / 2 + fontSize * 0.15,
        fontSize,
        maxWidth: rect.width - 2 * inset,
      };
  return { id: cell.field, source: cell.source, target: { ...target, x: round(target.x), y: round(target.y) } };
}

const round = (value: number) => Math.round(value * 100) / 100;

async function generate(layout: FormLayout, outputDirectory: string): Promise<void> {
  const fonts = await loadCjkFonts({ primary: DEBIAN_CJK_FONTS.primary, fallbacks: [] });
  const doc = await PDFDocument.create();
  doc.registerFontkit(fonts.fontkit);
  const font = await embedFace(doc, fonts.faces[0]!, { subset: true });
  doc.setTitle(layout.title);
  doc.setProducer('Linli generate-templates');
  // Fixed dates, so a regenerated template differs only where the layout (or the random subset tag) did.
  doc.setCreationDate(new Date('2025-01-01T00:00:00Z'));
  doc.setModificationDate(new Date('2025-01-01T00:00:00Z'));
  const fields = layout.pages.flatMap((_, index) => drawPage(doc, layout, index, font));
  if (layout.mode === 'acroform') doc.getForm().updateFieldAppearances(font);
  const definition = parseFormDefinition({
    id: layout.id,
    title: layout.title,
    template: `${layout.id}.pdf`,
    mode: layout.mode,
    fields,
  });
  const pdf = await doc.save();
  await writeFile(path.join(outputDirectory, `${layout.id}.pdf`), pdf);
  await writeFile(path.join(outputDirectory, `${layout.id}.form.json`), `${JSON.stringify(definition, null, 2)}\n`);
  console.log(
    `${layout.id}: ${layout.pages.length} page(s), ${fields.length} fields, ${Math.round(pdf.length / 1024)} KB`,
  );
}

const outputDirectory = process.argv[2] ?? import.meta.dirname;
for (const layout of [residenceCertificate, residentRegistration]) await generate(layout, outputDirectory);
