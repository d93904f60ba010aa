/**
 * A report's period as days and, for indicators, as a statistics period (pure, today's Beijing date
 * passed in): relative periods follow the day a report runs, so a saved report stays current.
 */
import { periodicityOf, previousPeriod, type ReportDefinition } from '@linli/protocol';

export interface ResolvedPeriod {
  from: string;
  to: string;
  /** The month, quarter or year the days make up exactly (2026-11, 2026-Q4, 2026); undefined for other stretches. */
  statsPeriod?: string;
}

const pad = (n: number) => String(n).padStart(2, '0');
const lastDay = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();
const monthDays = (year: number, month: number) => ({
  from: `${year}-${pad(month)}-01`,
  to: `${year}-${pad(month)}-${pad(lastDay(year, month))}`,
});

/** The days of a statistics period (2026-11, 2026-Q4, 2026). */
export function daysOfStatsPeriod(period: string): { from: string; to: string } {
  const year = Number(period.slice(0, 4));
  const kind = periodicityOf(period);
  if (kind === 'month') return monthDays(year, Number(period.slice(5, 7)));
  if (kind === 'year') return { from: `${year}-01-01`, to: `${year}-12-31` };
  const first = (Number(period.slice(6)) - 1) * 3 + 1;
  return { from: monthDays(year, first).from, to: monthDays(year, first + 2).to };
}

/** The month, quarter or year these days are exactly, if any. */
export function statsPeriodOf(from: string, to: string): string | undefined {
  const year = from.slice(0, 4);
  const month = Number(from.slice(5, 7));
  const candidates = [`${year}-${pad(month)}`, `${year}-Q${Math.ceil(month / 3)}`, year];
  return candidates.find((period) => {
    const days = daysOfStatsPeriod(period);
    return days.from === from && days.to === to;
  });
}

export function resolvePeriod(
  definition: Pick<ReportDefinition, 'period' | 'from' | 'to'>,
  today: string,
): ResolvedPeriod | { problem: string; path: string } {
  const year = Number(today.slice(0, 4));
  const month = Number(today.slice(5, 7));
  const exactly = (period: string) => ({ ...daysOfStatsPeriod(period), statsPeriod: period });
  switch (definition.period) {
    case 'last-month':
      return exactly(previousPeriod(today.slice(0, 7)));
    case 'this-month':
      return { from: `${today.slice(0, 7)}-01`, to: today, statsPeriod: today.slice(0, 7) };
    case 'last-quarter':
      return exactly(previousPeriod(`${year}-Q${Math.ceil(month / 3)}`));
    case 'this-year':
      return { from: `${year}-01-01`, to: today, statsPeriod: String(year) };
    case 'last-year':
      return exactly(String(year - 1));
    case 'custom': {
      if (definition.from === undefined) return { problem: 'a custom period names its first day', path: '/from' };
      if (definition.to === undefined) return { problem: 'a custom period names its last day', path: '/to' };
      if (definition.to < definition.from) return { problem: 'must not be before from', path: '/to' };
      return { from: definition.from, to: definition.to, statsPeriod: statsPeriodOf(definition.from, definition.to) };
    }
  }
}
