/**
 * Community TV on this machine, with Debian's ffmpeg and Chinese slides (1280×720, 25 fps, 2 s
 * segments, the default output):
 *
 * 1. a channel's start → its first segment listed, on a notice slide and on a video (several
 *    starts each), beside a plain `ffmpeg -re -loop 1 -i slide.png … -f hls` started cold on the
 *    same slide with the same settings (what one would run without Linli);
 * 2. over a running channel with an item boundary every 10 s: each segment's EXTINF against the
 *    2 s target, and its PROGRAM-DATE-TIME against the wall clock when its file appeared on disk
 *    and when it was listed in the playlist;
 * 3. the CPU time of all of a channel's ffmpeg processes (those running, from /proc/<pid>/stat,
 *    and those that ended, as this process's reaped children) on a slide and on a video, as a
 *    share of one core, and their resident memory; from that, how many channels the machine makes;
 * 4. three set-top boxes (the TV page in Chromium against the stand-in host) started 0, 1.3 and
 *    2.9 s apart on a channel of short videos: each samples, at the same wall-clock instants, what
 *    it shows; the boxes' pairwise offsets beside those of boxes that each start their playlist
 *    at boot (the boot differences, computed).
 *
 * Media are made here with ffmpeg (lavfi testsrc) in a temporary folder removed at the end; every
 * stream is stopped and the browser closed. Waits are for segments and page state; the timers
 * here are sampling periods, measurement windows and the boxes' staggered boots, never waits for
 * something to be done.
 *
 * `npx tsx bench/tv-bench.ts` runs this bench alone (`--quick`: shorter windows, to check it
 * works), writes bench/results/tv.json and rewrites the README's measured section; `npm run
 * bench -- tv` runs it with the full windows.
 */
import { spawn, execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, watch } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { type MediaRef, type TvChannelSchedule, type TvItem } from '@linli/protocol';
import {
  createChannelStream,
  timeToFirstSegment,
  type ChannelContent,
  type ChannelStream,
} from '../admin-server/src/tv/channel-stream';
import { PLAYLIST_NAME, readPlaylist } from '../admin-server/src/tv/hls-playlist';
import { launchChromium } from '../test/e2e/browser';
import { buildPlayerPage } from '../signage-player/shells/browser/player-page';
import { startFakePlayerHost } from '../signage-player/test/web/fake-player-host';
import { tvView } from '../signage-player/test/web/tv-channels';
import { openPlayerPage, type PlayerPage } from '../signage-player/test/web/player-page';
import { latencyStats, machineInfo, nowMs, RESULTS_DIR, round, writeResult, type LatencyStats } from './machine';

const FFMPEG = '/usr/bin/ffmpeg';
const FFPROBE = '/usr/bin/ffprobe';
const FORMAT = { width: 1280, height: 720, segmentSec: 2 };
const TIME_ZONE = 'Asia/Shanghai';
/** The share of each core a machine may give to channels when counting how many it makes. */
const CORE_BUDGET = 0.8;
const CLOCK_TICKS = Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;

export interface TvBenchOptions {
  /** Starts of each kind (notice channel, video channel, plain ffmpeg). */
  starts: number;
  /** How long the channel with 10 s items runs for the segment figures. */
  accuracySec: number;
  /** The CPU window on each kind of item. */
  cpuSec: number;
  /** When each box boots, after the first (ms). */
  boxBootsMs: number[];
  /** How long the boxes are sampled, and how often. */
  boxSampleSec: number;
  boxSampleEveryMs: number;
}

export const TV_OPTIONS: TvBenchOptions = {
  starts: 5,
  accuracySec: 60,
  cpuSec: 30,
  boxBootsMs: [0, 1300, 2900],
  boxSampleSec: 30,
  boxSampleEveryMs: 500,
};

/** To check the bench works, not for the figures. */
export const TV_QUICK_OPTIONS: TvBenchOptions = {
  ...TV_OPTIONS,
  starts: 3,
  accuracySec: 24,
  cpuSec: 10,
  boxSampleSec: 12,
};

