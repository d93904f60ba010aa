/**
 * Service usage (使用统计): anonymous events the appliances send — a visit begun, a search, a guide
 * opened, a form printed, an ID card read (the count only) — kept once per (device, event id),
 * counted into daily facts per device and per organisation node, and read by staff as figures of
 * their subtree. An event names what was used (a guide, a form, a utility), never who used it:
 * the one piece of typed text is a search that found nothing, kept only as searchMissText leaves
 * it (no digits that could be part of an ID, phone or account number).
 */
import Type from 'typebox';
import { LOCALES, type Locale } from './bridge';
import { UTILITIES } from './bills';
import { CASE_NATURES } from './case-deadlines';
import { GuideId } from './guide';
import { QUEUE_BUSINESS_ID_PATTERN } from './queue';
import { TableFormatParam } from './table-export';

/**
 * What an event counts. `search` is one search a resident finished (typing settled, a result
 * opened or the visit ended), `search-miss` one of those that found nothing (its subject the
 * query), `uptime-minutes` the minutes a kiosk or screen ran (its value), `signage-play` items a
 * signage player or set-top box played (its value: how many; their detail is proof of play's).
 */
export const USAGE_KINDS = [
  'visit',
  'search',
  'search-miss',
  'guide-view',
  'form-print',
  'receipt-print',
  'id-read',
  'bill-check',
  'case',
  'queue-ticket',
  'locale',
  'elder-mode',
  'uptime-minutes',
  'signage-play',
] as const;
export type UsageKind = (typeof USAGE_KINDS)[number];
export const UsageKind = Type.Enum(USAGE_KINDS);

/** What a receipt printed at a kiosk was. */
export const RECEIPT_KINDS = ['guide-checklist', 'bill', 'bill-receipt', 'case-ticket', 'queue-ticket'] as const;

/** The kinds whose subject names what was used; facts keep them per subject by month. */
export const SUBJECT_KINDS: ReadonlySet<UsageKind> = new Set([
  'search-miss',
  'guide-view',
  'form-print',
  'receipt-print',
  'bill-check',
  'case',
  'queue-ticket',
  'locale',
]);

export const USAGE_UPLOAD_MAX = 500;
/** The most one event counts for (a day's minutes of uptime; plays beyond it go as several events). */
export const USAGE_VALUE_MAX = 1440;
export const SEARCH_MISS_MAX_CHARS = 20;
/** Events older than this are not counted (a kiosk's clock far behind, or a batch kept for a year). */
export const USAGE_MAX_AGE_DAYS = 400;

export const UsageEvent = Type.Object(
  {
    id: Type.String({ format: 'uuid', description: "Made where it happened (UUIDv7): the event's idempotency key" }),
    kind: UsageKind,
    at: Type.String({ format: 'date-time', description: 'When it happened, by the device clock' }),
    subject: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 64,
        description:
          'What was used: a guide or form id, the receipt, utility, case nature, business, locale, or the query of a search-miss',
      }),
    ),
    value: Type.Optional(
      Type.Integer({
        minimum: 1,
        maximum: USAGE_VALUE_MAX,
        description: 'How many it counts for (minutes for uptime-minutes); 1 when absent',
      }),
    ),
  },
  { additionalProperties: false },
);
export type UsageEvent = Type.Static<typeof UsageEvent>;

export const UsageUpload = Type.Object(
  { events: Type.Array(UsageEvent, { minItems: 1, maxItems: USAGE_UPLOAD_MAX }) },
  { additionalProperties: false },
);
export type UsageUpload = Type.Static<typeof UsageUpload>;

export const UsageUploadReply = Type.Object({
  stored: Type.Integer({ description: 'Events new to the server, counted now' }),
  alreadyStored: Type.Integer({ description: 'Events the server had from an earlier upload' }),
  tooOld: Type.Integer({ description: `Events from more than ${USAGE_MAX_AGE_DAYS} days ago, not counted` }),
});
export type UsageUploadReply = Type.Static<typeof UsageUploadReply>;

const DIGIT_RUN = /\d{3,}/;
const SUBJECT_PATTERNS: Partial<Record<UsageKind, RegExp>> = {
  'guide-view': /^[a-z0-9][a-z0-9-]{1,63}$/,
  'form-print': /^[a-z0-9][a-z0-9-]{0,63}$/,
  'queue-ticket': new RegExp(QUEUE_BUSINESS_ID_PATTERN),
};
const SUBJECT_CHOICES: Partial<Record<UsageKind, readonly string[]>> = {
  'receipt-print': RECEIPT_KINDS,
  'bill-check': UTILITIES,
  case: CASE_NATURES,
  locale: LOCALES,
};

/**
 * A search that found nothing as it may be kept: spaces collapsed, at most SEARCH_MISS_MAX_CHARS
 * characters; undefined when it holds three digits in a row (part of an ID, phone or account
 * number, never a guide's name) or nothing is left.
 */
export function searchMissText(query: string): string | undefined {
  const text = query.normalize('NFKC').replace(/\s+/g, ' ').trim();
  if (text === '' || DIGIT_RUN.test(text)) return undefined;
  return [...text].slice(0, SEARCH_MISS_MAX_CHARS).join('');
}

