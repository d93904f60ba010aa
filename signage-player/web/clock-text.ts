/**
 * Dates and times as a Chinese screen shows them: 14:05, 2026年12月4日 星期五. Built from the wall
 * clock of the schedule's time zone (protocol zoned-time), not from the locale data of whichever
 * browser runs the page, so every screen writes them alike.
 */
import { wallClockAt } from '@linli/protocol';

export type ClockShow = 'time' | 'date' | 'date-time';

const WEEKDAYS = ['星期一', '星期二', '星期三', '星期四', '星期五', '星期六', '星期日'];
const MINUTE_MS = 60_000;

/** The zone the browser runs in: what an idle screen (no schedule, so no zone of its own) shows. */
export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/** 2026年12月4日 */
export function chineseDate(instant: number, timeZone: string): string {
  const [year, month, day] = wallClockAt(instant, timeZone).date.split('-').map(Number);
  return `${year}年${month}月${day}日`;
}

/** 14:05 (24-hour, minutes; a sign is read from across a room, seconds would only flicker). */
export function clockTime(instant: number, timeZone: string): string {
  const minutes = Math.floor(wallClockAt(instant, timeZone).msOfDay / MINUTE_MS);
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/** 2026年12月4日 星期五 */
export function clockDate(instant: number, timeZone: string): string {
  return `${chineseDate(instant, timeZone)} ${WEEKDAYS[wallClockAt(instant, timeZone).weekday - 1]}`;
}

/** What a clock item says: 14:05, 2026年12月4日 星期五, or both (2026年12月4日 星期五 14:05). */
export function clockText(instant: number, show: ClockShow, timeZone: string): string {
  if (show === 'time') return clockTime(instant, timeZone);
  if (show === 'date') return clockDate(instant, timeZone);
  return `${clockDate(instant, timeZone)} ${clockTime(instant, timeZone)}`;
}

/** Milliseconds until the shown minute changes (UTC offsets are whole minutes, so minutes turn together). */
export function msToNextMinute(instant: number): number {
  return MINUTE_MS - (((instant % MINUTE_MS) + MINUTE_MS) % MINUTE_MS);
}
