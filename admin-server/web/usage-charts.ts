/**
 * The 使用统计 page's charts as ECharts options (pure: the page draws them; they carry no DOM): the
 * days of a period as lines, and the units one level down as grouped bars (a bar opens its unit).
 */
import type { UsageCounts, UsageKind, UsageSummary } from '@linli/protocol';

/** A palette that stays apart in print and for the common colour blindnesses (Okabe–Ito). */
export const SERIES_COLOURS = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00'];

const FONT = '"Noto Sans CJK SC", "Noto Sans SC", "Microsoft YaHei", sans-serif';

export interface ChartOption {
  [key: string]: unknown;
}

function base(kinds: readonly UsageKind[], names: Record<UsageKind, string>): ChartOption {
  return {
    animation: false,
    color: SERIES_COLOURS,
    textStyle: { fontFamily: FONT },
    tooltip: { trigger: 'axis' },
    legend: { data: kinds.map((kind) => names[kind]), top: 0 },
    grid: { left: 48, right: 16, top: 40, bottom: 32, containLabel: true },
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
    xAxis: {
      type: 'category',
      data: units.map((unit) => unit.name),
      axisLabel: { interval: 0, rotate: units.length > 6 ? 30 : 0 },
    },
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
    animation: false,
    color: SERIES_COLOURS,
    textStyle: { fontFamily: FONT },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    grid: { left: 48, right: 16, top: 24, bottom: 32, containLabel: true },
    xAxis: {
      type: 'category',
      data: units.map((unit) => unit.name),
      axisLabel: { interval: 0, rotate: units.length > 6 ? 30 : 0 },
    },
    yAxis: { type: 'value' },
    series: [{ name: seriesName, type: 'bar', data: units.map((unit) => unit.value) }],
  };
}