const NOTICE = {
  title: '关于开展冬季入户燃气安全检查的通知',
  body:
    '各位居民：为保障辖区居民用气安全，社区定于12月5日至12月20日联合燃气公司开展入户燃气安全检查。' +
    '检查人员佩戴工作证，不收取任何费用。请居民朋友予以配合，家中无人时可致电社区服务站另约时间。',
};

// ─── Media, content and channels ─────────────────────────────────────────────

interface Media {
  ref: MediaRef;
  file: string;
}

function ffmpeg(args: string[]): void {
  execFileSync(FFMPEG, ['-hide_banner', '-loglevel', 'error', '-y', ...args]);
}

function mediaOf(file: string, mime: string): Media {
  const bytes = readFileSync(file);
  return {
    file,
    ref: {
      sha256: createHash('sha256').update(bytes).digest('hex'),
      bytes: bytes.length,
      mime,
      name: path.basename(file),
    },
  };
}

/** A 720p test video with a tone, H.264 and AAC in MP4, as an editor would upload one. */
function testVideo(file: string, seconds: number): Media {
  ffmpeg([
    ...['-f', 'lavfi', '-i', `testsrc=s=1280x720:r=25:d=${seconds}`],
    ...['-f', 'lavfi', '-i', `sine=f=440:r=48000:d=${seconds}`],
    ...['-c:v', 'libx264', '-preset', 'ultrafast', '-g', '25', '-pix_fmt', 'yuv420p', '-c:a', 'aac', '-b:a', '128k'],
    ...['-t', String(seconds), '-f', 'mp4', file],
  ]);
  return mediaOf(file, 'video/mp4');
}

/** A small WebM (VP8, no sound) for the boxes: Chromium plays it, and it says its own length. */
function boxVideo(file: string, seconds: number): Media {
  ffmpeg([
    ...['-f', 'lavfi', '-i', `testsrc=s=640x360:r=25:d=${seconds}`],
    ...['-c:v', 'libvpx', '-deadline', 'realtime', '-cpu-used', '8', '-b:v', '800k', '-g', '25'],
    ...['-an', '-f', 'webm', file],
  ]);
  return mediaOf(file, 'video/webm');
}

function durationSec(file: string): number {
  const out = execFileSync(FFPROBE, ['-v', 'error', '-show_entries', 'format=duration', '-of', 'csv=p=0', file]);
  return Number(out.toString().trim());
}

function contentOf(media: Media[]): ChannelContent {
  const files = new Map(media.map((each) => [each.ref.sha256, each.file]));
  return {
    mediaFile: async (sha256) => files.get(sha256),
    notice: async (id) => (id === 'gas-check' ? NOTICE : undefined),
  };
}

/** A channel of filler only: it loops from local midnight, so what airs now follows from the clock. */
function channelOf(id: string, filler: TvItem[]): TvChannelSchedule {
  return {
    id,
    version: 1,
    number: 8,
    name: '安和社区频道',
    public: true,
    timeZone: TIME_ZONE,
    programmes: [],
    filler,
    spotlights: [],
  };
}

const noticeItem = (durationSec: number): TvItem => ({
  id: 'gas-check',
  kind: 'notice',
  noticeId: 'gas-check',
  durationSec,
});
const videoItem = (id: string, media: Media, lengthSec: number): TvItem => ({
  id,
  kind: 'video',
  media: media.ref,
  lengthSec,
});

function streamOf(schedule: TvChannelSchedule, content: ChannelContent, outDir: string): ChannelStream {
  mkdirSync(outDir, { recursive: true });
  return createChannelStream({ schedule, content, outDir, ffmpegPath: FFMPEG, ...FORMAT });
}

// ─── 1. Start → first segment ────────────────────────────────────────────────

/** A stream started, timed to its first segment, stopped. */
async function channelStart(schedule: TvChannelSchedule, content: ChannelContent, outDir: string): Promise<number> {
  const stream = streamOf(schedule, content, outDir);
  try {
    return await timeToFirstSegment(stream, 30_000);
  } finally {
    await stream.stop();
  }
}

