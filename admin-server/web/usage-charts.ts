/**
 * The 使用统计 page's charts as ECharts options (pure: the page draws them; they carry no DOM): the
 * days of a period as lines, and the units one level down as grouped bars (a bar opens its unit).
 */
import {
  categoryAxis,
  chartBase,
  type ChartOption,
  type UsageCounts,
  type UsageKind,
  type UsageSummary,
} from '@linli/protocol';

function base(kinds: readonly UsageKind[], names: Record<UsageKind, string>): ChartOption {
  return {
    ...chartBase(),
    tooltip: { trigger: 'axis' },
    legend: { data: kinds.map((kind) => names[kind]), top: 0 },
    grid: { left: 48, right: 16, top: 40, bottom: 32 },
    yAxis: { type: 'value', minInterval: 1 },
  };
}

/** Each kind a line over the period's days (the axis says MM-DD). */
export function trendOption(
  days: UsageSummary['days'],
  kinds: readonly UsageKind[],
  names: Record<UsageKind, string>,
): ChartOption {
  return {
    ...base(kinds, names),
    xAxis: { type: 'category', boundaryGap: false, data: days.map((day) => day.day.slice(5)) },
    series: kinds.map((kind) => ({
      name: names[kind],
      type: 'line',
      showSymbol: days.length <= 31,
      data: days.map((day) => day.counts[kind]),
    })),
  };
}

/** Each unit a group of bars, one per kind. */
export function comparisonOption(
  units: Array<{ name: string; totals: UsageCounts }>,
  kinds: readonly UsageKind[],
  names: Record<UsageKind, string>,
): ChartOption {
  return {
    ...base(kinds, names),
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    xAxis: categoryAxis(units.map((unit) => unit.name)),
    series: kinds.map((kind) => ({
      name: names[kind],
      type: 'bar',
      data: units.map((unit) => unit.totals[kind]),
    })),
  };
}

/** One figure per unit as bars (统计查询's comparison of the units below). */
export function unitBarsOption(units: Array<{ name: string; value: number | null }>, seriesName: string): ChartOption {
  return {
    ...chartBase(),
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    grid: { left: 48, right: 16, top: 24, bottom: 32 },
    xAxis: categoryAxis(units.map((unit) => unit.name)),
    yAxis: { type: 'value' },
    series: [{ name: seriesName, type: 'bar', data: units.map((unit) => unit.value) }],
  };
}
