/** The 12-month usage chart's geometry: a rounded top, bars in order and proportion, the current month marked. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { niceTop, usageBars } from '@linli/protocol';

test('the scale tops out at 1, 2 or 5 times a power of ten, at or above the largest month', () => {
  assert.deepEqual(
    [0, 0.4, 1, 1.2, 24, 33, 50, 51, 480, 1999].map(niceTop),
    [1, 0.5, 1, 2, 50, 50, 50, 100, 500, 2000],
  );
});

test('bars stand oldest to newest, as tall as their usage on that scale, the current month marked', () => {
  const history = [
    { period: '2026-09', usage: 30, amountFen: 1 },
    { period: '2026-10', usage: 0, amountFen: 0 },
    { period: '2026-11', usage: 15, amountFen: 1 },
  ];
  const { bars, top } = usageBars(history, { width: 300, height: 100 }, '2026-11');
  assert.equal(top, 50);
  assert.deepEqual(
    bars.map((bar) => [bar.period, bar.height, bar.y, bar.current]),
    [
      ['2026-09', 60, 40, false],
      ['2026-10', 0, 100, false],
      ['2026-11', 30, 70, true],
    ],
  );
  assert.ok(
    bars.every((bar, n) => n === 0 || bar.x > bars[n - 1]!.x + bars[n - 1]!.width),
    'bars do not overlap',
  );
  assert.deepEqual(usageBars([], { width: 300, height: 100 }).bars, []);
});