/** The same output settings as the channel's encoders, from one PNG, by ffmpeg's own HLS muxer. */
function plainSlideArgs(png: string, outDir: string): string[] {
  const gop = String(FORMAT.segmentSec * 25);
  return [
    ...['-hide_banner', '-nostats', '-nostdin', '-loglevel', 'error'],
    ...['-re', '-loop', '1', '-framerate', '25', '-i', png],
    ...['-f', 'lavfi', '-i', 'anullsrc=r=48000:cl=stereo', '-map', '0:v', '-map', '1:a'],
    ...['-c:v', 'libx264', '-preset', 'veryfast', '-tune', 'zerolatency', '-profile:v', 'main', '-pix_fmt', 'yuv420p'],
    ...['-r', '25', '-g', gop, '-keyint_min', gop, '-sc_threshold', '0', '-bf', '0'],
    ...['-c:a', 'aac', '-b:a', '128k', '-ar', '48000', '-ac', '2'],
    ...['-f', 'hls', '-hls_time', String(FORMAT.segmentSec), '-hls_list_size', '10', '-hls_flags', 'delete_segments'],
    ...['-hls_segment_filename', path.join(outDir, 'seg-%d.ts'), path.join(outDir, PLAYLIST_NAME)],
  ];
}

/** Plain ffmpeg started cold, timed until its playlist lists a segment, then stopped. */
async function plainStart(png: string, outDir: string): Promise<number> {
  mkdirSync(outDir, { recursive: true });
  const playlist = path.join(outDir, PLAYLIST_NAME);
  const listed = () => existsSync(playlist) && (readPlaylist(readFileSync(playlist, 'utf8'))?.segments.length ?? 0) > 0;
  let watcher: ReturnType<typeof watch> | undefined;
  let timer: NodeJS.Timeout | undefined;
  const started = nowMs();
  const child = spawn(FFMPEG, plainSlideArgs(png, outDir), { stdio: ['ignore', 'ignore', 'pipe'] });
  const exited = new Promise<void>((resolve) => child.once('close', () => resolve()));
  let errors = '';
  child.stderr.on('data', (chunk: Buffer) => (errors = (errors + chunk.toString()).slice(-2000)));
  try {
    return await new Promise<number>((resolve, reject) => {
      watcher = watch(outDir, (_event, name) => {
        if (name === PLAYLIST_NAME && listed()) resolve(nowMs() - started);
      });
      timer = setTimeout(() => reject(new Error(`plain ffmpeg: no segment in 30 s ${errors}`)), 30_000);
      void exited.then(() => reject(new Error(`plain ffmpeg exited: ${errors}`)));
    });
  } finally {
    watcher?.close();
    clearTimeout(timer);
    child.kill('SIGKILL');
    await exited;
  }
}

/** The channel's own notice slide as a PNG: the first frame of a segment it wrote. */
function slidePng(outDir: string, png: string): void {
  const playlist = readPlaylist(readFileSync(path.join(outDir, PLAYLIST_NAME), 'utf8'));
  const first = playlist?.segments[0];
  if (!first) throw new Error('the notice channel listed no segment');
  ffmpeg(['-i', path.join(outDir, first.uri), '-frames:v', '1', png]);
}

async function measureFirstSegment(work: string, content: ChannelContent, video: Media, starts: number) {
  const notice = channelOf('tv-notice', [noticeItem(600)]);
  const videos = channelOf('tv-video', [videoItem('clip', video, 60)]);
  const png = path.join(work, 'slide.png');
  const ms = { notice: [] as number[], video: [] as number[], plain: [] as number[] };
  // Interleaved, so each kind meets the machine in the same state.
  for (let n = 0; n < starts; n++) {
    const noticeDir = path.join(work, `start-notice-${n}`);
    ms.notice.push(await channelStart(notice, content, noticeDir));
    if (n === 0) slidePng(noticeDir, png);
    ms.video.push(await channelStart(videos, content, path.join(work, `start-video-${n}`)));
    ms.plain.push(await plainStart(png, path.join(work, `start-plain-${n}`)));
  }
  const figures = (samples: number[]) => ({
    ...latencyStats(samples),
    samplesMs: samples.map((each) => round(each, 0)),
  });
  return {
    starts,
    noticeSlide: figures(ms.notice),
    video: figures(ms.video),
    plainFfmpegSlide: figures(ms.plain),
    plainCommand: `ffmpeg ${plainSlideArgs('slide.png', 'out')
      .filter((arg) => !['-hide_banner', '-nostats', '-nostdin'].includes(arg))
      .join(' ')}`,
  };
}

