/**
 * One TV channel as a live HLS stream, made with ffmpeg (the I/O shell; decisions are in
 * stream-plan.ts, stream-args.ts, slide-text.ts and hls-playlist.ts).
 *
 * Design: a long-lived segmenter (ffmpeg, copying) reads one continuous MPEG-TS on its standard
 * input and writes `seg-<n>.ts` into `outDir`; this shell writes `index.m3u8` from what it reports.
 * Into that input, run after run, go the outputs of short-lived encoders, one per run (an item, or
 * the ident card, from a moment to the item's end). Every encoder stamps its frames with the wall
 * clock (stream-plan.ts), so timestamps go on across items, across a crashed encoder and across a
 * crashed segmenter, and the media sequence goes on from the last segment listed.
 *
 * - The next run is prepared ahead (a file probed, a notice read, a live source opened) and its
 *   encoder started just before the run ahead of it ends; its output waits here until then, so an
 *   encoder's start-up never delays the channel and delays never add up.
 * - Only whole MPEG-TS packets of a run are passed on: one cut short by a crash leaves no torn
 *   packet in front of the next run.
 * - An item that cannot play (its file missing or undecodable, a live source unreachable, a
 *   notice withdrawn, an encoder failing) is skipped: the ident card airs for the rest of its time;
 *   it is listed in `status().skipped` and, when something failed, as `lastError`. An encoder killed
 *   from outside is started again for the rest of its item (ENCODER_RETRIES times).
 * - A segmenter that dies is started again with everything after it (at once, later if it keeps
 *   dying); what aired while it was down is a hole in time, not a discontinuity (hls-playlist.ts).
 * - stop() kills every process started here and waits until each has exited.
 *
 * Logs carry codes, item ids and process ids: never notice text, nothing personal.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, readFile, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { TvChannelSchedule } from '@linli/protocol';
import { systemClock, type Clock } from '../domain/clock';
import {
  PLAYLIST_NAME,
  SEGMENTS_KEPT_AFTER,
  bitrateOf,
  nextSequenceAfter,
  readPlaylist,
  readSegmentReport,
  renderPlaylist,
  segmentName,
  sequenceOfSegment,
  slideWindow,
  type HlsSegment,
  type SegmentReport,
} from './hls-playlist';
import { slideLayout, type SlideContent } from './slide-text';
import {
  DEFAULT_FORMAT,
  assertPlainPath,
  encoderArgs,
  probeArgs,
  readProbe,
  segmenterArgs,
  type EncodeInput,
  type OutputFormat,
  type ProbeResult,
  type ProbeTarget,
} from './stream-args';
import {
  ENCODER_RETRIES,
  FRAME_MS,
  SPAWN_LEAD_MS,
  contentEndBound,
  frameAfter,
  identInstead,
  instantOfPts,
  nextRunStart,
  planRun,
  prepareLeadMs,
  restOfRun,
  restartDelayMs,
  videoContentEnd,
  type PlannedRun,
} from './stream-plan';

/** Where a channel's items come from: files of the media library and notices, resolved by us. */
export interface ChannelContent {
  /** The local file holding the media with this SHA-256, or undefined when the library has none. */
  mediaFile(sha256: string): Promise<string | undefined>;
  /** A notice's title and body while it may be shown; undefined when withdrawn, expired or unknown. */
  notice(id: string): Promise<{ title: string; body: string } | undefined>;
}

export type ChannelStreamState = 'starting' | 'running' | 'restarting' | 'stopped';

/** Why an item did not air: its content is gone (not an error) or playing it failed. */
export type SkipReason =
  | 'notice-unavailable'
  | 'spotlight-missing'
  | 'media-missing'
  | 'undecodable'
  | 'unreachable'
  | 'encoder-failed'
  | 'encoder-crashed'
  | 'ended-early';

export interface SkippedItem {
  at: Date;
  itemId: string;
  reason: SkipReason;
}

export interface ChannelStreamError {
  at: Date;
  message: string;
  itemId?: string;
}

export interface ChannelStreamProcess {
  role: 'segmenter' | 'encoder' | 'probe';
  pid: number;
}

