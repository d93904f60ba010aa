/**
 * Printable forms (A4): which template a form uses and where each piece of text comes from — the
 * resident's ID card, what they typed on the kiosk, today's date or a constant. The kiosk host
 * fills the template with these; the admin server can check an uploaded definition with the same
 * function before it ever reaches a kiosk.
 */
import Type from 'typebox';
import { LinliError, type ErrorDetail } from './errors';
import { GuideId } from './guide';
import type { IdCardData } from './peripherals';
import { validationErrors } from './validation';

/** The ID card values a form may print (text only: the photo never leaves the reader's memory). */
export const ID_CARD_FORM_FIELDS = [
  'name',
  'englishName',
  'gender',
  'nation',
  'nationality',
  'birthDate',
  'address',
  'idNumber',
  'issuer',
  'validFrom',
  'validTo',
  'passNumber',
] as const satisfies readonly (keyof IdCardData)[];
export type IdCardFormField = (typeof ID_CARD_FORM_FIELDS)[number];

/** The card fields' names as forms and staff read them (the printed form is in Chinese). */
export const ID_CARD_FIELD_NAMES: Record<'zh-Hans' | 'zh-Hant' | 'en', Record<IdCardFormField, string>> = {
  'zh-Hans': {
    name: '姓名',
    englishName: '英文姓名',
    gender: '性别',
    nation: '民族',
    nationality: '国籍',
    birthDate: '出生日期',
    address: '住址',
    idNumber: '公民身份号码',
    issuer: '签发机关',
    validFrom: '有效期起',
    validTo: '有效期至',
    passNumber: '通行证号码',
  },
  'zh-Hant': {
    name: '姓名',
    englishName: '英文姓名',
    gender: '性別',
    nation: '民族',
    nationality: '國籍',
    birthDate: '出生日期',
    address: '住址',
    idNumber: '公民身分號碼',
    issuer: '簽發機關',
    validFrom: '有效期起',
    validTo: '有效期至',
    passNumber: '通行證號碼',
  },
  en: {
    name: 'Name',
    englishName: 'English name',
    gender: 'Sex',
    nation: 'Ethnic group',
    nationality: 'Nationality',
    birthDate: 'Date of birth',
    address: 'Address',
    idNumber: 'ID number',
    issuer: 'Issuing authority',
    validFrom: 'Valid from',
    validTo: 'Valid to',
    passNumber: 'Permit number',
  },
};

export const FORM_DATE_FORMATS = ['YYYY年MM月DD日', 'YYYY-MM-DD'] as const;
export type FormDateFormat = (typeof FORM_DATE_FORMATS)[number];

export const FORM_MODES = ['acroform', 'overlay'] as const;
export const FORM_KEYBOARDS = ['text', 'digits'] as const;
export type FormMode = (typeof FORM_MODES)[number];
/** Card values a question may offer to copy (与身份证住址相同). */
export const SAME_AS_CARD_FIELDS = ['address'] as const;
export type SameAsCardField = (typeof SAME_AS_CARD_FIELDS)[number];

const FormKey = Type.String({ pattern: '^[a-zA-Z][a-zA-Z0-9_-]{0,63}$' });
/** PDF points (1/72 inch); an A4 page is 595.28 × 841.89. */
const Points = Type.Number({ minimum: 0, maximum: 5000 });
const FontSize = Type.Number({ minimum: 4, maximum: 72 });

