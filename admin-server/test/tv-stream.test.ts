/**
 * A TV channel's live HLS output with the real ffmpeg: the default picture and segments checked
 * with ffprobe, timestamps going on across items and restarts, joining mid-item, bad items
 * skipped, crashed processes started again, nothing left behind by stop(). Each stream writes
 * into a temporary folder removed afterwards; waits follow the stream's segments, with deadlines.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { instantOfWallClock, type TvChannelSchedule, type TvItem } from '@linli/protocol';
import type { Clock } from '../src/domain/clock';
import {
  createChannelStream,
  timeToFirstSegment,
  type ChannelContent,
  type ChannelStream,
  type ChannelStreamOptions,
} from '../src/tv/channel-stream';
import { PLAYLIST_NAME, readPlaylist, type HlsSegment } from '../src/tv/hls-playlist';
import { PTS_WRAP, ptsOfInstant } from '../src/tv/stream-plan';

const FFMPEG = '/usr/bin/ffmpeg';
const FFPROBE = '/usr/bin/ffprobe';
const TZ = 'Asia/Shanghai';
const FRAME_TICKS = 3600;
const SMALL = { width: 320, height: 180, segmentSec: 1 };

const work = mkdtempSync(path.join(os.tmpdir(), 'linli-tv-test-'));
after(() => rmSync(work, { recursive: true, force: true }));

const media = (sha: string, mime = 'video/mp4') => ({ sha256: sha.repeat(64), bytes: 1, mime, name: 'clip' });
const COUNTER = 'c';
const CORRUPT = 'd';
const files: Record<string, string> = {
  [media(COUNTER).sha256]: path.join(work, 'counter.mp4'),
  [media(CORRUPT).sha256]: path.join(work, 'corrupt.mp4'),
};
const NOTICE = { title: '停水通知', body: '本周六上午八点至十二点停水，请居民提前储水。' };
const content: ChannelContent = {
  mediaFile: async (sha256) => files[sha256],
  notice: async (id) => (id === 'water' ? NOTICE : undefined),
};

/**
 * A test video whose frames carry their own number: eight blocks in a row, white for a 1 bit
 * (frame 0 all black, frame 5 the first and third), read back from any frame of the output.
 */
before(() => {
  const bits = Array.from(
    { length: 8 },
    (_, bit) => `drawbox=x=${bit * 40}:y=60:w=40:h=60:color=white:t=fill:enable='mod(floor(n/${2 ** bit}),2)'`,
  );
  execFileSync(FFMPEG, [
    ...['-hide_banner', '-loglevel', 'error', '-y'],
    ...['-f', 'lavfi', '-i', 'color=c=black:s=320x180:r=25:d=8'],
    ...['-f', 'lavfi', '-i', 'sine=f=440:r=48000:d=8'],
    ...['-vf', bits.join(','), '-c:v', 'libx264', '-preset', 'ultrafast', '-g', '25', '-c:a', 'aac'],
    ...['-shortest', '-f', 'mp4', files[media(COUNTER).sha256]!],
  ]);
  writeFileSync(files[media(CORRUPT).sha256]!, Buffer.alloc(64 * 1024, 0x5a));
});

/** A programme at 03:00 every day; its date is one where that minute is far from the 33-bit wrap. */
function programmeStart(): number {
  for (let day = 1; ; day += 1) {
    const instant = instantOfWallClock(`2026-12-${String(day).padStart(2, '0')}`, 3 * 3_600_000, TZ);
    if (ptsOfInstant(instant) < PTS_WRAP - 90_000 * 3600) return instant;
  }
}
const ANCHOR = programmeStart();

function channel(items: TvItem[], filler: TvItem[] = []): TvChannelSchedule {
  return {
    id: 'tv-test',
    version: 1,
    number: 8,
    name: '安和社区频道',
    public: true,
    timeZone: TZ,
    programmes: items.length
      ? [{ id: 'test', title: '测试', start: '03:00', durationMin: 60, repeat: { every: 'day' }, items }]
      : [],
    filler,
    spotlights: [],
  };
}

/** A clock that reads `instant` when first read (at start()) and runs on from there. */
function clockFrom(instant: number): Clock {
  let started: number | undefined;
  return () => {
    started ??= performance.now();
    return new Date(instant + Math.round(performance.now() - started));
  };
}

interface Running {
  stream: ChannelStream;
  outDir: string;
  segments: HlsSegment[];
  logs: string[];
  /** Resolves once `done` holds for the segments so far; rejects after `timeoutMs`. */
  until(done: (segments: HlsSegment[]) => boolean, timeoutMs: number): Promise<HlsSegment[]>;
}

