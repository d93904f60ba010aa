/**
 * What a TV channel airs when, from the wall clock and the schedule alone (pure, no schema: the
 * set-top box page imports it, as do the server's programme guide and HLS output). Every box
 * computes the same answer for the same instant, which is what keeps boxes in step.
 *
 * Rules:
 * - A programme airs from its start for its length on every day its repeat rule and dates allow;
 *   it may run past midnight.
 * - Where programmes overlap the more specific one is on air (once > weekdays > every day), then
 *   the one that started later, then the one later in the list; a programme cut short and then
 *   uncovered carries on where its own clock is (its items count from its start, not from the cut).
 * - A programme's items play in order from its start and loop until it ends.
 * - Where nothing airs the filler loops, counted from the start of the gap; gaps are split at
 *   local midnight, so the count never needs a look further back than the day's start.
 */
import type { TvChannelSchedule, TvItem, TvProgramme } from './tv-channels';
import { addDays, instantOfWallClock, wallClockAt } from './zoned-time';

const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** One stretch of the channel: a programme (or the filler, `programme` null) on air from `start` to `end`. */
export interface TvAiring {
  programme: TvProgramme | null;
  /** Where this airing's items count from: the occurrence's start (the programme's listed time), or the gap's. */
  anchor: number;
  /** The stretch on air, its start no earlier than the range asked for. */
  start: number;
  end: number;
}

/** What is on air at one instant: the airing, the item (null: the channel's own card) and where in it. */
export interface TvOnAir {
  airing: TvAiring;
  item: TvItem | null;
  itemIndex: number;
  itemStart: number;
  /** When this item goes off: its end or the airing's, whichever is first. */
  itemEnd: number;
  /** Milliseconds into the item. */
  offsetMs: number;
}

export type TvScheduleSource = Pick<TvChannelSchedule, 'timeZone' | 'programmes' | 'filler'>;

/** How long an item is on air, in milliseconds. */
export function tvItemDurationMs(item: TvItem): number {
  return item.kind === 'video' ? Math.max(1, Math.round(item.lengthSec * 1000)) : item.durationSec * 1000;
}

const SPECIFICITY = { once: 3, week: 2, day: 1 } as const;

function airsOn(programme: TvProgramme, date: string, weekday: number): boolean {
  if (programme.firstDate && date < programme.firstDate) return false;
  if (programme.lastDate && date > programme.lastDate) return false;
  const { repeat } = programme;
  if (repeat.every === 'once') return repeat.date === date;
  return repeat.every === 'day' || repeat.weekdays.includes(weekday);
}

interface Occurrence {
  programme: TvProgramme;
  index: number;
  start: number;
  end: number;
}

function clockMs(time: string): number {
  return (Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5))) * MINUTE_MS;
}