export const FormDataSource = Type.Union([
  Type.Object(
    {
      from: Type.Literal('id-card'),
      field: Type.Enum(ID_CARD_FORM_FIELDS),
      format: Type.Optional(
        Type.Enum(FORM_DATE_FORMATS, {
          description: 'For birthDate, validFrom and validTo; as read (YYYY-MM-DD) when absent',
        }),
      ),
    },
    { additionalProperties: false, description: 'A value read from the resident ID card' },
  ),
  Type.Object(
    {
      from: Type.Literal('typed'),
      key: FormKey,
      label: Type.String({
        minLength: 1,
        maxLength: 40,
        description: 'What the kiosk screen asks for, in Chinese, e.g. 联系电话',
      }),
      maxLength: Type.Optional(Type.Integer({ minimum: 1, maximum: 2000 })),
      optional: Type.Optional(Type.Boolean({ description: 'The resident may leave it empty (prints nothing)' })),
      keyboard: Type.Optional(
        Type.Enum(FORM_KEYBOARDS, {
          description: 'Which on-screen keyboard opens first: digits for phone numbers; text (pinyin) when absent',
        }),
      ),
      choices: Type.Optional(
        Type.Array(Type.String({ minLength: 1, maxLength: 20 }), {
          minItems: 2,
          maxItems: 8,
          description:
            'Fixed answers shown as large buttons (e.g. 自有 / 租住 / 借住); no keyboard, nothing else accepted',
        }),
      ),
      dateFormat: Type.Optional(
        Type.Enum(FORM_DATE_FORMATS, {
          description: 'A date: the kiosk shows a date picker (the answer is YYYY-MM-DD) and prints it in this format',
        }),
      ),
      sameAsCard: Type.Optional(
        Type.Enum(SAME_AS_CARD_FIELDS, {
          description: 'The kiosk offers 与身份证住址相同 once a card is read; the card’s value is then printed',
        }),
      ),
    },
    { additionalProperties: false, description: 'Text the resident typed on the kiosk' },
  ),
  Type.Object(
    { from: Type.Literal('today'), format: Type.Enum(FORM_DATE_FORMATS) },
    { additionalProperties: false, description: 'The date the form is printed' },
  ),
  Type.Object(
    { from: Type.Literal('constant'), value: Type.String({ maxLength: 2000 }) },
    { additionalProperties: false, description: 'Fixed text, e.g. the street office name' },
  ),
]);
export type FormDataSource = Type.Static<typeof FormDataSource>;

/** A text field of the template's AcroForm, found by its fully qualified name. */
export const AcroFormTarget = Type.Object(
  {
    acroField: Type.String({ minLength: 1, maxLength: 200 }),
    fontSize: Type.Optional(FontSize),
  },
  { additionalProperties: false },
);
export type AcroFormTarget = Type.Static<typeof AcroFormTarget>;

/**
 * A place on a flat page. `x`/`y` is the baseline start of the first line, in points from the
 * page's lower-left corner. With `maxWidth` the text shrinks to fit one line; with `box` it wraps
 * inside width × height (top line at `y`) and shrinks until it fits.
 */
export const OverlayTarget = Type.Object(
  {
    page: Type.Integer({ minimum: 0, maximum: 99, description: 'Page index, 0 = first page' }),
    x: Points,
    y: Points,
    fontSize: FontSize,
    maxWidth: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 5000 })),
    box: Type.Optional(
      Type.Object(
        {
          width: Type.Number({ exclusiveMinimum: 0, maximum: 5000 }),
          height: Type.Number({ exclusiveMinimum: 0, maximum: 5000 }),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);
export type OverlayTarget = Type.Static<typeof OverlayTarget>;

export const FormField = Type.Object(
  {
    id: FormKey,
    label: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 40,
        description: 'The field’s name on the printed form (e.g. 受理单位), for the kiosk’s preview',
      }),
    ),
    source: FormDataSource,
    target: Type.Union([AcroFormTarget, OverlayTarget]),
  },
  { additionalProperties: false },
);
export type FormField = Type.Static<typeof FormField>;

