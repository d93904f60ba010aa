/**
 * The schedule calendar's week (pure): where each entry's blocks go in a week of dates — a column
 * per day, minutes from midnight — by its dates, weekdays and window or dayparts. A window past
 * midnight belongs to the day it starts on (as the player reads it) and is drawn in two parts,
 * the second at the top of the next day. Blocks that overlap within a day share its width side by
 * side. Operating hours are placed the same way, as bands behind the blocks.
 */
import { addDays, type ScheduleEntry, type SignageSchedule, type TimeWindow } from '@linli/protocol';
import { minutesOf } from '../../signage-player/core/time-windows';
import { weekdayOf } from './schedule-time';

export const DAY_MINUTES = 1440;

/** Part of a day in the week's grid. */
export interface DaySpan {
  /** The column: 0 = Monday … 6 = Sunday. */
  day: number;
  startMinute: number;
  endMinute: number;
  /** The window started the day before and ran past midnight into this day. */
  fromDayBefore: boolean;
  /** The window runs on past midnight into the next day. */
  intoNextDay: boolean;
}

export interface CalendarBlock extends DaySpan {
  /** The entry's place in the schedule's entries. */
  entryIndex: number;
  /** Side by side with the blocks it overlaps: its lane, from 0, and how many lanes they share. */
  lane: number;
  lanes: number;
}

interface DayRule {
  startDate?: string | undefined;
  endDate?: string | undefined;
  weekdays?: readonly number[] | undefined;
}

function dayAllowed(rule: DayRule, date: string): boolean {
  if (rule.startDate !== undefined && date < rule.startDate) return false;
  if (rule.endDate !== undefined && date > rule.endDate) return false;
  return rule.weekdays === undefined || rule.weekdays.includes(weekdayOf(date));
}

/** The parts of the week starting `monday` that `windows` cover on the days `rule` allows (no windows: whole days). */
export function weekSpans(rule: DayRule, windows: readonly TimeWindow[] | undefined, monday: string): DaySpan[] {
  const spans: DaySpan[] = [];
  const add = (day: number, startMinute: number, endMinute: number, fromDayBefore = false, intoNextDay = false) => {
    if (day >= 0 && day < 7 && endMinute > startMinute)
      spans.push({ day, startMinute, endMinute, fromDayBefore, intoNextDay });
  };
  // From the Sunday before: a window of that day past midnight runs into Monday.
  for (let day = -1; day < 7; day++) {
    if (!dayAllowed(rule, addDays(monday, day))) continue;
    if (!windows) add(day, 0, DAY_MINUTES);
    for (const window of windows ?? []) {
      const from = minutesOf(window.from);
      const to = minutesOf(window.to);
      if (from < to) add(day, from, to);
      // Equal ends are a mistake the schedule's check names beside the field; nothing is drawn for them.
      if (from > to) {
        add(day, from, DAY_MINUTES, false, true);
        add(day + 1, 0, to, true, false);
      }
    }
  }
  return spans;
}

/** The windows an entry runs in: its own, its dayparts' (those that exist), or undefined for the whole day. */
function entryWindows(entry: ScheduleEntry, schedule: SignageSchedule): TimeWindow[] | undefined {
  if (entry.dayparts)
    return entry.dayparts.flatMap((id) => schedule.dayparts?.filter((daypart) => daypart.id === id) ?? []);
  return entry.window && [entry.window];
}

/** Lanes for the blocks of one day: each takes the first lane free at its start; overlapping blocks share their count. */
function laidOut(spans: (DaySpan & { entryIndex: number })[]): CalendarBlock[] {
  const sorted = [...spans].sort(
    (a, b) => a.startMinute - b.startMinute || b.endMinute - a.endMinute || a.entryIndex - b.entryIndex,
  );
  const blocks: CalendarBlock[] = [];
  let group: CalendarBlock[] = [];
  let laneEnds: number[] = [];
  let groupEnd = 0;
  const closeGroup = () => {
    for (const block of group) block.lanes = laneEnds.length;
    group = [];
    laneEnds = [];
  };
  for (const span of sorted) {
    if (span.startMinute >= groupEnd) closeGroup();
    let lane = laneEnds.findIndex((end) => end <= span.startMinute);
    if (lane === -1) lane = laneEnds.length;
    laneEnds[lane] = span.endMinute;
    const block: CalendarBlock = { ...span, lane, lanes: 1 };
    group.push(block);
    blocks.push(block);
    groupEnd = Math.max(groupEnd, span.endMinute);
  }
  closeGroup();
  return blocks;
}

/** Every entry's blocks in the week starting `monday`, laid out side by side where they overlap. */
export function calendarBlocks(schedule: SignageSchedule, monday: string): CalendarBlock[] {
  const spans = schedule.entries.flatMap((entry, entryIndex) =>
    weekSpans(entry, entryWindows(entry, schedule), monday).map((span) => ({ ...span, entryIndex })),
  );
  return [0, 1, 2, 3, 4, 5, 6].flatMap((day) => laidOut(spans.filter((span) => span.day === day)));
}

/** When the screen is on in the week starting `monday`; undefined when it never turns off. */
export function openingBands(schedule: SignageSchedule, monday: string): DaySpan[] | undefined {
  return schedule.operatingHours?.flatMap((hours) => weekSpans(hours, [hours], monday));
}
