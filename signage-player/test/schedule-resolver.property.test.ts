// Property tests: thousands of random schedules and instants from a seeded generator (a failure
// prints its seed, and the same seed replays it), checked against invariants and a small
// independent model of the rules (wall clock read through toLocaleString, windows by brute force).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  presetLayout,
  signageScheduleErrors,
  type Layout,
  type PlaylistItem,
  type ScheduleEntry,
  type SignageSchedule,
  type TimeWindow,
} from '@linli/protocol';
import { INITIAL_PLAYER_STATE, whatToShow, type Decision, type PlayerState } from '../core/schedule-resolver';
import { MEDIA, image } from './fixtures';
import { random } from './seeded-random';

type Random = ReturnType<typeof random>;

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Days around the 2026 clock changes of these zones, and ordinary days. */
const ZONES = {
  'Asia/Shanghai': ['2026-01-01', '2026-06-30', '2026-12-31'],
  'Europe/Berlin': ['2026-03-29', '2026-10-25', '2026-07-15'],
  'America/New_York': ['2026-03-08', '2026-11-01', '2026-02-28'],
} as const;
const CHANGE_DAYS: Record<string, number> = {
  '2026-03-29 Europe/Berlin': 23,
  '2026-10-25 Europe/Berlin': 25,
  '2026-03-08 America/New_York': 23,
  '2026-11-01 America/New_York': 25,
};

