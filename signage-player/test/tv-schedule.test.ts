import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  channelTimeline,
  instantOfWallClock,
  nowAndNext,
  onAirAt,
  programmeGuide,
  tvChannelErrors,
  wallClockAt,
  type TvItem,
  type TvProgramme,
  type TvScheduleSource,
} from '@linli/protocol';
import { random } from './seeded-random';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const at = (iso: string) => Date.parse(iso);

const card = (id: string, durationSec: number): TvItem => ({ id, kind: 'card', text: id, durationSec });
const video = (id: string, lengthSec: number): TvItem => ({
  id,
  kind: 'video',
  media: { sha256: 'b'.repeat(64), bytes: 1000, mime: 'video/mp4', name: `${id}.mp4` },
  lengthSec,
});
const programme = (id: string, start: string, durationMin: number, extra: Partial<TvProgramme> = {}): TvProgramme => ({
  id,
  title: id,
  start,
  durationMin,
  repeat: { every: 'day' },
  items: [card(`${id}-a`, 60), card(`${id}-b`, 120)],
  ...extra,
});
const channel = (programmes: TvProgramme[], filler: TvItem[] = [card('ident', 30)]): TvScheduleSource => ({
  timeZone: 'Asia/Shanghai',
  programmes,
  filler,
});

test('a daily programme airs at its wall-clock time in the channel zone and loops its items', () => {
  const news = channel([programme('news', '19:00', 30)]);
  // 19:00 Beijing is 11:00 UTC.
  const start = onAirAt(news, at('2026-12-05T11:00:00Z'));
  assert.equal(start.airing.programme?.id, 'news');
  assert.equal(start.item?.id, 'news-a');
  assert.equal(start.offsetMs, 0);
  // 60 s of a, 120 s of b, then a again from 180 s.
  const second = onAirAt(news, at('2026-12-05T11:01:30Z'));
  assert.equal(second.item?.id, 'news-b');
  assert.equal(second.offsetMs, 30_000);
  const looped = onAirAt(news, at('2026-12-05T11:03:10Z'));
  assert.equal(looped.item?.id, 'news-a');
  assert.equal(looped.offsetMs, 10_000);
  assert.equal(looped.itemEnd, at('2026-12-05T11:04:00Z'));
});

test('an item still playing when its programme ends goes off with the programme', () => {
  const news = channel([programme('news', '19:00', 2)]);
  const onAir = onAirAt(news, at('2026-12-05T11:01:30Z'));
  assert.equal(onAir.item?.id, 'news-b');
  assert.equal(onAir.itemEnd, at('2026-12-05T11:02:00Z'));
  assert.equal(onAirAt(news, at('2026-12-05T11:02:00Z')).airing.programme, null);
});

test('the filler loops from the start of its gap, and a gap is counted again from local midnight', () => {
  const news = channel([programme('news', '19:00', 30)], [card('ident', 30), card('promo', 30)]);
  // The gap starts at 19:30 Beijing (11:30Z): 45 s later the promo is 15 s in.
  const inGap = onAirAt(news, at('2026-12-05T11:30:45Z'));
  assert.equal(inGap.airing.programme, null);
  assert.equal(inGap.item?.id, 'promo');
  assert.equal(inGap.offsetMs, 15_000);
  // After midnight Beijing (16:00Z) the count starts again.
  const afterMidnight = onAirAt(news, at('2026-12-05T16:00:10Z'));
  assert.equal(afterMidnight.airing.anchor, at('2026-12-05T16:00:00Z'));
  assert.equal(afterMidnight.item?.id, 'ident');
  assert.equal(afterMidnight.offsetMs, 10_000);
});

test('a channel with no filler airs its own card in the gaps', () => {
  const onAir = onAirAt(channel([], []), at('2026-12-05T03:00:00Z'));
  assert.equal(onAir.item, null);
  assert.equal(onAir.airing.programme, null);
});