function channelStream(
  name: string,
  options: Omit<ChannelStreamOptions, 'outDir' | 'content'>,
  resolver: ChannelContent = content,
): Running {
  const outDir = path.join(work, name);
  const logs: string[] = [];
  const stream = createChannelStream({
    ...options,
    outDir,
    content: resolver,
    ffmpegPath: FFMPEG,
    log: {
      info: (details, message) => logs.push(`${message} ${JSON.stringify(details)}`),
      warn: (details, message) => logs.push(`${message} ${JSON.stringify(details)}`),
    },
  });
  const segments: HlsSegment[] = [];
  const waiters = new Set<() => void>();
  stream.onSegment((segment) => {
    segments.push(segment);
    for (const check of waiters) check();
  });
  const until = (done: (found: HlsSegment[]) => boolean, timeoutMs: number) =>
    new Promise<HlsSegment[]>((resolve, reject) => {
      const timer = setTimeout(() => {
        waiters.delete(check);
        reject(new Error(`waited ${timeoutMs} ms; segments: ${segments.map((s) => s.sequence).join(',')}`));
      }, timeoutMs);
      const check = () => {
        if (!done(segments)) return;
        clearTimeout(timer);
        waiters.delete(check);
        resolve(segments);
      };
      waiters.add(check);
      check();
    });
  return { stream, outDir, segments, logs, until };
}

interface Packets {
  video: number[];
  audio: number[];
}

/** Every packet's timestamp in a segment, by stream (90 kHz, as written). */
function packets(file: string): Packets {
  const csv = execFileSync(FFPROBE, [
    ...['-v', 'error', '-correct_ts_overflow', '0'],
    ...['-show_entries', 'packet=stream_index,pts', '-of', 'csv=p=0', file],
  ]);
  const found: Packets = { video: [], audio: [] };
  // One line a packet (`0,5829071376,`), with blank lines between.
  for (const [, index, pts] of csv.toString().matchAll(/^([01]),(\d+)/gm))
    (index === '0' ? found.video : found.audio).push(Number(pts));
  return found;
}

/** Ticks from `a` to `b` on the wrapping 33-bit clock. */
const ticksBetween = (a: number, b: number) =>
  ((((b - a) % PTS_WRAP) + PTS_WRAP + PTS_WRAP / 2) % PTS_WRAP) - PTS_WRAP / 2;

/** A segment's first frame as 8-bit grey at the small size. */
function firstFrame(file: string): Buffer {
  return execFileSync(FFMPEG, [
    ...['-hide_banner', '-loglevel', 'error', '-i', file, '-frames:v', '1'],
    ...['-vf', `scale=${SMALL.width}:${SMALL.height}`, '-f', 'rawvideo', '-pix_fmt', 'gray', 'pipe:1'],
  ]);
}

/** The number the counter video wrote into a frame. */
const frameNumber = (grey: Buffer) =>
  Array.from({ length: 8 }, (_, bit) => (grey[90 * SMALL.width + bit * 40 + 20]! > 128 ? 2 ** bit : 0)).reduce(
    (sum, value) => sum + value,
    0,
  );

/** The ffmpeg and ffprobe processes this test process started that are still there. */
function ourFfmpegProcesses(): number[] {
  const found: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue;
    }
    const command = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
    const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    if (parent === process.pid && /^ff(mpeg|probe)$/.test(command)) found.push(Number(entry));
  }
  return found;
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('the default output', () => {
  const running = channelStream('default', {
    schedule: channel([], [{ id: 'welcome', kind: 'card', text: '欢迎收看安和社区频道', durationSec: 600 }]),
  });
  after(() => running.stream.stop());

  test('1280x720 H.264 and AAC in segments of the target length, each dated when it airs', async () => {
    const firstMs = await timeToFirstSegment(running.stream, 15_000);
    assert.ok(firstMs < 5000, `first segment after ${firstMs} ms`);
    await running.until((found) => found.length >= 3, 15_000);
    const status = running.stream.status();
    assert.equal(status.state, 'running');
    assert.ok(status.bitrate! > 0);
    assert.equal(status.lastError, null);

    const playlist = readPlaylist(readFileSync(path.join(running.outDir, PLAYLIST_NAME), 'utf8'))!;
    assert.equal(playlist.targetDuration, 2);
    assert.ok(playlist.segments.length >= 3);
    for (const [index, listed] of playlist.segments.entries()) {
      const file = path.join(running.outDir, listed.uri);
      if (index > 0) assert.ok(Math.abs(listed.durationSec - 2) < 0.05, `${listed.uri}: ${listed.durationSec} s`);
      const probe = JSON.parse(
        execFileSync(FFPROBE, [
          ...['-v', 'error', '-show_entries', 'stream=codec_name,width,height,sample_rate,channels:format=duration'],
          ...['-of', 'json', file],
        ]).toString(),
      ) as { streams: Record<string, unknown>[]; format: { duration: string } };
      assert.deepEqual(
        probe.streams.map((stream) => stream.codec_name),
        ['h264', 'aac'],
      );
      assert.equal(probe.streams[0]!.width, 1280);
      assert.equal(probe.streams[0]!.height, 720);
      assert.equal(probe.streams[1]!.sample_rate, '48000');
      assert.equal(probe.streams[1]!.channels, 2);
      assert.ok(Math.abs(Number(probe.format.duration) - listed.durationSec) < 0.1, listed.uri);
      // PROGRAM-DATE-TIME is the instant of the segment's first frame, which its timestamp says too.
      assert.ok(listed.programDateTime !== undefined);
      assert.equal(packets(file).video[0], ptsOfInstant(listed.programDateTime!), listed.uri);
    }
  });
});

