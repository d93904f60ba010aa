/** The form-filling screen's decisions: each answer's problem, why printing waits, the date picker, the preview. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { FormPreviewField, MaskedIdCard, TypedFormInput } from '@linli/protocol';
import {
  answerProblem,
  daysInMonth,
  formatFormDate,
  isoDateParts,
  previewRows,
  printBlockedBy,
  printRequestOf,
  stepDate,
  yearRangeAround,
  type Answers,
} from '../renderer/forms/form-answers';

const question = (key: string, label: string, extra: Partial<TypedFormInput> = {}): TypedFormInput => ({
  key,
  label,
  optional: false,
  keyboard: 'text',
  ...extra,
});
const INPUTS: TypedFormInput[] = [
  question('currentAddress', '现居住地址', { maxLength: 80, sameAsCard: 'address' }),
  question('livingSince', '开始在此居住的日期', { dateFormat: 'YYYY年MM月DD日' }),
  question('phone', '联系电话', { keyboard: 'digits', maxLength: 20 }),
  question('housing', '房屋性质', { choices: ['自有', '租住', '借住'] }),
  question('occupation', '职业', { optional: true }),
];
const answers = (typed: Record<string, string>, sameAsCard: string[] = []): Answers => ({
  typed,
  sameAsCard: new Set(sameAsCard),
});

test('each answer’s problem: required, choose (a choice or a date), digits only; optional may stay empty', () => {
  const none = answers({});
  assert.deepEqual(
    INPUTS.map((input) => answerProblem(input, none)),
    ['required', 'choose', 'required', 'choose', undefined],
  );
  const filled = answers({
    currentAddress: '临江市安和区和平路1号',
    livingSince: '2019-05-01',
    phone: '138 0013-8000',
    housing: '租住',
  });
  assert.deepEqual(
    INPUTS.map((input) => answerProblem(input, filled)),
    [undefined, undefined, undefined, undefined, undefined],
  );
  const wrong = answers({ currentAddress: '  ', livingSince: '2021-02-29', phone: '138abc', housing: '别墅' });
  assert.deepEqual(
    INPUTS.map((input) => answerProblem(input, wrong)),
    ['required', 'choose', 'digits', 'choose', undefined],
  );
  assert.equal(answerProblem(INPUTS[0]!, answers({}, ['currentAddress'])), undefined, '与身份证住址相同 answers it');
});

test('printing waits for the questions still open and names them in form order', () => {
  assert.equal(printBlockedBy(INPUTS, answers({})), '现居住地址、开始在此居住的日期、联系电话、房屋性质');
  assert.equal(
    printBlockedBy(INPUTS, answers({ livingSince: '2019-05-01', housing: '自有' }, ['currentAddress'])),
    '联系电话',
  );
  assert.equal(
    printBlockedBy(INPUTS, answers({ livingSince: '2019-05-01', housing: '自有', phone: '1' }, ['currentAddress'])),
    undefined,
  );
});

test('the print request sends 与身份证住址相同 by key, without the text typed before it was chosen', () => {
  const request = printRequestOf(
    INPUTS,
    answers({ currentAddress: '打错的地址', phone: '1', housing: '自有', unknownKey: 'x' }, [
      'currentAddress',
      'phone',
    ]),
  );
  assert.deepEqual(request, { typed: { phone: '1', housing: '自有' }, sameAsCard: ['currentAddress'] });
});

test('the date picker steps within the calendar: months and days wrap, years stop, the day fits the month', () => {
  const years = yearRangeAround({ year: 2026, month: 12, day: 4 });
  assert.deepEqual(years, { min: 1916, max: 2036 });
  assert.deepEqual(stepDate({ year: 2026, month: 12, day: 4 }, 'month', 1, years), { year: 2026, month: 1, day: 4 });
  assert.deepEqual(stepDate({ year: 2026, month: 1, day: 1 }, 'day', -1, years), { year: 2026, month: 1, day: 31 });
  assert.deepEqual(stepDate({ year: 2026, month: 3, day: 31 }, 'month', 1, years), { year: 2026, month: 4, day: 30 });
  assert.deepEqual(stepDate({ year: 2024, month: 2, day: 29 }, 'year', 1, years), { year: 2025, month: 2, day: 28 });
  assert.deepEqual(stepDate({ year: 2036, month: 6, day: 1 }, 'year', 1, years), { year: 2036, month: 6, day: 1 });
  assert.deepEqual(stepDate({ year: 1916, month: 6, day: 1 }, 'year', -1, years), { year: 1916, month: 6, day: 1 });
  assert.equal(daysInMonth(2024, 2), 29);
  assert.equal(daysInMonth(2100, 2), 28);
  assert.deepEqual(isoDateParts('2024-02-29'), { year: 2024, month: 2, day: 29 });
  for (const bad of ['2023-02-29', '2024-13-01', '2024-00-10', '24-01-01', '2024-1-01'])
    assert.equal(isoDateParts(bad), undefined, bad);
  assert.equal(formatFormDate('2019-05-01', 'YYYY年MM月DD日'), '2019年05月01日');
  assert.equal(formatFormDate('2019-05-01', 'YYYY-MM-DD'), '2019-05-01');
});

test('the preview shows each printed field by its name: the masked card, answers as printed, the rest from the card', () => {
  const card: MaskedIdCard = {
    cardType: 'resident',
    name: '张*三',
    idNumber: '1101**********002X',
    gender: 'male',
    nation: '汉',
    validTo: '长期',
  };
  const fields: FormPreviewField[] = [
    { id: 'name', label: '申请人姓名', source: { from: 'id-card', field: 'name' } },
    { id: 'gender', source: { from: 'id-card', field: 'gender' } },
    { id: 'birthDate', label: '出生日期', source: { from: 'id-card', field: 'birthDate', format: 'YYYY年MM月DD日' } },
    { id: 'currentAddress', source: typedSource('currentAddress', '现居住地址', { sameAsCard: 'address' }) },
    {
      id: 'livingSince',
      label: '居住起始日期',
      source: typedSource('livingSince', '开始在此居住的日期', { dateFormat: 'YYYY年MM月DD日' }),
    },
    { id: 'occupation', source: typedSource('occupation', '职业', { optional: true }) },
    { id: 'applied', label: '申请日期', source: { from: 'today', format: 'YYYY年MM月DD日' } },
    { id: 'office', label: '受理单位', source: { from: 'constant', value: '安和街道社区服务大厅' } },
  ];
  const rows = previewRows(
    fields,
    answers({ livingSince: '2019-05-01', currentAddress: 'x' }, ['currentAddress']),
    card,
    new Date(2026, 11, 4),
  );
  assert.deepEqual(
    rows.map((row) => [row.label, row.text, row.kind]),
    [
      ['申请人姓名', '张*三', 'card'],
      ['性别', '男', 'card'],
      ['出生日期', '', 'card-hidden'],
      ['现居住地址', '', 'same-as-card'],
      ['居住起始日期', '2019年05月01日', 'answer'],
      ['职业', '', 'empty'],
      ['申请日期', '2026年12月04日', 'fixed'],
      ['受理单位', '安和街道社区服务大厅', 'fixed'],
    ],
  );
  assert.ok(!JSON.stringify(rows).includes('11010519491231002X'), 'only the masked card reaches the screen');
});

function typedSource(key: string, label: string, extra: Record<string, unknown>): FormPreviewField['source'] {
  return { from: 'typed', key, label, ...extra } as FormPreviewField['source'];
}