test('a programme runs past midnight, and a weekday programme airs only on its weekdays', () => {
  const late = channel([
    programme('late', '23:30', 60),
    programme('market', '08:00', 60, { repeat: { every: 'week', weekdays: [6, 7] } }),
  ]);
  // 00:15 Beijing on Sunday the 6th: the late programme from Saturday 23:30.
  const night = onAirAt(late, at('2026-12-05T16:15:00Z'));
  assert.equal(night.airing.programme?.id, 'late');
  assert.equal(night.airing.anchor, at('2026-12-05T15:30:00Z'));
  // 2026-12-05 is a Saturday, 2026-12-07 a Monday.
  assert.equal(onAirAt(late, at('2026-12-05T00:30:00Z')).airing.programme?.id, 'market');
  assert.equal(onAirAt(late, at('2026-12-07T00:30:00Z')).airing.programme, null);
});

test('a one-off programme pre-empts the daily one, which carries on by its own clock afterwards', () => {
  const special = channel([
    programme('daily', '10:00', 120),
    programme('special', '10:30', 30, { repeat: { every: 'once', date: '2026-12-05' } }),
  ]);
  assert.equal(onAirAt(special, at('2026-12-05T02:40:00Z')).airing.programme?.id, 'special');
  const after = onAirAt(special, at('2026-12-05T03:00:00Z'));
  assert.equal(after.airing.programme?.id, 'daily');
  // 60 minutes after 10:00: the daily loop (180 s) is 0 s into a new round.
  assert.equal(after.item?.id, 'daily-a');
  assert.equal(after.airing.anchor, at('2026-12-05T02:00:00Z'));
  // The next day the daily programme is whole.
  const guide = programmeGuide(special, at('2026-12-05T16:00:00Z'), at('2026-12-06T16:00:00Z'));
  assert.deepEqual(
    guide.map((airing) => airing.programme?.id),
    ['daily'],
  );
  const today = programmeGuide(special, at('2026-12-04T16:00:00Z'), at('2026-12-05T16:00:00Z'));
  assert.deepEqual(
    today.map((airing) => [airing.programme?.id, new Date(airing.start).toISOString()]),
    [
      ['daily', '2026-12-05T02:00:00.000Z'],
      ['special', '2026-12-05T02:30:00.000Z'],
      ['daily', '2026-12-05T03:00:00.000Z'],
    ],
  );
});

test('first and last dates bound a repeating programme', () => {
  const season = channel([programme('season', '12:00', 30, { firstDate: '2026-12-06', lastDate: '2026-12-07' })]);
  const days = ['2026-12-05', '2026-12-06', '2026-12-07', '2026-12-08'].map(
    (date) => onAirAt(season, at(`${date}T04:10:00Z`)).airing.programme?.id ?? 'filler',
  );
  assert.deepEqual(days, ['filler', 'season', 'season', 'filler']);
});

test('now and next name the programme on air and the next one, skipping filler', () => {
  const source = channel([programme('morning', '08:00', 60), programme('evening', '19:00', 60)]);
  const { now, next } = nowAndNext(source, at('2026-12-05T00:30:00Z'));
  assert.equal(now.programme?.id, 'morning');
  assert.equal(next?.programme?.id, 'evening');
  assert.equal(next?.start, at('2026-12-05T11:00:00Z'));
  const inGap = nowAndNext(source, at('2026-12-05T03:00:00Z'));
  assert.equal(inGap.now.programme, null);
  assert.equal(inGap.next?.programme?.id, 'evening');
});

test('a video item lasts its own length, fractions of a second included', () => {
  const source = channel([{ ...programme('film', '20:00', 10), items: [video('clip', 2.5), card('after', 10)] }]);
  const onAir = onAirAt(source, at('2026-12-05T12:00:02.400Z'));
  assert.equal(onAir.item?.id, 'clip');
  assert.equal(onAirAt(source, at('2026-12-05T12:00:02.500Z')).item?.id, 'after');
});

test('wall-clock instants in a zone with clock changes: a repeated hour reads as its first showing', () => {
  // Europe/Berlin went back from 03:00 CEST to 02:00 CET on 2026-10-25.
  assert.equal(instantOfWallClock('2026-10-25', 2.5 * HOUR, 'Europe/Berlin'), at('2026-10-25T00:30:00Z'));
  // ...and forward from 02:00 CET to 03:00 CEST on 2026-03-29: 02:30 does not exist.
  assert.equal(instantOfWallClock('2026-03-29', 2.5 * HOUR, 'Europe/Berlin'), at('2026-03-29T01:30:00Z'));
  assert.equal(instantOfWallClock('2026-12-05', 19 * HOUR, 'Asia/Shanghai'), at('2026-12-05T11:00:00Z'));
});

