import { test } from 'node:test';
import assert from 'node:assert/strict';
import { presetLayout, type SignageSchedule } from '@linli/protocol';
import { INITIAL_PLAYER_STATE, whatToShow, type Decision, type PlayerState } from '../core/schedule-resolver';
import { MEDIA, at, entry, fullLayout, image, schedule } from './fixtures';

const show = (s: SignageSchedule, now: number, state: PlayerState = INITIAL_PLAYER_STATE) => whatToShow(s, now, state);
const itemIds = (decision: Decision) => decision.showing.zones.map((zone) => zone.item?.id ?? null);

/** Follows the resolver from `from` to `until`, one call per `nextAt`; returns every decision. */
function run(s: SignageSchedule, from: number, until: number): Array<Decision & { at: number }> {
  const decisions: Array<Decision & { at: number }> = [];
  let state = INITIAL_PLAYER_STATE;
  for (let now = from; now < until;) {
    const decision = whatToShow(s, now, state);
    decisions.push({ ...decision, at: now });
    state = decision.state;
    now = decision.nextAt;
  }
  return decisions;
}

test('with nothing scheduled the default layout plays; the answer says when to ask again', () => {
  const now = at('2026-05-04T10:00:00+08:00');
  const decision = show(schedule(), now);
  assert.equal(decision.showing.screen, 'on');
  assert.equal(decision.showing.layoutId, 'default');
  assert.equal(decision.showing.entryId, null);
  assert.deepEqual(decision.showing.zones, [
    { zoneId: 'main', item: image('default-1'), position: 0, count: 1, startedAt: now, endsAt: now + 10_000 },
  ]);
  assert.equal(decision.nextAt, now + 10_000, 'the item ends first');
});

test('the highest priority wins; among equals the newer entry; then the smaller id', () => {
  const layouts = ['a', 'b', 'c', 'd'].map((id) => fullLayout(id));
  const now = at('2026-05-04T10:00:00+08:00');
  const s = schedule({
    layouts,
    entries: [
      entry('old', 'a', { priority: 5, createdAt: '2026-01-01T00:00:00Z' }),
      entry('new', 'b', { priority: 5, createdAt: '2026-02-01T00:00:00Z' }),
      entry('low', 'c', { priority: 1, createdAt: '2026-03-01T00:00:00Z' }),
    ],
  });
  assert.equal(show(s, now).showing.entryId, 'new');
  s.entries.push(entry('top', 'd', { priority: 9, window: { from: '11:00', to: '12:00' } }));
  assert.equal(show(s, now).showing.entryId, 'new', 'an inactive entry does not count');
  assert.equal(show(s, at('2026-05-04T11:00:00+08:00')).showing.entryId, 'top');
  const twins = schedule({ layouts, entries: [entry('z', 'a'), entry('y', 'b')] });
  assert.equal(show(twins, now).showing.entryId, 'y');
});

test('an entry starting later is the next instant to ask, even while a long item plays', () => {
  const now = at('2026-05-04T10:59:30+08:00');
  const s = schedule({
    layouts: [fullLayout('long', [image('poster', 3600)])],
    entries: [entry('e', 'long', { window: { from: '11:00', to: '11:05' } }), entry('base', 'long')],
  });
  assert.equal(show(s, now).nextAt, at('2026-05-04T11:00:00+08:00'));
});

test('outside operating hours the screen is off until they begin', () => {
  const s = schedule({ operatingHours: [{ weekdays: [1, 2, 3, 4, 5], from: '08:00', to: '18:00' }] });
  const evening = show(s, at('2026-05-04T18:00:00+08:00'));
  assert.deepEqual(evening.showing, { screen: 'off', layoutId: null, entryId: null, interrupt: false, zones: [] });
  // Monday 18:00 → Tuesday 08:00, asking again at midnight on the way.
  assert.equal(evening.nextAt, at('2026-05-05T00:00:00+08:00'));
  const steps = run(s, at('2026-05-04T18:00:00+08:00'), at('2026-05-05T08:00:00+08:00'));
  assert.ok(steps.every((step) => step.showing.screen === 'off'));
  assert.equal(show(s, at('2026-05-05T08:00:00+08:00')).showing.screen, 'on');
  assert.equal(show(s, at('2026-05-09T09:00:00+08:00')).showing.screen, 'off', 'Saturday');
});

