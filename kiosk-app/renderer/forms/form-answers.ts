/**
 * The decisions of the form-filling screen, pure: what is wrong with each answer, why the form
 * cannot be previewed and printed yet, how the date picker steps, and the text the preview shows
 * for each printed field. The host checks the same answers again when it fills the form.
 */
import {
  ID_CARD_FIELD_NAMES,
  type FormDateFormat,
  type FormPreviewField,
  type MaskedIdCard,
  type TypedFormInput,
} from '@linli/protocol';

/** What the resident answered: typed text, a choice, a YYYY-MM-DD date, or 与身份证住址相同. */
export interface Answers {
  typed: Readonly<Record<string, string>>;
  /** Keys answered with the card's value (only questions that offer it, only once a card is read). */
  sameAsCard: ReadonlySet<string>;
}

export type AnswerProblem = 'required' | 'choose' | 'digits';

const DIGITS = /^[0-9 +-]*$/;

/** The problem with one answer, or undefined when it can be printed as it is. */
export function answerProblem(input: TypedFormInput, answers: Answers): AnswerProblem | undefined {
  if (input.sameAsCard && answers.sameAsCard.has(input.key)) return undefined;
  const answer = (answers.typed[input.key] ?? '').trim();
  if (answer === '') return input.optional ? undefined : input.choices || input.dateFormat ? 'choose' : 'required';
  if (input.choices && !input.choices.includes(answer)) return 'choose';
  if (input.dateFormat && !isoDateParts(answer)) return 'choose';
  if (input.keyboard === 'digits' && !DIGITS.test(answer)) return 'digits';
  return undefined;
}

/** The questions still in the way of printing, in form order (their labels say what to do). */
export function blockingInputs(inputs: readonly TypedFormInput[], answers: Answers): TypedFormInput[] {
  return inputs.filter((input) => answerProblem(input, answers) !== undefined);
}

/** Why 打印 is not possible yet, e.g. 联系电话、房屋性质; undefined when it is. */
export function printBlockedBy(inputs: readonly TypedFormInput[], answers: Answers): string | undefined {
  const blocking = blockingInputs(inputs, answers);
  return blocking.length > 0 ? blocking.map((input) => input.label).join('、') : undefined;
}

/** What printForm is sent: only offered, chosen 与身份证住址相同 keys; their typed text is not sent. */
export function printRequestOf(
  inputs: readonly TypedFormInput[],
  answers: Answers,
): { typed: Record<string, string>; sameAsCard: string[] } {
  const sameAsCard = inputs
    .filter((input) => input.sameAsCard && answers.sameAsCard.has(input.key))
    .map((input) => input.key);
  const typed: Record<string, string> = {};
  for (const input of inputs) {
    const answer = answers.typed[input.key];
    if (answer !== undefined && !sameAsCard.includes(input.key)) typed[input.key] = answer;
  }
  return { typed, sameAsCard };
}

// --- The date picker: year, month and day steppers -------------------------------------------

export interface DateParts {
  year: number;
  month: number;
  day: number;
}
export type DatePart = keyof DateParts;

/** The years the picker offers. */
export interface YearRange {
  min: number;
  max: number;
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** YYYY-MM-DD → its parts, when it names a day of the calendar. */
export function isoDateParts(text: string): DateParts | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return undefined;
  const parts = { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
  if (parts.month < 1 || parts.month > 12 || parts.day < 1 || parts.day > daysInMonth(parts.year, parts.month))
    return undefined;
  return parts;
}

export function isoDateOf(parts: DateParts): string {
  const pad = (value: number, width = 2) => String(value).padStart(width, '0');
  return `${pad(parts.year, 4)}-${pad(parts.month)}-${pad(parts.day)}`;
}

/** The local day of `now`, as the picker starts from it. */
export function dayOf(now: Date): DateParts {
  return { year: now.getFullYear(), month: now.getMonth() + 1, day: now.getDate() };
}

/**
 * One tap on a stepper. Months and days wrap around (12 → 1) without changing the larger part,
 * years stop at the range's ends, and the day is kept inside the month (31 → 30 in April, 29
 * February → 28 in a common year).
 */
export function stepDate(parts: DateParts, part: DatePart, delta: 1 | -1, years: YearRange): DateParts {
  const wrap = (value: number, size: number) => ((((value - 1 + delta) % size) + size) % size) + 1;
  const next = { ...parts };
  if (part === 'year') next.year = Math.min(years.max, Math.max(years.min, parts.year + delta));
  if (part === 'month') next.month = wrap(parts.month, 12);
  if (part === 'day') next.day = wrap(parts.day, daysInMonth(parts.year, parts.month));
  next.day = Math.min(next.day, daysInMonth(next.year, next.month));
  return next;
}

/** The years a form's date may take: a century back, a few years ahead (an appointment, a valid-until). */
export function yearRangeAround(today: DateParts): YearRange {
  return { min: today.year - 110, max: today.year + 10 };
}

/** A YYYY-MM-DD as the form prints it (the same rule as the host's). */
export function formatFormDate(iso: string, format: FormDateFormat): string {
  const parts = isoDateParts(iso);
  if (!parts || format === 'YYYY-MM-DD') return iso;
  const text = isoDateOf(parts);
  return `${text.slice(0, 4)}年${text.slice(5, 7)}月${text.slice(8, 10)}日`;
}

// --- The preview --------------------------------------------------------------------------------

const PRINTED_GENDER = { male: '男', female: '女', unknown: '未知' } as const;

/**
 * One row of the preview: the field's name and its text. `kind` says where the text came from:
 * the card (masked on screen: only what the card screen shows, the rest printed from the card),
 * an answer, 与身份证住址相同, an unanswered optional question, or the form itself.
 */
export type PreviewRow = {
  id: string;
  label: string;
  text: string;
  kind: 'card' | 'card-hidden' | 'answer' | 'same-as-card' | 'empty' | 'fixed';
};

export function previewRows(
  fields: readonly FormPreviewField[],
  answers: Answers,
  card: MaskedIdCard | null,
  today: Date,
): PreviewRow[] {
  return fields.map((field) => {
    const source = field.source;
    switch (source.from) {
      case 'id-card': {
        const label = field.label ?? ID_CARD_FIELD_NAMES['zh-Hans'][source.field];
        const shown =
          card &&
          {
            name: card.name,
            idNumber: card.idNumber,
            gender: PRINTED_GENDER[card.gender],
            nation: card.nation,
            nationality: card.nationality,
          }[source.field as string];
        return shown
          ? { id: field.id, label, text: shown, kind: 'card' }
          : { id: field.id, label, text: '', kind: 'card-hidden' };
      }
      case 'typed': {
        const label = field.label ?? source.label;
        if (source.sameAsCard && answers.sameAsCard.has(source.key))
          return { id: field.id, label, text: '', kind: 'same-as-card' };
        const answer = (answers.typed[source.key] ?? '').trim();
        if (answer === '') return { id: field.id, label, text: '', kind: 'empty' };
        const text = source.dateFormat ? formatFormDate(answer, source.dateFormat) : answer;
        return { id: field.id, label, text, kind: 'answer' };
      }
      case 'today':
        return {
          id: field.id,
          label: field.label ?? '日期',
          text: formatFormDate(isoDateOf(dayOf(today)), source.format),
          kind: 'fixed',
        };
      case 'constant':
        return { id: field.id, label: field.label ?? '', text: source.value, kind: 'fixed' };
    }
  });
}