// ─── 2. Segment durations and dates ──────────────────────────────────────────

interface SegmentRecord {
  sequence: number;
  extinfSec: number;
  programDateTime: number;
  /** When the segment's file was created on disk (epoch ms), and when it was listed. */
  appearedAt: number | undefined;
  listedAt: number;
}

async function measureAccuracy(work: string, content: ChannelContent, clip: Media, seconds: number) {
  // 10 s each: a notice slide, a video, a card; the loop counts from local midnight.
  const schedule = channelOf('tv-accuracy', [
    noticeItem(10),
    videoItem('clip-10', clip, 10),
    { id: 'trailer', kind: 'card', text: '节目预告：今晚七点《社区新闻》', durationSec: 10 },
  ]);
  const outDir = path.join(work, 'accuracy');
  const stream = streamOf(schedule, content, outDir);
  const appeared = new Map<string, number>();
  const watcher = watch(outDir, (_event, name) => {
    if (name && name.endsWith('.ts') && !appeared.has(name) && existsSync(path.join(outDir, name)))
      appeared.set(name, Date.now());
  });
  const records: SegmentRecord[] = [];
  const startedAt = Date.now();
  let timer: NodeJS.Timeout | undefined;
  let unsubscribe = () => {};
  try {
    await new Promise<void>((resolve, reject) => {
      unsubscribe = stream.onSegment((segment) => {
        const listedAt = Date.now();
        // What a player reads: the playlist as written now.
        const listed = readPlaylist(readFileSync(path.join(outDir, PLAYLIST_NAME), 'utf8'))?.segments.find(
          (each) => each.uri === segment.uri,
        );
        if (!listed || listed.programDateTime === undefined)
          return reject(new Error(`${segment.uri} is not in the playlist`));
        records.push({
          sequence: segment.sequence,
          extinfSec: listed.durationSec,
          programDateTime: listed.programDateTime,
          appearedAt: appeared.get(segment.uri),
          listedAt,
        });
        if (segment.startAt >= startedAt + seconds * 1000) resolve();
      });
      timer = setTimeout(() => reject(new Error('the channel stopped listing segments')), seconds * 1000 + 30_000);
      stream.start().catch(reject);
    });
  } finally {
    unsubscribe();
    clearTimeout(timer);
    watcher.close();
    await stream.stop();
  }
  const status = stream.status();
  // The first segment starts when the channel does, off the 2 s grid: counted apart.
  const [first, ...steady] = records;
  const deviations = steady.map((each) => Math.abs(each.extinfSec - FORMAT.segmentSec) * 1000);
  const holes = steady.map((each, index) => {
    const before = records[index]!;
    return each.programDateTime - (before.programDateTime + before.extinfSec * 1000);
  });
  const stats = (samples: number[]) => ({ ...latencyStats(samples), meanMs: round(mean(samples), 1) });
  return {
    wallSec: round((Date.now() - startedAt) / 1000, 1),
    itemSec: 10,
    targetSec: FORMAT.segmentSec,
    segments: steady.length,
    firstSegmentSec: first?.extinfSec,
    extinf: {
      meanSec: round(mean(steady.map((each) => each.extinfSec)), 4),
      meanDeviationMs: round(mean(deviations), 2),
      maxDeviationMs: round(Math.max(...deviations), 2),
      /** Segments more than a frame (40 ms) off the target. */
      offByMoreThanAFrame: deviations.filter((each) => each > 40).length,
    },
    /** Between one segment's end (its date + EXTINF) and the next one's date: a hole (> 0) or an overlap. */
    maxHoleMs: round(Math.max(0, ...holes.map(Math.abs)), 1),
    /** From the segment's PROGRAM-DATE-TIME to its file created on disk. */
    appearedLagMs: stats(
      steady.flatMap((each) => (each.appearedAt === undefined ? [] : [each.appearedAt - each.programDateTime])),
    ),
    /** From the segment's PROGRAM-DATE-TIME to its listing in the playlist (a player can fetch it). */
    listedLagMs: stats(steady.map((each) => each.listedAt - each.programDateTime)),
    /** From the segment's end (its date + EXTINF) to its listing: the pipeline's own delay. */
    listedAfterEndMs: stats(steady.map((each) => each.listedAt - each.programDateTime - each.extinfSec * 1000)),
    skipped: status.skipped.count,
    restarts: status.restarts,
    lastError: status.lastError?.message ?? null,
  };
}

