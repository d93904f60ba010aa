import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LinliError } from '@linli/protocol/errors';
import type { IdCardData } from '@linli/protocol/peripherals';
import type { FormDefinition } from '@linli/protocol/form-definition';
import { formatDate, resolveFormData } from '../src/pdf-forms/resolve-form-data';

const idCard: IdCardData = {
  cardType: 'resident',
  name: '张喆',
  gender: 'female',
  nation: '汉',
  birthDate: '1958-03-07',
  address: '北京市东城区安定门街道交道口北二条1号',
  idNumber: '11010119580307002X',
  issuer: '北京市公安局东城分局',
  validFrom: '2015-01-01',
  validTo: '长期',
};

const at = (page: number) => ({ page, x: 100, y: 700, fontSize: 12 });
const form: FormDefinition = {
  id: 'test-form',
  title: '测试表',
  template: 'test-form.pdf',
  mode: 'overlay',
  fields: [
    { id: 'name', source: { from: 'id-card', field: 'name' }, target: at(0) },
    { id: 'gender', source: { from: 'id-card', field: 'gender' }, target: at(0) },
    { id: 'born', source: { from: 'id-card', field: 'birthDate', format: 'YYYY年MM月DD日' }, target: at(0) },
    { id: 'validTo', source: { from: 'id-card', field: 'validTo', format: 'YYYY年MM月DD日' }, target: at(0) },
    { id: 'phone', source: { from: 'typed', key: 'phone', label: '联系电话', maxLength: 11 }, target: at(0) },
    { id: 'note', source: { from: 'typed', key: 'note', label: '备注', optional: true }, target: at(1) },
    { id: 'date', source: { from: 'today', format: 'YYYY年MM月DD日' }, target: at(1) },
    { id: 'isoDate', source: { from: 'today', format: 'YYYY-MM-DD' }, target: at(1) },
    { id: 'office', source: { from: 'constant', value: '安定门街道办事处' }, target: at(1) },
  ],
};
const today = new Date(2025, 4, 9, 10, 30);

function failure(fn: () => unknown): LinliError {
  try {
    fn();
  } catch (error) {
    assert.ok(error instanceof LinliError);
    return error;
  }
  assert.fail('expected an error');
}

test('resolves every source to the text the form prints', () => {
  const fields = resolveFormData(form, { idCard, typed: { phone: ' 13800138000 ' }, today });
  assert.deepEqual(Object.fromEntries(fields.map((field) => [field.id, field.text])), {
    name: '张喆',
    gender: '女',
    born: '1958年03月07日',
    validTo: '长期',
    phone: '13800138000',
    note: '',
    date: '2025年05月09日',
    isoDate: '2025-05-09',
    office: '安定门街道办事处',
  });
  assert.deepEqual(fields[0]!.target, at(0));
});

test('a missing ID card and missing typed values are all named in one FORM_INVALID', () => {
  const error = failure(() => resolveFormData(form, { typed: { note: '无' }, today }));
  assert.equal(error.code, 'FORM_INVALID');
  assert.deepEqual(
    error.details!.map((detail) => detail.path),
    ['/idCard/name', '/idCard/gender', '/idCard/birthDate', '/idCard/validTo', '/typed/phone'],
  );
  assert.match(error.details!.find((detail) => detail.path === '/typed/phone')!.message, /联系电话/);
});

test('an ID card without the field (e.g. no address on a foreign card) and too long typed text are FORM_INVALID', () => {
  const withAddress: FormDefinition = {
    ...form,
    fields: [{ id: 'address', source: { from: 'id-card', field: 'address' }, target: at(0) }],
  };
  const { address: _address, ...noAddress } = idCard;
  assert.deepEqual(failure(() => resolveFormData(withAddress, { idCard: noAddress, typed: {}, today })).details, [
    { path: '/idCard/address', message: 'the ID card has no address' },
  ]);
  const error = failure(() => resolveFormData(form, { idCard, typed: { phone: '138001380001234' }, today }));
  assert.deepEqual(
    error.details!.map((detail) => detail.path),
    ['/typed/phone'],
  );
});

