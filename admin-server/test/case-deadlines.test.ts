/**
 * Case deadlines from the shipped rules and the 2026 calendar: which rule applies, the limits in
 * working days across a holiday week, the yellow and red lights, and a rules file without a
 * fallback refused.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { LinliError, readWorkCalendarYear, workCalendar } from '@linli/protocol';
import { deadlineLight, deadlinesFor, readDeadlineRules, ruleFor } from '../src/domain/case-deadlines';

const read = (file: string) => JSON.parse(readFileSync(new URL(`../case-rules/${file}`, import.meta.url), 'utf8'));
const RULES = readDeadlineRules(read('deadline-rules.json'));
const calendar = workCalendar([readWorkCalendarYear(read('cn-2026.json'))]);

test('the most specific rule applies: category first, then nature and urgency', () => {
  const kind = { nature: 'complaint', urgency: 'normal', category: 'city/sanitation' } as const;
  assert.equal(ruleFor(RULES, kind).replyWorkingDays, 13, 'a complaint: the fallback');
  assert.equal(ruleFor(RULES, { ...kind, nature: 'consultation' }).replyWorkingDays, 3);
  assert.equal(ruleFor(RULES, { ...kind, nature: 'help' }).replyWorkingDays, 5);
  assert.equal(ruleFor(RULES, { ...kind, urgency: 'urgent' }).replyWorkingDays, 0, 'urgent: the same day');
  assert.equal(ruleFor(RULES, { ...kind, category: 'utilities/water' }).dispatchHours, 2, 'water, power, gas');
  assert.equal(ruleFor(RULES, { ...kind, category: 'utilitiesx' }).dispatchHours, 24, 'a prefix is a whole segment');
});

test('limits count working days from the next day, across the National Day week', () => {
  const complaint = ruleFor(RULES, { nature: 'complaint', urgency: 'normal', category: 'city' });
  // Received on 30 September at 16:00 Beijing time.
  const deadlines = deadlinesFor(complaint, calendar, new Date('2026-09-30T08:00:00Z'));
  assert.deepEqual(deadlines, {
    dispatchBy: '2026-10-01T08:00:00.000Z',
    signBy: '2026-10-08',
    replyBy: '2026-10-23',
    closeBy: '2026-10-27',
    extensionLatest: '2026-11-13',
  });
  // Received at 23:30 Beijing time on 13 February: that is the day it counts from.
  const urgent = ruleFor(RULES, { nature: 'help', urgency: 'urgent', category: 'city' });
  const late = deadlinesFor(urgent, calendar, new Date('2026-02-13T15:30:00Z'));
  assert.equal(late.replyBy, '2026-02-13', 'urgent: the same day');
  assert.equal(late.closeBy, '2026-02-14', 'the next working day is the make-up Saturday');
});

test('yellow within the warning days before a limit, red after it', () => {
  assert.equal(deadlineLight(calendar, '2026-10-23', '2026-10-19', 2), 'ok');
  assert.equal(deadlineLight(calendar, '2026-10-23', '2026-10-21', 2), 'yellow');
  assert.equal(deadlineLight(calendar, '2026-10-23', '2026-10-23', 0), 'yellow', 'the last day itself');
  assert.equal(deadlineLight(calendar, '2026-10-23', '2026-10-24', 2), 'red');
  // Over a holiday week the warning counts working days, not calendar days.
  assert.equal(deadlineLight(calendar, '2026-10-08', '2026-09-30', 1), 'yellow');
});

test('a rules file with no rule for every case is refused, naming where', () => {
  assert.throws(
    () => readDeadlineRules({ rules: [RULES.rules[1]] }),
    (error: unknown) => error instanceof LinliError && error.details?.[0]?.path === '/rules',
  );
  assert.throws(() => readDeadlineRules({ rules: [{ ...RULES.rules[0], dispatchHours: 0 }] }), {
    code: 'VALIDATION_FAILED',
  });
});
