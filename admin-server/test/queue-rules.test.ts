/**
 * The queue's pure rules: the service day around the reset time (Beijing time whatever the
 * server's zone), when a business gives tickets (weekday hours, windows of the day, holidays and
 * 调休 by the shipped 2026 calendar), the order windows call in, people before a ticket and the
 * estimated wait, the printed label, and a hall's set-up checked by field.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { readWorkCalendarYear, workCalendar, type QueueHallInput } from '@linli/protocol';
import {
  averageServiceMinutes,
  callOrder,
  estimatedMinutes,
  hallProblems,
  hoursOn,
  mayRecall,
  nextForWindow,
  peopleBefore,
  refusalOf,
  serviceDay,
  servingWindows,
  ticketLabel,
  type WaitingTicket,
} from '../src/domain/queue-rules';

const calendar = workCalendar([
  readWorkCalendarYear(JSON.parse(readFileSync(new URL('../case-rules/cn-2026.json', import.meta.url), 'utf8'))),
]);
/** An instant given as Beijing wall-clock time. */
const beijing = (local: string) => new Date(`${local}+08:00`);

const HOURS: Pick<QueueHallInput, 'hours' | 'followsWorkCalendar'> = {
  hours: [
    {
      weekdays: [1, 2, 3, 4, 5],
      windows: [
        { from: '08:30', to: '12:00' },
        { from: '13:30', to: '17:30' },
      ],
    },
    { weekdays: [6], windows: [{ from: '09:00', to: '12:00' }] },
  ],
  followsWorkCalendar: true,
};
const OPEN = { open: true, maxPerDay: 3 };

test('the service day is the Beijing date of the last reset: before the reset time it is still the day before', () => {
  assert.equal(serviceDay(beijing('2026-03-10T00:00'), '00:00'), '2026-03-10');
  assert.equal(serviceDay(beijing('2026-03-09T23:59'), '00:00'), '2026-03-09');
  assert.equal(serviceDay(beijing('2026-03-10T02:59'), '03:00'), '2026-03-09');
  assert.equal(serviceDay(beijing('2026-03-10T03:00'), '03:00'), '2026-03-10');
  // 1 March at 01:00 in Beijing is still 28 February's service day with a 05:00 reset.
  assert.equal(serviceDay(beijing('2026-03-01T01:00'), '05:00'), '2026-02-28');
  // 16:30 UTC is already the next day in Beijing.
  assert.equal(serviceDay(new Date('2026-03-09T16:30:00Z'), '00:00'), '2026-03-10');
});

test('tickets are given in the windows of the weekday, refused outside them, and a closed business always', () => {
  // Tuesday 10 March 2026.
  assert.equal(refusalOf(HOURS, OPEN, beijing('2026-03-10T08:30'), calendar, 0), undefined);
  assert.equal(refusalOf(HOURS, OPEN, beijing('2026-03-10T11:59'), calendar, 0), undefined);
  assert.equal(refusalOf(HOURS, OPEN, beijing('2026-03-10T12:00'), calendar, 0), 'outside-hours', 'the end is not in');
  assert.equal(refusalOf(HOURS, OPEN, beijing('2026-03-10T12:45'), calendar, 0), 'outside-hours', 'lunch');
  assert.equal(refusalOf(HOURS, OPEN, beijing('2026-03-10T08:29'), calendar, 0), 'outside-hours');
  assert.equal(refusalOf(HOURS, OPEN, beijing('2026-03-10T17:00'), calendar, 0), undefined);
  // Saturday mornings only; Sunday no hours at all.
  assert.equal(refusalOf(HOURS, OPEN, beijing('2026-03-14T10:00'), calendar, 0), undefined);
  assert.equal(refusalOf(HOURS, OPEN, beijing('2026-03-14T14:00'), calendar, 0), 'outside-hours');
  assert.equal(refusalOf(HOURS, OPEN, beijing('2026-03-15T10:00'), calendar, 0), 'outside-hours');
  assert.equal(refusalOf(HOURS, { ...OPEN, open: false }, beijing('2026-03-10T10:00'), calendar, 0), 'closed');
  assert.equal(refusalOf(HOURS, OPEN, beijing('2026-03-10T10:00'), calendar, 2), undefined);
  assert.equal(refusalOf(HOURS, OPEN, beijing('2026-03-10T10:00'), calendar, 3), 'full', 'the maximum given');
});

