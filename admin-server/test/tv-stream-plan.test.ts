/** The HLS output's plan: runs as onAirAt says them, on the frame grid; the wall-clock timeline; restart rules. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { instantOfWallClock, type TvItem, type TvScheduleSource } from '@linli/protocol';
import {
  FRAME_MS,
  IDENT_RUN_MAX_MS,
  MAX_LAG_MS,
  MUX_DELAY_TICKS,
  PTS_WRAP,
  contentEndBound,
  frameAfter,
  identInstead,
  instantOfPts,
  nextRunStart,
  planRun,
  ptsOfInstant,
  restOfRun,
  restartDelayMs,
  tsOffsetArg,
  videoContentEnd,
} from '../src/tv/stream-plan';

const TZ = 'Asia/Shanghai';
const media = { sha256: 'a'.repeat(64), bytes: 1, mime: 'video/mp4', name: 'clip.mp4' };
const items: TvItem[] = [
  { id: 'clip', kind: 'video', media, lengthSec: 10.01 },
  { id: 'notice', kind: 'notice', noticeId: 'n-1', durationSec: 20 },
];
const schedule: TvScheduleSource = {
  timeZone: TZ,
  programmes: [
    { id: 'news', title: '社区新闻', start: '19:00', durationMin: 1, repeat: { every: 'day' }, items },
    { id: 'late', title: '晚间', start: '21:00', durationMin: 60, repeat: { every: 'day' }, items },
  ],
  filler: [],
};
const at = (clock: string) =>
  instantOfWallClock('2026-12-05', Number(clock.slice(0, 2)) * 3_600_000 + Number(clock.slice(3)) * 60_000, TZ);
const seven = at('19:00');

describe('the frame grid', () => {
  test('runs start on 40 ms steps from the epoch', () => {
    assert.equal(frameAfter(seven + 1), seven + FRAME_MS);
    assert.equal(frameAfter(seven), seven);
    assert.equal(seven % FRAME_MS, 0);
  });
});

describe('the timeline', () => {
  test('a timestamp is the wall-clock instant at 90 kHz, with the muxer delay, modulo 2^33', () => {
    assert.equal(ptsOfInstant(0), MUX_DELAY_TICKS);
    assert.equal(ptsOfInstant(1000), 90_000 + MUX_DELAY_TICKS);
    const instant = Date.UTC(2026, 11, 5, 11, 0, 0);
    assert.equal(ptsOfInstant(instant), (instant * 90 + MUX_DELAY_TICKS) % PTS_WRAP);
    assert.equal(tsOffsetArg(1_796_506_491_320), '1796506491.320');
    assert.equal(tsOffsetArg(1_796_506_491_000), '1796506491.000');
  });

  test('an instant comes back from its timestamp, wrapped or not, nearest the moment given', () => {
    const instant = Date.UTC(2026, 11, 5, 11, 0, 0, 480);
    const ticks = ptsOfInstant(instant);
    for (const seconds of [ticks / 90_000, (ticks + PTS_WRAP) / 90_000, (ticks - PTS_WRAP) / 90_000])
      assert.equal(instantOfPts(seconds, instant + 5000), instant);
    // A day later the same timestamp stands for the instant one wrap (26.5 h) on, when that is nearer.
    const wrapMs = (PTS_WRAP / 90_000) * 1000;
    assert.equal(instantOfPts(ticks / 90_000, instant + wrapMs - 1000), Math.round(instant + wrapMs));
  });
});

describe('planRun', () => {
  test('joining mid-item: the item on air from that moment to its end, and how far into it', () => {
    const run = planRun(schedule, seven + 4000);
    assert.equal(run.item?.id, 'clip');
    assert.equal(run.offsetMs, 4000);
    assert.equal(run.to, frameAfter(seven + 10_010));
  });

  test('the next run starts where the last ended: the next item, a few ms in when the end was off the grid', () => {
    const first = planRun(schedule, seven);
    const second = planRun(schedule, first.to);
    assert.equal(second.item?.id, 'notice');
    assert.equal(second.offsetMs, first.to - (seven + 10_010));
    assert.ok(second.offsetMs < FRAME_MS);
  });

  test('an item is cut at the end of its programme', () => {
    const run = planRun(schedule, seven + 50_000);
    assert.equal(run.item?.id, 'notice');
    assert.equal(run.to, seven + 60_000);
  });

  test('with no filler, gaps are the ident card, planned again every minute', () => {
    const run = planRun(schedule, at('20:00'));
    assert.equal(run.item, null);
    assert.equal(run.to, at('20:00') + IDENT_RUN_MAX_MS);
    assert.equal(planRun(schedule, at('20:59') + 30_000).to, at('21:00'));
  });

  test('a run is never shorter than a frame', () => {
    const from = frameAfter(seven + 10_009);
    const run = planRun(schedule, from);
    assert.ok(run.to - run.from >= FRAME_MS);
  });

  test('in place of an item, the ident card for the rest of its time; after a crash, the same item further in', () => {
    const run = planRun(schedule, seven + 2000);
    assert.deepEqual(identInstead(run), { item: null, from: run.from, to: run.to, offsetMs: 0 });
    assert.deepEqual(identInstead(run, seven + 3000), { item: null, from: seven + 3000, to: run.to, offsetMs: 0 });
    const rest = restOfRun(run, seven + 5000);
    assert.equal(rest.item, run.item);
    assert.equal(rest.offsetMs, 5000);
    assert.equal(rest.to, run.to);
  });
});

describe('videoContentEnd', () => {
  test('a file shorter than its slot ends early on the grid; a longer one is cut at the slot', () => {
    const run = planRun(schedule, seven + 2000);
    assert.equal(videoContentEnd(run, 6.03), seven + 6000);
    assert.equal(videoContentEnd(run, 60), run.to);
    assert.equal(videoContentEnd(run, undefined), run.to);
    assert.equal(videoContentEnd(run, 1), run.from);
    assert.equal(videoContentEnd(planRun(schedule, seven + 12_000), 1), planRun(schedule, seven + 12_000).to);
  });
});

describe('contentEndBound', () => {
  test('never short of what an encoder paced by the clock can have written, never past the content', () => {
    const run = { from: seven };
    // Started 0.3 s before its run, ran 2 s: at most 2 s of picture (and a frame).
    assert.equal(contentEndBound(run, seven + 10_000, seven - 300, seven + 1700), seven + 2040);
    assert.equal(contentEndBound(run, seven + 1000, seven, seven + 5000), seven + 1000);
    assert.equal(contentEndBound(run, seven + 1000, seven + 50, seven), seven + FRAME_MS);
  });
});

describe('pacing and restarts', () => {
  test('output far behind the clock starts again at the present', () => {
    assert.equal(nextRunStart(seven, seven + 1000), seven);
    assert.equal(nextRunStart(seven, seven + MAX_LAG_MS + 1), frameAfter(seven + MAX_LAG_MS + 1));
  });

  test('a crashed segmenter is started again at once, then later while it keeps failing, always within 5 s', () => {
    assert.equal(restartDelayMs(1), 0);
    const delays = [1, 2, 3, 4, 5, 6, 50].map(restartDelayMs);
    assert.deepEqual(
      delays,
      [...delays].sort((a, b) => a - b),
    );
    assert.ok(delays.every((delay) => delay < 5000));
  });
});
