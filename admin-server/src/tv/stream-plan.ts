/**
 * What the channel's HLS output plays next, and on which timeline (pure; the I/O shell is
 * channel-stream.ts).
 *
 * The output is a row of runs: each run is one item (or the channel's ident card) from a moment
 * to the item's end, exactly as `onAirAt` says, encoded by one ffmpeg process. Runs begin and end
 * on the frame grid (every 40 ms at 25 fps, counted from the epoch), so one run's last frame and
 * the next run's first are one frame apart.
 *
 * The timeline: every frame is stamped with the wall-clock instant it airs, as MPEG-TS's 90 kHz
 * clock (33 bits, so it wraps every 26.5 hours, as broadcast streams do). The encoders' muxer adds
 * its fixed delay of 1.4 s. A timestamp is therefore the same for the same instant whichever
 * process wrote it, so a restarted encoder or segmenter carries on the same timeline: nothing
 * goes back, and what was lost while it restarted is a hole on that timeline, not a new one.
 * (ffmpeg reads the timestamps of a segmenter started in the last minute before the wrap as
 * negative; the segmenter is told to keep them as they are: stream-args.ts.)
 */
import { onAirAt, type TvItem, type TvScheduleSource } from '@linli/protocol';

export const FPS = 25;
export const FRAME_MS = 1000 / FPS;
/** MPEG-TS timestamps: 90 kHz, 33 bits. */
export const PTS_HZ = 90_000;
export const PTS_WRAP = 2 ** 33;
/** What ffmpeg's MPEG-TS muxer adds to every timestamp: twice its -muxdelay of 0.7 s. */
export const MUX_DELAY_TICKS = 126_000;
/** A stretch of ident card is planned again this often, so a new schedule shows within it. */
export const IDENT_RUN_MAX_MS = 60_000;
/** Output further behind the clock than this starts again at the present (a forward jump). */
export const MAX_LAG_MS = 10_000;

/** The first instant on the frame grid at or after `instant`. */
export function frameAfter(instant: number): number {
  return Math.ceil(instant / FRAME_MS) * FRAME_MS;
}

/** The 90 kHz timestamp of `instant` as the segments carry it (modulo 2^33). */
export function ptsOfInstant(instant: number): number {
  return mod(Math.round(instant * (PTS_HZ / 1000)) + MUX_DELAY_TICKS, PTS_WRAP);
}

/** The encoder's -output_ts_offset for a run starting at `from`: seconds since the epoch. */
export function tsOffsetArg(from: number): string {
  return (from / 1000).toFixed(3);
}

/**
 * The instant a timestamp (in seconds, as ffmpeg reports it, maybe unwrapped past 2^33 or below 0)
 * stands for: of the instants with that timestamp, the one nearest `near`.
 */
export function instantOfPts(ptsSec: number, near: number): number {
  const ticks = mod(Math.round(ptsSec * PTS_HZ) - MUX_DELAY_TICKS, PTS_WRAP);
  const wrapMs = (PTS_WRAP * 1000) / PTS_HZ;
  const base = (ticks * 1000) / PTS_HZ;
  const turns = Math.round((near - base) / wrapMs);
  return Math.round(base + turns * wrapMs);
}

function mod(value: number, modulus: number): number {
  return ((value % modulus) + modulus) % modulus;
}

/** One run: `item` (null: the ident card) from `from` to `to`, `offsetMs` into the item at `from`. */
export interface PlannedRun {
  item: TvItem | null;
  from: number;
  to: number;
  offsetMs: number;
}

/** The run that starts at `from` (on the frame grid): the item on air then, to its end. */
export function planRun(schedule: TvScheduleSource, from: number): PlannedRun {
  const onAir = onAirAt(schedule, from);
  const end = frameAfter(onAir.itemEnd);
  if (!onAir.item) return { item: null, from, to: Math.min(end, from + IDENT_RUN_MAX_MS), offsetMs: 0 };
  return { item: onAir.item, from, to: Math.max(end, from + FRAME_MS), offsetMs: from - onAir.itemStart };
}

/** The ident card in a run's place (or what is left of it from `from`): what airs when the item cannot. */
export function identInstead(run: PlannedRun, from = run.from): PlannedRun {
  return { item: null, from, to: run.to, offsetMs: 0 };
}

/** The rest of a run from `from`, the same item further in (after its encoder crashed). */
export function restOfRun(run: PlannedRun, from: number): PlannedRun {
  return { ...run, from, offsetMs: run.offsetMs + (from - run.from) };
}

/**
 * Where a video's own picture ends within its run: the file may be shorter than the length the
 * schedule gives it (the ident card shows after it), never longer (it is cut at the item's end).
 */
export function videoContentEnd(run: PlannedRun, fileDurationSec: number | undefined): number {
  if (!run.item || run.item.kind !== 'video' || fileDurationSec === undefined) return run.to;
  const left = Math.floor((fileDurationSec * 1000 - run.offsetMs) / FRAME_MS) * FRAME_MS;
  return Math.min(run.to, run.from + Math.max(0, left));
}

/**
 * How far an encoder's output can have reached when it ended: it runs no faster than the clock
 * from when it was started, so `from` plus the time it ran (and a frame) is never short of it.
 * The next run starts there: at worst a hole of the encoder's start-up time, never a step back.
 */
export function contentEndBound(
  run: Pick<PlannedRun, 'from'>,
  contentEnd: number,
  startedAt: number,
  endedAt: number,
): number {
  return Math.min(contentEnd, frameAfter(run.from + Math.max(0, endedAt - startedAt) + FRAME_MS));
}

/** Where the next run starts: `from`, unless the output fell so far behind that it skips to now. */
export function nextRunStart(from: number, now: number): number {
  return from < now - MAX_LAG_MS ? frameAfter(now) : from;
}

/** How long before its start a run is prepared (a file probed, a notice read, a live source opened). */
export function prepareLeadMs(item: TvItem | null): number {
  if (!item) return 500;
  if (item.kind === 'live') return 5000;
  return item.kind === 'video' || item.kind === 'image' ? 1500 : 800;
}

/**
 * How long before its start the run's encoder is started: about its start-up time, so its first
 * frame is ready when the run before ends (its output waits until then).
 */
export const SPAWN_LEAD_MS = 300;

/** The pause before starting a crashed segmenter again: at once, then longer while it keeps failing. */
export function restartDelayMs(failuresInARow: number): number {
  const delays = [0, 250, 500, 1000, 2000];
  return delays[Math.min(Math.max(0, failuresInARow - 1), delays.length - 1)]!;
}

/** A run's encoder killed from outside is started again this often before the item counts as failed. */
export const ENCODER_RETRIES = 2;

/** The duration a run covers, in seconds (what the encoder is told with -t). */
export function runSeconds(run: Pick<PlannedRun, 'from' | 'to'>): number {
  return (run.to - run.from) / 1000;
}
