/**
 * Generates the demo street-office forms: each `<id>.pdf` template and its `<id>.form.json`
 * definition, from one table layout per form so positions and field names cannot drift apart.
 *
 *   node --import tsx device-drivers/forms/generate-templates.ts [output-directory]
 *
 * residence-certificate: 居住证明申请表, two A4 pages with AcroForm fields.
 * resident-registration: 居民基本信息登记表, one flat A4 page filled by overlay (drawn at positions).
 * The others are one A4 page each (AcroForm or overlay), one per demo guide they name in guideIds:
 * 最低生活保障申请书, 高龄津贴申请表, 居住证申领登记表, 残疾人两项补贴申请表, 临时救助申请表, 就业失业登记表.
 * Headers name the demo organisation (安和街道); questions with fixed answers, dates and the
 * current address are asked with buttons, the date picker and 与身份证住址相同.
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
  /** The demo guides (admin-server/demo/guides) whose kiosk pages offer this form. */
  guideIds?: string[];
  pages: Page[];
}

const LABEL_WIDTH = 95;
/** The demo organisation (admin-server/src/demo-content.ts): the street office and its hall. */
const STREET_OFFICE = '安和街道办事处';
const SERVICE_HALL = '安和街道社区服务大厅';
const COMMUNITY = '临江社区居民委员会';

type Value = Extract<Cell, { field: string }>;
type ValueSpec = Omit<Value, 'width'>;

const idCard = (
  field: Extract<FormDataSource, { from: 'id-card' }>['field'],
  format?: 'YYYY年MM月DD日',
): FormDataSource => (format ? { from: 'id-card', field, format } : { from: 'id-card', field });
const typed = (key: string, label: string, maxLength: number, optional = false): FormDataSource =>
  optional ? { from: 'typed', key, label, maxLength, optional } : { from: 'typed', key, label, maxLength };
/** A number (phone, count, amount): the kiosk opens its digit pad first. */
const typedDigits = (key: string, label: string, maxLength: number, optional = false): FormDataSource => ({
  from: 'typed',
  key,
  keyboard: 'digits',
  label,
  maxLength,
  ...(optional ? { optional } : {}),
});
/** Fixed answers: the kiosk shows them as buttons. */
const choice = (key: string, label: string, choices: string[]): FormDataSource => ({
  from: 'typed',
  key,
  label,
  maxLength: 20,
  choices,
});
/** A date: the kiosk shows its date picker. */
const date = (key: string, label: string): FormDataSource => ({
  from: 'typed',
  key,
  label,
  dateFormat: 'YYYY年MM月DD日',
});
/** Where the resident lives now: the kiosk offers 与身份证住址相同. */
const livingAddress = (key: string, label: string): FormDataSource => ({
  from: 'typed',
  key,
  label,
  maxLength: 80,
  sameAsCard: 'address',
});
const today: FormDataSource = { from: 'today', format: 'YYYY年MM月DD日' };

const v = (field: string, source: FormDataSource, fontSize?: number): ValueSpec =>
  fontSize ? { field, source, fontSize } : { field, source };
/** Two label–value pairs on one row. */
function pair(left: [string, ValueSpec], right: [string, ValueSpec], height = 30): Row {
  return {
    height,
    cells: [
      { label: left[0], width: LABEL_WIDTH },
      { ...left[1], width: 150 },
      { label: right[0], width: 60 },
      { ...right[1], width: TABLE_WIDTH - LABEL_WIDTH - 210 },
    ],
  };
}
/** One label and a value across the row; taller rows wrap. */
function wide(label: string, value: ValueSpec, height = 30): Row {
  const multiline = height > 36;
  return {
    height,
    cells: [
      { label, width: LABEL_WIDTH },
      {
        ...value,
        width: TABLE_WIDTH - LABEL_WIDTH,
        ...(multiline ? { multiline, fontSize: value.fontSize ?? 11 } : {}),
      },
    ],
  };
}
/** A box staff fill in by hand (opinion and stamp). */
const opinion = (label: string, height = 90): Row => ({
  height,
  cells: [
    { label, width: LABEL_WIDTH },
    { blank: true, width: TABLE_WIDTH - LABEL_WIDTH, note: '（盖章）      年    月    日' },
  ],
});
/** 姓名/性别, 民族/出生日期, 公民身份号码, 户籍地址: what every form takes from the card. */
function personRows(prefix = ''): Row[] {
  return [
    pair(['姓名', v(`${prefix}name`, idCard('name'))], ['性别', v(`${prefix}gender`, idCard('gender'))]),
    pair(
      ['民族', v(`${prefix}nation`, idCard('nation'))],
      ['出生日期', v(`${prefix}birthDate`, idCard('birthDate', 'YYYY年MM月DD日'))],
    ),
    wide('公民身份号码', v(`${prefix}idNumber`, idCard('idNumber'))),
    wide('户籍地址', v(`${prefix}address`, idCard('address')), 48),
  ];
}
const signature = (): Row =>
  pair(['申请人签名', v('signatureName', idCard('name'))], ['申请日期', v('applicationDate', today)], 34);
