import { test } from 'node:test';
import assert from 'node:assert/strict';
import { boundaryMinutes, entryActiveAt, msToNextBoundary, screenOnAt, windowCovers } from '../core/time-windows';
import { wallClockAt } from '@linli/protocol';
import { at, entry, schedule } from './fixtures';

const wall = (iso: string, zone = 'Asia/Shanghai') => wallClockAt(at(iso), zone);
const late = { from: '22:00', to: '02:00' };

test('a window runs from its start up to, not including, its end', () => {
  const day = { from: '09:00', to: '17:30' };
  assert.equal(windowCovers({}, day, wall('2026-05-04T08:59:59+08:00')), false);
  assert.equal(windowCovers({}, day, wall('2026-05-04T09:00:00+08:00')), true);
  assert.equal(windowCovers({}, day, wall('2026-05-04T17:29:59+08:00')), true);
  assert.equal(windowCovers({}, day, wall('2026-05-04T17:30:00+08:00')), false);
});

test('a window crossing midnight belongs to the day it starts on', () => {
  const fridays = { weekdays: [5] };
  assert.equal(windowCovers(fridays, late, wall('2026-05-08T23:00:00+08:00')), true); // Friday night
  assert.equal(windowCovers(fridays, late, wall('2026-05-09T01:59:00+08:00')), true); // early Saturday
  assert.equal(windowCovers(fridays, late, wall('2026-05-09T02:00:00+08:00')), false);
  assert.equal(windowCovers(fridays, late, wall('2026-05-08T01:00:00+08:00')), false); // early Friday: Thursday's
  const lastDay = { startDate: '2026-05-01', endDate: '2026-05-03' };
  assert.equal(windowCovers(lastDay, late, wall('2026-05-04T01:00:00+08:00')), true, 'runs past the end date');
  assert.equal(windowCovers(lastDay, late, wall('2026-05-01T01:00:00+08:00')), false, 'the day before started it');
});

test('dates are inclusive and weekdays are ISO numbers', () => {
  const rule = { startDate: '2026-05-01', endDate: '2026-05-03', weekdays: [6, 7] };
  assert.equal(windowCovers(rule, undefined, wall('2026-05-01T12:00:00+08:00')), false); // Friday
  assert.equal(windowCovers(rule, undefined, wall('2026-05-02T00:00:00+08:00')), true);
  assert.equal(windowCovers(rule, undefined, wall('2026-05-03T23:59:59+08:00')), true);
  assert.equal(windowCovers(rule, undefined, wall('2026-05-04T00:00:00+08:00')), false);
});

test('an entry with dayparts is active in any of them', () => {
  const dayparts = new Map([
    ['morning', { id: 'morning', name: '早间', from: '06:00', to: '09:00' }],
    ['night', { id: 'night', name: '夜间', from: '21:00', to: '01:00' }],
  ]);
  const e = entry('e', 'x', { dayparts: ['morning', 'night'] });
  assert.equal(entryActiveAt(e, dayparts, wall('2026-05-04T07:00:00+08:00')), true);
  assert.equal(entryActiveAt(e, dayparts, wall('2026-05-04T12:00:00+08:00')), false);
  assert.equal(entryActiveAt(e, dayparts, wall('2026-05-05T00:30:00+08:00')), true);
  assert.equal(entryActiveAt(entry('all-day', 'x'), dayparts, wall('2026-05-04T12:00:00+08:00')), true);
});

test('DST: a window starting in the skipped hour starts when the clock resumes; a repeated hour counts twice', () => {
  const berlin = (iso: string) => wallClockAt(at(iso), 'Europe/Berlin');
  const inGap = { from: '02:30', to: '04:00' };
  assert.equal(windowCovers({}, inGap, berlin('2026-03-29T00:59:59Z')), false); // 01:59:59 CET
  assert.equal(windowCovers({}, inGap, berlin('2026-03-29T01:00:00Z')), true); // 03:00 CEST
  const repeated = { from: '02:00', to: '02:30' };
  assert.equal(windowCovers({}, repeated, berlin('2026-10-25T00:15:00Z')), true); // 02:15 CEST
  assert.equal(windowCovers({}, repeated, berlin('2026-10-25T00:45:00Z')), false); // 02:45 CEST
  assert.equal(windowCovers({}, repeated, berlin('2026-10-25T01:15:00Z')), true); // 02:15 CET
});

test('operating hours: on inside any window, always on when none are set', () => {
  const hours = [
    { weekdays: [1, 2, 3, 4, 5], from: '07:00', to: '20:00' },
    { weekdays: [6], from: '09:00', to: '12:00' },
  ];
  assert.equal(screenOnAt(hours, wall('2026-05-04T06:59:00+08:00')), false);
  assert.equal(screenOnAt(hours, wall('2026-05-04T07:00:00+08:00')), true);
  assert.equal(screenOnAt(hours, wall('2026-05-09T13:00:00+08:00')), false);
  assert.equal(screenOnAt(hours, wall('2026-05-10T10:00:00+08:00')), false); // Sunday
  assert.equal(screenOnAt(undefined, wall('2026-05-10T03:00:00+08:00')), true);
});

test('boundaries are every start and end minute plus midnight; the next one is strictly ahead', () => {
  const s = schedule({
    entries: [entry('a', 'default', { window: late }), entry('b', 'default', { dayparts: ['m'] })],
    dayparts: [{ id: 'm', name: 'm', from: '06:00', to: '09:30' }],
    operatingHours: [{ weekdays: [1], from: '07:00', to: '22:00' }],
  });
  const minutes = boundaryMinutes(s);
  assert.deepEqual(minutes, [0, 120, 360, 420, 570, 1320]);
  assert.equal(msToNextBoundary(minutes, wall('2026-05-04T09:29:59.500+08:00')), 500);
  assert.equal(msToNextBoundary(minutes, wall('2026-05-04T09:30:00+08:00')), (22 * 60 - 570) * 60_000);
  assert.equal(msToNextBoundary(minutes, wall('2026-05-04T23:00:00+08:00')), 3_600_000); // midnight
});
