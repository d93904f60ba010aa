/**
 * Whether a schedule entry or operating-hours window is active at a wall-clock time, and the
 * wall-clock minutes at which any of them can start or stop.
 *
 * Rules (wall-clock semantics, as the people who wrote the schedule read their clock):
 * - A window runs from `from` up to, not including, `to`. When `to` is earlier than `from` the
 *   window runs past midnight; it belongs to the day it starts on, so its dates and weekdays are
 *   checked against that day (a Friday 22:00–02:00 window is on early on Saturday, not early on
 *   Friday).
 * - A wall time the clock skips (spring forward) is never reached: a window starting inside the
 *   gap starts when the clock resumes. A repeated wall time (fall back) counts both times.
 * - Dates are inclusive at both ends; no dates, weekdays or window means no limit on that side.
 */
import type { Daypart, OperatingHours, ScheduleEntry, SignageSchedule, TimeWindow } from '@linli/protocol';
import { addDays, type WallClock } from '@linli/protocol';

const MINUTE_MS = 60_000;

export function minutesOf(clock: string): number {
  return Number(clock.slice(0, 2)) * 60 + Number(clock.slice(3, 5));
}

interface DayRule {
  startDate?: string | undefined;
  endDate?: string | undefined;
  weekdays?: readonly number[] | undefined;
}

function dayMatches(rule: DayRule, date: string, weekday: number): boolean {
  if (rule.startDate !== undefined && date < rule.startDate) return false;
  if (rule.endDate !== undefined && date > rule.endDate) return false;
  return rule.weekdays === undefined || rule.weekdays.includes(weekday);
}

/** Whether `window` (undefined: the whole day) on a day `rule` allows covers the wall time. */
export function windowCovers(rule: DayRule, window: TimeWindow | undefined, wall: WallClock): boolean {
  if (!window) return dayMatches(rule, wall.date, wall.weekday);
  const minute = Math.floor(wall.msOfDay / MINUTE_MS);
  const from = minutesOf(window.from);
  const to = minutesOf(window.to);
  if (from < to) return minute >= from && minute < to && dayMatches(rule, wall.date, wall.weekday);
  if (minute >= from && dayMatches(rule, wall.date, wall.weekday)) return true;
  return minute < to && dayMatches(rule, addDays(wall.date, -1), ((wall.weekday + 5) % 7) + 1);
}

/** Whether the entry is active at the wall time (its window, or any of its dayparts, or all day). */
export function entryActiveAt(entry: ScheduleEntry, dayparts: ReadonlyMap<string, Daypart>, wall: WallClock): boolean {
  if (entry.dayparts) {
    return entry.dayparts.some((id) => {
      const daypart = dayparts.get(id);
      return daypart !== undefined && windowCovers(entry, daypart, wall);
    });
  }
  return windowCovers(entry, entry.window, wall);
}

/** On inside any window; with no operating hours the screen never turns off. */
export function screenOnAt(hours: readonly OperatingHours[] | undefined, wall: WallClock): boolean {
  return hours === undefined || hours.some((window) => windowCovers(window, window, wall));
}

/**
 * Every wall-clock minute of the day at which something in the schedule may start or stop,
 * ascending. Midnight is always one: dates and weekdays change there.
 */
export function boundaryMinutes(schedule: SignageSchedule): number[] {
  const minutes = new Set<number>([0]);
  const add = (window: TimeWindow | undefined) => {
    if (!window) return;
    minutes.add(minutesOf(window.from));
    minutes.add(minutesOf(window.to));
  };
  schedule.entries.forEach((entry) => add(entry.window));
  schedule.dayparts?.forEach(add);
  schedule.operatingHours?.forEach(add);
  return [...minutes].sort((a, b) => a - b);
}

/** Milliseconds of wall time from `wall` to the next boundary minute (midnight at the latest). */
export function msToNextBoundary(boundaries: readonly number[], wall: WallClock): number {
  const next = boundaries.find((minute) => minute * MINUTE_MS > wall.msOfDay);
  return (next === undefined ? 1440 : next) * MINUTE_MS - wall.msOfDay;
}
