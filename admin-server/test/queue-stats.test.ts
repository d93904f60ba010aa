/**
 * The queue's statistics as a pure function of a scripted morning: counts by what became of each
 * ticket, the wait (taken → first call) and the service (first call → finish, a transfer's second
 * queue included) as average and nearest-rank 90th percentile, by business (the set-up's order, a
 * removed one after), window (where a ticket ended), Beijing hour and the staff member who finished
 * it, with ratings and the satisfaction rate beside them.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { percentile } from '@linli/protocol';
import { durations, queueStats, ratingCounts, type StatsTicket } from '../src/domain/queue-stats';

const at = (time: string) => new Date(`2026-03-10T${time}+08:00`).toISOString();
const setup = {
  businesses: [
    { id: 'social', name: '社保医保' },
    { id: 'civil', name: '民政救助' },
  ],
  windows: [{ number: 1 }, { number: 2, name: '综合窗口' }],
  staffNames: new Map([['clerk1', '窗口一']]),
};

test('durations: average and nearest-rank 90th percentile in whole seconds, nulls without samples', () => {
  assert.deepEqual(durations([]), { count: 0, averageSeconds: null, p90Seconds: null });
  const tens = Array.from({ length: 10 }, (_, index) => (index + 1) * 60);
  assert.deepEqual(durations(tens), { count: 10, averageSeconds: 330, p90Seconds: 540 });
  assert.equal(percentile(tens, 0.9), 540, 'the 9th of 10, a measured value');
  assert.equal(percentile([5], 0.9), 5);
  assert.ok(Number.isNaN(percentile([], 0.9)));
  assert.deepEqual(durations([1, 2]), { count: 2, averageSeconds: 2, p90Seconds: 2 }, '1.5 rounds to 2');
});

test('ratings by level and the satisfied share', () => {
  assert.deepEqual(ratingCounts([]), {
    count: 0,
    levels: { 'very-satisfied': 0, satisfied: 0, 'basically-satisfied': 0, dissatisfied: 0, 'very-dissatisfied': 0 },
    satisfactionRate: null,
  });
  const counts = ratingCounts(['very-satisfied', 'basically-satisfied', 'dissatisfied', 'very-dissatisfied']);
  assert.equal(counts.satisfactionRate, 0.5, '基本满意 counts as satisfied');
  assert.equal(counts.levels['very-dissatisfied'], 1);
});

test('a scripted morning, counted by business, window, hour and staff member', () => {
  const tickets: StatsTicket[] = [
    // A001: 20 min waiting, 6 min at window 1, finished by clerk1.
    {
      id: 1,
      business: 'social',
      state: 'done',
      takenAt: at('09:00'),
      firstCalledAt: at('09:20'),
      endedAt: at('09:26'),
      window: 1,
      finishedBy: 'clerk1',
    },
    // B001: 30 min waiting; called at 1, sent to 2 and finished there by clerk2 10 min after its first call.
    {
      id: 2,
      business: 'civil',
      state: 'done',
      takenAt: at('09:00'),
      firstCalledAt: at('09:30'),
      endedAt: at('09:40'),
      window: 2,
      finishedBy: 'clerk2',
    },
    // A002: 过号 at window 1 after 20 min.
    {
      id: 3,
      business: 'social',
      state: 'no-show',
      takenAt: at('09:10'),
      firstCalledAt: at('09:30'),
      endedAt: at('09:32'),
      window: 1,
    },
    { id: 4, business: 'social', state: 'lapsed', takenAt: at('10:05') },
    { id: 5, business: 'social', state: 'waiting', takenAt: at('11:59') },
    // A business since removed from the set-up, at a window since removed.
    {
      id: 6,
      business: 'elderly',
      state: 'done',
      takenAt: at('10:00'),
      firstCalledAt: at('10:01'),
      endedAt: at('10:02'),
      window: 9,
      finishedBy: 'clerk1',
    },
  ];
  const stats = queueStats({ hallId: 3, from: '2026-03-10', to: '2026-03-10' }, setup, tickets, [
    { window: 1, staff: 'clerk1', level: 'satisfied' },
    { window: 2, staff: 'clerk2', level: 'very-dissatisfied' },
    { window: 9, staff: 'clerk1', level: 'very-satisfied' },
  ]);

  assert.deepEqual(
    { ...stats.totals, ratings: stats.totals.ratings.satisfactionRate },
    {
      taken: 6,
      served: 3,
      noShow: 1,
      lapsed: 1,
      open: 1,
      wait: { count: 4, averageSeconds: 1065, p90Seconds: 1800 },
      service: { count: 3, averageSeconds: 340, p90Seconds: 600 },
      ratings: 2 / 3,
    },
  );
  assert.deepEqual(
    stats.byBusiness.map((row) => [row.business, row.name, row.taken, row.served, row.noShow, row.lapsed, row.open]),
    [
      ['social', '社保医保', 4, 1, 1, 1, 1],
      ['civil', '民政救助', 1, 1, 0, 0, 0],
      ['elderly', 'elderly', 1, 1, 0, 0, 0],
    ],
  );
  assert.deepEqual(stats.byBusiness[0]!.wait, { count: 2, averageSeconds: 1200, p90Seconds: 1200 });
  assert.deepEqual(
    stats.byWindow.map((row) => [
      row.window,
      row.name,
      row.served,
      row.noShow,
      row.service.averageSeconds,
      row.ratings.count,
      row.ratings.satisfactionRate,
    ]),
    [
      [1, undefined, 1, 1, 360, 1, 1],
      [2, '综合窗口', 1, 0, 600, 1, 0],
      [9, undefined, 1, 0, 60, 1, 1],
    ],
  );
  assert.deepEqual(
    stats.byHour.map((row) => [row.hour, row.taken, row.served, row.wait.averageSeconds]),
    [
      [9, 3, 2, 1400],
      [10, 2, 1, 60],
      [11, 1, 0, null],
    ],
    'hours of the Beijing clock; served by the hour finished',
  );
  assert.deepEqual(
    stats.byStaff.map((row) => [
      row.username,
      row.displayName,
      row.served,
      row.service.averageSeconds,
      row.ratings.levels['very-satisfied'],
      row.ratings.levels.satisfied,
      row.ratings.levels['very-dissatisfied'],
    ]),
    [
      ['clerk1', '窗口一', 2, 210, 1, 1, 0],
      ['clerk2', 'clerk2', 1, 600, 0, 0, 1],
    ],
  );
});

test('a period without tickets: every set-up row, nothing measured', () => {
  const stats = queueStats({ hallId: 3, from: '2026-03-10', to: '2026-03-16' }, setup, [], []);
  assert.deepEqual(
    [stats.totals.taken, stats.totals.wait.averageSeconds, stats.totals.ratings.satisfactionRate],
    [0, null, null],
  );
  assert.deepEqual(
    stats.byBusiness.map((row) => row.business),
    ['social', 'civil'],
  );
  assert.deepEqual(
    stats.byWindow.map((row) => row.window),
    [1, 2],
  );
  assert.deepEqual([stats.byHour, stats.byStaff], [[], []]);
});