const KIOSK_FOOTER = '本表由社区服务大厅自助终端打印，手写补充有效';

const residenceCertificate: FormLayout = {
  id: 'residence-certificate',
  title: '居住证明申请表',
  mode: 'acroform',
  guideIds: ['zhengming-community-residence'],
  pages: [
    {
      heading: '居住证明申请表',
      subheading: STREET_OFFICE,
      rows: [
        pair(['申请人姓名', v('name', idCard('name'))], ['性别', v('gender', idCard('gender'))]),
        pair(
          ['民族', v('nation', idCard('nation'))],
          ['出生日期', v('birthDate', idCard('birthDate', 'YYYY年MM月DD日'))],
        ),
        wide('公民身份号码', v('idNumber', idCard('idNumber'))),
        wide('户籍地址', v('address', idCard('address')), 48),
        wide('现居住地址', v('currentAddress', livingAddress('currentAddress', '现居住地址')), 48),
        pair(
          ['居住起始日期', v('livingSince', date('livingSince', '开始在此居住的日期'))],
          ['联系电话', v('phone', typedDigits('phone', '联系电话', 20))],
        ),
        wide('房屋性质', v('housing', choice('housing', '房屋性质', ['自有', '租住', '借住']))),
        wide('申请事由', v('reason', typed('reason', '申请事由', 300)), 110),
        wide('证明用途', v('purpose', typed('purpose', '证明用于何处（如：子女入学）', 40))),
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
        signature(),
        wide('受理单位', v('office', { from: 'constant', value: SERVICE_HALL })),
        opinion('社区居委会意见', 100),
        opinion('街道办事处意见', 100),
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
      footer: `第 2 页 共 2 页　　${KIOSK_FOOTER}`,
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
      subheading: COMMUNITY,
      rows: [
        ...personRows(),
        pair(
          ['联系电话', v('phone', typedDigits('phone', '联系电话', 20))],
          ['职业', v('occupation', typed('occupation', '职业', 20, true))],
        ),
        wide('工作单位', v('employer', typed('employer', '工作单位', 60, true)), 48),
        wide('家庭成员', v('family', typed('family', '同住家庭成员（姓名、关系）', 200, true)), 80),
        {
          height: 30,
          cells: [
            { label: '登记日期', width: LABEL_WIDTH },
            { field: 'registeredOn', width: 150, source: { from: 'today', format: 'YYYY-MM-DD' } },
            { label: '登记人', width: 60 },
            { blank: true, width: 190 },
          ],
        },
      ],
      footer: '本表信息仅用于社区服务，依法保护个人信息。',
    },
  ],
};

const minimumLiving: FormLayout = {
  id: 'minimum-living-allowance',
  title: '最低生活保障申请书',
  mode: 'overlay',
  guideIds: ['dibao-apply'],
  pages: [
    {
      heading: '最低生活保障申请书',
      subheading: `${STREET_OFFICE}（社会救助）`,
      rows: [
        ...personRows(),
        wide('现居住地址', v('currentAddress', livingAddress('currentAddress', '现居住地址')), 48),
        pair(
          ['联系电话', v('phone', typedDigits('phone', '联系电话', 20))],
          ['家庭人口', v('familySize', typedDigits('familySize', '共同生活的家庭人口数', 2))],
        ),
        wide('家庭月总收入', v('monthlyIncome', typedDigits('monthlyIncome', '家庭月总收入（元）', 8))),
        wide('户籍类别', v('hukouType', choice('hukouType', '户籍类别', ['本区户籍', '持本地居住证']))),
        wide('申请理由', v('reason', typed('reason', '申请理由（家庭困难情况）', 300)), 120),
        signature(),
        opinion('社区居委会意见', 80),
      ],
      footer: KIOSK_FOOTER,
    },
  ],
};

const highAgeAllowance: FormLayout = {
  id: 'high-age-allowance',
  title: '高龄津贴申请表',
  mode: 'acroform',
  guideIds: ['laonian-high-age-allowance'],
  pages: [
    {
      heading: '高龄津贴申请表',
      subheading: `${STREET_OFFICE}（养老服务）`,
      rows: [
        ...personRows(),
        wide('现居住地址', v('currentAddress', livingAddress('currentAddress', '现居住地址')), 48),
        wide('联系电话', v('phone', typedDigits('phone', '联系电话', 20))),
        wide('发放方式', v('payment', choice('payment', '津贴发放方式', ['社会保障卡', '本人银行卡']))),
        pair(
          ['代办人姓名', v('agentName', typed('agentName', '代办人姓名（本人办理不填）', 20, true))],
          ['代办电话', v('agentPhone', typedDigits('agentPhone', '代办人电话', 20, true))],
        ),
        signature(),
        opinion('社区居委会意见'),
        opinion('街道办事处意见'),
      ],
      footer: KIOSK_FOOTER,
    },
  ],
};

const residencePermit: FormLayout = {
  id: 'residence-permit',
  title: '居住证申领登记表',
  mode: 'acroform',
  guideIds: ['juzhuzheng-apply', 'juzhuzheng-minor'],
  pages: [
    {
      heading: '居住证申领登记表',
      subheading: `${STREET_OFFICE} 流动人口服务站`,
      rows: [
        ...personRows(),
        wide('居住地址', v('currentAddress', typed('currentAddress', '本地居住地址', 80)), 48),
        pair(
          ['居住起始', v('livingSince', date('livingSince', '在本地居住的起始日期'))],
          ['联系电话', v('phone', typedDigits('phone', '联系电话', 20))],
        ),
        wide('居住事由', v('residenceReason', choice('residenceReason', '居住事由', ['就业', '就学', '投亲', '其他']))),
        wide(
          '住所类型',
          v('housing', choice('housing', '住所类型', ['自有住房', '租赁住房', '单位宿舍', '借住亲友家'])),
        ),
        wide('就业单位或学校', v('employer', typed('employer', '就业单位或就读学校', 60, true)), 40),
        signature(),
        opinion('受理单位意见', 80),
      ],
      footer: KIOSK_FOOTER,
    },
  ],
};

const disabilitySubsidies: FormLayout = {
  id: 'disability-subsidies',
  title: '残疾人两项补贴申请表',
  mode: 'overlay',
  guideIds: ['canji-two-subsidies'],
  pages: [
    {
      heading: '残疾人两项补贴申请表',
      subheading: `${STREET_OFFICE}（残疾人服务）`,
      rows: [
        ...personRows(),
        wide('现居住地址', v('currentAddress', livingAddress('currentAddress', '现居住地址')), 48),
        pair(
          ['联系电话', v('phone', typedDigits('phone', '联系电话', 20))],
          ['残疾人证号', v('disabilityCard', typedDigits('disabilityCard', '残疾人证号', 22))],
        ),
        wide(
          '残疾类别',
          v(
            'disabilityType',
            choice('disabilityType', '残疾类别', ['视力', '听力', '言语', '肢体', '智力', '精神', '多重']),
          ),
        ),
        wide('残疾等级', v('disabilityGrade', choice('disabilityGrade', '残疾等级', ['一级', '二级', '三级', '四级']))),
        wide(
          '申请项目',
          v('subsidy', choice('subsidy', '申请的补贴', ['困难残疾人生活补贴', '重度残疾人护理补贴', '两项补贴都申请'])),
        ),
        signature(),
        opinion('社区居委会意见', 80),
      ],
      footer: KIOSK_FOOTER,
    },
  ],
};

const temporaryRelief: FormLayout = {
  id: 'temporary-relief',
  title: '临时救助申请表',
  mode: 'acroform',
  guideIds: ['dibao-temporary-relief'],
  pages: [
    {
      heading: '临时救助申请表',
      subheading: `${STREET_OFFICE}（社会救助）`,
      rows: [
        ...personRows(),
        wide('现居住地址', v('currentAddress', livingAddress('currentAddress', '现居住地址')), 48),
        pair(
          ['联系电话', v('phone', typedDigits('phone', '联系电话', 20))],
          ['家庭人口', v('familySize', typedDigits('familySize', '共同生活的家庭人口数', 2))],
        ),
        pair(
          ['困难类型', v('hardshipType', choice('hardshipType', '困难类型', ['急难型', '支出型']))],
          ['发生日期', v('hardshipDate', date('hardshipDate', '困难发生的日期'))],
        ),
        wide('困难情况', v('hardship', typed('hardship', '困难情况说明', 300)), 120),
        signature(),
        opinion('社区居委会意见', 80),
      ],
      footer: KIOSK_FOOTER,
    },
  ],
};

const employmentRegistration: FormLayout = {
  id: 'employment-registration',
  title: '就业失业登记表',
  mode: 'overlay',
  guideIds: ['jiuye-unemployment-register', 'jiuye-employment-register'],
  pages: [
    {
      heading: '就业失业登记表',
      subheading: `${STREET_OFFICE} 社区就业服务站`,
      rows: [
        ...personRows(),
        wide('现居住地址', v('currentAddress', livingAddress('currentAddress', '现居住地址')), 48),
        pair(
          ['联系电话', v('phone', typedDigits('phone', '联系电话', 20))],
          ['登记类别', v('registration', choice('registration', '登记类别', ['就业登记', '失业登记']))],
        ),
        wide(
          '文化程度',
          v('education', choice('education', '文化程度', ['初中及以下', '高中', '中专', '大专', '本科', '研究生'])),
        ),
        pair(
          ['就业或失业日期', v('since', date('since', '就业或失业的日期'))],
          ['求职意向', v('jobWish', typed('jobWish', '求职意向', 20, true))],
        ),
        wide('原工作单位', v('employer', typed('employer', '原工作单位或现工作单位', 60, true)), 40),
        signature(),
        opinion('经办机构意见', 80),
      ],
      footer: KIOSK_FOOTER,
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
    // A value is named by the label printed left of it (the preview on the kiosk shows that name).
    let label: string | undefined;
    for (const cell of row.cells) {
      page.drawRectangle({ x, y: bottom, width: cell.width, height: row.height, borderColor: LINE, borderWidth: 0.8 });
      if ('label' in cell) {
        label = cell.label;
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
            label,
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
  label: string | undefined,
): FormField {
  const fontSize = cell.fontSize ?? 12;
  const named = label ? { label } : {};
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
    return { id: cell.field, ...named, source: cell.source, target: { acroField: cell.field, fontSize } };
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
  return {
    id: cell.field,
    ...named,
    source: cell.source,
    target: { ...target, x: round(target.x), y: round(target.y) },
  };
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
    ...(layout.guideIds ? { guideIds: layout.guideIds } : {}),
  });
  const pdf = await doc.save();
  await writeFile(path.join(outputDirectory, `${layout.id}.pdf`), pdf);
  await writeFile(path.join(outputDirectory, `${layout.id}.form.json`), `${JSON.stringify(definition, null, 2)}\n`);
  console.log(
    `${layout.id}: ${layout.pages.length} page(s), ${fields.length} fields, ${Math.round(pdf.length / 1024)} KB`,
  );
}

const outputDirectory = process.argv[2] ?? import.meta.dirname;
const layouts = [
  residenceCertificate,
  residentRegistration,
  minimumLiving,
  highAgeAllowance,
  residencePermit,
  disabilitySubsidies,
  temporaryRelief,
  employmentRegistration,
];
for (const layout of layouts) await generate(layout, outputDirectory);
