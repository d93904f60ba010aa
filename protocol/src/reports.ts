/**
 * 统计报表: reports staff build from the statistics they may read — which figures (measures: usage
 * kinds or indicators), laid out by which rows (the units one level down, or the days, months or
 * quarters), over which period and subtree, filtered and sorted —, saved by name, kept each month
 * when scheduled, and downloaded as CSV, XLSX or PDF. What a report shows is a ReportDocument: the
 * same sections whether it is previewed, downloaded or kept as a monthly run.
 */
import Type from 'typebox';
import { Locale } from './bridge';
import { UsageKind } from './usage-events';
import { IndicatorId, StatsPeriod } from './indicators';

/** Where a report's figures come from: 使用统计 (the appliances' usage) or 社区统计 (approved indicators). */
export const REPORT_SOURCES = ['usage', 'indicators'] as const;
export type ReportSource = (typeof REPORT_SOURCES)[number];

/** One row per unit one level down, or per stretch of time (days, months or quarters, as the period allows). */
export const REPORT_ROWS = ['units', 'time'] as const;
export type ReportRows = (typeof REPORT_ROWS)[number];

/**
 * The period, relative to the day a report runs (a saved report stays current), or `custom` with
 * its own days. Indicators count whole months, quarters and years only.
 */
export const REPORT_PERIODS = ['last-month', 'this-month', 'last-quarter', 'this-year', 'last-year', 'custom'] as const;
export type ReportPeriod = (typeof REPORT_PERIODS)[number];

export const REPORT_CHARTS = ['bar', 'line', 'none'] as const;
export type ReportChart = (typeof REPORT_CHARTS)[number];

export const REPORT_SORTS = ['natural', 'first-measure-desc'] as const;

export const REPORT_FORMATS = ['csv', 'xlsx', 'pdf'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];
export const ReportFormatParam = { format: Type.Enum(REPORT_FORMATS) };

export const REPORT_MEASURES_MAX = 12;
/** The rows a report lays out at most (a year of days; a street's units). */
export const REPORT_ROWS_MAX = 400;

const Day = Type.String({ format: 'date' });

export const ReportDefinition = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 60 }),
    source: Type.Enum(REPORT_SOURCES),
    /** Usage kinds for `usage`, indicator ids for `indicators`; shown in this order. */
    measures: Type.Array(Type.Union([UsageKind, IndicatorId]), { minItems: 1, maxItems: REPORT_MEASURES_MAX }),
    rows: Type.Enum(REPORT_ROWS),
    period: Type.Enum(REPORT_PERIODS),
    /** The days of a `custom` period (Beijing time), both included. */
    from: Type.Optional(Day),
    to: Type.Optional(Day),
    /** The subtree: this node and all below it (the user's own when absent). */
    orgId: Type.Optional(Type.Integer({ minimum: 1 })),
    filters: Type.Object(
      {
        /** Only these units (rows by unit). */
        units: Type.Optional(Type.Array(Type.Integer({ minimum: 1 }), { maxItems: 200 })),
        /** Leave out rows where every measure is 0 or unknown. */
        hideEmpty: Type.Optional(Type.Boolean()),
        /** Only rows whose measure reaches this value. */
        atLeast: Type.Optional(
          Type.Object(
            { measure: Type.Union([UsageKind, IndicatorId]), value: Type.Number() },
            { additionalProperties: false },
          ),
        ),
      },
      { additionalProperties: false },
    ),
    sort: Type.Enum(REPORT_SORTS),
    chart: Type.Enum(REPORT_CHARTS),
    /** Run on the first of each month for the month before, and kept (月报). */
    monthly: Type.Boolean(),
  },
  { additionalProperties: false },
);
export type ReportDefinition = Type.Static<typeof ReportDefinition>;

const Cell = Type.Union([Type.Number(), Type.Null()], { description: 'null: not known' });

export const ReportColumn = Type.Object({ id: Type.String(), name: Type.String(), unit: Type.String() });
export type ReportColumn = Type.Static<typeof ReportColumn>;