describe('across items', () => {
  // 03:00:01, a second into the video: video to :03, the notice to :05, the card to :07.
  const running = channelStream('items', {
    ...SMALL,
    schedule: channel([
      { id: 'counter', kind: 'video', media: media(COUNTER), lengthSec: 3 },
      { id: 'notice', kind: 'notice', noticeId: 'water', durationSec: 2 },
      { id: 'card', kind: 'card', text: '节目预告：社区新闻', durationSec: 2 },
    ]),
    clock: clockFrom(ANCHOR + 1000),
  });
  let segments: HlsSegment[] = [];

  before(async () => {
    await running.stream.start();
    segments = await running.until((found) => found.some((s) => s.startAt >= ANCHOR + 6000), 20_000);
    await running.stream.stop();
  });

  const fileOf = (segment: HlsSegment) => path.join(running.outDir, segment.uri);
  const airingAt = (offsetMs: number) =>
    segments.find((s) => s.startAt <= ANCHOR + offsetMs && s.startAt + s.durationSec * 1000 > ANCHOR + offsetMs)!;

  test('joining mid-item: the video starts at the offset the clock gives', () => {
    const first = segments[0]!;
    assert.ok(first.startAt >= ANCHOR + 1000 && first.startAt < ANCHOR + 1500, new Date(first.startAt).toISOString());
    assert.equal(frameNumber(firstFrame(fileOf(first))), (first.startAt - ANCHOR) / 40);
    assert.equal(frameNumber(firstFrame(fileOf(airingAt(2000)))), 50);
  });

  test('video → notice → card: timestamps go on one frame apart, sound never goes back, sequence numbers follow', () => {
    assert.ok(segments.some((s) => s.startAt === ANCHOR + 3000) && segments.some((s) => s.startAt === ANCHOR + 5000));
    for (let index = 1; index < segments.length; index += 1) {
      const earlier = packets(fileOf(segments[index - 1]!));
      const later = packets(fileOf(segments[index]!));
      assert.equal(segments[index]!.sequence, segments[index - 1]!.sequence + 1);
      assert.equal(ticksBetween(earlier.video.at(-1)!, later.video[0]!), FRAME_TICKS, segments[index]!.uri);
      assert.ok(
        ticksBetween(earlier.audio.at(-1)!, later.audio[0]!) > 0,
        `${segments[index]!.uri}: ${earlier.audio.slice(-3)} → ${later.audio.slice(0, 3)}`,
      );
      assert.equal(later.video[0], ptsOfInstant(segments[index]!.startAt));
    }
  });

  test('the notice airs as a slide with its Chinese text in the CJK font; nothing of it is logged', () => {
    const face = execFileSync('fc-match', ['-f', '%{file}|%{family}', 'Noto Sans CJK SC']).toString();
    assert.match(face, /NotoSansCJK-Regular\.ttc\|.*Noto Sans CJK SC/);
    const notice = firstFrame(fileOf(airingAt(3500)));
    const card = firstFrame(fileOf(airingAt(5500)));
    // Title in the top left: bright strokes on the dark background, where the card has none.
    const bright = (grey: Buffer) => {
      let count = 0;
      for (let y = 10; y < 40; y += 1)
        for (let x = 15; x < 120; x += 1) if (grey[y * SMALL.width + x]! > 150) count += 1;
      return count;
    };
    assert.ok(bright(notice) > 100, `title strokes: ${bright(notice)}`);
    assert.equal(bright(card), 0);
    const logged = running.logs.join('\n');
    assert.ok(!logged.includes(NOTICE.title) && !logged.includes('停水'));
    assert.equal(running.stream.status().lastError, null);
  });
});

