/**
 * Community statistics (社区统计): the indicator catalogue in the nine categories a street reports in
 * — counts, rates and amounts, each with its unit, the level that reports it, how often, how it
 * adds up the tree and over time, and derived indicators computed by a formula — the figures a
 * node reports for a period (only aggregate numbers: never a person), their review by the level
 * above, and the graded query of a subtree's figures.
 */
import Type from 'typebox';
import type { ORG_LEVELS } from './org';
import { TableFormatParam } from './table-export';

export const INDICATOR_CATEGORIES = [
  'basics',
  'population',
  'party',
  'organisations',
  'services',
  'construction',
  'social-security',
  'public-safety',
  'culture',
] as const;
export type IndicatorCategory = (typeof INDICATOR_CATEGORIES)[number];

export const INDICATOR_CATEGORY_NAMES: Record<'zh-Hans' | 'zh-Hant' | 'en', Record<IndicatorCategory, string>> = {
  'zh-Hans': {
    basics: '社区基本情况',
    population: '人口信息/特殊人员',
    party: '党团建设',
    organisations: '组织机构',
    services: '服务情况',
    construction: '社区建设',
    'social-security': '社会保障情况',
    'public-safety': '治安情况',
    culture: '文化教育',
  },
  'zh-Hant': {
    basics: '社區基本情況',
    population: '人口信息/特殊人員',
    party: '黨團建設',
    organisations: '組織機構',
    services: '服務情況',
    construction: '社區建設',
    'social-security': '社會保障情況',
    'public-safety': '治安情況',
    culture: '文化教育',
  },
  en: {
    basics: 'Community basics',
    population: 'Population and special groups',
    party: 'Party and youth league',
    organisations: 'Organisations',
    services: 'Services',
    construction: 'Community development',
    'social-security': 'Social security',
    'public-safety': 'Public safety',
    culture: 'Culture and education',
  },
};

/** A count (people, households, events), a rate (per cent) or an amount (yuan, square metres …). */
export const INDICATOR_KINDS = ['count', 'rate', 'amount'] as const;
/**
 * How an indicator adds up. `sum`: over the nodes below and over the months of a quarter or year
 * (events: cases, activities); `latest`: summed over the nodes, the last period's over time (stocks:
 * population, households); `average`: averaged over the nodes (weighted by `weightedBy` when given)
 * and over time (rates).
 */
export const INDICATOR_AGGREGATIONS = ['sum', 'latest', 'average'] as const;
export const INDICATOR_PERIODICITIES = ['month', 'quarter', 'year'] as const;
export type IndicatorPeriodicity = (typeof INDICATOR_PERIODICITIES)[number];
/** The levels that report figures (the district adds up). */
export const REPORTING_LEVELS = [
  'street',
  'community',
  'grid',
] as const satisfies readonly (typeof ORG_LEVELS)[number][];

export const INDICATOR_ID_PATTERN = '^[a-z][a-z0-9-]{1,39}$';
export const IndicatorId = Type.String({ pattern: INDICATOR_ID_PATTERN });

export const Indicator = Type.Object(
  {
    id: IndicatorId,
    category: Type.Enum(INDICATOR_CATEGORIES),
    name: Type.String({ minLength: 1, maxLength: 40 }),
    unit: Type.String({ maxLength: 10, description: '人, 户, 个, %, 元 …; empty for none' }),
    kind: Type.Enum(INDICATOR_KINDS),
    reportedBy: Type.Enum(REPORTING_LEVELS),
    periodicity: Type.Enum(INDICATOR_PERIODICITIES),
    aggregation: Type.Enum(INDICATOR_AGGREGATIONS),
    weightedBy: Type.Optional(IndicatorId),
    /**
     * A derived indicator: computed from others of the same node and period, never reported
     * (numbers, indicator ids, + − × ÷ and brackets, e.g. `elderly-60 / population * 100`).
     */
    formula: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    decimals: Type.Integer({ minimum: 0, maximum: 4 }),
    description: Type.Optional(Type.String({ maxLength: 200 })),
  },
  { additionalProperties: false },
);
export type Indicator = Type.Static<typeof Indicator>;

export const IndicatorCatalogueInput = Type.Object(
  { indicators: Type.Array(Indicator, { minItems: 1, maxItems: 300 }) },
  { additionalProperties: false },
);
export type IndicatorCatalogueInput = Type.Static<typeof IndicatorCatalogueInput>;

export const IndicatorCatalogue = Type.Object({
  ...IndicatorCatalogueInput.properties,
  version: Type.Integer(),
  updatedAt: Type.Union([Type.String(), Type.Null()]),
  updatedBy: Type.Union([Type.String(), Type.Null()]),
});
export type IndicatorCatalogue = Type.Static<typeof IndicatorCatalogue>;

/** A period: a month `2026-11`, a quarter `2026-Q4` or a year `2026`. */
export const PERIOD_PATTERN = '^\\d{4}(-(0[1-9]|1[0-2])|-Q[1-4])?$';
export const StatsPeriod = Type.String({ pattern: PERIOD_PATTERN });

export function periodicityOf(period: string): IndicatorPeriodicity {
  return period.length === 4 ? 'year' : period.includes('Q') ? 'quarter' : 'month';
}

