/**
 * Converts a guide to the editor's text fields and back. Lists are edited one item per line,
 * with ` | ` between an item's parts, which suits staff used to spreadsheets.
 */
import type { GuideCategory, GuideInput, Targets } from '@linli/protocol';

export interface GuideFormFields {
  id: string;
  category: GuideCategory;
  title: string;
  summary: string;
  audience: string;
  materials: string;
  steps: string;
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

const OPTIONAL_WORDS = new Set(['可选', '可選', 'optional', '否']);
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
    materials: guide.materials
      .map((m) => [m.name, m.copies ?? '', m.note ?? '', m.required ? '必需' : '可选'].join(' | '))
      .join('\n'),
    steps: guide.steps.map((s) => [s.title, s.detail].join(' | ')).join('\n'),
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
    materials: lines(fields.materials).map((line) => {
      const [name = '', copies = '', note = '', required = ''] = cells(line);
      return {
        name,
        ...(copies ? { copies } : {}),
        ...(note ? { note } : {}),
        required: !OPTIONAL_WORDS.has(required.toLowerCase()),
      };
    }),
    steps: lines(fields.steps).map((line) => {
      const [title = '', ...detail] = cells(line);
      return { title, detail: detail.join(' | ') };
    }),
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
    materials: '',
    steps: '',
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
export function guideText(guide: GuideInput, labels: Record<(typeof TEXT_FIELDS)[number], string>): string {
  const fields = fieldsOf(guide);
  return TEXT_FIELDS.flatMap((key) => {
    const value = fields[key];
    // Editor labels carry typing hints in brackets; the diff needs only the name.
    const name = labels[key].replace(/\s*[（(].*$/, '');
    return value.includes('\n') ? [`${name}:`, ...value.split('\n').map((line) => `  ${line}`)] : [`${name}: ${value}`];
  }).join('\n');
}