export const FormDefinition = Type.Object(
  {
    id: Type.String({ pattern: '^[a-z0-9][a-z0-9-]{0,63}$' }),
    title: Type.String({ minLength: 1, maxLength: 80, description: 'Shown on the kiosk, e.g. 居住证明申请表' }),
    template: Type.String({
      pattern: '^[A-Za-z0-9][A-Za-z0-9._-]{0,99}\\.pdf$',
      description: 'File name of the PDF template, beside the definition',
    }),
    mode: Type.Enum(FORM_MODES, {
      description: 'acroform: fill the template’s form fields; overlay: draw onto a flat PDF',
    }),
    fields: Type.Array(FormField, { minItems: 1, maxItems: 200 }),
    guideIds: Type.Optional(
      Type.Array(GuideId, {
        maxItems: 20,
        description: 'The guides this form belongs to: their kiosk pages offer it under 相关表格',
      }),
    ),
  },
  { additionalProperties: false },
);
export type FormDefinition = Type.Static<typeof FormDefinition>;

export function isAcroFormTarget(target: FormField['target']): target is AcroFormTarget {
  return 'acroField' in target;
}

/**
 * What the schema cannot say: targets that match the mode, unique field ids, one question per
 * typed key (one label, asked one way), questions of one kind with distinct choices that fit, and
 * each guide named once.
 */
export function formDefinitionProblems(definition: FormDefinition): ErrorDetail[] {
  const problems: ErrorDetail[] = [];
  const ids = new Set<string>();
  const questions = new Map<string, TypedSource>();
  definition.fields.forEach((field, index) => {
    const path = `/fields/${index}`;
    if (ids.has(field.id)) problems.push({ path: `${path}/id`, message: `duplicate field id "${field.id}"` });
    ids.add(field.id);
    const wantsAcroForm = definition.mode === 'acroform';
    if (isAcroFormTarget(field.target) !== wantsAcroForm) {
      problems.push({
        path: `${path}/target`,
        message: `field "${field.id}" needs ${wantsAcroForm ? 'an AcroForm field name' : 'a page position'} in ${definition.mode} mode`,
      });
    }
    if (field.source.from === 'typed') {
      const question = questions.get(field.source.key);
      if (question !== undefined && question.label !== field.source.label) {
        problems.push({
          path: `${path}/source/label`,
          message: `typed key "${field.source.key}" has two labels: ${question.label} / ${field.source.label}`,
        });
      } else if (question !== undefined && questionShape(question) !== questionShape(field.source)) {
        problems.push({
          path: `${path}/source`,
          message: `typed key "${field.source.key}" is asked in two ways`,
        });
      }
      if (!question) questions.set(field.source.key, field.source);
      problems.push(...questionProblems(field.source, `${path}/source`));
    }
  });
  (definition.guideIds ?? []).forEach((guideId, index) => {
    if (definition.guideIds!.indexOf(guideId) !== index)
      problems.push({ path: `/guideIds/${index}`, message: `guide "${guideId}" is named twice` });
  });
  return problems;
}

type TypedSource = Extract<FormDataSource, { from: 'typed' }>;

/** What makes two questions with one key the same question (everything the kiosk asks by). */
function questionShape(source: TypedSource): string {
  const { label, maxLength, optional, keyboard, choices, dateFormat, sameAsCard } = source;
  return JSON.stringify([label, maxLength, optional ?? false, keyboard, choices, dateFormat, sameAsCard]);
}

/** A question is one kind: typed (with a keyboard), fixed choices, or a date; choices fit and differ. */
export function questionProblems(source: TypedSource, path: string): ErrorDetail[] {
  const problems: ErrorDetail[] = [];
  const kinds = [
    source.choices && 'choices',
    source.dateFormat && 'dateFormat',
    source.sameAsCard && 'sameAsCard',
    source.keyboard && 'keyboard',
  ].filter(Boolean);
  if (kinds.length > 1)
    problems.push({ path, message: `question "${source.key}" cannot combine ${kinds.join(' and ')}` });
  (source.choices ?? []).forEach((choice, index) => {
    if (source.choices!.indexOf(choice) !== index)
      problems.push({ path: `${path}/choices/${index}`, message: `choice "${choice}" is listed twice` });
    if (source.maxLength !== undefined && [...choice].length > source.maxLength)
      problems.push({
        path: `${path}/choices/${index}`,
        message: `choice "${choice}" is longer than the question's ${source.maxLength} characters`,
      });
  });
  return problems;
}

