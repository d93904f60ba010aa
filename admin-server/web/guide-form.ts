/**
 * Converts a guide to the editor's fields and back. Materials and steps are rows, one input per
 * part; the short lists (legal basis, forms) are one item per line, keywords comma separated.
 */
import type { GuideCategory, GuideInput, Targets } from '@linli/protocol';

/** `key` keeps a row's inputs with it when rows move; it is not sent. */
export interface MaterialRow {
  key: number;
  name: string;
  copies: string;
  note: string;
  required: boolean;
}
export interface StepRow {
  key: number;
  title: string;
  detail: string;
}

let lastKey = 0;
export const newMaterial = (): MaterialRow => ({ key: ++lastKey, name: '', copies: '', note: '', required: true });
export const newStep = (): StepRow => ({ key: ++lastKey, title: '', detail: '' });

/** Rows with nothing typed in are dropped before a save; the rest keep their order (error paths count them). */
export const isBlankMaterial = (row: MaterialRow) => !row.name.trim() && !row.copies.trim() && !row.note.trim();
export const isBlankStep = (row: StepRow) => !row.title.trim() && !row.detail.trim();

export interface GuideFormFields {
  id: string;
  category: GuideCategory;
  title: string;
  summary: string;
  audience: string;
  materials: MaterialRow[];
  steps: StepRow[];
  officeName: string;
  address: string;
  hours: string;
  phone: string;
  fees: string;
  timeLimit: string;
  legalBasis: string;
  forms: string;
  keywords: string;
  aliases: string;
  published: boolean;
  /** Where it goes; empty lists: the whole subtree of the guide's organisation. */
  targets: Targets;
}

const lines = (text: string) =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
const cells = (line: string) => line.split('|').map((cell) => cell.trim());
const list = (text: string) =>
  text
    .split(/[,，、\n]/)
    .map((item) => item.trim())
    .filter(Boolean);

export function fieldsOf(guide: GuideInput): GuideFormFields {
  return {
    id: guide.id,
    category: guide.category,
    title: guide.title,
    summary: guide.summary,
    audience: guide.audience,
    materials: guide.materials.map((m) => ({
      ...newMaterial(),
      name: m.name,
      copies: m.copies ?? '',
      note: m.note ?? '',
      required: m.required,
    })),
    steps: guide.steps.map((s) => ({ ...newStep(), title: s.title, detail: s.detail })),
    officeName: guide.office.name,
    address: guide.office.address,
    hours: guide.office.hours,
    phone: guide.office.phone,
    fees: guide.fees,
    timeLimit: guide.timeLimit,
    legalBasis: guide.legalBasis.join('\n'),
    forms: guide.forms.map((f) => (f.code ? `${f.name} | ${f.code}` : f.name)).join('\n'),
    keywords: guide.keywords.join('，'),
    aliases: guide.aliases.join('，'),
    published: guide.published,
    targets: guide.targets ?? { orgIds: [], groupIds: [] },
  };
}

export function guideOf(fields: GuideFormFields): GuideInput {
  return {
    id: fields.id.trim(),
    category: fields.category,
    title: fields.title.trim(),
    summary: fields.summary.trim(),
    audience: fields.audience.trim(),
    materials: fields.materials
      .filter((row) => !isBlankMaterial(row))
      .map((row) => ({
        name: row.name.trim(),
        ...(row.copies.trim() ? { copies: row.copies.trim() } : {}),
        ...(row.note.trim() ? { note: row.note.trim() } : {}),
        required: row.required,
      })),
    steps: fields.steps
      .filter((row) => !isBlankStep(row))
      .map((row) => ({ title: row.title.trim(), detail: row.detail.trim() })),
    office: {
      name: fields.officeName.trim(),
      address: fields.address.trim(),
      hours: fields.hours.trim(),
      phone: fields.phone.trim(),
    },
    fees: fields.fees.trim(),
    timeLimit: fields.timeLimit.trim(),
    legalBasis: lines(fields.legalBasis),
    forms: lines(fields.forms).map((line) => {
      const [name = '', code = ''] = cells(line);
      return code ? { name, code } : { name };
    }),
    keywords: list(fields.keywords),
    aliases: list(fields.aliases),
    published: fields.published,
    ...(fields.targets.orgIds.length + fields.targets.groupIds.length > 0 && { targets: fields.targets }),
  };
}

export function emptyFields(): GuideFormFields {
  return {
    id: '',
    category: 'social-security',
    title: '',
    summary: '',
    audience: '',
    materials: [newMaterial()],
    steps: [newStep()],
    officeName: '',
    address: '',
    hours: '周一至周五 9:00-12:00，13:30-17:00',
    phone: '',
    fees: '不收费',
    timeLimit: '',
    legalBasis: '',
    forms: '',
    keywords: '',
    aliases: '',
    published: false,
    targets: { orgIds: [], groupIds: [] },
  };
}

const TEXT_FIELDS = [
  'title',
  'summary',
  'audience',
  'materials',
  'steps',
  'officeName',
  'address',
  'hours',
  'phone',
  'fees',
  'timeLimit',
  'legalBasis',
  'forms',
  'keywords',
  'aliases',
] as const;

/** A guide as labelled lines, for reading two versions side by side in a diff; `labels` are the editor's field labels. */
export function guideText(
  guide: GuideInput,
  labels: Record<(typeof TEXT_FIELDS)[number], string>,
  marks: { required: string; optional: string },
): string {
  const fields = {
    ...fieldsOf(guide),
    materials: guide.materials
      .map((m) => [m.name, m.copies ?? '', m.note ?? '', m.required ? marks.required : marks.optional].join(' | '))
      .join('\n'),
    steps: guide.steps.map((s) => [s.title, s.detail].join(' | ')).join('\n'),
  };
  return TEXT_FIELDS.flatMap((key) => {
    const value = fields[key];
    // Editor labels carry typing hints in brackets; the diff needs only the name.
    const name = labels[key].replace(/\s*[（(].*$/, '');
    return value.includes('\n') ? [`${name}:`, ...value.split('\n').map((line) => `  ${line}`)] : [`${name}: ${value}`];
  }).join('\n');
}