describe('items that cannot play', () => {
  // From 03:00: an unreachable live source to :02, a corrupt video to :04, then a card.
  const running = channelStream('bad', {
    ...SMALL,
    schedule: channel([
      { id: 'council', kind: 'live', url: 'http://127.0.0.1:9/council/index.m3u8', durationSec: 2 },
      { id: 'broken', kind: 'video', media: media(CORRUPT), lengthSec: 2 },
      { id: 'gone', kind: 'notice', noticeId: 'withdrawn', durationSec: 1 },
      { id: 'after', kind: 'card', text: '欢迎收看', durationSec: 2 },
    ]),
    clock: clockFrom(ANCHOR),
  });
  after(() => running.stream.stop());

  test('are skipped: the ident card airs in their time, timestamps go on, the failure names the item', async () => {
    await running.stream.start();
    const segments = await running.until((found) => found.some((s) => s.startAt >= ANCHOR + 5000), 20_000);
    const status = running.stream.status();
    assert.equal(status.lastError?.itemId, 'broken');
    assert.match(status.lastError!.message, /ffprobe failed/);
    assert.deepEqual(
      status.skipped.recent.map(({ itemId, reason }) => [itemId, reason]),
      [
        ['council', 'unreachable'],
        ['broken', 'undecodable'],
        ['gone', 'notice-unavailable'],
      ],
    );
    assert.equal(status.skipped.count, 3);
    assert.equal(status.state, 'running');
    // The ident card's background (0x14365e, grey ≈ 48) fills the broken items' time; then the card's (0x0f2a4a, ≈ 37).
    const corner = (segment: HlsSegment) => firstFrame(path.join(running.outDir, segment.uri))[2 * SMALL.width + 2]!;
    const at = (offsetMs: number) => segments.find((s) => s.startAt >= ANCHOR + offsetMs)!;
    const ident = corner(at(2000));
    assert.equal(corner(at(0)), ident);
    assert.equal(corner(at(4000)), ident);
    assert.ok(Math.abs(corner(at(5000)) - ident) >= 5, `${corner(at(5000))} vs ${ident}`);
    for (let index = 1; index < segments.length; index += 1)
      assert.equal(
        ticksBetween(
          packets(path.join(running.outDir, segments[index - 1]!.uri)).video.at(-1)!,
          packets(path.join(running.outDir, segments[index]!.uri)).video[0]!,
        ),
        FRAME_TICKS,
      );
  });
});

