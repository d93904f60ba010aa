/**
 * Charts as ECharts options (plain data, pure): the admin UI draws them in the browser and the
 * server draws the same options into its PDFs, so a report looks alike on screen and on paper.
 */
import type { ReportSection } from './reports';

/** A palette that stays apart in print and for the common colour blindnesses (Okabe–Ito). */
export const SERIES_COLOURS = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00'];

export const CHART_FONT = '"Noto Sans CJK SC", "Noto Sans SC", "Microsoft YaHei", sans-serif';

export interface ChartOption {
  [key: string]: unknown;
}

/** What every chart shares: no animation (print and screenshots), the palette, the font. */
export function chartBase(): ChartOption {
  return { animation: false, color: SERIES_COLOURS, textStyle: { fontFamily: CHART_FONT } };
}

/** Category labels turn when there are many, so none is skipped. */
export function categoryAxis(labels: string[], boundaryGap = true): ChartOption {
  return {
    type: 'category',
    boundaryGap,
    data: labels,
    axisLabel: { interval: 0, rotate: labels.length > 6 ? 30 : 0 },
  };
}

/** A section's rows along the axis, one series per column (bars side by side, or lines); undefined for `none`. */
export function reportChartOption(section: ReportSection): ChartOption | undefined {
  if (section.chart === 'none' || section.rows.length === 0) return undefined;
  const labels = section.rows.map((row) => row.label);
  const names = section.columns.map((column) => (column.unit ? `${column.name}（${column.unit}）` : column.name));
  const line = section.chart === 'line';
  const whole = section.rows.every((row) => row.values.every((value) => value === null || Number.isInteger(value)));
  return {
    ...chartBase(),
    tooltip: { trigger: 'axis', ...(line ? {} : { axisPointer: { type: 'shadow' } }) },
    legend: { data: names, top: 0, type: 'plain' },
    grid: { left: 16, right: 16, top: 24 + 20 * Math.ceil(names.length / 4), bottom: 8 },
    xAxis: line && labels.length > 16 ? { ...categoryAxis(labels, false), axisLabel: {} } : categoryAxis(labels, !line),
    yAxis: { type: 'value', ...(whole ? { minInterval: 1 } : {}) },
    series: section.columns.map((column, index) => ({
      name: names[index],
      type: section.chart,
      ...(line ? { showSymbol: labels.length <= 31 } : {}),
      data: section.rows.map((row) => row.values[index]),
    })),
  };
}
