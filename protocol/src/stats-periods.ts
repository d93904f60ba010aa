/** Statistics periods stepped and named (pure): 2026-11, 2026-Q4 and 2026 as people say them. */
import type { Locale } from './bridge';

/** The period before `period` of the same kind (2026-01 → 2025-12, 2026-Q1 → 2025-Q4, 2026 → 2025). */
export function previousPeriod(period: string): string {
  const year = Number(period.slice(0, 4));
  if (period.length === 4) return String(year - 1);
  if (period.includes('Q')) {
    const quarter = Number(period.slice(6));
    return quarter === 1 ? `${year - 1}-Q4` : `${year}-Q${quarter - 1}`;
  }
  const month = Number(period.slice(5));
  return month === 1 ? `${year - 1}-12` : `${year}-${String(month - 1).padStart(2, '0')}`;
}

/** The period after `period` of the same kind. */
export function nextPeriod(period: string): string {
  const year = Number(period.slice(0, 4));
  if (period.length === 4) return String(year + 1);
  if (period.includes('Q')) {
    const quarter = Number(period.slice(6));
    return quarter === 4 ? `${year + 1}-Q1` : `${year}-Q${quarter + 1}`;
  }
  const month = Number(period.slice(5));
  return month === 12 ? `${year + 1}-01` : `${year}-${String(month + 1).padStart(2, '0')}`;
}

/** A period as people say it: 2026年11月, 2026年第4季度, 2026年 (Nov 2026, 2026 Q4, 2026). */
export function periodName(locale: Locale, period: string): string {
  const year = period.slice(0, 4);
  if (locale === 'en') {
    if (period.length === 4) return year;
    if (period.includes('Q')) return `${year} ${period.slice(5)}`;
    return `${['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][Number(period.slice(5)) - 1]} ${year}`;
  }
  if (period.length === 4) return `${year}年`;
  if (period.includes('Q')) return `${year}年第${period.slice(6)}季度`;
  return `${year}年${Number(period.slice(5))}月`;
}
