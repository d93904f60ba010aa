import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { LinliError } from '@linli/protocol/errors';
import { formNeedsIdCard, formSummaryOf, parseFormDefinition, typedInputsOf } from '@linli/protocol/form-definition';

const formsDir = path.join(import.meta.dirname, '../forms');
const demo = (id: string) => JSON.parse(readFileSync(path.join(formsDir, `${id}.form.json`), 'utf8')) as unknown;

function formInvalid(fn: () => unknown): LinliError {
  try {
    fn();
  } catch (error) {
    assert.ok(error instanceof LinliError);
    assert.equal(error.code, 'FORM_INVALID');
    return error;
  }
  assert.fail('expected FORM_INVALID');
}

const minimal = {
  id: 'test-form',
  title: '测试表',
  template: 'test-form.pdf',
  mode: 'overlay',
  fields: [
    { id: 'name', source: { from: 'id-card', field: 'name' }, target: { page: 0, x: 100, y: 700, fontSize: 12 } },
  ],
};

test('the demo definitions are valid and ask the kiosk for their typed inputs once each', () => {
  const certificate = parseFormDefinition(demo('residence-certificate'));
  assert.equal(certificate.mode, 'acroform');
  assert.ok(formNeedsIdCard(certificate));
  assert.deepEqual(
    typedInputsOf(certificate).map((input) => input.key),
    ['currentAddress', 'livingSince', 'phone', 'housing', 'reason', 'purpose'],
  );
  const registration = parseFormDefinition(demo('resident-registration'));
  assert.equal(registration.mode, 'overlay');
  assert.deepEqual(
    typedInputsOf(registration).find((input) => input.key === 'occupation'),
    { key: 'occupation', label: '职业', maxLength: 20, optional: true, keyboard: 'text' },
  );
});

test('schema errors name the bad field paths', () => {
  const error = formInvalid(() =>
    parseFormDefinition({
      ...minimal,
      template: '../etc/passwd',
      fields: [
        { id: 'name', source: { from: 'id-card', field: 'photo' }, target: { page: 0, x: 1, y: 1, fontSize: 12 } },
      ],
    }),
  );
  const paths = error.details!.map((detail) => detail.path);
  assert.ok(paths.includes('/template'), paths.join());
  assert.ok(
    paths.some((p) => p.startsWith('/fields/0/source')),
    paths.join(),
  );
});

test('targets must match the mode, ids must be unique, a typed key has one label', () => {
  const error = formInvalid(() =>
    parseFormDefinition({
      ...minimal,
      fields: [
        minimal.fields[0],
        { id: 'name', source: { from: 'typed', key: 'phone', label: '电话' }, target: { acroField: 'phone' } },
        {
          id: 'phone2',
          source: { from: 'typed', key: 'phone', label: '手机' },
          target: { page: 0, x: 1, y: 1, fontSize: 12 },
        },
      ],
    }),
  );
  assert.deepEqual(
    error.details!.map((detail) => detail.path),
    ['/fields/1/id', '/fields/1/target', '/fields/2/source/label'],
  );
});

test('unknown properties and out-of-range positions are rejected', () => {
  formInvalid(() => parseFormDefinition({ ...minimal, colour: 'red' }));
  formInvalid(() =>
    parseFormDefinition({
      ...minimal,
      fields: [{ ...minimal.fields[0], target: { page: -1, x: 1, y: 1, fontSize: 12 } }],
    }),
  );
  formInvalid(() =>
    parseFormDefinition({
      ...minimal,
      fields: [{ ...minimal.fields[0], target: { page: 0, x: 1, y: 1, fontSize: 200 } }],
    }),
  );
  formInvalid(() => parseFormDefinition({ ...minimal, fields: [] }));
});