/** What is wrong with an event's subject for its kind (the schema checks the rest); undefined when nothing. */
export function usageSubjectProblem(event: Pick<UsageEvent, 'kind' | 'subject'>): string | undefined {
  const { kind, subject } = event;
  if (!SUBJECT_KINDS.has(kind)) return subject === undefined ? undefined : `${kind} carries no subject`;
  if (subject === undefined) return `${kind} names its subject`;
  if (kind === 'search-miss') return searchMissText(subject) === subject ? undefined : 'not a kept search text';
  const choices = SUBJECT_CHOICES[kind];
  if (choices) return choices.includes(subject) ? undefined : `one of ${choices.join(', ')}`;
  const pattern = SUBJECT_PATTERNS[kind];
  return pattern && !pattern.test(subject) ? `must match ${pattern.source}` : undefined;
}

/** Counts of every kind over a period or a day. */
export const UsageCounts = Type.Object(
  Object.fromEntries(USAGE_KINDS.map((kind) => [kind, Type.Integer({ minimum: 0 })])) as {
    [K in UsageKind]: Type.TInteger;
  },
);
export type UsageCounts = Type.Static<typeof UsageCounts>;

export function emptyUsageCounts(): UsageCounts {
  return Object.fromEntries(USAGE_KINDS.map((kind) => [kind, 0])) as UsageCounts;
}

/** The figures staff are shown first (使用统计's headline, the monthly report's overview), in order. */
export const USAGE_HEADLINE_KINDS: readonly UsageKind[] = [
  'visit',
  'search',
  'guide-view',
  'form-print',
  'receipt-print',
  'id-read',
  'bill-check',
  'case',
  'queue-ticket',
  'elder-mode',
  'signage-play',
];

/** The kinds as staff read them (the admin UI and the downloaded tables). */
export const USAGE_KIND_NAMES: Record<Locale, Record<UsageKind, string>> = {
  'zh-Hans': {
    visit: '服务人次',
    search: '查询次数',
    'search-miss': '无结果查询',
    'guide-view': '指南浏览',
    'form-print': '表格打印',
    'receipt-print': '凭条打印',
    'id-read': '身份证读取',
    'bill-check': '账单查询',
    case: '诉求提交',
    'queue-ticket': '排队取号',
    locale: '语言选择',
    'elder-mode': '适老模式',
    'uptime-minutes': '运行时长（分钟）',
    'signage-play': '信息屏播放',
  },
  'zh-Hant': {
    visit: '服務人次',
    search: '查詢次數',
    'search-miss': '無結果查詢',
    'guide-view': '指南瀏覽',
    'form-print': '表格列印',
    'receipt-print': '憑條列印',
    'id-read': '身分證讀取',
    'bill-check': '帳單查詢',
    case: '訴求提交',
    'queue-ticket': '排隊取號',
    locale: '語言選擇',
    'elder-mode': '適老模式',
    'uptime-minutes': '運行時長（分鐘）',
    'signage-play': '資訊屏播放',
  },
  en: {
    visit: 'Visits',
    search: 'Searches',
    'search-miss': 'Searches with no result',
    'guide-view': 'Guides viewed',
    'form-print': 'Forms printed',
    'receipt-print': 'Slips printed',
    'id-read': 'ID cards read',
    'bill-check': 'Bills checked',
    case: 'Cases filed',
    'queue-ticket': 'Queue tickets',
    locale: 'Language choices',
    'elder-mode': 'Elder mode',
    'uptime-minutes': 'Uptime (minutes)',
    'signage-play': 'Screen plays',
  },
};

export const UsageQuery = Type.Object(
  {
    from: Type.String({ format: 'date', description: 'First day (Beijing time)' }),
    to: Type.String({ format: 'date', description: 'Last day, included' }),
    orgId: Type.Optional(Type.Integer({ minimum: 1, description: 'The subtree of this node (default: yours)' })),
  },
  { additionalProperties: false },
);
export type UsageQuery = Type.Static<typeof UsageQuery>;

export const UsageExportQuery = Type.Object(
  { ...UsageQuery.properties, ...TableFormatParam },
  { additionalProperties: false },
);
export type UsageExportQuery = Type.Static<typeof UsageExportQuery>;

const NodeRef = Type.Object({ id: Type.Integer(), name: Type.String(), level: Type.String() });

export const UsageSummary = Type.Object({
  node: NodeRef,
  /** From the user's own node down to this one, for the drill-down's way back. */
  trail: Type.Array(NodeRef),
  from: Type.String(),
  to: Type.String(),
  totals: UsageCounts,
  previous: Type.Object(
    { from: Type.String(), to: Type.String(), totals: UsageCounts },
    { description: 'The period of the same length just before, to compare with' },
  ),
  days: Type.Array(Type.Object({ day: Type.String(), counts: UsageCounts })),
  children: Type.Array(Type.Object({ ...NodeRef.properties, hasChildren: Type.Boolean(), totals: UsageCounts })),
  topGuides: Type.Array(Type.Object({ id: Type.String(), title: Type.String(), count: Type.Integer() })),
});
export type UsageSummary = Type.Static<typeof UsageSummary>;

export const SearchGaps = Type.Object({
  from: Type.String(),
  to: Type.String(),
  /** Searches that found nothing, most asked first. */
  misses: Type.Array(Type.Object({ query: Type.String(), count: Type.Integer() })),
  /** Published guides opened least in the subtree (none opened first). */
  leastFound: Type.Array(Type.Object({ id: Type.String(), title: Type.String(), count: Type.Integer() })),
});
export type SearchGaps = Type.Static<typeof SearchGaps>;

export const GuideAliasRequest = Type.Object(
  {
    alias: Type.String({ minLength: 1, maxLength: 40, description: 'The words residents searched for' }),
  },
  { additionalProperties: false },
);
export type GuideAliasRequest = Type.Static<typeof GuideAliasRequest>;

export const GuideAliasParams = Type.Object({ id: GuideId });
