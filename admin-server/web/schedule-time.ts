/**
 * Dates and times in a schedule's time zone (pure): a signage schedule is written in the screen's
 * wall-clock time, whatever zone the editor's browser is in, so what a date-time picker means,
 * the week a date falls in and a date's weekday are all read there.
 */
import { addDays, isTimeZone, wallClockAt } from '@linli/protocol';

const MINUTE_MS = 60_000;
const pad = (n: number) => String(n).padStart(2, '0');

/** The zone the schedule names when it is one, else the zone screens are set to by default. */
export function usableTimeZone(name: string): string {
  return isTimeZone(name) ? name : 'Asia/Shanghai';
}

/** ISO weekday of a date: 1 = Monday … 7 = Sunday. */
export function weekdayOf(date: string): number {
  return ((new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7) + 1;
}

/** The Monday of the week a date is in. */
export function mondayOf(date: string): string {
  return addDays(date, 1 - weekdayOf(date));
}

/** The wall clock in `timeZone` at `instant`, as a `datetime-local` value (`2026-05-04T09:30`). */
export function wallTimeInput(instant: number, timeZone: string): string {
  const wall = wallClockAt(instant, timeZone);
  const minutes = Math.floor(wall.msOfDay / MINUTE_MS);
  return `${wall.date}T${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;
}

/** The instant a `datetime-local` value names as wall-clock time in `timeZone`; null when it names none. */
export function instantOfWallTime(value: string, timeZone: string): number | null {
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})$/.exec(value);
  const asUtc = match ? Date.parse(`${match[1]}T${match[2]}:${match[3]}:00Z`) : NaN;
  if (Number.isNaN(asUtc)) return null;
  // The offset one offset away from the answer is the answer's offset, except beside a change of
  // offset (daylight saving), which the second step settles.
  const guess = asUtc - wallClockAt(asUtc, timeZone).offsetMs;
  return asUtc - wallClockAt(guess, timeZone).offsetMs;
}
