/** 老年人优先 by the ID card: whole years on the Beijing calendar date, against the hall's rule. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { beijingDate } from '../host/beijing-time';
import { ageOn, priorityByCard } from '../host/queue/queue-priority';

test('a year older on the birthday itself, not the day before', () => {
  assert.equal(ageOn('1956-12-05', '2026-12-05'), 70, 'the 70th birthday is today');
  assert.equal(ageOn('1956-12-06', '2026-12-05'), 69, 'the 70th birthday is tomorrow');
  assert.equal(ageOn('1956-11-30', '2026-12-05'), 70);
  assert.equal(ageOn('1957-01-01', '2026-12-31'), 69);
  assert.equal(ageOn('1956-12-31', '2027-01-01'), 70, 'across the new year');
  assert.equal(priorityByCard('1956-12-05', '2026-12-05', 70), 'elder');
  assert.equal(priorityByCard('1956-12-06', '2026-12-05', 70), 'none');
  assert.equal(priorityByCard('1956-12-06', '2026-12-06', 70), 'elder', 'and the next day, they are');
});

test('born on 29 February: a year older on 29 February in leap years, on 1 March in common years', () => {
  assert.equal(ageOn('1956-02-29', '2026-02-28'), 69);
  assert.equal(ageOn('1956-02-29', '2026-03-01'), 70);
  assert.equal(ageOn('1956-02-29', '2028-02-28'), 71);
  assert.equal(ageOn('1956-02-29', '2028-02-29'), 72);
  assert.equal(priorityByCard('1956-02-29', '2026-02-28', 70), 'none');
  assert.equal(priorityByCard('1956-02-29', '2026-03-01', 70), 'elder');
});

test('the date is Beijing’s: at 16:30 UTC it is already the next day there', () => {
  // 2026-12-04T16:30Z is 00:30 on 5 December in Beijing, the 70th birthday of someone born on 5 December 1956.
  const today = beijingDate(new Date('2026-12-04T16:30:00Z'));
  assert.equal(today, '2026-12-05');
  assert.equal(priorityByCard('1956-12-05', today, 70), 'elder');
  assert.equal(priorityByCard('1956-12-05', beijingDate(new Date('2026-12-04T15:59:00Z')), 70), 'none');
});

test('no rule, or a birth date that cannot be read, asks for no priority', () => {
  assert.equal(priorityByCard('1930-01-01', '2026-12-05', null), 'none', 'the hall has no age rule');
  assert.equal(priorityByCard('', '2026-12-05', 70), 'none');
  assert.equal(priorityByCard('19300101', '2026-12-05', 70), 'none');
  assert.equal(priorityByCard('1930-13-01', '2026-12-05', 70), 'none');
  assert.equal(ageOn('2027-01-01', '2026-12-05'), undefined, 'born after today');
  assert.equal(priorityByCard('1976-12-05', '2026-12-05', 50), 'elder', 'the hall chooses the age');
});