export const ReportRow = Type.Object({
  label: Type.String(),
  /** The unit a row stands for (rows by unit), to drill into. */
  orgId: Type.Optional(Type.Integer()),
  values: Type.Array(Cell),
});
export type ReportRow = Type.Static<typeof ReportRow>;

/** One table with its chart: a saved report is one section, the street's monthly report several. */
export const ReportSection = Type.Object({
  heading: Type.String(),
  /** What the first column names: 单位, 日期, 月份 … */
  rowHeader: Type.String(),
  columns: Type.Array(ReportColumn),
  rows: Type.Array(ReportRow),
  total: Type.Optional(ReportRow),
  chart: Type.Enum(REPORT_CHARTS),
  note: Type.Optional(Type.String()),
});
export type ReportSection = Type.Static<typeof ReportSection>;

export const ReportDocument = Type.Object({
  title: Type.String(),
  /** The subtree and the period in words: 临江街道 · 2026年11月 */
  subtitle: Type.String(),
  node: Type.Object({ id: Type.Integer(), name: Type.String(), level: Type.String() }),
  from: Type.String(),
  to: Type.String(),
  generatedAt: Type.String(),
  sections: Type.Array(ReportSection),
});
export type ReportDocument = Type.Static<typeof ReportDocument>;

export const SavedReport = Type.Object({
  id: Type.Integer(),
  orgId: Type.Integer({ description: 'The node whose staff share it' }),
  orgName: Type.String(),
  definition: ReportDefinition,
  version: Type.Integer(),
  updatedAt: Type.String(),
  updatedBy: Type.String(),
  /** The months kept (monthly reports), newest first. */
  runs: Type.Array(Type.Object({ period: StatsPeriod, createdAt: Type.String() })),
});
export type SavedReport = Type.Static<typeof SavedReport>;

export const SavedReportList = Type.Object({ reports: Type.Array(SavedReport) });
export type SavedReportList = Type.Static<typeof SavedReportList>;

export const ReportIdParams = Type.Object({ id: Type.Integer({ minimum: 1 }) });
export const ReportRunParams = Type.Object({ id: Type.Integer({ minimum: 1 }), period: StatsPeriod });

/** The language of a report's words (headings, periods, totals); indicator names stay as the catalogue has them. */
const LocaleParam = { locale: Type.Optional(Locale) };

export const ReportLocaleQuery = Type.Object(LocaleParam, { additionalProperties: false });
export type ReportLocaleQuery = Type.Static<typeof ReportLocaleQuery>;

/** A saved report's download: the PDF unless another format is asked for. */
export const ReportExportQuery = Type.Object(
  { format: Type.Optional(Type.Enum(REPORT_FORMATS)), ...LocaleParam },
  { additionalProperties: false },
);
export type ReportExportQuery = Type.Static<typeof ReportExportQuery>;

export const ReportPreviewRequest = Type.Object(
  { definition: ReportDefinition, ...LocaleParam },
  { additionalProperties: false },
);
export type ReportPreviewRequest = Type.Static<typeof ReportPreviewRequest>;

/** 一键月报: a unit's month in one document (usage, the days, the units below, the searches that found nothing, approved figures). */
export const MonthlyReportQuery = Type.Object(
  {
    month: Type.String({ pattern: '^\\d{4}-(0[1-9]|1[0-2])$' }),
    orgId: Type.Optional(Type.Integer({ minimum: 1 })),
    ...ReportFormatParam,
    ...LocaleParam,
  },
  { additionalProperties: false },
);
export type MonthlyReportQuery = Type.Static<typeof MonthlyReportQuery>;

export const ReportSaveRequest = Type.Object(
  { definition: ReportDefinition, baseVersion: Type.Integer({ minimum: 0, description: '0: a new report' }) },
  { additionalProperties: false },
);
export type ReportSaveRequest = Type.Static<typeof ReportSaveRequest>;