export interface ChannelStreamStatus {
  state: ChannelStreamState;
  /** Bits per second of the segments in the playlist; null before the first. */
  bitrate: number | null;
  /** Segments written since start(). */
  segments: number;
  /** The newest segment's media sequence number. */
  lastSequence: number | null;
  lastSegmentAt: Date | null;
  lastError: ChannelStreamError | null;
  /** ffmpeg processes started again after they died (the segmenter, or an encoder mid-item). */
  restarts: number;
  /** Items skipped since start(), and the latest of them. */
  skipped: { count: number; recent: SkippedItem[] };
  /** The run being written now: its item (null: the ident card) and where it starts. */
  onAir: { itemId: string | null; from: Date } | null;
  /** The ffmpeg and ffprobe processes running now. */
  processes: ChannelStreamProcess[];
}

export interface ChannelStream {
  /** Starts the segmenter and the first run; resolves once they are started (not at the first segment). */
  start(): Promise<void>;
  /** Kills every process it started and waits for them; the files written stay. */
  stop(): Promise<void>;
  status(): ChannelStreamStatus;
  /** A newly published version: it takes over at the next item boundary. */
  update(schedule: TvChannelSchedule): void;
  /** Told each segment once it is listed in the playlist; returns the unsubscribe. */
  onSegment(listener: (segment: HlsSegment) => void): () => void;
}

export interface ChannelStreamLog {
  info(details: Record<string, unknown>, message: string): void;
  warn(details: Record<string, unknown>, message: string): void;
}

export interface ChannelStreamOptions {
  schedule: TvChannelSchedule;
  content: ChannelContent;
  /** Where the playlist and segments are written (created when missing). */
  outDir: string;
  clock?: Clock;
  /** ffmpeg; ffprobe is taken from the same folder. */
  ffmpegPath?: string;
  width?: number;
  height?: number;
  segmentSec?: number;
  log?: ChannelStreamLog;
}

const RECENT_SKIPS = 20;
const PROBE_TIMEOUT_MS = { file: 10_000, live: 20_000 };
const PROBE_OUTPUT_MAX = 64 * 1024;
const TS_PACKET = 188;
/** After the ident card itself failed, the next try waits this long (ffmpeg missing, a broken font set-up). */
const IDENT_FAILURE_PAUSE_MS = 1000;

const SILENT_LOG: ChannelStreamLog = { info: () => undefined, warn: () => undefined };

interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
  spawnError?: string;
}

interface Child {
  role: ChannelStreamProcess['role'];
  process: ChildProcess;
  exited: Promise<Exit>;
}

/** How a run ended: `end` is how far its content reached (its `to` when it aired in full). */
interface RunOutcome {
  end: number;
  skip?: { reason: SkipReason; error: string | null };
}

interface Run {
  plan: PlannedRun;
  attempt: number;
  /** Where its own content ends (a video shorter than its time); the ident card fills the rest. */
  contentTo: number;
  encoder: Child | undefined;
  startedAt: number | undefined;
  /** Output waiting for the runs ahead of it to end. */
  waiting: Buffer[];
  carry: Buffer;
  /** Set once it is the run being written into the segmenter. */
  writeTo: ((chunk: Buffer) => void) | undefined;
  cancelled: boolean;
  textFiles: string[];
  outcome: Promise<RunOutcome>;
}

interface Prefetch {
  from: number;
  version: number;
  timer: NodeJS.Timeout | undefined;
  run: Run | undefined;
}

interface Session {
  segmenter: Child;
  closed: boolean;
  /** What closing it calls: timers cleared, waits ended (each removes itself once done). */
  closers: Set<() => void>;
  /** Its processes: probes and encoders (the segmenter too). */
  children: Set<Child>;
  runs: Set<Run>;
  prefetch: Prefetch | undefined;
  /** Where the first run written into this segmenter starts: its first segment's start. */
  firstFrom: number | undefined;
  segmentsSeen: number;
  /** A first segment waiting for the next one to say where it ends. */
  held: { report: SegmentReport; startAt: number } | undefined;
  /** Segment reports are handled one after another, in order. */
  reports: Promise<void>;
  feeding: Promise<void>;
}