const clock = (minute: number) =>
  `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;

function randomWindow(r: Random): TimeWindow {
  const from = r.int(0, 1439);
  let to = r.chance(0.4) ? (from + r.int(1, 600)) % 1440 : r.int(0, 1439); // often crossing midnight
  if (to === from) to = (from + 1) % 1440;
  // Whole hours often, so windows meet the hours DST skips or repeats.
  return r.chance(0.5)
    ? { from: clock(from), to: clock(to) }
    : { from: clock(Math.floor(from / 60) * 60), to: clock(((Math.floor(from / 60) + r.int(1, 23)) % 24) * 60) };
}

function randomItems(r: Random, prefix: string, base: number): PlaylistItem[] {
  return Array.from({ length: r.int(0, 4) }, (_, index) => {
    const extra: Partial<PlaylistItem> = {};
    if (r.chance(0.2)) extra.validFrom = new Date(base + r.int(-3, 3) * HOUR + r.int(0, 3599) * 1000).toISOString();
    if (r.chance(0.2)) extra.validUntil = new Date(base + r.int(4, 30) * HOUR).toISOString();
    if (r.chance(0.15))
      return {
        id: `${prefix}-${index}`,
        kind: 'pdf',
        media: MEDIA,
        pageCount: r.int(1, 4),
        pageSec: r.int(1, 20),
        ...extra,
      } as PlaylistItem;
    return image(`${prefix}-${index}`, r.pick([1, 5, 10, 30, 90, 600]), extra);
  });
}

function randomSchedule(r: Random): { schedule: SignageSchedule; day: string } {
  const timeZone = r.pick(Object.keys(ZONES) as (keyof typeof ZONES)[]);
  const day = r.pick(ZONES[timeZone]);
  const base = Date.parse(`${day}T12:00:00Z`);
  const layouts: Layout[] = Array.from({ length: r.int(1, 4) }, (_, index) => {
    const layout = presetLayout(r.pick(['full', 'main-ticker', 'grid-2x2'] as const), 'landscape', `L${index}`);
    layout.zones.forEach((zone) => (zone.playlist = randomItems(r, `L${index}${zone.id}`, base)));
    return layout;
  });
  const dayparts = Array.from({ length: r.int(0, 2) }, (_, index) => ({
    id: `D${index}`,
    name: `D${index}`,
    ...randomWindow(r),
  }));
  const near = (offset: number) => new Date(base + offset * DAY).toISOString().slice(0, 10);
  const entries: ScheduleEntry[] = Array.from({ length: r.int(0, 6) }, (_, index) => {
    const entry: ScheduleEntry = {
      id: `E${index}`,
      layoutId: r.pick(layouts).id,
      priority: r.int(0, 3),
      createdAt: new Date(Date.UTC(2026, 0, r.int(1, 3))).toISOString(),
    };
    if (r.chance(0.3)) entry.startDate = near(r.int(-2, 0));
    if (r.chance(0.3)) entry.endDate = near(r.int(0, 2));
    if (r.chance(0.3)) entry.weekdays = [...new Set(Array.from({ length: r.int(1, 5) }, () => r.int(1, 7)))];
    if (r.chance(0.5)) entry.window = randomWindow(r);
    else if (dayparts.length > 0 && r.chance(0.5)) entry.dayparts = [r.pick(dayparts).id];
    if (r.chance(0.25)) entry.interrupt = { sharePercent: r.pick([5, 10, 25, 50]) };
    return entry;
  });
  const schedule: SignageSchedule = { timeZone, layouts, dayparts, entries, defaultLayoutId: r.pick(layouts).id };
  if (r.chance(0.3)) {
    schedule.operatingHours = [{ weekdays: [1, 2, 3, 4, 5, 6, 7].filter(() => r.chance(0.7)), ...randomWindow(r) }];
    if (schedule.operatingHours[0]!.weekdays.length === 0) schedule.operatingHours[0]!.weekdays = [3];
  }
  return { schedule, day };
}

// --- the independent model ----------------------------------------------------------------

/** Wall clock through toLocaleString ('sv-SE' prints `2026-03-29 03:00:00`), not formatToParts. */
function modelWall(instant: number, timeZone: string) {
  const text = new Date(instant).toLocaleString('sv-SE', { timeZone, hourCycle: 'h23' });
  const [date = '', time = ''] = text.split(' ');
  const [h = 0, m = 0] = time.split(':').map(Number);
  return { date, minute: h * 60 + m };
}
const weekdayOf = (date: string) => new Date(`${date}T12:00:00Z`).getUTCDay() || 7;
const dayBefore = (date: string) => new Date(Date.parse(`${date}T12:00:00Z`) - DAY).toISOString().slice(0, 10);

interface Days {
  startDate?: string | undefined;
  endDate?: string | undefined;
  weekdays?: readonly number[] | undefined;
}
const dayOk = (rule: Days, date: string) =>
  (!rule.startDate || date >= rule.startDate) &&
  (!rule.endDate || date <= rule.endDate) &&
  (!rule.weekdays || rule.weekdays.includes(weekdayOf(date)));

/** Brute force: which days' occurrences of the window cover this minute. */
function modelCovers(rule: Days, window: TimeWindow | undefined, date: string, minute: number): boolean {
  if (!window) return dayOk(rule, date);
  const [fh, fm] = window.from.split(':').map(Number);
  const [th, tm] = window.to.split(':').map(Number);
  const from = fh! * 60 + fm!;
  const to = th! * 60 + tm!;
  const length = (to - from + 1440) % 1440;
  // Today's occurrence covers [from, from + length); yesterday's covers [from - 1440, from - 1440 + length).
  const today = minute >= from && minute < from + length && dayOk(rule, date);
  const yesterday = minute < from - 1440 + length && dayOk(rule, dayBefore(date));
  return today || yesterday;
}

function modelActive(schedule: SignageSchedule, entry: ScheduleEntry, instant: number): boolean {
  const { date, minute } = modelWall(instant, schedule.timeZone);
  const windows = entry.dayparts
    ? entry.dayparts.map((id) => schedule.dayparts!.find((d) => d.id === id)!)
    : [entry.window];
  return windows.some((window) => modelCovers(entry, window, date, minute));
}

function modelScreenOn(schedule: SignageSchedule, instant: number): boolean {
  const { date, minute } = modelWall(instant, schedule.timeZone);
  return !schedule.operatingHours || schedule.operatingHours.some((hours) => modelCovers(hours, hours, date, minute));
}

// --- the properties -----------------------------------------------------------------------

function check(schedule: SignageSchedule, now: number, state: PlayerState, r: Random, label: string): Decision {
  const decision = whatToShow(schedule, now, state);
  const { showing } = decision;
  assert.ok(decision.nextAt > now, `${label}: nextAt after now`);
  assert.ok(decision.nextAt <= now + 26 * HOUR, `${label}: asks again within a day`);
  assert.equal(showing.screen === 'on', modelScreenOn(schedule, now), `${label}: screen on/off`);
  if (showing.screen === 'on') {
    const active = schedule.entries.filter((entry) => modelActive(schedule, entry, now));
    const normal = active.filter((entry) => !entry.interrupt);
    const top = Math.max(-1, ...normal.map((entry) => entry.priority));
    if (showing.entryId === null) {
      assert.equal(normal.length, 0, `${label}: default only when no entry is active`);
      assert.equal(showing.layoutId, schedule.defaultLayoutId, label);
    } else {
      const chosen = schedule.entries.find((entry) => entry.id === showing.entryId)!;
      assert.ok(modelActive(schedule, chosen, now), `${label}: chosen entry ${chosen.id} is active`);
      assert.equal(showing.layoutId, chosen.layoutId, label);
      assert.equal(Boolean(chosen.interrupt), showing.interrupt, label);
      assert.ok(chosen.priority >= top, `${label}: nothing active outranks the chosen entry`);
      if (!chosen.interrupt) {
        const newest = Math.max(...normal.filter((e) => e.priority === top).map((e) => Date.parse(e.createdAt)));
        assert.equal(Date.parse(chosen.createdAt), newest, `${label}: the newest of the top priority`);
      }
    }
    for (const zone of showing.zones) {
      if (zone.item === null) continue;
      assert.ok(zone.startedAt <= now && now < zone.endsAt, `${label}: the item on screen is inside its time`);
    }
  }
  // Nothing shown changes before nextAt.
  for (let sample = 0; sample < 4; sample += 1) {
    const between = now + Math.max(1, Math.floor(r.next() * (decision.nextAt - now)));
    if (between >= decision.nextAt) continue;
    const later = whatToShow(schedule, between, decision.state);
    assert.deepEqual(later.showing, showing, `${label}: unchanged at +${between - now} ms of ${decision.nextAt - now}`);
    assert.equal(later.nextAt, decision.nextAt, `${label}: same next instant from inside the span`);
  }
  return decision;
}

test('random schedules: valid, the chosen entry is active and wins, nothing changes before nextAt', () => {
  const cases = 1500;
  for (let seed = 1; seed <= cases; seed += 1) {
    const r = random(seed);
    const { schedule, day } = randomSchedule(r);
    assert.deepEqual(signageScheduleErrors(schedule), [], `seed ${seed}: the generator makes valid schedules`);
    // Start near the day's clock change (or noon), then follow the player for a few answers.
    let now = Date.parse(`${day}T00:00:00Z`) + r.int(-6 * 3600, 36 * 3600) * 1000 + r.int(0, 999);
    let state = INITIAL_PLAYER_STATE;
    for (let step = 0; step < 6; step += 1) {
      const decision = check(schedule, now, state, r, `seed ${seed} step ${step}`);
      state = decision.state;
      // Mostly on time, sometimes late, sometimes a fresh player.
      now = r.chance(0.8) ? decision.nextAt : decision.nextAt + r.int(1, 90_000);
      if (r.chance(0.1)) state = INITIAL_PLAYER_STATE;
    }
  }
});

test('share of voice: over a whole hour each interrupt is on screen for its share, within one item', () => {
  for (let seed = 1; seed <= 300; seed += 1) {
    const r = random(10_000 + seed);
    const shares = [r.pick([1, 5, 10, 17, 25, 33]), r.pick([0, 0, 5, 20, 40])];
    const items = (prefix: string) =>
      Array.from({ length: r.int(1, 3) }, (_, index) => image(`${prefix}${index}`, r.pick([3, 10, 30, 45])));
    const layouts = ['main', 'i0', 'i1'].map((id) => {
      const layout = presetLayout('full', 'landscape', id);
      layout.zones[0]!.playlist = items(id);
      return layout;
    });
    const entries: ScheduleEntry[] = [
      { id: 'main', layoutId: 'main', priority: r.int(0, 2), createdAt: '2026-01-01T00:00:00Z' },
      ...shares.flatMap((sharePercent, index) =>
        sharePercent === 0
          ? []
          : [
              {
                id: `i${index}`,
                layoutId: `i${index}`,
                priority: 2,
                createdAt: '2026-01-01T00:00:00Z',
                interrupt: { sharePercent },
              },
            ],
      ),
    ];
    const schedule: SignageSchedule = {
      timeZone: r.pick(['Asia/Shanghai', 'Europe/Berlin', 'America/New_York']),
      layouts,
      entries,
      defaultLayoutId: 'main',
    };
    const hour = Date.UTC(2026, r.int(0, 11), r.int(1, 28), r.int(0, 23));
    const onScreen: Record<string, number> = {};
    let state = INITIAL_PLAYER_STATE;
    for (let now = hour; now < hour + HOUR;) {
      const decision = whatToShow(schedule, now, state);
      const until = Math.min(decision.nextAt, hour + HOUR);
      const id = decision.showing.entryId ?? 'default';
      onScreen[id] = (onScreen[id] ?? 0) + (until - now);
      state = decision.state;
      now = decision.nextAt;
    }
    shares.forEach((sharePercent, index) => {
      if (sharePercent === 0) return;
      const longest =
        Math.max(
          ...layouts[index + 1]!.zones[0]!.playlist.map((item) => ('durationSec' in item ? item.durationSec! : 0)),
        ) * 1000;
      const got = onScreen[`i${index}`] ?? 0;
      assert.ok(
        Math.abs(got - (sharePercent / 100) * HOUR) <= longest,
        `seed ${seed}: interrupt ${index} at ${sharePercent} % was on for ${got} ms`,
      );
    });
  }
});

test('crossing-midnight windows last their length, counted across the date change', () => {
  for (let seed = 1; seed <= 300; seed += 1) {
    const r = random(20_000 + seed);
    const from = r.int(12 * 60, 1439);
    const to = r.int(0, 12 * 60 - 1);
    const date = `2026-0${r.int(1, 9)}-1${r.int(0, 9)}`;
    const layout = presetLayout('full', 'landscape', 'late');
    layout.zones[0]!.playlist = [image('late', r.pick([1800, 3600, 5400]))];
    const schedule: SignageSchedule = {
      timeZone: 'Asia/Shanghai',
      layouts: [layout],
      entries: [
        {
          id: 'late',
          layoutId: 'late',
          priority: 0,
          createdAt: '2026-01-01T00:00:00Z',
          startDate: date,
          endDate: date,
          window: { from: clock(from), to: clock(to) },
        },
      ],
      defaultLayoutId: 'late',
    };
    let total = 0;
    let state = INITIAL_PLAYER_STATE;
    const start = Date.parse(`${date}T00:00:00+08:00`);
    for (let now = start; now < start + 2 * DAY;) {
      const decision = whatToShow(schedule, now, state);
      if (decision.showing.entryId === 'late') total += decision.nextAt - now;
      state = decision.state;
      now = decision.nextAt;
    }
    assert.equal(total, (1440 - from + to) * 60_000, `seed ${seed}: ${clock(from)}–${clock(to)} on ${date}`);
  }
});

test('every local day has the hours its zone gives it: 23 and 25 on clock-change days, else 24', () => {
  const r = random(30_000);
  const days = Object.entries(ZONES).flatMap(([zone, special]) => [
    ...special.map((date) => [zone, date] as const),
    ...Array.from(
      { length: 20 },
      () => [zone, `2026-${String(r.int(1, 12)).padStart(2, '0')}-${String(r.int(1, 28)).padStart(2, '0')}`] as const,
    ),
  ]);
  for (const [timeZone, date] of days) {
    // An empty playlist: no item ends to ask again at, so only the day's own boundaries (and the
    // clock change) are asked at, and a wrong step across the change would show.
    const layout = presetLayout('full', 'landscape', 'day');
    const schedule: SignageSchedule = {
      timeZone,
      layouts: [layout],
      entries: [
        { id: 'day', layoutId: 'day', priority: 0, createdAt: '2026-01-01T00:00:00Z', startDate: date, endDate: date },
      ],
      defaultLayoutId: 'day',
    };
    let total = 0;
    let state = INITIAL_PLAYER_STATE;
    const noon = Date.parse(`${date}T12:00:00Z`);
    for (let now = noon - 2 * DAY; now < noon + 2 * DAY;) {
      const decision = whatToShow(schedule, now, state);
      if (decision.showing.entryId === 'day') total += decision.nextAt - now;
      state = decision.state;
      now = decision.nextAt;
    }
    assert.equal(total, (CHANGE_DAYS[`${date} ${timeZone}`] ?? 24) * HOUR, `${date} in ${timeZone}`);
  }
});