// ─── 3. CPU and memory per channel ──────────────────────────────────────────

/** A process's own CPU time and that of its children it has waited for, in clock ticks. */
function cpuTicks(pid: number | 'self'): { own: number; reaped: number } | undefined {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined;
  }
  // Fields after the command (which may hold spaces): state is [0], utime [11], stime [12], cutime [13], cstime [14].
  const fields = stat
    .slice(stat.lastIndexOf(')') + 2)
    .split(' ')
    .map(Number);
  return { own: fields[11]! + fields[12]!, reaped: fields[13]! + fields[14]! };
}

function rssKB(pid: number): number {
  try {
    const line = readFileSync(`/proc/${pid}/status`, 'utf8')
      .split('\n')
      .find((entry) => entry.startsWith('VmRSS:'));
    return Number(line?.replace(/\D/g, '') ?? 0);
  } catch {
    return 0;
  }
}

/**
 * A snapshot of the CPU used so far by a stream's processes: each one running (its pid's
 * utime+stime), and all this process's children that have ended (cutime+cstime).
 */
function cpuSnapshot(stream: ChannelStream) {
  const running = new Map<number, number>();
  for (const { pid } of stream.status().processes) {
    const ticks = cpuTicks(pid);
    if (ticks) running.set(pid, ticks.own);
  }
  return { running, reaped: cpuTicks('self')!.reaped };
}

/**
 * CPU seconds between two snapshots: what the running ones added, and the ended ones in full
 * (their cutime) less what they had used before the window.
 */
function cpuSecondsBetween(before: ReturnType<typeof cpuSnapshot>, after: ReturnType<typeof cpuSnapshot>): number {
  let ticks = after.reaped - before.reaped;
  for (const [pid, used] of after.running) ticks += used - (before.running.get(pid) ?? 0);
  for (const [pid, used] of before.running) if (!after.running.has(pid)) ticks -= used;
  return ticks / CLOCK_TICKS;
}

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function channelCpu(schedule: TvChannelSchedule, content: ChannelContent, outDir: string, seconds: number) {
  const stream = streamOf(schedule, content, outDir);
  try {
    await timeToFirstSegment(stream, 30_000);
    const before = cpuSnapshot(stream);
    const node = process.cpuUsage();
    const started = nowMs();
    const rssMB: number[] = [];
    // Memory sampled once a second through the window.
    for (let second = 0; second < seconds; second++) {
      await delay(1000);
      rssMB.push(stream.status().processes.reduce((sum, { pid }) => sum + rssKB(pid), 0) / 1024);
    }
    const after = cpuSnapshot(stream);
    const wallSec = (nowMs() - started) / 1000;
    const nodeUsed = process.cpuUsage(node);
    const cpuSec = cpuSecondsBetween(before, after);
    const status = stream.status();
    return {
      wallSec: round(wallSec, 1),
      ffmpegCpuSec: round(cpuSec, 2),
      /** All the channel's ffmpeg processes, as a share of one core. */
      percentOfOneCore: round((cpuSec / wallSec) * 100, 1),
      /** This Node process meanwhile (the stream's shell, piping the encoders into the segmenter). */
      nodePercentOfOneCore: round(((nodeUsed.user + nodeUsed.system) / 1e6 / wallSec) * 100, 1),
      ffmpegRssMB: { mean: round(mean(rssMB), 1), max: round(Math.max(...rssMB), 1) },
      processesAtEnd: status.processes.map((each) => each.role),
      skipped: status.skipped.count,
    };
  } finally {
    await stream.stop();
  }
}

