import assert from 'node:assert/strict';
import { rejection } from './rejection';
import { SAMPLE_ANSWERS, SAMPLE_CARD } from './form-samples';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { typedInputsOf, type FormDefinition } from '@linli/protocol/form-definition';
import { DEBIAN_CJK_FONTS, loadCjkFonts, type CjkFonts } from '../src/pdf-forms/cjk-fonts';
import { fillForm } from '../src/pdf-forms/fill-form';
import { readFormFiles } from '../src/pdf-forms/form-files';
import { resolveFormData, type FormInputs } from '../src/pdf-forms/resolve-form-data';

const formsDir = path.join(import.meta.dirname, '../forms');
const workDir = mkdtempSync(path.join(os.tmpdir(), 'linli-forms-'));
let fonts: CjkFonts;

before(async () => {
  fonts = await loadCjkFonts(DEBIAN_CJK_FONTS);
});
after(() => rmSync(workDir, { recursive: true, force: true }));

const inputs = (): FormInputs => ({ idCard: SAMPLE_CARD, typed: SAMPLE_ANSWERS, today: new Date(2025, 4, 9) });

function pdfText(pdf: Uint8Array, page?: number): string {
  const file = path.join(workDir, `text-${Math.random()}.pdf`);
  writeFileSync(file, pdf);
  const pageArgs = page === undefined ? [] : ['-f', String(page), '-l', String(page)];
  return execFileSync('pdftotext', [...pageArgs, file, '-'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

function pdfFonts(pdf: Uint8Array): string {
  const file = path.join(workDir, `fonts-${Math.random()}.pdf`);
  writeFileSync(file, pdf);
  return execFileSync('pdffonts', [file], { encoding: 'utf8' });
}

async function fillDemo(id: string, formInputs = inputs()) {
  const { definition, template } = await readFormFiles(formsDir, id);
  return fillForm(definition, template, resolveFormData(definition, formInputs), fonts);
}

test('the two-page AcroForm form filled with Chinese: small, text on both pages, subset fonts embedded', async () => {
  const pdf = await fillDemo('residence-certificate');
  assert.ok(pdf.length < 300 * 1024, `${pdf.length} bytes`);
  const page1 = pdfText(pdf, 1);
  for (const text of [
    '居住证明申请表',
    '张喆𠀀',
    '男',
    '1958年03月07日',
    '11010119580307002X',
    '交道口北二条𠀀号院',
    '䶮巷12号',
    '孩子明年上小学',
    '子女入学',
    '2019年05月01日',
  ]) {
    assert.ok(page1.includes(text), `page 1 lacks ${text}:\n${page1}`);
  }
  const page2 = pdfText(pdf, 2);
  for (const text of ['申请人承诺', '张喆𠀀', '2025年05月09日', '安和街道社区服务大厅'])
    assert.ok(page2.includes(text), `page 2 lacks ${text}:\n${page2}`);
  const fontList = pdfFonts(pdf);
  // Every font embedded ("yes") as a subset ("yes"), the fallback among them for 𠀀.
  assert.match(fontList, /[A-Z]{6}\+NotoSansCJKsc-Regular\s+CID Type 0C\s+Identity-H\s+yes yes yes/);
  assert.match(fontList, /[A-Z]{6}\+HanaMinB\s+CID TrueType\s+Identity-H\s+yes yes yes/);
  assert.doesNotMatch(fontList, /\bno\s+(yes|no)\s+(yes|no)\s+\d/);
  // No form fields are left for a viewer to edit or a spooler to render differently.
  assert.doesNotMatch(Buffer.from(pdf).toString('latin1'), /\/FT\s*\/Tx/);
});

test('the overlay form filled with Chinese: text at its places, fallback font only where needed', async () => {
  const pdf = await fillDemo('resident-registration');
  assert.ok(pdf.length < 300 * 1024, `${pdf.length} bytes`);
  const text = pdfText(pdf);
  for (const expected of [
    '居民基本信息登记表',
    '张喆𠀀',
    '交道口北二条𠀀号院',
    '13800138000',
    '李芳（配偶）',
    '2025-05-09',
  ])
    assert.ok(text.includes(expected), `lacks ${expected}:\n${text}`);
  assert.match(pdfFonts(pdf), /\+HanaMinB/);
  const common = await fillDemo('resident-registration', {
    ...inputs(),
    idCard: { ...SAMPLE_CARD, name: '张喆', address: '北京市东城区' },
  });
  assert.doesNotMatch(pdfFonts(common), /HanaMinB/);
});

test('a character in no font is GLYPH_UNAVAILABLE naming it and its field', async () => {
  const error = await rejection(
    fillDemo('resident-registration', { ...inputs(), idCard: { ...SAMPLE_CARD, name: '王\u{E000}明' } }),
  );
  assert.equal(error.code, 'GLYPH_UNAVAILABLE');
  assert.deepEqual(error.details, [{ path: 'name', message: '\u{E000} (U+E000)' }]);
});

test('template problems are FORM_INVALID naming the field', async () => {
  const { definition, template } = await readFormFiles(formsDir, 'residence-certificate');
  const fields = resolveFormData(definition, inputs());
  const notPdf = await rejection(fillForm(definition, new TextEncoder().encode('not a pdf'), fields, fonts));
  assert.equal(notPdf.code, 'FORM_INVALID');
  const renamed = fields.map((field) =>
    field.id === 'phone' ? { ...field, target: { acroField: 'telephone' } } : field,
  );
  const missingField = await rejection(fillForm(definition, template, renamed, fonts));
  assert.equal(missingField.code, 'FORM_INVALID');
  assert.deepEqual(missingField.details, [{ path: 'phone', message: 'the template has no field telephone' }]);

  const overlay = await readFormFiles(formsDir, 'resident-registration');
  const overlayFields = resolveFormData(overlay.definition, inputs()).map((field) =>
    field.id === 'family' ? { ...field, target: { page: 3, x: 10, y: 10, fontSize: 10 } } : field,
  );
  const badPage = await rejection(fillForm(overlay.definition, overlay.template, overlayFields, fonts));
  assert.deepEqual(badPage.details, [{ path: 'family', message: 'page 3 does not exist; the template has 1' }]);
});

test('text too long for its place is FORM_INVALID, not clipped', async () => {
  const definition: FormDefinition = {
    id: 'tiny',
    title: '小表',
    template: 'tiny.pdf',
    mode: 'overlay',
    fields: [
      {
        id: 'address',
        source: { from: 'id-card', field: 'address' },
        target: { page: 0, x: 10, y: 10, fontSize: 12, maxWidth: 40 },
      },
    ],
  };
  const { template } = await readFormFiles(formsDir, 'resident-registration');
  const error = await rejection(fillForm(definition, template, resolveFormData(definition, inputs()), fonts));
  assert.equal(error.code, 'FORM_INVALID');
  assert.equal(error.details![0]!.path, 'address');
});

test('a missing font file is CONFIG_INVALID naming the path', async () => {
  const error = await rejection(
    loadCjkFonts({
      primary: { path: '/nonexistent/NotoSansCJK-Regular.ttc', postscriptName: 'NotoSansCJKsc-Regular' },
      fallbacks: [],
    }),
  );
  assert.equal(error.code, 'CONFIG_INVALID');
  assert.match(error.message, /\/nonexistent\/NotoSansCJK-Regular\.ttc/);
  const wrongFace = await rejection(
    loadCjkFonts({ primary: { path: DEBIAN_CJK_FONTS.primary.path, postscriptName: 'NoSuchFace' }, fallbacks: [] }),
  );
  assert.equal(wrongFace.code, 'CONFIG_INVALID');
  assert.match(wrongFace.message, /NotoSansCJKsc-Regular/);
});

test('every demo form fills and prints its answers: choices, dates, the card’s address; no other city in its header', async () => {
  const ids = readdirSync(formsDir)
    .filter((name) => name.endsWith('.form.json'))
    .map((name) => name.slice(0, -'.form.json'.length));
  for (const id of ids) {
    const { definition, template } = await readFormFiles(formsDir, id);
    const typed: Record<string, string> = {};
    const sameAsCard: string[] = [];
    for (const input of typedInputsOf(definition)) {
      if (input.sameAsCard) sameAsCard.push(input.key);
      else if (input.choices) typed[input.key] = input.choices.at(-1)!;
      else if (input.dateFormat) typed[input.key] = '2020-02-29';
      else if (input.keyboard === 'digits') typed[input.key] = '3'.repeat(Math.min(input.maxLength ?? 11, 11));
      else typed[input.key] = '测试';
    }
    const card = { ...SAMPLE_CARD, name: '张喆', address: '临江市安和区和平路88号' };
    const pdf = await fillForm(
      definition,
      template,
      resolveFormData(definition, { idCard: card, typed, sameAsCard, today: new Date(2025, 4, 9) }),
      fonts,
    );
    const text = pdfText(pdf).replace(/\s+/g, '');
    assert.ok(text.includes(definition.title), `${id}: title`);
    assert.doesNotMatch(text, /北京|东城/, `${id}: header`);
    assert.ok(text.includes('张喆'), `${id}: name from the card`);
    for (const input of typedInputsOf(definition)) {
      if (input.choices) assert.ok(text.includes(input.choices.at(-1)!), `${id}: ${input.label}`);
      if (input.dateFormat) assert.ok(text.includes('2020年02月29日'), `${id}: ${input.label}`);
    }
    if (sameAsCard.length > 0)
      assert.equal(text.split('临江市安和区和平路88号').length - 1, 2, `${id}: 户籍地址 and 与身份证住址相同`);
  }
});