/** The periods of `periodicity` within `period` (a quarter's months, a year's quarters); [] when finer is asked of coarser. */
export function periodsWithin(period: string, periodicity: IndicatorPeriodicity): string[] {
  const year = period.slice(0, 4);
  const kind = periodicityOf(period);
  const months = (first: number, count: number) =>
    Array.from({ length: count }, (_, n) => `${year}-${String(first + n).padStart(2, '0')}`);
  if (kind === periodicity) return [period];
  if (periodicity === 'month')
    return kind === 'year' ? months(1, 12) : months((Number(period.slice(6)) - 1) * 3 + 1, 3);
  if (periodicity === 'quarter' && kind === 'year') return [1, 2, 3, 4].map((q) => `${year}-Q${q}`);
  return [];
}

export const REPORT_STATES = ['draft', 'submitted', 'approved', 'returned'] as const;
export type ReportState = (typeof REPORT_STATES)[number];

const Values = Type.Record(IndicatorId, Type.Union([Type.Number(), Type.Null()]), {
  description: 'Indicator id → its figure (null: not known)',
});

export const IndicatorReportInput = Type.Object({ values: Values }, { additionalProperties: false });
export type IndicatorReportInput = Type.Static<typeof IndicatorReportInput>;

export const IndicatorReportParams = Type.Object({
  orgId: Type.Integer({ minimum: 1 }),
  period: StatsPeriod,
});

export const IndicatorReport = Type.Object({
  orgId: Type.Integer(),
  orgName: Type.String(),
  period: StatsPeriod,
  state: Type.Enum(REPORT_STATES),
  version: Type.Integer({ description: '0: nothing saved yet' }),
  /** What this node reports for this period: the catalogue's reported indicators of its level and periodicity. */
  indicators: Type.Array(IndicatorId),
  values: Values,
  /** The figures last approved, which the statistics count until a newer version is approved. */
  approvedValues: Type.Union([Values, Type.Null()]),
  updatedAt: Type.Union([Type.String(), Type.Null()]),
  updatedBy: Type.Union([Type.String(), Type.Null()]),
  reviewedBy: Type.Union([Type.String(), Type.Null()]),
  reviewComment: Type.Union([Type.String(), Type.Null()]),
});
export type IndicatorReport = Type.Static<typeof IndicatorReport>;

export const IndicatorReportDecision = Type.Object(
  { approve: Type.Boolean(), comment: Type.Optional(Type.String({ maxLength: 200 })) },
  { additionalProperties: false },
);
export type IndicatorReportDecision = Type.Static<typeof IndicatorReportDecision>;

export const IndicatorReportListQuery = Type.Object(
  { period: StatsPeriod, orgId: Type.Optional(Type.Integer({ minimum: 1 })) },
  { additionalProperties: false },
);
export const IndicatorReportList = Type.Object({
  period: StatsPeriod,
  reports: Type.Array(IndicatorReport, {
    description: 'Every reporting node of the subtree, those not yet started as drafts of version 0',
  }),
});
export type IndicatorReportList = Type.Static<typeof IndicatorReportList>;

export const IndicatorImportReport = Type.Object({
  dryRun: Type.Boolean(),
  rows: Type.Integer(),
  /** The reports written (or, on a dry run, that would be), submitted for review. */
  reports: Type.Integer(),
  values: Type.Integer(),
});
export type IndicatorImportReport = Type.Static<typeof IndicatorImportReport>;

export const IndicatorFiguresQuery = Type.Object(
  {
    period: StatsPeriod,
    orgId: Type.Optional(Type.Integer({ minimum: 1 })),
    category: Type.Optional(Type.Enum(INDICATOR_CATEGORIES)),
  },
  { additionalProperties: false },
);
export type IndicatorFiguresQuery = Type.Static<typeof IndicatorFiguresQuery>;

export const IndicatorFiguresExportQuery = Type.Object(
  { ...IndicatorFiguresQuery.properties, ...TableFormatParam },
  { additionalProperties: false },
);
export type IndicatorFiguresExportQuery = Type.Static<typeof IndicatorFiguresExportQuery>;

const FigureValues = Type.Record(IndicatorId, Type.Union([Type.Number(), Type.Null()]));

export const IndicatorFigures = Type.Object({
  node: Type.Object({ id: Type.Integer(), name: Type.String(), level: Type.String() }),
  trail: Type.Array(Type.Object({ id: Type.Integer(), name: Type.String(), level: Type.String() })),
  period: StatsPeriod,
  indicators: Type.Array(Type.Pick(Indicator, ['id', 'category', 'name', 'unit', 'kind', 'decimals', 'formula'])),
  values: FigureValues,
  /** Reporting nodes of the subtree with approved figures for the period, of all that report. */
  coverage: Type.Object({ approved: Type.Integer(), expected: Type.Integer() }),
  children: Type.Array(
    Type.Object({
      id: Type.Integer(),
      name: Type.String(),
      level: Type.String(),
      hasChildren: Type.Boolean(),
      values: FigureValues,
    }),
  ),
});
export type IndicatorFigures = Type.Static<typeof IndicatorFigures>;
