/**
 * 预约's rules: a day's hours cut into whole slots, the days that may be booked (today's slots not
 * yet begun and the days ahead, by the Beijing date, shut days left out by the shipped 2026 calendar: the National Day week off,
 * Saturday 10 October worked), the places left, and the check-in window's edges.
 */
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readWorkCalendarYear, workCalendar, type QueueHallInput } from '@linli/protocol';
import {
  appointmentProblems,
  bookableDates,
  checkInRefusal,
  offeredDays,
  slotsOf,
} from '../src/domain/queue-appointment-rules';

const calendar = workCalendar([
  readWorkCalendarYear(JSON.parse(readFileSync(new URL('../case-rules/cn-2026.json', import.meta.url), 'utf8'))),
]);
const beijing = (local: string) => new Date(`${local}+08:00`);
const HALL: Pick<QueueHallInput, 'hours' | 'followsWorkCalendar'> = {
  hours: [{ weekdays: [1, 2, 3, 4, 5], windows: [{ from: '08:30', to: '10:00' }] }],
  followsWorkCalendar: true,
};

test('a day is cut into whole slots; a remainder shorter than a slot is not offered', () => {
  assert.deepEqual(slotsOf([{ from: '08:30', to: '10:00' }], 30), [
    { from: '08:30', to: '09:00' },
    { from: '09:00', to: '09:30' },
    { from: '09:30', to: '10:00' },
  ]);
  assert.deepEqual(slotsOf([{ from: '13:30', to: '14:50' }], 60), [{ from: '13:30', to: '14:30' }]);
  assert.deepEqual(slotsOf([{ from: '13:30', to: '14:00' }], 60), []);
});

test('the days booked are today and the days ahead, by the Beijing date, not the UTC one', () => {
  // 00:30 on 1 December in Beijing is still 30 November in UTC.
  assert.deepEqual(bookableDates(beijing('2026-12-01T00:30'), 2), ['2026-12-01', '2026-12-02', '2026-12-03']);
  assert.deepEqual(bookableDates(beijing('2026-12-31T23:59'), 1), ['2026-12-31', '2027-01-01']);
});

test('shut days are left out and a 调休 Saturday is offered; places left count the bookings', () => {
  const hall = { ...HALL, appointments: { slotMinutes: 30 as const, daysAhead: 10, perSlot: { social: 3 } } };
  const booked = (date: string, from: string) => (date === '2026-10-09' && from === '08:30' ? 3 : 1);
  const days = offeredDays(hall, 'social', beijing('2026-09-30T10:00'), calendar, booked);
  assert.deepEqual(
    days.map((day) => day.date),
    ['2026-10-08', '2026-10-09', '2026-10-10'],
  );
  assert.deepEqual(
    days[1]!.slots.map((slot) => `${slot.from} ${slot.left}`),
    ['08:30 0', '09:00 2', '09:30 2'],
  );
  assert.deepEqual(offeredDays(hall, 'civil', beijing('2026-09-30T10:00'), calendar, booked), [], 'no places set');
});

test("today's slots are offered only until they begin", () => {
  const hall = { ...HALL, appointments: { slotMinutes: 30 as const, daysAhead: 1, perSlot: { social: 3 } } };
  const days = offeredDays(hall, 'social', beijing('2026-03-10T09:00'), calendar, () => 0);
  assert.deepEqual(
    days.map((day) => `${day.date} ${day.slots.map((slot) => slot.from).join(' ')}`),
    ['2026-03-10 09:30', '2026-03-11 08:30 09:00 09:30'],
  );
});

test('check-in opens 30 minutes before the slot and closes 15 minutes after it began', () => {
  assert.equal(checkInRefusal('2026-03-11', '08:30', beijing('2026-03-11T07:59')), 'early');
  assert.equal(checkInRefusal('2026-03-11', '08:30', beijing('2026-03-11T08:00')), undefined);
  assert.equal(checkInRefusal('2026-03-11', '08:30', beijing('2026-03-11T08:45')), undefined);
  assert.equal(checkInRefusal('2026-03-11', '08:30', beijing('2026-03-11T08:46')), 'late');
  assert.equal(checkInRefusal('2026-03-11', '08:30', beijing('2026-03-10T08:30')), 'early', 'the day before');
});

test('booking rules may name only the hall’s businesses', () => {
  const businesses = [{ id: 'social', name: '社保', prefix: 'A', maxPerDay: 9, open: true, serviceMinutes: 5 }];
  const appointments = { slotMinutes: 30 as const, daysAhead: 3, perSlot: { social: 1, gone: 2 } };
  assert.deepEqual(appointmentProblems({ businesses, appointments }), [
    { path: '/appointments/perSlot/gone', message: 'no business gone in this hall' },
  ]);
  assert.deepEqual(appointmentProblems({ businesses }), []);
});
