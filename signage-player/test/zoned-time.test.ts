import { test } from 'node:test';
import assert from 'node:assert/strict';
import { addDays, nextOffsetChange, offsetAt, wallClockAt } from '@linli/protocol';
import { at } from './fixtures';

const HOUR = 3_600_000;

test('the wall clock of an instant in Asia/Shanghai is UTC+8, with the ISO weekday', () => {
  assert.deepEqual(wallClockAt(at('2026-05-01T23:30:15.250Z'), 'Asia/Shanghai'), {
    date: '2026-05-02',
    weekday: 6, // Saturday
    msOfDay: (7 * 3600 + 30 * 60 + 15) * 1000 + 250,
    offsetMs: 8 * HOUR,
  });
  assert.equal(wallClockAt(at('2026-05-03T00:00:00+08:00'), 'Asia/Shanghai').weekday, 7);
  assert.equal(wallClockAt(at('2026-05-04T00:00:00+08:00'), 'Asia/Shanghai').weekday, 1);
  // Midnight is hour 0 of the new day, never hour 24 of the old one.
  assert.equal(wallClockAt(at('2026-05-04T00:00:00+08:00'), 'Asia/Shanghai').msOfDay, 0);
  // Instants before 1970 work too (negative epoch milliseconds).
  assert.equal(wallClockAt(Date.UTC(1969, 11, 31, 23, 59, 59, 999), 'UTC').msOfDay, 86_399_999);
});

test('Europe/Berlin: the offset moves from +1 to +2 at 01:00 UTC on the last Sunday of March, back in October', () => {
  const spring = at('2026-03-29T01:00:00Z');
  assert.equal(offsetAt(spring - 1, 'Europe/Berlin'), HOUR);
  assert.equal(offsetAt(spring, 'Europe/Berlin'), 2 * HOUR);
  assert.equal(wallClockAt(spring - 1000, 'Europe/Berlin').msOfDay, (2 * 3600 - 1) * 1000); // 01:59:59
  assert.equal(wallClockAt(spring, 'Europe/Berlin').msOfDay, 3 * HOUR); // 03:00:00
  assert.equal(nextOffsetChange('Europe/Berlin', at('2026-03-28T12:00:00Z'), at('2026-03-30T00:00:00Z')), spring);
  const autumn = at('2026-10-25T01:00:00Z');
  assert.equal(nextOffsetChange('Europe/Berlin', at('2026-10-24T00:00:00Z'), at('2026-10-26T00:00:00Z')), autumn);
  assert.equal(wallClockAt(autumn - 1000, 'Europe/Berlin').msOfDay, (3 * 3600 - 1) * 1000); // 02:59:59 CEST
  assert.equal(wallClockAt(autumn, 'Europe/Berlin').msOfDay, 2 * HOUR); // 02:00:00 CET again
});

test('America/New_York changes at 02:00 local time on its own dates', () => {
  assert.equal(
    nextOffsetChange('America/New_York', at('2026-03-07T00:00:00Z'), at('2026-03-09T00:00:00Z')),
    at('2026-03-08T07:00:00Z'),
  );
  assert.equal(
    nextOffsetChange('America/New_York', at('2026-10-31T12:00:00Z'), at('2026-11-02T00:00:00Z')),
    at('2026-11-01T06:00:00Z'),
  );
  assert.equal(offsetAt(at('2026-07-01T00:00:00Z'), 'America/New_York'), -4 * HOUR);
});

test('no offset change is reported where there is none, nor beyond the end of the range', () => {
  assert.equal(nextOffsetChange('Asia/Shanghai', at('2026-01-01T00:00:00Z'), at('2026-12-31T00:00:00Z')), undefined);
  assert.equal(
    nextOffsetChange('Europe/Berlin', at('2026-03-28T00:00:00Z'), at('2026-03-29T00:59:59.999Z')),
    undefined,
  );
  // Exactly at the end of the range counts.
  assert.equal(
    nextOffsetChange('Europe/Berlin', at('2026-03-29T00:00:00Z'), at('2026-03-29T01:00:00Z')),
    at('2026-03-29T01:00:00Z'),
  );
});

test('calendar days move across month ends and leap days', () => {
  assert.equal(addDays('2026-03-01', -1), '2026-02-28');
  assert.equal(addDays('2028-02-28', 1), '2028-02-29');
  assert.equal(addDays('2026-12-31', 1), '2027-01-01');
});