test('following the work calendar: public holidays are closed and a 调休 Sunday keeps a workday’s hours', () => {
  // Thursday 1 October 2026, National Day.
  assert.equal(refusalOf(HOURS, OPEN, beijing('2026-10-01T10:00'), calendar, 0), 'holiday');
  assert.deepEqual(hoursOn(HOURS, '2026-10-01', calendar), { windows: [], holiday: true });
  // Sunday 20 September 2026 is worked: Monday's hours, afternoon included.
  assert.equal(refusalOf(HOURS, OPEN, beijing('2026-09-20T15:00'), calendar, 0), undefined);
  assert.deepEqual(hoursOn(HOURS, '2026-09-20', calendar).windows, HOURS.hours[0]!.windows);
  // Not following it, the holiday is an ordinary Thursday and the Sunday has no hours.
  const own = { ...HOURS, followsWorkCalendar: false };
  assert.equal(refusalOf(own, OPEN, beijing('2026-10-01T10:00'), calendar, 0), undefined);
  assert.equal(refusalOf(own, OPEN, beijing('2026-09-20T15:00'), calendar, 0), 'outside-hours');
  // A Saturday off in the calendar keeps the hall's own Saturday hours.
  assert.equal(refusalOf(HOURS, OPEN, beijing('2026-03-14T10:00'), calendar, 0), undefined);
});

const waiting = (id: number, business: string, minute: number, extra: Partial<WaitingTicket> = {}): WaitingTicket => ({
  id,
  business,
  priority: 'none',
  takenAt: `2026-03-10T01:${String(minute).padStart(2, '0')}:00.000Z`,
  ...extra,
});

test('a window calls tickets transferred to it first, then priority tickets, then the earliest of its businesses', () => {
  const tickets = [
    waiting(1, 'social', 1),
    waiting(2, 'civil', 2),
    waiting(3, 'social', 3, { priority: 'elder' }),
    waiting(4, 'social', 4, { toWindow: 2 }),
    waiting(5, 'civil', 0, { toWindow: 1 }),
    waiting(6, 'social', 5, { priority: 'appointment' }),
  ];
  assert.equal(nextForWindow(tickets, { number: 1, businesses: ['social'] })?.id, 5, 'sent to window 1');
  assert.equal(nextForWindow(tickets, { number: 2, businesses: ['civil'] })?.id, 4, 'sent to window 2');
  const rest = tickets.filter((ticket) => ticket.toWindow === undefined);
  assert.equal(nextForWindow(rest, { number: 1, businesses: ['social'] })?.id, 3, 'the elder before earlier tickets');
  assert.equal(nextForWindow(rest, { number: 3, businesses: ['civil', 'social'] })?.id, 3);
  const plain = rest.filter((ticket) => ticket.priority === 'none');
  assert.equal(nextForWindow(plain, { number: 3, businesses: ['civil', 'social'] })?.id, 1, 'earliest of both');
  assert.equal(nextForWindow(plain, { number: 3, businesses: ['civil'] })?.id, 2);
  assert.equal(nextForWindow(plain, { number: 3, businesses: ['other'] }), undefined);
  // A ticket sent to another window is never called here, even for its business.
  assert.equal(
    nextForWindow([waiting(4, 'social', 4, { toWindow: 2 })], { number: 1, businesses: ['social'] }),
    undefined,
  );
  assert.deepEqual(
    callOrder(tickets).map((ticket) => ticket.id),
    [5, 4, 3, 6, 1, 2],
  );
  // Taken in the same millisecond: the one stored first.
  assert.deepEqual(
    callOrder([waiting(8, 'social', 1), waiting(7, 'social', 1)]).map((ticket) => ticket.id),
    [7, 8],
  );
});