describe('crashes, a new schedule and stopping', () => {
  const card = (id: string): TvItem => ({ id, kind: 'card', text: `节目 ${id}`, durationSec: 2 });
  const running = channelStream('crashes', { ...SMALL, schedule: channel([], [card('a1'), card('a2')]) });
  const pids = new Set<number>();
  const notePids = () => {
    for (const { pid } of running.stream.status().processes) pids.add(pid);
  };
  running.stream.onSegment(notePids);
  after(() => running.stream.stop());

  /** Kills a process of `role` with SIGKILL; resolves with the segments listed before and after it. */
  async function killAndWait(role: 'encoder' | 'segmenter') {
    notePids();
    const victim = running.stream.status().processes.find((found) => found.role === role);
    assert.ok(victim, role);
    const listed = running.segments.length;
    const killedAt = performance.now();
    process.kill(victim.pid, 'SIGKILL');
    await running.until((found) => found.length > listed, 5000);
    return {
      last: running.segments[listed - 1]!,
      next: running.segments[listed]!,
      ms: performance.now() - killedAt,
      killedAt,
    };
  }

  const pts = (segment: HlsSegment) => packets(path.join(running.outDir, segment.uri)).video;

  test('an encoder killed with -9: the next segment within 5 s, the sequence and timestamps go on', async () => {
    await running.stream.start();
    await running.until((found) => found.length >= 2, 10_000);
    const { last, next, ms } = await killAndWait('encoder');
    assert.ok(ms < 5000);
    assert.equal(next.sequence, last.sequence + 1);
    assert.ok(ticksBetween(pts(last).at(-1)!, pts(next)[0]!) >= FRAME_TICKS);
    assert.equal(running.stream.status().lastError?.itemId?.startsWith('a'), true);
  });

  test('the segmenter killed with -9: started again, a segment within 5 s, the sequence and timestamps go on', async () => {
    const restarts = running.stream.status().restarts;
    const { last, next, killedAt } = await killAndWait('segmenter');
    // The segment that came first may be the killed segmenter's last; the claim is about the new one.
    await running.until(() => running.stream.status().restarts === restarts + 1, 5000);
    const listedAtRestart = running.segments.length;
    await running.until((found) => found.length > listedAtRestart, 5000);
    const ms = performance.now() - killedAt;
    assert.ok(ms < 5000, `${ms} ms`);
    assert.equal(next.sequence, last.sequence + 1);
    const step = ticksBetween(pts(last).at(-1)!, pts(next)[0]!);
    assert.ok(step >= FRAME_TICKS && step < 5 * 90_000, `${step} ticks`);
    assert.equal(running.stream.status().restarts, restarts + 1);
    assert.equal(running.stream.status().state, 'running');
    const playlist = readPlaylist(readFileSync(path.join(running.outDir, PLAYLIST_NAME), 'utf8'))!;
    assert.equal(playlist.discontinuities, 0);
    assert.deepEqual(
      playlist.segments.map((s) => s.sequence),
      playlist.segments.map((_, index) => playlist.mediaSequence + index),
    );
  });

  test('a new schedule takes over at the next item boundary', async () => {
    const runningItem = running.stream.status().onAir!;
    running.stream.update(channel([], [card('b1'), card('b2')]));
    assert.equal(running.stream.status().onAir?.itemId, runningItem.itemId);
    await running.until(() => running.stream.status().onAir?.itemId?.startsWith('b') === true, 5000);
    // Items of 2 s loop from midnight: a boundary is on an even second.
    assert.equal(running.stream.status().onAir!.from.getTime() % 2000, 0);
  });

  test('stop() kills every process it started and waits for them', async () => {
    notePids();
    assert.ok(pids.size >= 4, `${pids.size} processes seen`);
    await running.stream.stop();
    assert.equal(running.stream.status().state, 'stopped');
    assert.deepEqual(running.stream.status().processes, []);
    assert.deepEqual([...pids].filter(alive), []);
    assert.deepEqual(ourFfmpegProcesses(), []);
  });
});

describe('the 33-bit wrap', () => {
  // Two seconds before the timestamps wrap (every 26.5 hours): the segmenter starts in the minute
  // before it, when ffmpeg reads timestamps as negative.
  const base = Date.UTC(2026, 11, 5, 12, 0, 0);
  const wrapAt = base + Math.ceil((PTS_WRAP - ptsOfInstant(base)) / 90);
  const running = channelStream('wrap', {
    ...SMALL,
    schedule: channel([], [{ id: 'welcome', kind: 'card', text: '欢迎收看', durationSec: 600 }]),
    clock: clockFrom(wrapAt - 2000),
  });
  after(() => running.stream.stop());

  test('segments go on across it: cut at each keyframe, dated as their timestamps say, one frame apart', async () => {
    await running.stream.start();
    const segments = await running.until((found) => found.some((s) => s.startAt >= wrapAt + 1000), 15_000);
    await running.stream.stop();
    for (const [index, segment] of segments.entries()) {
      const video = packets(path.join(running.outDir, segment.uri)).video;
      assert.equal(video[0], ptsOfInstant(segment.startAt), segment.uri);
      assert.ok(segment.durationSec <= 1.001 && (index === 0 || segment.durationSec > 0.999), `${segment.durationSec}`);
      assert.ok(Math.abs(video.length - segment.durationSec * 25) <= 1, `${segment.uri}: ${video.length} frames`);
      if (index > 0) {
        const earlier = packets(path.join(running.outDir, segments[index - 1]!.uri)).video;
        assert.equal(ticksBetween(earlier.at(-1)!, video[0]!), FRAME_TICKS);
      }
    }
  });
});

describe('stopping while an item is being prepared', () => {
  test('stop() does not wait for a notice that never comes', async () => {
    let asked = false;
    const running = channelStream(
      'stuck',
      {
        ...SMALL,
        schedule: channel([{ id: 'slow', kind: 'notice', noticeId: 'slow', durationSec: 30 }]),
        clock: clockFrom(ANCHOR),
      },
      {
        ...content,
        notice: () => {
          asked = true;
          return new Promise(() => {});
        },
      },
    );
    await running.stream.start();
    assert.ok(asked);
    const started = performance.now();
    await running.stream.stop();
    assert.ok(performance.now() - started < 2000);
    assert.deepEqual(running.stream.status().processes, []);
    assert.deepEqual(ourFfmpegProcesses(), []);
    assert.deepEqual(running.segments, []);
  });
});
