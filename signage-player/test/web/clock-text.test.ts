import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chineseDate, clockText, msToNextMinute } from '../../web/clock-text';

const at = (iso: string) => Date.parse(iso);

test('the clock says the time, the date with the weekday, or both, on the schedule zone clock', () => {
  const instant = at('2026-12-04T14:05:59+08:00');
  assert.equal(clockText(instant, 'time', 'Asia/Shanghai'), '14:05');
  assert.equal(clockText(instant, 'date', 'Asia/Shanghai'), '2026年12月4日 星期五');
  assert.equal(clockText(instant, 'date-time', 'Asia/Shanghai'), '2026年12月4日 星期五 14:05');
  assert.equal(clockText(instant, 'date-time', 'Europe/London'), '2026年12月4日 星期五 06:05');
});

test('midnight is 00:00 of the new day, and Sunday is 星期日', () => {
  assert.equal(clockText(at('2026-12-06T00:00:00+08:00'), 'date-time', 'Asia/Shanghai'), '2026年12月6日 星期日 00:00');
  assert.equal(clockText(at('2026-12-05T23:59:00+08:00'), 'date-time', 'Asia/Shanghai'), '2026年12月5日 星期六 23:59');
  assert.equal(chineseDate(at('2026-01-01T00:30:00+08:00'), 'Asia/Shanghai'), '2026年1月1日');
});

test('the clock changes when the minute does', () => {
  assert.equal(msToNextMinute(at('2026-12-04T14:05:00+08:00')), 60_000);
  assert.equal(msToNextMinute(at('2026-12-04T14:05:59.250+08:00')), 750);
  // India's half-hour offset turns its minutes with UTC's.
  assert.equal(msToNextMinute(at('2026-12-04T14:05:30+05:30')), 30_000);
});