async function measureCpu(work: string, content: ChannelContent, video: Media, seconds: number, cores: number) {
  const slide = await channelCpu(
    channelOf('tv-cpu-slide', [noticeItem(600)]),
    content,
    path.join(work, 'cpu-slide'),
    seconds,
  );
  const clip = await channelCpu(
    channelOf('tv-cpu-video', [videoItem('clip', video, 60)]),
    content,
    path.join(work, 'cpu-video'),
    seconds,
  );
  const heavier = Math.max(slide.percentOfOneCore, clip.percentOfOneCore);
  return {
    slide,
    video: clip,
    cores,
    coreBudget: CORE_BUDGET,
    /** cores × 80 % ÷ the heavier kind's share of a core. */
    channelsThisMachine: Math.floor((cores * CORE_BUDGET * 100) / heavier),
  };
}

// ─── 4. Box-to-box offsets ───────────────────────────────────────────────────

/** What a box shows at one instant, read by the page itself. */
interface BoxSample {
  /** The instant asked for (epoch ms), and when it was read. */
  at: number;
  now: number;
  /** The video in view: its airing (channel|item start|item), its position and whether it runs. */
  key: string | null;
  currentTime: number;
  running: boolean;
}

/** Installs in the page a reading every `every` ms on the wall clock from `from` to `until`. */
async function sampleBox(box: PlayerPage, every: number, from: number, until: number): Promise<BoxSample[]> {
  await box.page.evaluate(
    ({ every, from, until }) => {
      const samples: BoxSample[] = [];
      (window as unknown as { tvBench: BoxSample[] }).tvBench = samples;
      const take = (at: number) => {
        const shown = document.querySelector<HTMLVideoElement>('.tv-video-deck video.front');
        samples.push({
          at,
          now: Date.now(),
          key: shown?.dataset.key ?? null,
          currentTime: shown?.currentTime ?? 0,
          running: shown !== null && !shown.paused && !shown.seeking && !shown.ended,
        });
      };
      const next = (at: number) => {
        if (at > until) return;
        setTimeout(
          () => {
            take(at);
            next(at + every);
          },
          Math.max(0, at - Date.now()),
        );
      };
      next(from);
    },
    { every, from, until },
  );
  const count = Math.floor((until - from) / every) + 1;
  await box.page.waitForFunction(
    (wanted) => ((window as unknown as { tvBench?: unknown[] }).tvBench?.length ?? 0) >= wanted,
    count,
    { timeout: until - Date.now() + 20_000, polling: 200 },
  );
  return box.page.evaluate(() => (window as unknown as { tvBench: BoxSample[] }).tvBench);
}

/** Where the picture a box shows is at `sample.at` (seconds into its video): a running video moves on. */
const positionAt = (sample: BoxSample) =>
  sample.running ? sample.currentTime - (sample.now - sample.at) / 1000 : sample.currentTime;

async function measureBoxes(work: string, options: TvBenchOptions) {
  const clips = [4, 5, 6].map((seconds, index) => boxVideo(path.join(work, `box-${index}.webm`), seconds));
  const [bundle, browser] = await Promise.all([buildPlayerPage([], undefined, 'tv'), launchChromium()]);
  const boxes: PlayerPage[] = [];
  try {
    const host = await startFakePlayerHost(bundle, tvView([]));
    try {
      const items = clips.map((clip, index) => {
        const ref = host.addMedia(path.basename(clip.file), 'video/webm', readFileSync(clip.file));
        return {
          id: `clip-${index + 1}`,
          kind: 'video' as const,
          media: ref,
          lengthSec: round(durationSec(clip.file), 3),
        };
      });
      host.setView(tvView([channelOf('tv-boxes', items)]));
      const boots = await bootBoxes(browser, host, options.boxBootsMs, boxes);
      const every = options.boxSampleEveryMs;
      const from = Math.ceil((Date.now() + 300) / every) * every;
      const until = from + options.boxSampleSec * 1000;
      const readings = await Promise.all(boxes.map((box) => sampleBox(box, every, from, until)));
      const errors = boxes.flatMap((box) => box.errors.map((error) => error.message));
      return {
        ...boxFigures(readings, items, boots.bootedAt),
        boxBootsMs: options.boxBootsMs,
        toPictureMs: boots.toPictureMs,
        pageErrors: errors,
      };
    } finally {
      for (const box of boxes) await box?.close();
      await host.close();
    }
  } finally {
    await browser.close();
  }
}

