/**
 * Printable forms (A4): which template a form uses and where each piece of text comes from — the
 * resident's ID card, what they typed on the kiosk, today's date or a constant. The kiosk host
 * fills the template with these; the admin server can check an uploaded definition with the same
 * function before it ever reaches a kiosk.
 */
import Type from 'typebox';
import { LinliError, type ErrorDetail } from './errors';
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

export const FORM_DATE_FORMATS = ['YYYY年MM月DD日', 'YYYY-MM-DD'] as const;
export type FormDateFormat = (typeof FORM_DATE_FORMATS)[number];

export const FORM_MODES = ['acroform', 'overlay'] as const;
export const FORM_KEYBOARDS = ['text', 'digits'] as const;
export type FormMode = (typeof FORM_MODES)[number];

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
  },
  { additionalProperties: false },
);
export type FormDefinition = Type.Static<typeof FormDefinition>;

export function isAcroFormTarget(target: FormField['target']): target is AcroFormTarget {
  return 'acroField' in target;
}

/** What the schema cannot say: targets that match the mode, unique field ids, one label per typed key. */
export function formDefinitionProblems(definition: FormDefinition): ErrorDetail[] {
  const problems: ErrorDetail[] = [];
  const ids = new Set<string>();
  const labels = new Map<string, string>();
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
      const label = labels.get(field.source.key);
      if (label !== undefined && label !== field.source.label) {
        problems.push({
          path: `${path}/source/label`,
          message: `typed key "${field.source.key}" has two labels: ${label} / ${field.source.label}`,
        });
      }
      labels.set(field.source.key, field.source.label);
    }
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
});
export type TypedFormInput = Type.Static<typeof TypedFormInput>;

/** A printable form as the kiosk offers it. */
export const FormSummary = Type.Object({
  id: Type.String(),
  title: Type.String(),
  needsIdCard: Type.Boolean({ description: 'Some fields come from the resident ID card, so it is read first' }),
  inputs: Type.Array(TypedFormInput),
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
    });
  }
  return [...inputs.values()];
}

/** Whether the form reads the ID card (the kiosk then asks for the card first). */
export function formNeedsIdCard(definition: FormDefinition): boolean {
  return definition.fields.some((field) => field.source.from === 'id-card');
}
