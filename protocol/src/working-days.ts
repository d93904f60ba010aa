/**
 * Working days, as complaint deadlines count them (3.3 of the civic reference: "≤ 13 working days
 * from the next day"): Monday to Friday, less the public holidays, plus the 调休 make-up workdays,
 * from each year's calendar (admin-server/case-rules/, or as edited in the admin UI). A year with no calendar counts Monday to
 * Friday; `covers` says whether a year is known, so callers can warn. Pure: dates are Beijing
 * calendar dates, YYYY-MM-DD.
 */
import { LinliError, type ErrorDetail } from './errors';
import { parseWith } from './validation';
import { WorkCalendarYear } from './work-calendar';

export interface WorkCalendar {
  /** The years the calendar knows, in order (a year outside them counts Monday to Friday). */
  years(): readonly number[];
  covers(year: number): boolean;
  isWorkingDay(date: string): boolean;
  /** The working day `days` working days after `date`, counting from the next day. */
  addWorkingDays(date: string, days: number): string;
  /** The working days after `from`, up to and including `to` (0 when `to` is not after `from`). */
  workingDaysBetween(from: string, to: string): number;
}

const DAY_MS = 86_400_000;
const toTime = (date: string) => Date.parse(`${date}T00:00:00Z`);
const toDate = (time: number) => new Date(time).toISOString().slice(0, 10);
const weekday = (date: string) => new Date(toTime(date)).getUTCDay();
const isWeekend = (date: string) => weekday(date) === 0 || weekday(date) === 6;
/** Every date from `from` to `to`, both included. */
function* datesFrom(from: string, to: string): Generator<string> {
  for (let time = toTime(from); time <= toTime(to); time += DAY_MS) yield toDate(time);
}

/**
 * A year's calendar as a file gives it, checked: the dates exist and lie in the year, holidays do
 * not overlap, and a make-up workday is a weekend day outside every holiday. VALIDATION_FAILED
 * naming each mistake otherwise.
 */
export function readWorkCalendarYear(json: unknown): WorkCalendarYear {
  const year = parseWith(WorkCalendarYear, json, 'VALIDATION_FAILED');
  const problems: ErrorDetail[] = [];
  const inYear = (date: string, path: string) => {
    if (Number.isNaN(toTime(date)) || toDate(toTime(date)) !== date)
      problems.push({ path, message: `${date} is not a date` });
    else if (!date.startsWith(`${year.year}-`)) problems.push({ path, message: `${date} is not in ${year.year}` });
  };
  const off = new Set<string>();
  year.holidays.forEach((holiday, index) => {
    inYear(holiday.from, `/holidays/${index}/from`);
    inYear(holiday.to, `/holidays/${index}/to`);
    if (holiday.to < holiday.from)
      problems.push({ path: `/holidays/${index}/to`, message: `ends before it begins (${holiday.from})` });
    for (const date of datesFrom(holiday.from, holiday.to)) {
      if (off.has(date)) problems.push({ path: `/holidays/${index}`, message: `${date} is in two holidays` });
      off.add(date);
    }
  });
  year.makeUpWorkdays.forEach((date, index) => {
    const path = `/makeUpWorkdays/${index}`;
    inYear(date, path);
    if (!isWeekend(date)) problems.push({ path, message: `${date} is a weekday: only a weekend day is made up` });
    if (off.has(date)) problems.push({ path, message: `${date} is within a holiday` });
  });
  if (problems.length > 0)
    throw new LinliError('VALIDATION_FAILED', `${problems[0]!.path}: ${problems[0]!.message}`, problems);
  return year;
}

export function workCalendar(years: readonly WorkCalendarYear[]): WorkCalendar {
  const known = new Set(years.map((year) => year.year));
  const holidays = new Set(years.flatMap((year) => year.holidays.flatMap((h) => [...datesFrom(h.from, h.to)])));
  const makeUp = new Set(years.flatMap((year) => year.makeUpWorkdays));
  const isWorkingDay = (date: string) => makeUp.has(date) || (!isWeekend(date) && !holidays.has(date));
  const knownYears = [...known].sort();
  return {
    years: () => knownYears,
    covers: (year) => known.has(year),
    isWorkingDay,
    addWorkingDays(date, days) {
      let time = toTime(date);
      for (let counted = 0; counted < days;) {
        time += DAY_MS;
        if (isWorkingDay(toDate(time))) counted++;
      }
      return toDate(time);
    },
    workingDaysBetween(from, to) {
      let count = 0;
      for (let time = toTime(from) + DAY_MS; time <= toTime(to); time += DAY_MS)
        if (isWorkingDay(toDate(time))) count++;
      return count;
    },
  };
}