test('an interrupt takes its share of every five minutes; a higher-priority entry keeps the screen', () => {
  const frame = at('2026-05-04T10:00:00+08:00');
  const s = schedule({
    layouts: [fullLayout('ad', [image('ad-1', 15)]), fullLayout('main', [image('m', 60)])],
    entries: [
      entry('main', 'main', { priority: 1 }),
      entry('ad', 'ad', { priority: 1, interrupt: { sharePercent: 10 } }),
    ],
  });
  const first = show(s, frame);
  assert.equal(first.showing.entryId, 'ad');
  assert.equal(first.showing.interrupt, true);
  assert.equal(first.nextAt, frame + 15_000, 'the ad item ends first');
  assert.equal(show(s, frame + 30_000).showing.entryId, 'main');
  assert.equal(show(s, frame + 300_000).showing.entryId, 'ad');
  s.entries.push(entry('emergency', 'main', { priority: 50 }));
  assert.equal(show(s, frame).showing.entryId, 'emergency');
  assert.equal(show(s, frame).showing.interrupt, false);
});

test('the main layout resumes its item where the interrupt cut it', () => {
  const frame = at('2026-05-04T10:00:00+08:00');
  const s = schedule({
    layouts: [fullLayout('ad', [image('ad-1', 30)]), fullLayout('main', [image('film', 600), image('after', 10)])],
    entries: [entry('main', 'main'), entry('ad', 'ad', { interrupt: { sharePercent: 10 } })],
  });
  const steps = run(s, frame + 30_000, frame + 700_000);
  const film = steps.filter((step) => step.showing.zones[0]?.item?.id === 'film');
  const filmTime = film.reduce((sum, step) => sum + (step.nextAt - step.at), 0);
  assert.equal(filmTime, 600_000, 'the ten-minute film is shown for ten minutes in all, around two interrupts');
  const firstAfter = steps.find((step) => step.showing.zones[0]?.item?.id === 'after')!;
  assert.equal(firstAfter.at, frame + 30_000 + 600_000 + 2 * 30_000);
});

test('a PDF turns its pages; a validity end is an instant to ask again; an invalid item is skipped', () => {
  const now = at('2026-05-04T10:00:00+08:00');
  const pdf = { id: 'p', kind: 'pdf', media: MEDIA, pageCount: 3, pageSec: 8 } as const;
  const s = schedule({ layouts: [fullLayout('docs', [pdf])], entries: [entry('e', 'docs')] });
  const first = show(s, now);
  assert.equal(first.showing.zones[0]?.item && 'page' in first.showing.zones[0] ? first.showing.zones[0].page : -1, 0);
  assert.equal(first.nextAt, now + 8_000);
  const third = show(s, now + 16_000, first.state);
  assert.deepEqual(
    [third.showing.zones[0] && 'page' in third.showing.zones[0] && third.showing.zones[0].page, third.nextAt],
    [2, now + 24_000],
  );

  const expiring = image('sale', 60, { validUntil: '2026-05-04T02:00:30Z' });
  const later = image('later', 60, { validFrom: '2026-05-04T02:10:00Z' });
  const t = schedule({
    layouts: [fullLayout('l', [expiring, later, image('always', 60)])],
    entries: [entry('e', 'l')],
  });
  const d1 = show(t, now);
  assert.deepEqual([itemIds(d1), d1.nextAt], [['sale'], now + 30_000]);
  const d2 = show(t, d1.nextAt, d1.state);
  assert.deepEqual(itemIds(d2), ['always'], 'the expired item gives way to the next valid one');
});

