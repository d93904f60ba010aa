import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { LinliError } from '@linli/protocol/errors';
import { formNeedsIdCard, parseFormDefinition, typedInputsOf } from '@linli/protocol/form-definition';

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