export function createChannelStream(options: ChannelStreamOptions): ChannelStream {
  const clock = options.clock ?? systemClock;
  const log = options.log ?? SILENT_LOG;
  const ffmpeg = options.ffmpegPath ?? 'ffmpeg';
  const ffprobe = path.join(path.dirname(ffmpeg), 'ffprobe');
  const format: OutputFormat = {
    width: options.width ?? DEFAULT_FORMAT.width,
    height: options.height ?? DEFAULT_FORMAT.height,
    segmentSec: options.segmentSec ?? DEFAULT_FORMAT.segmentSec,
  };
  const { content } = options;
  const outDir = path.resolve(options.outDir);
  const playlistFile = path.join(outDir, PLAYLIST_NAME);
  let schedule = options.schedule;
  let scheduleVersion = 0;
  let state: ChannelStreamState = 'stopped';
  let session: Session | undefined;
  let restartTimer: NodeJS.Timeout | undefined;
  let tempDir: string | undefined;
  let textFileCount = 0;
  let nextSequence = 0;
  let window: HlsSegment[] = [];
  let retired: HlsSegment[] = [];
  let segmentCount = 0;
  let lastSegmentAt: Date | null = null;
  let lastError: ChannelStreamError | null = null;
  let restarts = 0;
  let segmenterFailures = 0;
  let skippedCount = 0;
  let recentSkips: SkippedItem[] = [];
  let onAir: ChannelStreamStatus['onAir'] = null;
  let starting: Promise<void> = Promise.resolve();
  const children = new Set<Child>();
  const listeners = new Set<(segment: HlsSegment) => void>();
  const now = () => clock().getTime();
  const channel = { channelId: schedule.id };

  // ---- processes ----------------------------------------------------------------------------

  /** Starts a process, owned by the stream until it exits (and by `owner`, which kills it when it closes). */
  function startProcess(
    role: Child['role'],
    command: string,
    args: string[],
    stdin: 'pipe' | 'ignore',
    owner?: Session,
  ): Child {
    const process = spawn(command, args, { stdio: [stdin, 'pipe', 'pipe'] });
    const exited = new Promise<Exit>((resolve) => {
      process.once('error', (error) => resolve({ code: null, signal: null, spawnError: error.message }));
      process.once('close', (code, signal) => resolve({ code, signal }));
    });
    const child: Child = { role, process, exited };
    children.add(child);
    owner?.children.add(child);
    void exited.then(() => {
      children.delete(child);
      owner?.children.delete(child);
    });
    if (owner?.closed) kill(child);
    return child;
  }

  const kill = (child: Child | undefined) => {
    if (child && child.process.exitCode === null && child.process.signalCode === null) child.process.kill('SIGKILL');
  };

  const lastLine = (text: string) => text.trim().split('\n').pop()?.slice(0, 200) ?? '';

  const exitText = (exit: Exit) => exit.spawnError ?? (exit.signal ? `signal ${exit.signal}` : `exit ${exit.code}`);

  // ---- reporting ----------------------------------------------------------------------------

  /** An item that did not air (in full): listed, and as the last error when something failed. */
  function skipped(plan: PlannedRun, reason: SkipReason, error: string | null) {
    const itemId = plan.item?.id ?? 'ident';
    const at = clock();
    skippedCount += 1;
    recentSkips = [...recentSkips, { at, itemId, reason }].slice(-RECENT_SKIPS);
    if (error !== null) lastError = { at, message: error, itemId };
    log.warn({ ...channel, itemId, kind: plan.item?.kind ?? 'ident', reason }, 'a TV item was skipped');
  }

  /** An encoder killed from outside, started again for the rest of its item. */
  function encoderRestarted(plan: PlannedRun, error: string) {
    const itemId = plan.item?.id ?? 'ident';
    restarts += 1;
    lastError = { at: clock(), message: error, itemId };
    log.warn({ ...channel, itemId, kind: plan.item?.kind ?? 'ident' }, 'a TV encoder was killed; starting it again');
  }

  // ---- runs ---------------------------------------------------------------------------------

  function probe(sessionOf: Session, target: ProbeTarget): Promise<ProbeResult | string> {
    return new Promise((resolve) => {
      const child = startProcess('probe', ffprobe, probeArgs(target), 'ignore', sessionOf);
      let output = '';
      let errors = '';
      child.process.stdout!.on('data', (chunk: Buffer) => {
        if (output.length < PROBE_OUTPUT_MAX) output += chunk.toString('utf8');
      });
      child.process.stderr!.on('data', (chunk: Buffer) => {
        if (errors.length < PROBE_OUTPUT_MAX) errors += chunk.toString('utf8');
      });
      const timer = setTimeout(() => kill(child), PROBE_TIMEOUT_MS[target.kind]);
      void child.exited.then((exit) => {
        clearTimeout(timer);
        if (exit.code !== 0) resolve(`ffprobe failed (${exitText(exit)}): ${lastLine(errors)}`);
        else resolve(readProbe(output) ?? 'ffprobe answered with something else than JSON');
      });
    });
  }

  /** What the run's encoder reads, or why the item cannot air. */
  async function resolveInput(
    sessionOf: Session,
    run: Run,
  ): Promise<EncodeInput | { reason: SkipReason; error: string | null }> {
    const { item } = run.plan;
    const label = { number: schedule.number, name: schedule.name };
    const slide = async (slideContent: SlideContent): Promise<EncodeInput> => {
      const layout = slideLayout(slideContent, format.width, format.height);
      const textFiles: string[] = [];
      if (sessionOf.closed) return { kind: 'slide', layout, textFiles };
      for (const block of layout.blocks) {
        textFileCount += 1;
        const file = path.join(tempDir!, `text-${textFileCount}.txt`);
        await writeFile(file, block.lines.join('\n'), { mode: 0o600 });
        textFiles.push(file);
        run.textFiles.push(file);
      }
      return { kind: 'slide', layout, textFiles };
    };
    if (!item) return slide({ kind: 'ident', number: schedule.number, name: schedule.name });
    switch (item.kind) {
      case 'card':
        return slide({ kind: 'card', text: item.text, channel: label });
      case 'notice': {
        const notice = await content.notice(item.noticeId);
        if (!notice) return { reason: 'notice-unavailable', error: null };
        return slide({ kind: 'notice', title: notice.title, body: notice.body, channel: label });
      }
      case 'guide': {
        const spotlight = schedule.spotlights.find((found) => found.guideId === item.guideId);
        if (!spotlight) return { reason: 'spotlight-missing', error: null };
        return slide({ kind: 'guide', spotlight, channel: label });
      }
      case 'video':
      case 'image': {
        const file = await content.mediaFile(item.media.sha256);
        if (!file) return { reason: 'media-missing', error: `the ${item.kind} file is not in the media library` };
        const probed = await probe(sessionOf, { kind: 'file', file });
        if (typeof probed === 'string' || !probed.video)
          return { reason: 'undecodable', error: typeof probed === 'string' ? probed : `the file has no picture` };
        if (item.kind === 'image') return { kind: 'image', file };
        run.contentTo = videoContentEnd(run.plan, probed.durationSec);
        return { kind: 'video', file, hasAudio: probed.audio, offsetMs: run.plan.offsetMs };
      }
      case 'live': {
        const probed = await probe(sessionOf, { kind: 'live', url: item.url });
        if (typeof probed === 'string' || !probed.video)
          return {
            reason: 'unreachable',
            error: typeof probed === 'string' ? probed : 'the live source has no picture',
          };
        return { kind: 'live', url: item.url, hasAudio: probed.audio };
      }
    }
  }

  /** `promise`, or 'closed' as soon as the session closes. */
  function unlessClosed<T>(sessionOf: Session, promise: Promise<T>): Promise<T | 'closed'> {
    if (sessionOf.closed) return Promise.resolve('closed');
    return new Promise((resolve, reject) => {
      const close = () => resolve('closed');
      sessionOf.closers.add(close);
      promise.then(resolve, reject).finally(() => sessionOf.closers.delete(close));
    });
  }

  /** Waits `ms`, or until the session closes. */
  function wait(sessionOf: Session, ms: number): Promise<void> {
    if (ms <= 0 || sessionOf.closed) return Promise.resolve();
    let timer: NodeJS.Timeout | undefined;
    const elapsed = new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)));
    return unlessClosed(sessionOf, elapsed).then(() => clearTimeout(timer));
  }

  /** Passes on the whole MPEG-TS packets of `chunk` (the rest waits for the next chunk). */
  function take(run: Run, chunk: Buffer) {
    const data = run.carry.length > 0 ? Buffer.concat([run.carry, chunk]) : chunk;
    const whole = data.length - (data.length % TS_PACKET);
    run.carry = data.subarray(whole);
    if (whole === 0) return;
    const packets = data.subarray(0, whole);
    if (run.writeTo) run.writeTo(packets);
    else run.waiting.push(packets);
  }

  /** Prepares and starts a run; its output is kept until it is the one being written. */
  function launchRun(sessionOf: Session, plan: PlannedRun, attempt: number): Run {
    const run: Run = {
      plan,
      attempt,
      contentTo: plan.to,
      encoder: undefined,
      startedAt: undefined,
      waiting: [],
      carry: Buffer.alloc(0),
      writeTo: undefined,
      cancelled: false,
      textFiles: [],
      outcome: Promise.resolve({ end: plan.from }),
    };
    sessionOf.runs.add(run);
    run.outcome = (async (): Promise<RunOutcome> => {
      let input: Awaited<ReturnType<typeof resolveInput>> | 'closed';
      try {
        input = await unlessClosed(sessionOf, resolveInput(sessionOf, run));
      } catch (error) {
        input = { reason: 'encoder-failed', error: `preparing the item failed: ${(error as Error).message}` };
      }
      if (input === 'closed' || run.cancelled || sessionOf.closed) return { end: plan.from };
      if ('reason' in input) return { end: plan.from, skip: input };
      if (run.contentTo <= plan.from) return { end: plan.from };
      await wait(sessionOf, plan.from - SPAWN_LEAD_MS - now());
      if (run.cancelled || sessionOf.closed) return { end: plan.from };
      let encoder: Child;
      try {
        const args = encoderArgs(input, { from: plan.from, to: run.contentTo }, format);
        encoder = startProcess('encoder', ffmpeg, args, 'ignore', sessionOf);
      } catch (error) {
        return {
          end: plan.from,
          skip: { reason: 'encoder-failed', error: `the encoder cannot start: ${(error as Error).message}` },
        };
      }
      run.encoder = encoder;
      run.startedAt = now();
      let errors = '';
      encoder.process.stdout!.on('data', (chunk: Buffer) => take(run, chunk));
      encoder.process.stderr!.on('data', (chunk: Buffer) => {
        errors = (errors + chunk.toString('utf8')).slice(-2000);
      });
      const exit = await encoder.exited;
      const end = contentEndBound(plan, run.contentTo, run.startedAt, now());
      if (run.cancelled || sessionOf.closed) return { end };
      if (exit.code === 0)
        return end >= run.contentTo
          ? { end: run.contentTo }
          : { end, skip: { reason: 'ended-early', error: `the ${plan.item?.kind ?? 'ident'} ended early` } };
      if (exit.signal && !exit.spawnError)
        return { end, skip: { reason: 'encoder-crashed', error: `the encoder was killed (${exitText(exit)})` } };
      return {
        end,
        skip: { reason: 'encoder-failed', error: `the encoder failed (${exitText(exit)}): ${lastLine(errors)}` },
      };
    })();
    void run.outcome.then(() => {
      for (const file of run.textFiles) void rm(file, { force: true });
    });
    return run;
  }

  function cancelRun(sessionOf: Session, run: Run) {
    run.cancelled = true;
    kill(run.encoder);
    sessionOf.runs.delete(run);
  }

  function clearPrefetch(sessionOf: Session) {
    const prefetch = sessionOf.prefetch;
    sessionOf.prefetch = undefined;
    if (!prefetch) return;
    if (prefetch.timer) clearTimeout(prefetch.timer);
    if (prefetch.run) cancelRun(sessionOf, prefetch.run);
  }

  /** Prepares the run starting at `from` ahead of time, with the schedule then in force. */
  function armPrefetch(sessionOf: Session, from: number) {
    if (sessionOf.prefetch?.from === from && sessionOf.prefetch.version === scheduleVersion) return;
    clearPrefetch(sessionOf);
    const prefetch: Prefetch = { from, version: scheduleVersion, timer: undefined, run: undefined };
    const lead = prepareLeadMs(planRun(schedule, from).item);
    prefetch.timer = setTimeout(
      () => {
        prefetch.timer = undefined;
        if (sessionOf.prefetch === prefetch && !sessionOf.closed)
          prefetch.run = launchRun(sessionOf, planRun(schedule, from), 0);
      },
      Math.max(0, from - lead - now()),
    );
    sessionOf.prefetch = prefetch;
  }

  /** The run starting at `from`: the one prepared ahead when it still fits, else one started now. */
  function takeRun(sessionOf: Session, from: number): Run {
    const prefetch = sessionOf.prefetch;
    if (prefetch?.run && prefetch.from === from && prefetch.version === scheduleVersion) {
      sessionOf.prefetch = undefined;
      return prefetch.run;
    }
    clearPrefetch(sessionOf);
    return launchRun(sessionOf, planRun(schedule, from), 0);
  }

  /** Writes `run` into the segmenter until its encoder ends; what it had made while waiting goes first. */
  async function writeRun(sessionOf: Session, run: Run): Promise<RunOutcome> {
    const stdin = sessionOf.segmenter.process.stdin!;
    let paused = false;
    run.writeTo = (chunk) => {
      if (sessionOf.closed) return;
      sessionOf.firstFrom ??= run.plan.from;
      if (stdin.write(chunk) || paused || !run.encoder) return;
      // The segmenter is behind: this encoder waits (the pipe holds it back) until it has caught up.
      const output = run.encoder.process.stdout!;
      paused = true;
      output.pause();
      stdin.once('drain', () => {
        paused = false;
        output.resume();
      });
    };
    for (const chunk of run.waiting.splice(0)) run.writeTo(chunk);
    onAir = { itemId: run.plan.item?.id ?? null, from: new Date(run.plan.from) };
    const outcome = await run.outcome;
    sessionOf.runs.delete(run);
    return outcome;
  }

  /** The session's runs, one after another, for as long as it is open. */
  async function feed(sessionOf: Session): Promise<void> {
    let run = launchRun(sessionOf, planRun(schedule, frameAfter(now())), 0);
    while (!sessionOf.closed) {
      armPrefetch(sessionOf, run.plan.to);
      const outcome = await writeRun(sessionOf, run);
      if (sessionOf.closed) return;
      const { plan } = run;
      const crashed = outcome.skip?.reason === 'encoder-crashed' && run.attempt < ENCODER_RETRIES;
      if (crashed) encoderRestarted(plan, outcome.skip!.error!);
      else if (outcome.skip) skipped(plan, outcome.skip.reason, outcome.skip.error);
      if (outcome.end < plan.to) {
        const from = Math.max(plan.from, outcome.end);
        if (!plan.item && outcome.skip && !crashed) await wait(sessionOf, IDENT_FAILURE_PAUSE_MS);
        const rest = crashed ? restOfRun(plan, from) : identInstead(plan, from);
        run = launchRun(sessionOf, rest, crashed ? run.attempt + 1 : 0);
        continue;
      }
      const next = nextRunStart(plan.to, now());
      run = takeRun(sessionOf, next);
    }
  }

  // ---- segments -----------------------------------------------------------------------------

  /**
   * A segment the segmenter reported. Its first segment's start is where the first run written
   * into it starts (the segment muxer reports 0). A segmenter started in the last minute before
   * the 33-bit wrap reports no end for a first segment that ends before the wrap: that segment is
   * listed with the next one, which starts where it ends.
   */
  async function segmentReported(sessionOf: Session, line: string) {
    const report = readSegmentReport(line);
    if (!report) return;
    const at = now();
    const first = sessionOf.segmentsSeen === 0;
    sessionOf.segmentsSeen += 1;
    const startAt =
      first && sessionOf.firstFrom !== undefined ? sessionOf.firstFrom : instantOfPts(report.startSec, at);
    const held = sessionOf.held;
    sessionOf.held = undefined;
    if (held) await listSegment(held.report, held.startAt, startAt, at);
    if (first && report.endSec === 0) sessionOf.held = { report, startAt };
    else await listSegment(report, startAt, instantOfPts(report.endSec, at), at);
  }

  async function listSegment(report: SegmentReport, startAt: number, endAt: number, at: number) {
    const file = path.join(outDir, report.file);
    const bytes = (await stat(file).catch(() => undefined))?.size ?? 0;
    const segment: HlsSegment = {
      sequence: report.sequence,
      uri: report.file,
      durationSec: Math.max(FRAME_MS, endAt - startAt) / 1000,
      startAt,
      bytes,
    };
    const slid = slideWindow(window, segment);
    window = slid.window;
    retired.push(...slid.dropped);
    nextSequence = Math.max(nextSequence, segment.sequence + 1);
    const temporary = `${playlistFile}.tmp`;
    await writeFile(temporary, renderPlaylist(window, format.segmentSec));
    await rename(temporary, playlistFile);
    while (retired.length > SEGMENTS_KEPT_AFTER) {
      const old = retired.shift()!;
      await rm(path.join(outDir, old.uri), { force: true });
    }
    segmentCount += 1;
    segmenterFailures = 0;
    lastSegmentAt = new Date(at);
    if (state === 'starting' || state === 'restarting') state = 'running';
    for (const listener of listeners) listener(segment);
  }

  // ---- sessions -----------------------------------------------------------------------------

  function openSession() {
    const segmenter = startProcess('segmenter', ffmpeg, segmenterArgs(outDir, nextSequence), 'pipe');
    const opened: Session = {
      segmenter,
      closed: false,
      closers: new Set(),
      children: new Set([segmenter]),
      runs: new Set(),
      prefetch: undefined,
      firstFrom: undefined,
      segmentsSeen: 0,
      held: undefined,
      reports: Promise.resolve(),
      feeding: Promise.resolve(),
    };
    session = opened;
    segmenter.process.stdin!.on('error', () => undefined);
    let pending = '';
    segmenter.process.stdout!.on('data', (chunk: Buffer) => {
      pending += chunk.toString('utf8');
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines)
        opened.reports = opened.reports.then(() =>
          segmentReported(opened, line).catch((error: Error) =>
            log.warn({ ...channel, err: error.name }, 'listing a TV segment failed'),
          ),
        );
    });
    let errors = '';
    segmenter.process.stderr!.on('data', (chunk: Buffer) => {
      errors = (errors + chunk.toString('utf8')).slice(-2000);
    });
    void segmenter.exited.then(async (exit) => {
      if (opened.closed) return;
      await closeSession(opened);
      await opened.reports;
      if (state === 'stopped' || session !== opened) return;
      restarts += 1;
      segmenterFailures += 1;
      state = 'restarting';
      lastError = { at: clock(), message: `the segmenter stopped (${exitText(exit)}): ${lastLine(errors)}` };
      log.warn(
        { ...channel, pid: segmenter.process.pid, exit: exitText(exit) },
        'the TV segmenter stopped; starting it again',
      );
      restartTimer = setTimeout(() => {
        restartTimer = undefined;
        if (state === 'restarting' && session === opened) openSession();
      }, restartDelayMs(segmenterFailures));
    });
    opened.feeding = feed(opened).catch((error: Error) => {
      log.warn({ ...channel, err: error.name }, 'feeding the TV segmenter failed; starting it again');
      kill(segmenter);
    });
    log.info({ ...channel, pid: segmenter.process.pid, sequence: nextSequence }, 'TV segmenter started');
  }

  /** Ends a session: its waits, the runs prepared and running, its processes. */
  async function closeSession(closing: Session) {
    closing.closed = true;
    for (const close of [...closing.closers]) close();
    closing.closers.clear();
    clearPrefetch(closing);
    for (const run of closing.runs) cancelRun(closing, run);
    for (const child of closing.children) kill(child);
    await closing.feeding;
  }

  /** Segments of an earlier process of this channel: the sequence goes on after them, the files go. */
  async function takeOverOutDir() {
    await mkdir(outDir, { recursive: true });
    const previous = await readFile(playlistFile, 'utf8').catch(() => undefined);
    nextSequence = Math.max(
      nextSequence,
      nextSequenceAfter(previous === undefined ? undefined : readPlaylist(previous)),
    );
    for (const name of await readdir(outDir))
      if (sequenceOfSegment(name) !== undefined || name === PLAYLIST_NAME || name === `${PLAYLIST_NAME}.tmp`)
        await rm(path.join(outDir, name), { force: true });
    window = [];
    retired = [];
  }

  return {
    start() {
      if (state !== 'stopped') return starting;
      state = 'starting';
      segmentCount = 0;
      segmenterFailures = 0;
      starting = (async () => {
        try {
          assertPlainPath(outDir);
          await takeOverOutDir();
          tempDir = await mkdtemp(path.join(os.tmpdir(), 'linli-tv-'));
          // Slides name their text files in the filter graph: a temp folder ffmpeg would misread fails here.
          assertPlainPath(tempDir);
        } catch (error) {
          if (tempDir) await rm(tempDir, { recursive: true, force: true });
          tempDir = undefined;
          state = 'stopped';
          throw error;
        }
        if (state !== 'starting') return;
        openSession();
        log.info({ ...channel, width: format.width, height: format.height }, 'TV channel stream started');
      })();
      return starting;
    },

    async stop() {
      if (state === 'stopped') return;
      state = 'stopped';
      await starting.catch(() => undefined);
      if (restartTimer) clearTimeout(restartTimer);
      restartTimer = undefined;
      const closing = session;
      session = undefined;
      if (closing) {
        await closeSession(closing);
        await closing.reports;
      }
      for (const child of children) kill(child);
      await Promise.all([...children].map((child) => child.exited));
      // The segment the segmenter was writing, never listed.
      await rm(path.join(outDir, segmentName(nextSequence)), { force: true });
      if (tempDir) await rm(tempDir, { recursive: true, force: true });
      tempDir = undefined;
      onAir = null;
      log.info(channel, 'TV channel stream stopped');
    },

    status() {
      return {
        state,
        bitrate: bitrateOf(window),
        segments: segmentCount,
        lastSequence: window.length > 0 ? window[window.length - 1]!.sequence : null,
        lastSegmentAt,
        lastError,
        restarts,
        skipped: { count: skippedCount, recent: recentSkips },
        onAir,
        processes: [...children].flatMap((child) =>
          child.process.pid === undefined ? [] : [{ role: child.role, pid: child.process.pid }],
        ),
      };
    },

    update(next) {
      schedule = next;
      scheduleVersion += 1;
      // The run under way keeps going; the one prepared for after it is prepared again.
      const current = session;
      if (current?.prefetch) {
        const { from } = current.prefetch;
        clearPrefetch(current);
        armPrefetch(current, from);
      }
    },

    onSegment(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/**
 * How long `start()` takes to the first segment listed (milliseconds), as the bench measures it;
 * the stream is left running. Rejects when none comes within `timeoutMs`.
 */
export async function timeToFirstSegment(stream: ChannelStream, timeoutMs = 30_000): Promise<number> {
  const started = performance.now();
  let unsubscribe = () => {};
  let timer: NodeJS.Timeout | undefined;
  const first = new Promise<number>((resolve, reject) => {
    unsubscribe = stream.onSegment(() => resolve(performance.now() - started));
    timer = setTimeout(() => reject(new Error(`no segment within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    await stream.start();
    return await first;
  } finally {
    unsubscribe();
    clearTimeout(timer);
  }
}