test('at least eight demo forms, each headed for the demo organisation and belonging to demo guides', () => {
  const guidesDir = path.join(import.meta.dirname, '../../admin-server/demo/guides');
  const guideIds = new Set(
    readdirSync(guidesDir)
      .filter((name) => name.endsWith('.json'))
      .flatMap((name) => JSON.parse(readFileSync(path.join(guidesDir, name), 'utf8')) as { id: string }[])
      .map((guide) => guide.id),
  );
  const ids = readdirSync(formsDir)
    .filter((name) => name.endsWith('.form.json'))
    .map((name) => name.slice(0, -'.form.json'.length));
  assert.ok(ids.length >= 8, ids.join());
  let withGuides = 0;
  for (const id of ids) {
    const definition = parseFormDefinition(demo(id));
    assert.equal(definition.id, id);
    assert.doesNotMatch(JSON.stringify(definition), /北京|东城/, `${id} names no other city`);
    for (const guideId of definition.guideIds ?? []) assert.ok(guideIds.has(guideId), `${id}: no guide ${guideId}`);
    if ((definition.guideIds ?? []).length > 0) withGuides++;
    // What the card gives is taken from the card, never asked.
    for (const input of typedInputsOf(definition))
      assert.doesNotMatch(input.label, /^(姓名|性别|民族|出生日期|公民身份号码|身份证号)/, `${id} asks ${input.label}`);
  }
  assert.ok(withGuides >= 7, `${withGuides} forms name their guides`);
  const certificate = parseFormDefinition(demo('residence-certificate'));
  const byKey = Object.fromEntries(typedInputsOf(certificate).map((input) => [input.key, input]));
  assert.deepEqual(byKey.housing?.choices, ['自有', '租住', '借住']);
  assert.equal(byKey.livingSince?.dateFormat, 'YYYY年MM月DD日');
  assert.equal(byKey.currentAddress?.sameAsCard, 'address');
  assert.deepEqual(formSummaryOf(certificate).guideIds, ['zhengming-community-residence']);
  assert.equal(
    formSummaryOf(certificate).fields.find((field) => field.id === 'office')?.label,
    '受理单位',
    'the preview names each field as the paper does',
  );
});

test('a question is one kind, its choices differ and fit, and a key is asked one way; guides are named once', () => {
  const typedField = (id: string, source: Record<string, unknown>) => ({
    id,
    source: { from: 'typed', key: id, label: id, ...source },
    target: { page: 0, x: 1, y: 1, fontSize: 12 },
  });
  const error = formInvalid(() =>
    parseFormDefinition({
      ...minimal,
      guideIds: ['dibao-apply', 'dibao-apply'],
      fields: [
        typedField('a', { choices: ['自有', '租住'], dateFormat: 'YYYY-MM-DD' }),
        typedField('b', { choices: ['自有', '自有'] }),
        typedField('c', { choices: ['单位宿舍', '租住'], maxLength: 2 }),
        typedField('d', { dateFormat: 'YYYY-MM-DD', keyboard: 'digits' }),
        typedField('e', { sameAsCard: 'address' }),
        {
          ...typedField('e2', { label: 'e', sameAsCard: 'address', maxLength: 10 }),
          source: { from: 'typed', key: 'e', label: 'e', maxLength: 10 },
        },
      ],
    }),
  );
  assert.deepEqual(
    error.details!.map((detail) => detail.path),
    [
      '/fields/0/source',
      '/fields/1/source/choices/1',
      '/fields/2/source/choices/0',
      '/fields/3/source',
      '/fields/5/source',
      '/guideIds/1',
    ],
  );
  // The schema: at least two choices of 1–20 characters, a known date format, only the address.
  const schemaPaths = (source: Record<string, unknown>) =>
    formInvalid(() => parseFormDefinition({ ...minimal, fields: [typedField('x', source)] })).details!.map(
      (detail) => detail.path,
    );
  assert.ok(schemaPaths({ choices: ['只有一个'] }).some((p) => p.startsWith('/fields/0/source')));
  assert.ok(schemaPaths({ choices: ['', '租住'] }).some((p) => p.startsWith('/fields/0/source')));
  assert.ok(schemaPaths({ dateFormat: 'DD/MM/YYYY' }).some((p) => p.startsWith('/fields/0/source')));
  assert.ok(schemaPaths({ sameAsCard: 'idNumber' }).some((p) => p.startsWith('/fields/0/source')));
  assert.ok(
    formInvalid(() => parseFormDefinition({ ...minimal, guideIds: ['../x'] })).details!.some((detail) =>
      detail.path.startsWith('/guideIds'),
    ),
  );
});