function weekdayOf(date: string): number {
  return ((new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7) + 1;
}

/** Every occurrence that touches [from, to): programmes starting from the day before (they may run past midnight). */
function occurrences(source: TvScheduleSource, from: number, to: number): Occurrence[] {
  const found: Occurrence[] = [];
  const lastDate = wallClockAt(to, source.timeZone).date;
  for (let date = addDays(wallClockAt(from, source.timeZone).date, -1); date <= lastDate; date = addDays(date, 1)) {
    const weekday = weekdayOf(date);
    source.programmes.forEach((programme, index) => {
      if (!airsOn(programme, date, weekday)) return;
      const start = instantOfWallClock(date, clockMs(programme.start), source.timeZone);
      const end = start + programme.durationMin * MINUTE_MS;
      if (end > from && start < to) found.push({ programme, index, start, end });
    });
  }
  return found;
}

function outranks(a: Occurrence, b: Occurrence): boolean {
  const rank = SPECIFICITY[a.programme.repeat.every] - SPECIFICITY[b.programme.repeat.every];
  if (rank !== 0) return rank > 0;
  if (a.start !== b.start) return a.start > b.start;
  return a.index > b.index;
}

/** Local midnights in (from, to). */
function midnightsWithin(timeZone: string, from: number, to: number): number[] {
  const midnights: number[] = [];
  for (let date = addDays(wallClockAt(from, timeZone).date, 1); ; date = addDays(date, 1)) {
    const midnight = instantOfWallClock(date, 0, timeZone);
    if (midnight >= to) return midnights;
    if (midnight > from) midnights.push(midnight);
  }
}

/** The channel from `from` to `to`, as consecutive airings with no gap between them (filler included). */
export function channelTimeline(source: TvScheduleSource, from: number, to: number): TvAiring[] {
  if (to <= from) return [];
  // The filler counts from its gap's start, which lies no earlier than the day's midnight.
  const dayStart = instantOfWallClock(wallClockAt(from, source.timeZone).date, 0, source.timeZone);
  const scanFrom = Math.min(from, dayStart);
  const found = occurrences(source, scanFrom, to);
  const cuts = new Set<number>([scanFrom, to, ...midnightsWithin(source.timeZone, scanFrom, to)]);
  for (const occurrence of found) {
    if (occurrence.start > scanFrom && occurrence.start < to) cuts.add(occurrence.start);
    if (occurrence.end > scanFrom && occurrence.end < to) cuts.add(occurrence.end);
  }
  const bounds = [...cuts].sort((a, b) => a - b);
  const airings: TvAiring[] = [];
  for (let index = 0; index + 1 < bounds.length; index += 1) {
    const start = bounds[index]!;
    const end = bounds[index + 1]!;
    let winner: Occurrence | undefined;
    for (const occurrence of found)
      if (occurrence.start <= start && occurrence.end >= end && (!winner || outranks(occurrence, winner)))
        winner = occurrence;
    const last = airings[airings.length - 1];
    if (winner) {
      if (last && last.programme === winner.programme && last.anchor === winner.start && last.end === start)
        last.end = end;
      else airings.push({ programme: winner.programme, anchor: winner.start, start, end });
    } else if (last && last.programme === null && last.end === start && !isMidnight(source.timeZone, start)) {
      last.end = end;
    } else {
      airings.push({ programme: null, anchor: start, start, end });
    }
  }
  return airings
    .filter((airing) => airing.end > from)
    .map((airing) => (airing.start < from ? { ...airing, start: from } : airing));
}

function isMidnight(timeZone: string, instant: number): boolean {
  return wallClockAt(instant, timeZone).msOfDay === 0;
}

/** What plays at `instant`, and where in it. */
export function onAirAt(source: TvScheduleSource, instant: number): TvOnAir {
  // Nothing airs longer than a day without a cut (programmes last at most 24 hours, gaps end at midnight).
  const airing = channelTimeline(source, instant, instant + DAY_MS + HOUR_MS)[0]!;
  const items = airing.programme ? airing.programme.items : source.filler;
  if (items.length === 0)
    return { airing, item: null, itemIndex: -1, itemStart: airing.start, itemEnd: airing.end, offsetMs: 0 };
  const durations = items.map(tvItemDurationMs);
  const cycle = durations.reduce((sum, duration) => sum + duration, 0);
  const elapsed = instant - airing.anchor;
  let position = elapsed % cycle;
  const cycleStart = instant - position;
  let itemIndex = 0;
  let itemStart = cycleStart;
  while (position >= durations[itemIndex]!) {
    position -= durations[itemIndex]!;
    itemStart += durations[itemIndex]!;
    itemIndex += 1;
  }
  return {
    airing,
    item: items[itemIndex]!,
    itemIndex,
    itemStart,
    itemEnd: Math.min(itemStart + durations[itemIndex]!, airing.end),
    offsetMs: position,
  };
}

/** The programme on air and the next one (filler stretches left out), as the info banner shows them. */
export function nowAndNext(
  source: TvScheduleSource,
  instant: number,
  lookAheadMs = DAY_MS,
): { now: TvAiring; next: TvAiring | undefined } {
  const timeline = channelTimeline(source, instant, instant + lookAheadMs);
  return {
    now: timeline[0]!,
    next: timeline.slice(1).find((airing) => airing.programme !== null),
  };
}

/** The programmes aired from `from` to `to` (the guide's rows and XMLTV's programmes): filler left out. */
export function programmeGuide(source: TvScheduleSource, from: number, to: number): TvAiring[] {
  return channelTimeline(source, from, to).filter((airing) => airing.programme !== null);
}
