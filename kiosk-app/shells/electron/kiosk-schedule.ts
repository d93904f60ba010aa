/**
 * The kiosk's daily timetable: a restart at a fixed time and hours with the screen off, both in
 * local wall-clock time (China Standard Time has no daylight saving; in a zone that has it, a
 * time skipped or repeated by the change is resolved the way `Date` resolves it).
 * `nextKioskEvent` and `isScreenOffAt` are pure; `startKioskSchedule` runs them on a timer.
 */
import { LinliError } from '@linli/protocol';

/** As read from the environment: `LINLI_DAILY_RESTART` (`04:30`), `LINLI_SCREEN_OFF` (`22:00-07:00`). */
export interface KioskScheduleConfig {
  dailyRestart?: string | undefined;
  screenOff?: string | undefined;
}

export interface KioskEvent {
  kind: 'restart' | 'screen-off' | 'screen-on';
  at: Date;
}

interface ParsedSchedule {
  /** Minutes after local midnight. */
  restart: number | undefined;
  screenOff: { from: number; to: number } | undefined;
}

const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

function minutesOf(text: string): number | undefined {
  const match = TIME.exec(text);
  return match ? Number(match[1]) * 60 + Number(match[2]) : undefined;
}

function invalid(variable: string, expected: string, got: string): LinliError {
  const message = `must be ${expected}, got '${got}'`;
  return new LinliError('CONFIG_INVALID', `Bad environment: ${variable} ${message}`, [
    { path: `/${variable}`, message },
  ]);
}

/** Checks the timetable; throws CONFIG_INVALID naming the variable at fault. */
export function parseKioskSchedule(config: KioskScheduleConfig): ParsedSchedule {
  let restart: number | undefined;
  if (config.dailyRestart) {
    restart = minutesOf(config.dailyRestart);
    if (restart === undefined) throw invalid('LINLI_DAILY_RESTART', 'a 24-hour time like 04:30', config.dailyRestart);
  }
  let screenOff: ParsedSchedule['screenOff'];
  if (config.screenOff) {
    const [fromText = '', toText = '', ...rest] = config.screenOff.split('-');
    const from = minutesOf(fromText);
    const to = minutesOf(toText);
    if (from === undefined || to === undefined || rest.length > 0) {
      throw invalid('LINLI_SCREEN_OFF', 'a range of 24-hour times like 22:00-07:00', config.screenOff);
    }
    // Equal ends could mean "always off" or "never off"; neither is worth guessing.
    if (from === to) throw invalid('LINLI_SCREEN_OFF', 'a range whose start and end differ', config.screenOff);
    screenOff = { from, to };
  }
  return { restart, screenOff };
}

function minuteOfDay(date: Date): number {
  return date.getHours() * 60 + date.getMinutes();
}

/** The first time of day `minutes` strictly after `now`. */
function nextOccurrence(now: Date, minutes: number): Date {
  const today = new Date(now.getFullYear(), now.getMonth(), now.getDate(), Math.floor(minutes / 60), minutes % 60);
  return today > now
    ? today
    : new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1, Math.floor(minutes / 60), minutes % 60);
}

/** Whether the screen should be off at `now` (from the start minute, up to but not including the end minute). */
export function isScreenOffAt(now: Date, config: KioskScheduleConfig): boolean {
  const { screenOff } = parseKioskSchedule(config);
  if (!screenOff) return false;
  const minute = minuteOfDay(now);
  return screenOff.from < screenOff.to
    ? minute >= screenOff.from && minute < screenOff.to
    : minute >= screenOff.from || minute < screenOff.to;
}

/**
 * The next event strictly after `now`, or null when nothing is scheduled. On a tie the restart
 * comes first: the restarted app then sets the screen from the timetable itself.
 */
export function nextKioskEvent(now: Date, config: KioskScheduleConfig): KioskEvent | null {
  const { restart, screenOff } = parseKioskSchedule(config);
  const candidates: KioskEvent[] = [];
  if (restart !== undefined) candidates.push({ kind: 'restart', at: nextOccurrence(now, restart) });
  if (screenOff) {
    candidates.push({ kind: 'screen-off', at: nextOccurrence(now, screenOff.from) });
    candidates.push({ kind: 'screen-on', at: nextOccurrence(now, screenOff.to) });
  }
  return candidates.reduce<KioskEvent | null>(
    (earliest, event) => (earliest === null || event.at < earliest.at ? event : earliest),
    null,
  );
}

export interface KioskScheduleActions {
  restart(): void;
  setScreenOff(off: boolean): void;
}

/** How often the timetable is checked; short enough to be on time, and robust to clock jumps (NTP at boot). */
export const SCHEDULE_TICK_MS = 30_000;

/**
 * Applies the screen state for now, then checks every tick whether an event fell between the
 * last tick and now. A screen event sets the state the timetable gives for now, so a clock that
 * jumps across several events still ends in the right state. Returns a stop function.
 */
export function startKioskSchedule(config: KioskScheduleConfig, actions: KioskScheduleActions): () => void {
  let lastTick = new Date();
  actions.setScreenOff(isScreenOffAt(lastTick, config));
  const timer = setInterval(() => {
    const now = new Date();
    const due = nextKioskEvent(lastTick, config);
    lastTick = now;
    if (!due || due.at > now) return;
    if (due.kind === 'restart') actions.restart();
    else actions.setScreenOff(isScreenOffAt(now, config));
  }, SCHEDULE_TICK_MS);
  return () => clearInterval(timer);
}