test('the definition itself is validated first', () => {
  const error = failure(() => resolveFormData({ ...form, mode: 'acroform' }, { idCard, typed: { phone: '1' }, today }));
  assert.equal(error.code, 'FORM_INVALID');
  assert.equal(error.details!.length, form.fields.length);
});

test('typed text keeps its line breaks and loses control characters', () => {
  const fields = resolveFormData(
    { ...form, fields: [form.fields[5]!] },
    { typed: { note: '第一行\r\n第二\u0007行' }, today },
  );
  assert.equal(fields[0]!.text, '第一行\n第二行');
});

test('date formats', () => {
  assert.equal(formatDate('2031-12-01', 'YYYY年MM月DD日'), '2031年12月01日');
  assert.equal(formatDate('2031-12-01', 'YYYY-MM-DD'), '2031-12-01');
  assert.equal(formatDate('长期', 'YYYY年MM月DD日'), '长期');
});

const questions: FormDefinition = {
  id: 'questions',
  title: '问题表',
  template: 'questions.pdf',
  mode: 'overlay',
  fields: [
    {
      id: 'housing',
      source: { from: 'typed', key: 'housing', label: '房屋性质', choices: ['自有', '租住', '借住'] },
      target: at(0),
    },
    {
      id: 'since',
      source: { from: 'typed', key: 'since', label: '居住起始日期', dateFormat: 'YYYY年MM月DD日' },
      target: at(0),
    },
    {
      id: 'living',
      source: { from: 'typed', key: 'living', label: '现居住地址', maxLength: 80, sameAsCard: 'address' },
      target: at(0),
    },
  ],
};

test('a choice prints as chosen, a date in the form’s format, 与身份证住址相同 the card’s address', () => {
  const fields = resolveFormData(questions, {
    idCard,
    typed: { housing: '租住', since: '2020-02-29', living: 'ignored: the card is used' },
    sameAsCard: ['living'],
    today,
  });
  assert.deepEqual(Object.fromEntries(fields.map((field) => [field.id, field.text])), {
    housing: '租住',
    since: '2020年02月29日',
    living: idCard.address,
  });
  const typedAddress = resolveFormData(questions, {
    idCard,
    typed: { housing: '自有', since: '2019-05-01', living: '临江市安和区和平路1号' },
    today,
  });
  assert.equal(typedAddress.find((field) => field.id === 'living')?.text, '临江市安和区和平路1号');
});

test('an answer outside the choices, a day not in the calendar, or the card’s address without a card is FORM_INVALID', () => {
  const error = failure(() =>
    resolveFormData(questions, {
      typed: { housing: '别墅', since: '2021-02-29', living: '' },
      sameAsCard: ['living'],
      today,
    }),
  );
  assert.equal(error.code, 'FORM_INVALID');
  assert.deepEqual(
    error.details!.map((detail) => [detail.path, detail.message]),
    [
      ['/typed/housing', '房屋性质 (housing) is not one of its choices'],
      ['/typed/since', '居住起始日期 (since) is not a date (YYYY-MM-DD)'],
      ['/typed/living', 'needs the ID card, which was not read'],
    ],
  );
  const notOffered = failure(() =>
    resolveFormData(form, { idCard, typed: { phone: '1' }, sameAsCard: ['phone'], today }),
  );
  assert.deepEqual(notOffered.details, [
    { path: '/typed/phone', message: "联系电话 (phone) does not offer the card's value" },
  ]);
  for (const notADate of ['2021-13-01', '2021-4-01', '20210401', '2021-04-31'])
    assert.equal(
      failure(() =>
        resolveFormData(questions, { idCard, typed: { housing: '自有', since: notADate, living: 'x' }, today }),
      ).details![0]!.path,
      '/typed/since',
      notADate,
    );
});
