/**
 * The 12-month usage chart as geometry (pure; the kiosk screen and the printed bill draw it): one bar per month, oldest on the left, the current
 * bill's month marked, heights against a rounded-up top so the tallest bar never touches the edge.
 */
import type { MonthlyUsage } from '@linli/protocol';

export interface UsageBar {
  period: string;
  usage: number;
  x: number;
  y: number;
  width: number;
  height: number;
  current: boolean;
}

/** A top for the scale: 1, 2 or 5 times a power of ten, at or above `max`. */
export function niceTop(max: number): number {
  if (max <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(max));
  return [1, 2, 5, 10].map((step) => step * power).find((top) => top >= max)!;
}

/** `area`: the plotting area inside the chart (labels are laid out around it by the caller). */
export function usageBars(
  history: MonthlyUsage[],
  area: { width: number; height: number },
  currentPeriod?: string,
): { bars: UsageBar[]; top: number } {
  const top = niceTop(Math.max(0, ...history.map((month) => month.usage)));
  const slot = history.length === 0 ? 0 : area.width / history.length;
  const width = slot * 0.64;
  const bars = history.map((month, n) => {
    const height = (month.usage / top) * area.height;
    return {
      period: month.period,
      usage: month.usage,
      x: n * slot + (slot - width) / 2,
      y: area.height - height,
      width,
      height,
      current: month.period === currentPeriod,
    };
  });
  return { bars, top };
}
