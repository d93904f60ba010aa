/**
 * Working days across the 2026 national calendar shipped in admin-server/case-rules/: holidays and
 * 调休 make-up workdays counted as the State Council set them, deadlines "from the next day", and
 * calendar files with mistakes refused by field.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { LinliError, readWorkCalendarYear, workCalendar } from '@linli/protocol';

const CN_2026 = readWorkCalendarYear(
  JSON.parse(readFileSync(new URL('../case-rules/cn-2026.json', import.meta.url), 'utf8')),
);
const calendar = workCalendar([CN_2026]);

test('2026 has 248 working days: weekdays less the holidays, plus the six make-up Saturdays and Sundays', () => {
  assert.equal(calendar.workingDaysBetween('2025-12-31', '2026-12-31'), 248);
  for (const day of ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10'])
    assert.ok(calendar.isWorkingDay(day), `${day} is worked (调休)`);
  for (const day of ['2026-01-01', '2026-02-16', '2026-02-23', '2026-04-06', '2026-05-05', '2026-06-19', '2026-10-07'])
    assert.ok(!calendar.isWorkingDay(day), `${day} is a holiday`);
  assert.ok(!calendar.isWorkingDay('2026-03-07'), 'an ordinary Saturday');
  assert.ok(calendar.isWorkingDay('2026-03-09'), 'an ordinary Monday');
});

test('deadlines count from the next day and step over holiday weeks', () => {
  // Friday before the Spring Festival: the make-up Saturday counts, the nine days off do not.
  assert.equal(calendar.addWorkingDays('2026-02-13', 1), '2026-02-14');
  assert.equal(calendar.addWorkingDays('2026-02-13', 3), '2026-02-25');
  // 13 working days for a complaint filed the day before National Day (Saturday 10 October is worked).
  assert.equal(calendar.addWorkingDays('2026-09-30', 1), '2026-10-08');
  assert.equal(calendar.addWorkingDays('2026-09-30', 3), '2026-10-10');
  assert.equal(calendar.addWorkingDays('2026-09-30', 13), '2026-10-23');
  // Across Labour Day, with its make-up Saturday 9 May.
  assert.equal(calendar.addWorkingDays('2026-04-30', 3), '2026-05-08');
  assert.equal(calendar.addWorkingDays('2026-04-30', 4), '2026-05-09');
  assert.equal(calendar.workingDaysBetween('2026-09-30', '2026-10-23'), 13);
  assert.equal(calendar.workingDaysBetween('2026-10-23', '2026-09-30'), 0);
});

test('a year with no calendar counts Monday to Friday, and says it is not covered', () => {
  assert.ok(calendar.covers(2026));
  assert.ok(!calendar.covers(2027));
  assert.equal(calendar.addWorkingDays('2027-01-01', 1), '2027-01-04', 'Friday 1 Jan 2027 → Monday');
});

test('a calendar file with mistakes is refused, each named by its field', () => {
  const broken = structuredClone(CN_2026);
  broken.holidays[1]!.to = '2026-02-10';
  broken.holidays.push({ name: '重复', from: '2026-10-07', to: '2026-10-08' });
  broken.makeUpWorkdays.push('2026-03-10', '2027-01-02', '2026-02-30');
  assert.throws(
    () => readWorkCalendarYear(broken),
    (error: unknown) =>
      error instanceof LinliError &&
      error.code === 'VALIDATION_FAILED' &&
      ['/holidays/1/to', '/holidays/7', '/makeUpWorkdays/6', '/makeUpWorkdays/7', '/makeUpWorkdays/8'].every((path) =>
        error.details!.some((detail) => detail.path === path),
      ),
  );
  assert.throws(() => readWorkCalendarYear({ year: 2026 }), { code: 'VALIDATION_FAILED' });
});