test('a zone with no valid item stays empty while the others play', () => {
  const layout = presetLayout('main-ticker', 'landscape', 'news');
  layout.zones[0]!.playlist = [image('m', 20)];
  layout.zones[1]!.playlist = [image('gone', 20, { validUntil: '2020-01-01T00:00:00Z' })];
  const d = show(schedule({ layouts: [layout], entries: [entry('e', 'news')] }), at('2026-05-04T10:00:00+08:00'));
  assert.deepEqual(
    d.showing.zones.map((zone) => [zone.zoneId, zone.item?.id ?? null]),
    [
      ['main', 'm'],
      ['ticker', null],
    ],
  );
});

test('editing the playlist under a playing screen keeps its place', () => {
  const now = at('2026-05-04T10:00:00+08:00');
  const before = schedule({
    layouts: [fullLayout('l', [image('a'), image('b'), image('c')])],
    entries: [entry('e', 'l')],
  });
  const onB = show(before, now + 10_000, show(before, now).state);
  assert.deepEqual(itemIds(onB), ['b']);
  const after = schedule({
    layouts: [fullLayout('l', [image('new'), image('a'), image('b'), image('c')])],
    entries: [entry('e', 'l')],
  });
  const still = show(after, now + 15_000, onB.state);
  assert.deepEqual(
    [
      itemIds(still),
      still.showing.zones[0]?.item && 'startedAt' in still.showing.zones[0] && still.showing.zones[0].startedAt,
    ],
    [['b'], now + 10_000],
  );
});

for (const [zone, spring, autumn] of [
  ['Europe/Berlin', '2026-03-29', '2026-10-25'],
  ['America/New_York', '2026-03-08', '2026-11-01'],
] as const) {
  test(`${zone}: a one-day entry lasts 23 hours on the spring day and 25 on the autumn day`, () => {
    for (const [date, hours] of [
      [spring, 23],
      [autumn, 25],
      ['2026-06-15', 24],
    ] as const) {
      const s = schedule({
        timeZone: zone,
        layouts: [fullLayout('day', [])], // no item ends in between: only the boundaries are asked at
        entries: [entry('day', 'day', { startDate: date, endDate: date })],
      });
      const steps = run(s, at(`${date}T00:00:00Z`) - 86_400_000, at(`${date}T00:00:00Z`) + 2 * 86_400_000);
      const shown = steps.filter((step) => step.showing.entryId === 'day');
      const total = shown.reduce((sum, step) => sum + (step.nextAt - step.at), 0);
      assert.equal(total, hours * 3_600_000, date);
    }
  });
}

test('Europe/Berlin: a 02:00–03:00 window is skipped in spring and shown twice in autumn', () => {
  for (const [date, minutes] of [
    ['2026-03-29', 0],
    ['2026-10-25', 120],
  ] as const) {
    const s = schedule({
      timeZone: 'Europe/Berlin',
      layouts: [fullLayout('night', [])],
      entries: [entry('night', 'night', { startDate: date, endDate: date, window: { from: '02:00', to: '03:00' } })],
    });
    const steps = run(s, at(`${date}T00:00:00Z`) - 3_600_000, at(`${date}T00:00:00Z`) + 86_400_000);
    const total = steps
      .filter((step) => step.showing.entryId === 'night')
      .reduce((sum, step) => sum + step.nextAt - step.at, 0);
    assert.equal(total, minutes * 60_000, date);
  }
});

test('Asia/Shanghai has no clock change: every day is 24 hours and midnight is always 16:00 UTC', () => {
  const s = schedule({ layouts: [fullLayout('x', [image('x', 86_400)])] });
  const steps = run(s, at('2026-01-01T00:00:00+08:00'), at('2026-01-03T00:00:00+08:00'));
  const midnights = steps.filter((step) => new Date(step.nextAt).getUTCHours() === 16 && step.nextAt % 3_600_000 === 0);
  assert.equal(midnights.length, 2);
});
