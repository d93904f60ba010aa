/**
 * The channel editor's timeline and guide preview (pure): clock times and minutes, a programme
 * moved or stretched by dragging (5-minute steps, wrapping round midnight, at least one step
 * long), the day's blocks as the channel airs them (cut where a more specific programme takes
 * over), and the week's guide.
 */
import {
  addDays,
  channelTimeline,
  instantOfWallClock,
  wallClockAt,
  type TvProgramme,
  type TvScheduleSource,
} from '@linli/protocol';

export const STEP_MIN = 5;
export const DAY_MIN = 1440;
const MINUTE_MS = 60_000;

const mod = (value: number, by: number) => ((value % by) + by) % by;
const snapped = (minutes: number) => Math.round(minutes / STEP_MIN) * STEP_MIN;

export function minutesOf(clock: string): number {
  return Number(clock.slice(0, 2)) * 60 + Number(clock.slice(3, 5));
}

export function clockOf(minutes: number): string {
  const within = mod(Math.round(minutes), DAY_MIN);
  return `${String(Math.floor(within / 60)).padStart(2, '0')}:${String(within % 60).padStart(2, '0')}`;
}

/** The start after dragging a programme by `deltaMin`: on the 5-minute grid, round midnight. */
export function movedStart(start: string, deltaMin: number): string {
  return clockOf(snapped(minutesOf(start) + deltaMin));
}

/** The length after dragging a programme's end by `deltaMin`: on the grid, one step to a whole day. */
export function resizedDuration(durationMin: number, deltaMin: number): number {
  return Math.min(DAY_MIN, Math.max(STEP_MIN, snapped(durationMin + deltaMin)));
}

/** One stretch of a day's timeline: a programme on air from `fromMin` to `toMin` after local midnight. */
export interface DayBlock {
  programme: TvProgramme;
  fromMin: number;
  toMin: number;
  /** The programme started before this stretch (the day before, or it resumes after a cut). */
  continued: boolean;
}

/** The programmes as they air on `date` in the channel's zone (filler left out). */
export function dayBlocks(channel: TvScheduleSource, date: string): DayBlock[] {
  const from = instantOfWallClock(date, 0, channel.timeZone);
  const to = instantOfWallClock(addDays(date, 1), 0, channel.timeZone);
  return channelTimeline(channel, from, to).flatMap((airing) =>
    airing.programme
      ? [
          {
            programme: airing.programme,
            fromMin: Math.round((airing.start - from) / MINUTE_MS),
            toMin: Math.round((airing.end - from) / MINUTE_MS),
            continued: airing.anchor < airing.start,
          },
        ]
      : [],
  );
}

/** One line of the guide preview: the clock times on air and the programme (null: the filler). */
export interface GuideLine {
  from: string;
  to: string;
  programme: TvProgramme | null;
}

/** `days` days of the channel from `firstDate`, each as the lines of its guide, filler included. */
export function guideDays(
  channel: TvScheduleSource,
  firstDate: string,
  days: number,
): { date: string; lines: GuideLine[] }[] {
  return Array.from({ length: days }, (_, index) => {
    const date = addDays(firstDate, index);
    const from = instantOfWallClock(date, 0, channel.timeZone);
    const to = instantOfWallClock(addDays(date, 1), 0, channel.timeZone);
    const clock = (instant: number) => clockOf(wallClockAt(instant, channel.timeZone).msOfDay / MINUTE_MS);
    return {
      date,
      lines: channelTimeline(channel, from, to).map((airing) => ({
        from: clock(airing.start),
        to: airing.end === to ? '24:00' : clock(airing.end),
        programme: airing.programme,
      })),
    };
  });
}

/** A new programme's id, unused in the channel. */
export function unusedProgrammeId(programmes: readonly TvProgramme[]): string {
  for (let n = programmes.length + 1; ; n += 1) {
    const id = `p${n}`;
    if (!programmes.some((programme) => programme.id === id)) return id;
  }
}