/** Boots the boxes at their offsets after the first; resolves once each plays its video on the channel's clock. */
async function bootBoxes(
  browser: Browser,
  host: Awaited<ReturnType<typeof startFakePlayerHost>>,
  bootsMs: number[],
  boxes: PlayerPage[],
) {
  const origin = nowMs();
  const bootedAt: number[] = [];
  const toPictureMs: number[] = [];
  await Promise.all(
    bootsMs.map(async (offset, index) => {
      // The boxes' boot times are what is varied here, so they are set by the clock.
      await delay(Math.max(0, origin + offset - nowMs()));
      bootedAt[index] = Date.now();
      const box = await openPlayerPage(browser, host, { width: 1280, height: 720 });
      boxes[index] = box;
      await box.page.waitForFunction(
        () => {
          const shown = document.querySelector<HTMLVideoElement>('.tv-video-deck video.front[data-current]');
          return shown !== null && !shown.paused && shown.dataset.driftMs !== undefined;
        },
        undefined,
        { timeout: 30_000 },
      );
      toPictureMs[index] = Date.now() - bootedAt[index]!;
    }),
  );
  return { bootedAt, toPictureMs };
}

function boxFigures(readings: BoxSample[][], items: { lengthSec: number }[], bootedAt: number[]) {
  const instants = readings[0]!.map((sample) => sample.at);
  const pairs: [number, number][] = [];
  for (let a = 0; a < readings.length; a++) for (let b = a + 1; b < readings.length; b++) pairs.push([a, b]);
  const offsets: number[] = [];
  const offClock: number[] = [];
  let sameItem = 0;
  let noVideo = 0;
  let held = 0;
  const airings = new Set<string>();
  const mismatches: { at: number; items: (string | null)[] }[] = [];
  for (const at of instants) {
    const samples = readings.map((reading) => reading.find((sample) => sample.at === at));
    if (samples.some((sample) => !sample)) continue;
    const shown = samples as BoxSample[];
    if (shown.some((sample) => sample.key === null)) {
      noVideo += 1;
      continue;
    }
    if (new Set(shown.map((sample) => sample.key)).size > 1) {
      mismatches.push({ at, items: shown.map((sample) => sample.key) });
      continue;
    }
    sameItem += 1;
    airings.add(shown[0]!.key!);
    held += shown.filter((sample) => !sample.running).length;
    for (const [a, b] of pairs) offsets.push(Math.abs(positionAt(shown[a]!) - positionAt(shown[b]!)) * 1000);
    // The key holds the item's start: channel|start|item.
    const itemStart = Number(shown[0]!.key!.split('|')[1]);
    for (const sample of shown) offClock.push(Math.abs(positionAt(sample) * 1000 - (at - itemStart)));
  }
  const bootPairs = pairs.map(([a, b]) => Math.abs(bootedAt[b]! - bootedAt[a]!));
  return {
    boxes: readings.length,
    instants: instants.length,
    sampleEveryMs: instants.length > 1 ? instants[1]! - instants[0]! : 0,
    itemLengthsSec: items.map((item) => item.lengthSec),
    /** Instants at which every box showed the same airing of the same video. */
    sameItemInstants: sameItem,
    differentItemInstants: mismatches.length,
    noVideoInstants: noVideo,
    /** Airings of the channel's videos the sampled instants covered (each a switch in every box). */
    airingsCovered: airings.size,
    /** Readings of a picture not moving (a box holding a frame to start on time, or seeking). */
    heldReadings: held,
    /** How far apart the pictures of two boxes were (every pair, every instant where they showed the same item). */
    offsetMs: latencyStats(offsets),
    /** How far each box's picture was from where the channel's clock says it should be. */
    offChannelClockMs: latencyStats(offClock),
    bootDifferencesMs: bootPairs,
    /** Boxes that each start their playlist at boot stay this far apart (the boot differences; computed). */
    playlistAtBootOffsetMs: latencyStats(bootPairs),
    mismatches: mismatches.slice(0, 10),
  };
}

// ─── The bench ───────────────────────────────────────────────────────────────

function mean(samples: number[]): number {
  return samples.reduce((sum, each) => sum + each, 0) / Math.max(1, samples.length);
}