test('the channel checks name a bad zone, twice-used ids and reversed dates by field', () => {
  const problems = tvChannelErrors({
    number: 1,
    name: '社区频道',
    public: true,
    timeZone: 'Mars/Olympus',
    programmes: [
      programme('a', '08:00', 30, { firstDate: '2026-12-09', lastDate: '2026-12-01' }),
      programme('a', '09:00', 30, { items: [card('x', 5), card('x', 5)] }),
    ],
    filler: [],
    targets: { orgIds: [], groupIds: [] },
  });
  assert.deepEqual(
    problems.map((problem) => problem.path),
    ['/timeZone', '/programmes/0/lastDate', '/programmes/1/id', '/programmes/1/items/1/id'],
  );
  const schema = tvChannelErrors({ number: 0, name: '', public: true, timeZone: 'Asia/Shanghai', programmes: [] });
  assert.ok(schema.some((problem) => problem.path === '/number'));
});

/** A random channel: programmes of every repeat rule around the test days, some overlapping. */
function randomChannel(seed: number, timeZone: string): TvScheduleSource {
  const rng = random(seed);
  const programmes = Array.from({ length: rng.int(0, 8) }, (_, index): TvProgramme => {
    const every = rng.pick(['day', 'week', 'once'] as const);
    return programme(
      `p${index}`,
      `${String(rng.int(0, 23)).padStart(2, '0')}:${rng.pick(['00', '15', '30', '45'])}`,
      rng.int(1, 600),
      {
        repeat:
          every === 'day'
            ? { every }
            : every === 'week'
              ? { every, weekdays: [rng.int(1, 7)] }
              : { every, date: rng.pick(['2026-10-24', '2026-10-25', '2026-12-05', '2026-12-06']) },
        items: Array.from({ length: rng.int(1, 4) }, (_, item) => card(`p${index}-${item}`, rng.int(1, 900))),
      },
    );
  });
  return { timeZone, programmes, filler: rng.chance(0.8) ? [card('f1', rng.int(1, 120)), card('f2', 45)] : [] };
}

test('property: the timeline covers every instant once, and any two boxes agree on what airs', () => {
  for (let seed = 1; seed <= 300; seed += 1) {
    const rng = random(seed * 7919);
    const zone = rng.pick(['Asia/Shanghai', 'Europe/Berlin']);
    const source = randomChannel(seed, zone);
    const base = rng.pick([at('2026-10-24T20:00:00Z'), at('2026-12-05T00:00:00Z')]);
    const from = base + rng.int(0, DAY);
    const to = from + rng.int(1, 2 * DAY);
    const timeline = channelTimeline(source, from, to);
    assert.equal(timeline[0]?.start, from, `seed ${seed}: starts at from`);
    assert.equal(timeline.at(-1)?.end, to, `seed ${seed}: ends at to`);
    for (let index = 1; index < timeline.length; index += 1)
      assert.equal(timeline[index]!.start, timeline[index - 1]!.end, `seed ${seed}: no gap or overlap`);
    // Two boxes: one looks at the instant directly, the other walks the timeline from earlier.
    for (let probe = 0; probe < 5; probe += 1) {
      const instant = from + rng.int(0, to - from - 1);
      const direct = onAirAt(source, instant);
      const airing = timeline.find((candidate) => candidate.start <= instant && instant < candidate.end)!;
      assert.equal(direct.airing.programme?.id, airing.programme?.id, `seed ${seed}: same programme`);
      assert.equal(direct.airing.anchor, airing.anchor, `seed ${seed}: same anchor`);
      if (airing.end < to) assert.equal(direct.airing.end, airing.end, `seed ${seed}: same end`);
      const later = onAirAt(source, instant + 1);
      if (later.item === direct.item && later.itemStart === direct.itemStart)
        assert.equal(later.offsetMs, direct.offsetMs + 1, `seed ${seed}: the offset runs with the clock`);
      assert.ok(direct.itemStart <= instant && instant < direct.itemEnd, `seed ${seed}: the item covers the instant`);
      assert.equal(wallClockAt(direct.itemStart, zone).date.length, 10);
    }
  }
});
