/**
 * The text each field of a form prints, from the resident's ID card, what they typed and today's
 * date. Pure: the caller passes the clock. Every missing value is reported at once, so the kiosk
 * can ask for all of them on one screen.
 */
import type { ErrorDetail } from '@linli/protocol/errors';
import { LinliError } from '@linli/protocol/errors';
import type { IdCardData } from '@linli/protocol/peripherals';
import {
  parseFormDefinition,
  type FormDateFormat,
  type FormDefinition,
  type FormField,
  type IdCardFormField,
} from '@linli/protocol/form-definition';

export interface FormInputs {
  idCard?: IdCardData;
  /** By typed key (FormDataSource `typed.key`); a date question's answer is YYYY-MM-DD. */
  typed: Readonly<Record<string, string>>;
  /** Keys of questions answered 与身份证住址相同: the card's value is printed instead. */
  sameAsCard?: readonly string[];
  today: Date;
}

export interface ResolvedField {
  id: string;
  text: string;
  target: FormField['target'];
}

const GENDER_TEXT: Record<IdCardData['gender'], string> = { male: '男', female: '女', unknown: '未知' };
const DATE_FIELDS: ReadonlySet<IdCardFormField> = new Set(['birthDate', 'validFrom', 'validTo']);

/** YYYY-MM-DD in the kiosk's local time (a form dated "today" means the resident's today). */
function isoDate(date: Date): string {
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** Reformats YYYY-MM-DD; anything else (e.g. 长期 on a card without end date) stays as it is. */
export function formatDate(isoDay: string, format: FormDateFormat): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDay);
  if (!match || format === 'YYYY-MM-DD') return isoDay;
  return `${match[1]}年${match[2]}月${match[3]}日`;
}

/** True for a YYYY-MM-DD that names a day of the calendar (no 2月30日). */
export function isCalendarDate(text: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** Newlines in typed text become \n; other control characters would print as nothing. */
function cleanTyped(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/[\u0000-\u0009\u000b-\u001f\u007f]/g, '')
    .trim();
}

type Resolution = { text: string } | { missing: string };

function resolveSource(field: FormField, inputs: FormInputs): Resolution {
  const source = field.source;
  switch (source.from) {
    case 'constant':
      return { text: source.value };
    case 'today':
      return { text: formatDate(isoDate(inputs.today), source.format) };
    case 'typed': {
      const question = `${source.label} (${source.key})`;
      if (inputs.sameAsCard?.includes(source.key)) {
        if (!source.sameAsCard) return { missing: `${question} does not offer the card's value` };
        if (!inputs.idCard) return { missing: 'needs the ID card, which was not read' };
        const value = inputs.idCard[source.sameAsCard];
        return value ? { text: value } : { missing: `the ID card has no ${source.sameAsCard}` };
      }
      const text = cleanTyped(inputs.typed[source.key] ?? '');
      if (text === '') return source.optional ? { text } : { missing: `${question} was not entered` };
      if (source.choices && !source.choices.includes(text)) return { missing: `${question} is not one of its choices` };
      if (source.dateFormat) {
        if (!isCalendarDate(text)) return { missing: `${question} is not a date (YYYY-MM-DD)` };
        return { text: formatDate(text, source.dateFormat) };
      }
      if (source.maxLength !== undefined && [...text].length > source.maxLength) {
        return { missing: `${question} is longer than ${source.maxLength} characters` };
      }
      return { text };
    }
    case 'id-card': {
      if (!inputs.idCard) return { missing: 'needs the ID card, which was not read' };
      const value = inputs.idCard[source.field];
      if (value === undefined || value === '') return { missing: `the ID card has no ${source.field}` };
      if (source.field === 'gender') return { text: GENDER_TEXT[inputs.idCard.gender] };
      if (source.format && DATE_FIELDS.has(source.field)) return { text: formatDate(String(value), source.format) };
      return { text: String(value) };
    }
  }
}

/** Where a missing value comes from, so a screen can point at the question (/typed/phone) or the card. */
function sourcePath(field: FormField): string {
  const source = field.source;
  if (source.from === 'typed') return `/typed/${source.key}`;
  if (source.from === 'id-card') return `/idCard/${source.field}`;
  return `/fields/${field.id}`;
}

/**
 * Validates the definition (FORM_INVALID naming each problem), then resolves every field; any
 * missing input → FORM_INVALID with one detail per field (path = where the value comes from).
 */
export function resolveFormData(definition: FormDefinition | unknown, inputs: FormInputs): ResolvedField[] {
  const form = parseFormDefinition(definition);
  const resolved: ResolvedField[] = [];
  const missing: ErrorDetail[] = [];
  for (const field of form.fields) {
    const result = resolveSource(field, inputs);
    if ('missing' in result) missing.push({ path: sourcePath(field), message: result.missing });
    else resolved.push({ id: field.id, text: result.text, target: field.target });
  }
  if (missing.length > 0) {
    throw new LinliError(
      'FORM_INVALID',
      `Form ${form.id} cannot be filled: ${missing.map((detail) => detail.message).join('; ')}`,
      missing,
    );
  }
  return resolved;
}