export async function runTvBench(options: TvBenchOptions, cores: number) {
  const work = mkdtempSync(path.join(tmpdir(), 'linli-tv-bench-'));
  const started = nowMs();
  try {
    const long = testVideo(path.join(work, 'clip-60.mp4'), 60);
    const short = testVideo(path.join(work, 'clip-10.mp4'), 10);
    const content = contentOf([long, short]);
    const firstSegment = await measureFirstSegment(work, content, long, options.starts);
    const segments = await measureAccuracy(work, content, short, options.accuracySec);
    const cpu = await measureCpu(work, content, long, options.cpuSec, cores);
    const boxes = await measureBoxes(work, options);
    return {
      ffmpeg: execFileSync(FFMPEG, ['-version'])
        .toString()
        .split('\n')[0]!
        .replace(/ Copyright.*$/, ''),
      format: { ...FORMAT, fps: 25 },
      options,
      wallSec: round((nowMs() - started) / 1000, 0),
      firstSegment,
      segments,
      cpu,
      boxes,
    };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

export type TvFigures = Awaited<ReturnType<typeof runTvBench>>;

/** The summary `npm run bench` prints. */
export function printTvSummary(tv: TvFigures, file: string): void {
  const row = (name: string, stats: LatencyStats) =>
    console.log(
      `  ${name.padEnd(32)} ${[stats.p50Ms, stats.p95Ms, stats.maxMs].map((value) => String(Math.round(value)).padStart(8)).join(' ')}`,
    );
  const { firstSegment, segments, cpu, boxes } = tv;
  console.log(`  ${tv.ffmpeg}; ${firstSegment.starts} starts each   p50 ms   p95 ms   max ms`);
  row('start → first segment, notice', firstSegment.noticeSlide);
  row('start → first segment, video', firstSegment.video);
  row('plain ffmpeg -f hls, slide.png', firstSegment.plainFfmpegSlide);
  console.log(
    `  ${segments.segments} segments over ${segments.wallSec} s (items of ${segments.itemSec} s): EXTINF mean ${segments.extinf.meanSec} s, max ${segments.extinf.maxDeviationMs} ms off ${segments.targetSec} s; holes ≤ ${segments.maxHoleMs} ms`,
  );
  row('date → file on disk', segments.appearedLagMs);
  row('date → listed in the playlist', segments.listedLagMs);
  for (const [name, kind] of [
    ['slide', cpu.slide],
    ['video', cpu.video],
  ] as const)
    console.log(
      `  CPU, ${name}: ${kind.percentOfOneCore} % of a core over ${kind.wallSec} s (Node ${kind.nodePercentOfOneCore} %), ffmpeg RSS mean ${kind.ffmpegRssMB.mean} MB, max ${kind.ffmpegRssMB.max} MB`,
    );
  console.log(`  → ${cpu.channelsThisMachine} channels of 720p on ${cpu.cores} cores at ${cpu.coreBudget * 100} %`);
  console.log(
    `  ${boxes.boxes} boxes booted ${boxes.bootDifferencesMs.join(' / ')} ms apart, ${boxes.instants} instants: same item ${boxes.sameItemInstants}, different ${boxes.differentItemInstants}, no video ${boxes.noVideoInstants}`,
  );
  row('box-to-box offset', boxes.offsetMs);
  row('off the channel clock', boxes.offChannelClockMs);
  row('playlist started at boot †', boxes.playlistAtBootOffsetMs);
  if (boxes.pageErrors.length) console.log(`  page errors: ${boxes.pageErrors.join('; ')}`);
  console.log(`  → ${file}`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const machine = machineInfo();
  const quick = process.argv.includes('--quick');
  console.log(`Community TV: channel starts, segments, CPU per channel, boxes in step${quick ? ' (quick)' : ''} …`);
  const tv = await runTvBench(quick ? TV_QUICK_OPTIONS : TV_OPTIONS, machine.cpuCount);
  printTvSummary(tv, writeResult('tv', machine, tv));
  const { readResults, writeMeasuredSection } = await import('./readme-figures');
  if (writeMeasuredSection(path.resolve(import.meta.dirname, '../README.md'), readResults(RESULTS_DIR)))
    console.log(`README.md: the measured figures were rewritten from ${RESULTS_DIR}`);
}