/** The definition typed, or FORM_INVALID naming every problem (schema first, then consistency). */
export function parseFormDefinition(value: unknown): FormDefinition {
  const schemaProblems = validationErrors(FormDefinition, value);
  const details = schemaProblems.length > 0 ? schemaProblems : formDefinitionProblems(value as FormDefinition);
  if (details.length > 0) {
    const first = details[0]!;
    throw new LinliError('FORM_INVALID', `Form definition: ${first.path}: ${first.message}`, details);
  }
  return value as FormDefinition;
}

/** A question the kiosk asks before printing. */
export const TypedFormInput = Type.Object({
  key: Type.String(),
  label: Type.String(),
  maxLength: Type.Optional(Type.Integer()),
  optional: Type.Boolean(),
  keyboard: Type.Enum(FORM_KEYBOARDS),
  choices: Type.Optional(Type.Array(Type.String(), { description: 'Answered with one of these buttons' })),
  dateFormat: Type.Optional(Type.Enum(FORM_DATE_FORMATS, { description: 'Answered with the date picker' })),
  sameAsCard: Type.Optional(Type.Enum(SAME_AS_CARD_FIELDS)),
});
export type TypedFormInput = Type.Static<typeof TypedFormInput>;

/** One field of the printed form, for the preview: what it is called and where its text comes from. */
export const FormPreviewField = Type.Object({
  id: Type.String(),
  label: Type.Optional(Type.String()),
  source: FormDataSource,
});
export type FormPreviewField = Type.Static<typeof FormPreviewField>;

/** A printable form as the kiosk offers it. */
export const FormSummary = Type.Object({
  id: Type.String(),
  title: Type.String(),
  needsIdCard: Type.Boolean({ description: 'Some fields come from the resident ID card, so it is read first' }),
  inputs: Type.Array(TypedFormInput),
  fields: Type.Array(FormPreviewField, { description: 'The printed fields in form order, for the preview' }),
  guideIds: Type.Array(Type.String(), { description: 'The guides whose pages offer this form (相关表格)' }),
});
export type FormSummary = Type.Static<typeof FormSummary>;

/** The questions the kiosk screen asks before printing, once per key, in form order. */
export function typedInputsOf(definition: FormDefinition): TypedFormInput[] {
  const inputs = new Map<string, TypedFormInput>();
  for (const { source } of definition.fields) {
    if (source.from !== 'typed' || inputs.has(source.key)) continue;
    inputs.set(source.key, {
      key: source.key,
      label: source.label,
      ...(source.maxLength !== undefined ? { maxLength: source.maxLength } : {}),
      optional: source.optional ?? false,
      keyboard: source.keyboard ?? 'text',
      ...(source.choices ? { choices: source.choices } : {}),
      ...(source.dateFormat ? { dateFormat: source.dateFormat } : {}),
      ...(source.sameAsCard ? { sameAsCard: source.sameAsCard } : {}),
    });
  }
  return [...inputs.values()];
}

/** The form as the kiosk offers it: its questions, its fields for the preview, its guides. */
export function formSummaryOf(definition: FormDefinition): FormSummary {
  return {
    id: definition.id,
    title: definition.title,
    needsIdCard: formNeedsIdCard(definition),
    inputs: typedInputsOf(definition),
    fields: definition.fields.map((field) => ({
      id: field.id,
      ...(field.label ? { label: field.label } : {}),
      source: field.source,
    })),
    guideIds: definition.guideIds ?? [],
  };
}

/** Whether the form reads the ID card (the kiosk then asks for the card first). */
export function formNeedsIdCard(definition: FormDefinition): boolean {
  return definition.fields.some((field) => field.source.from === 'id-card');
}