test('people before a ticket are those of its business ahead of it; the wait shares them among the open windows', () => {
  const queue = [waiting(1, 'social', 1), waiting(2, 'civil', 2), waiting(3, 'social', 3), waiting(4, 'social', 4)];
  assert.equal(peopleBefore(queue[3]!, queue), 2);
  assert.equal(peopleBefore(queue[0]!, queue), 0);
  const elder = waiting(9, 'social', 9, { priority: 'elder' });
  assert.equal(peopleBefore(elder, [...queue, elder]), 0, 'a priority ticket goes before the plain ones');
  assert.equal(
    peopleBefore(
      { id: Number.MAX_SAFE_INTEGER, business: 'social', priority: 'none', takenAt: '2026-03-10T02:00:00.000Z' },
      queue,
    ),
    3,
  );

  assert.equal(averageServiceMinutes([], 6), 6, 'the set-up until somebody is served');
  const served = [
    { calledAt: '2026-03-10T01:00:00.000Z', finishedAt: '2026-03-10T01:04:00.000Z' },
    { calledAt: '2026-03-10T01:10:00.000Z', finishedAt: '2026-03-10T01:20:00.000Z' },
  ];
  assert.equal(averageServiceMinutes(served, 6), 7);
  assert.equal(estimatedMinutes(5, 7, 2), 18, '17.5 rounded up');
  assert.equal(estimatedMinutes(3, 20 / 3, 1), 20, 'no rounding error pushes it up');
  assert.equal(estimatedMinutes(0, 7, 2), 0);
  assert.equal(estimatedMinutes(2, 5, 0), 10, 'no window open: counted as one');
  const windows = [
    { number: 1, businesses: ['social'] },
    { number: 2, businesses: ['social', 'civil'] },
    { number: 3, businesses: ['civil'] },
  ];
  assert.equal(servingWindows(windows, 'social', new Set()), 2);
  assert.equal(servingWindows(windows, 'social', new Set([2])), 1, 'a paused window serves nobody');
});

test('labels are the prefix and three digits; a ticket is called three times at most', () => {
  assert.equal(ticketLabel('A', 1), 'A001');
  assert.equal(ticketLabel('C', 42), 'C042');
  assert.equal(ticketLabel('D', 999), 'D999');
  assert.deepEqual([1, 2, 3].map(mayRecall), [true, true, false]);
});

test("a hall's set-up is checked beyond its schema, each mistake named by its field", () => {
  const business = (id: string, prefix: string, open = true) => ({
    id,
    name: id,
    prefix,
    maxPerDay: 100,
    open,
    serviceMinutes: 5,
  });
  const good = {
    businesses: [business('social', 'A'), business('civil', 'B'), business('paused', 'C', false)],
    windows: [
      { number: 1, businesses: ['social'] },
      { number: 2, businesses: ['civil', 'social'] },
    ],
    hours: HOURS.hours,
  };
  assert.deepEqual(hallProblems(good), [], 'a closed business needs no window');
  const problems = hallProblems({
    businesses: [business('social', 'A'), business('social', 'B'), business('civil', 'A'), business('lonely', 'D')],
    windows: [
      { number: 1, businesses: ['social', 'nowhere'] },
      { number: 1, businesses: ['civil', 'civil'] },
    ],
    hours: [
      {
        weekdays: [1, 2],
        windows: [
          { from: '13:00', to: '17:00' },
          { from: '08:30', to: '13:30' },
        ],
      },
      { weekdays: [2, 3], windows: [{ from: '12:00', to: '09:00' }] },
    ],
  });
  assert.deepEqual(
    problems.map((problem) => problem.path),
    [
      '/businesses/1/id',
      '/businesses/2/prefix',
      '/windows/1/number',
      '/windows/0/businesses/1',
      '/windows/1/businesses/1',
      '/businesses/3',
      '/hours/0/windows/0',
      '/hours/1/weekdays/0',
      '/hours/1/windows/0/to',
    ],
  );
  assert.match(problems.find((problem) => problem.path === '/businesses/3')!.message, /no window serves lonely/);
  assert.match(problems.find((problem) => problem.path === '/hours/0/windows/0')!.message, /overlaps 08:30–13:30/);
});
