/**
 * Wall-clock parts of an instant in an IANA time zone, read with Intl.DateTimeFormat (no time
 * library, no host zone). Between two UTC-offset changes wall time runs with the instant, so a
 * wall-clock boundary ahead is found by adding the difference, as long as no offset change comes
 * first; `nextOffsetChange` finds that change so callers can stop there and look again.
 */

export interface WallClock {
  /** The local date, `YYYY-MM-DD`. */
  date: string;
  /** ISO weekday of `date`: 1 = Monday … 7 = Sunday. */
  weekday: number;
  /** Milliseconds since local midnight as the clock on the wall shows it. */
  msOfDay: number;
  /** Local time minus UTC, in milliseconds. */
  offsetMs: number;
}

const DAY_MS = 86_400_000;
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    // h23: some engines print midnight as "24" with hour12:false.
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

const mod = (value: number, by: number) => ((value % by) + by) % by;

/** Whether `name` is an IANA time zone this engine knows. */
export function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/** The wall clock in `timeZone` at `instant` (epoch milliseconds). */
export function wallClockAt(instant: number, timeZone: string): WallClock {
  const parts: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(instant)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  const { year = 0, month = 1, day = 1, hour = 0, minute = 0, second = 0 } = parts;
  const ms = mod(instant, 1000);
  const wallAsUtc = Date.UTC(year, month - 1, day, hour, minute, second, ms);
  const midnightAsUtc = Date.UTC(year, month - 1, day);
  return {
    date: isoDate(midnightAsUtc),
    weekday: mod(new Date(midnightAsUtc).getUTCDay() - 1, 7) + 1,
    msOfDay: wallAsUtc - midnightAsUtc,
    offsetMs: wallAsUtc - instant,
  };
}

/** The UTC offset of `timeZone` at `instant`, in milliseconds. */
export function offsetAt(instant: number, timeZone: string): number {
  return wallClockAt(instant, timeZone).offsetMs;
}

function isoDate(midnightAsUtc: number): string {
  return new Date(midnightAsUtc).toISOString().slice(0, 10);
}

/** `date` moved by whole calendar days. */
export function addDays(date: string, days: number): string {
  return isoDate(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS);
}

/** Offsets change at most a few times a year, never twice within this, so samples this far apart find every change. */
const SAMPLE_MS = 6 * 3_600_000;

/**
 * The first instant in (`from`, `until`] whose UTC offset differs from the offset at `from`, or
 * undefined when the offset holds throughout.
 */
export function nextOffsetChange(timeZone: string, from: number, until: number): number | undefined {
  const offset = offsetAt(from, timeZone);
  let before = from;
  for (let sample = Math.min(from + SAMPLE_MS, until); ; sample = Math.min(sample + SAMPLE_MS, until)) {
    if (offsetAt(sample, timeZone) !== offset) {
      // Bisect: `before` has the old offset, `after` the new one.
      let after = sample;
      while (after - before > 1) {
        const middle = Math.floor((before + after) / 2);
        if (offsetAt(middle, timeZone) === offset) before = middle;
        else after = middle;
      }
      return after;
    }
    if (sample >= until) return undefined;
    before = sample;
  }
}

/**
 * The instant the wall clock in `timeZone` shows `msOfDay` on `date`. A wall time shown twice (the
 * hour an offset change repeats) is its first showing; one skipped by a forward change is read
 * with the offset before it, i.e. that long after the change.
 */
export function instantOfWallClock(date: string, msOfDay: number, timeZone: string): number {
  const wallAsUtc = Date.parse(`${date}T00:00:00Z`) + msOfDay;
  // Offsets change at most once within a day, so these two are every offset the wall time can have.
  const before = offsetAt(wallAsUtc - DAY_MS / 2, timeZone);
  const after = offsetAt(wallAsUtc + DAY_MS / 2, timeZone);
  const shown = [wallAsUtc - before, wallAsUtc - after].filter(
    (instant) => offsetAt(instant, timeZone) === wallAsUtc - instant,
  );
  return shown.length > 0 ? Math.min(...shown) : wallAsUtc - before;
}
