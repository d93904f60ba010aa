/**
 * A report's table from the figures the statistics services return (pure): the measures as
 * columns, the units or the stretches of time as rows, the subtree's total below, then the
 * filters (only some units, no empty rows, a measure at least a value) and the order.
 */
import {
  USAGE_KIND_NAMES,
  emptyUsageCounts,
  type IndicatorFigures,
  type Locale,
  type ReportColumn,
  type ReportDefinition,
  type ReportRow,
  type ReportSection,
  type UsageCounts,
  type UsageKind,
  type UsageSummary,
} from '@linli/protocol';
import { REPORT_WORDS } from './report-words';

/** Periods longer than this are laid out by month rather than by day. */
export const DAYS_BY_DAY_MAX = 62;

type Cell = number | null;

function usageColumns(kinds: UsageKind[], locale: Locale): ReportColumn[] {
  const words = REPORT_WORDS[locale];
  return kinds.map((kind) => ({
    id: kind,
    name: USAGE_KIND_NAMES[locale][kind],
    unit: kind === 'uptime-minutes' ? words.minutes : words.times,
  }));
}

/** Days summed into their months (2026-11-03 → 2026-11), in order. */
export function usageByMonth(days: UsageSummary['days']): Array<{ month: string; counts: UsageCounts }> {
  const months = new Map<string, UsageCounts>();
  for (const { day, counts } of days) {
    const month = day.slice(0, 7);
    const sum = months.get(month) ?? emptyUsageCounts();
    for (const kind of Object.keys(counts) as UsageKind[]) sum[kind] += counts[kind];
    months.set(month, sum);
  }
  return [...months.entries()].map(([month, counts]) => ({ month, counts }));
}

export function usageSection(definition: ReportDefinition, summary: UsageSummary, locale: Locale): ReportSection {
  const kinds = definition.measures as UsageKind[];
  const words = REPORT_WORDS[locale];
  const values = (counts: UsageCounts): Cell[] => kinds.map((kind) => counts[kind]);
  let rowHeader = words.unit;
  let rows: ReportRow[];
  if (definition.rows === 'units')
    rows = summary.children.map((child) => ({ label: child.name, orgId: child.id, values: values(child.totals) }));
  else if (summary.days.length <= DAYS_BY_DAY_MAX) {
    rowHeader = words.day;
    rows = summary.days.map((day) => ({ label: day.day, values: values(day.counts) }));
  } else {
    rowHeader = words.month;
    rows = usageByMonth(summary.days).map((month) => ({ label: month.month, values: values(month.counts) }));
  }
  return filtered(definition, {
    heading: definition.name,
    rowHeader,
    columns: usageColumns(kinds, locale),
    rows,
    total: { label: words.total(summary.node.name), values: values(summary.totals) },
    chart: definition.chart,
  });
}

export function indicatorColumns(figures: IndicatorFigures, ids: string[]): ReportColumn[] {
  return ids.map((id) => {
    const indicator = figures.indicators.find((candidate) => candidate.id === id);
    return { id, name: indicator?.name ?? id, unit: indicator?.unit ?? '' };
  });
}

/**
 * `total`: the subtree's figures over the whole period (its children are the rows by unit);
 * `stretches`: for rows by time, the figures of each month or quarter within it.
 */
export function indicatorSection(
  definition: ReportDefinition,
  total: IndicatorFigures,
  stretches: Array<{ label: string; figures: IndicatorFigures }>,
  locale: Locale,
): ReportSection {
  const ids = definition.measures;
  const words = REPORT_WORDS[locale];
  const values = (figures: Record<string, Cell>): Cell[] => ids.map((id) => figures[id] ?? null);
  const byTime = definition.rows === 'time';
  const rows: ReportRow[] = byTime
    ? stretches.map((stretch) => ({ label: stretch.label, values: values(stretch.figures.values) }))
    : total.children.map((child) => ({ label: child.name, orgId: child.id, values: values(child.values) }));
  const quarterly = byTime && stretches.some((stretch) => stretch.figures.period.includes('Q'));
  return filtered(definition, {
    heading: definition.name,
    rowHeader: byTime ? (quarterly ? words.quarter : words.month) : words.unit,
    columns: indicatorColumns(total, ids),
    rows,
    total: { label: words.total(total.node.name), values: values(total.values) },
    chart: definition.chart,
  });
}

/** The definition's filters and order applied to the rows (the total stays the subtree's). */
export function filtered(
  definition: Pick<ReportDefinition, 'filters' | 'sort' | 'measures' | 'rows'>,
  section: ReportSection,
): ReportSection {
  const { units, hideEmpty, atLeast } = definition.filters;
  const onlyUnits = definition.rows === 'units' && units !== undefined ? new Set(units) : undefined;
  const atLeastIndex = atLeast ? definition.measures.indexOf(atLeast.measure) : -1;
  let rows = section.rows.filter((row) => {
    if (onlyUnits && (row.orgId === undefined || !onlyUnits.has(row.orgId))) return false;
    if (hideEmpty && row.values.every((value) => value === null || value === 0)) return false;
    if (atLeast && atLeastIndex >= 0) {
      const value = row.values[atLeastIndex];
      if (value === null || value === undefined || value < atLeast.value) return false;
    }
    return true;
  });
  if (definition.sort === 'first-measure-desc')
    rows = [...rows].sort((a, b) => (b.values[0] ?? -Infinity) - (a.values[0] ?? -Infinity));
  return { ...section, rows };
}
