/**
 * A hall's statistics over HTTP on every backend, for a scripted Tuesday on the test's clock: four
 * tickets (one served at each of two windows, one 过号, one never called and lapsed by the next
 * morning), their waits and services, by business, window, hour and staff member, with two ratings;
 * the next day's ticket counted only when the period includes it; a window clerk may read them; a
 * period backwards, too long or not a date is refused beside the field it names.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { QueueStats, QueueTicket } from '@linli/protocol';
import { backends } from './backends';
import { beijing, detailsOf, hallFixture, hallInput } from './queue-fixture';

for (const backend of backends) {
  describe(backend.name, { skip: backend.skip }, () => {
    test('a scripted day counted: tickets, waits, services, by business, window, hour and staff, and ratings', async (t) => {
      let now = beijing('2026-03-10T09:00');
      const { ticket, act, as, call, anhe, createHall } = await hallFixture(t, await backend.open(t), () => now);
      const hall = await createHall(hallInput(anhe.id));
      const step = async (time: string, username: string, window: number, action: string) => {
        now = beijing(`2026-03-10T${time}`);
        const reply = await act(username, hall.id, window, { action });
        assert.equal(reply.statusCode, 200, reply.body);
        return (reply.json() as { ticket: QueueTicket }).ticket;
      };
      const rate = async (username: string, window: number, ticketId: number, level: string, reasons: string[]) => {
        const reply = await call(await as(username), 'POST', `/queue/halls/${hall.id}/windows/${window}/rating`, {
          ticketId,
          level,
          reasons,
        });
        assert.equal(reply.statusCode, 201, reply.body);
      };

      assert.deepEqual([await ticket('social'), await ticket('civil')], ['A001', 'B001']);
      now = beijing('2026-03-10T09:10');
      assert.equal(await ticket('social'), 'A002');
      const a001 = await step('09:20', 'clerk1', 1, 'call-next');
      await step('09:26', 'clerk1', 1, 'finish');
      await rate('clerk1', 1, a001.id, 'satisfied', ['friendly']);
      const b001 = await step('09:30', 'clerk2', 3, 'call-next');
      assert.equal((await step('09:30', 'clerk1', 1, 'call-next')).label, 'A002');
      await step('09:32', 'clerk1', 1, 'no-show');
      await step('09:40', 'clerk2', 3, 'finish');
      await rate('clerk2', 3, b001.id, 'very-dissatisfied', ['long-wait']);
      now = beijing('2026-03-10T10:05');
      assert.equal(await ticket('social'), 'A003');
      // The next morning: A003 was never called, and a new day's ticket is taken.
      now = beijing('2026-03-11T10:00');
      assert.equal(await ticket('social'), 'A001');

      const stats = async (username: string, query: string) => {
        const reply = await call(await as(username), 'GET', `/queue/halls/${hall.id}/stats${query}`);
        assert.equal(reply.statusCode, 200, reply.body);
        return reply.json() as QueueStats;
      };
      const tuesday = await stats('anhe-admin', '?from=2026-03-10&to=2026-03-10');
      assert.deepEqual(tuesday.totals, {
        taken: 4,
        served: 2,
        noShow: 1,
        lapsed: 1,
        open: 0,
        // A001 20 min, B001 30 min, A002 20 min.
        wait: { count: 3, averageSeconds: 1400, p90Seconds: 1800 },
        // A001 6 min, B001 10 min.
        service: { count: 2, averageSeconds: 480, p90Seconds: 600 },
        ratings: {
          count: 2,
          levels: {
            'very-satisfied': 0,
            satisfied: 1,
            'basically-satisfied': 0,
            dissatisfied: 0,
            'very-dissatisfied': 1,
          },
          satisfactionRate: 0.5,
        },
      });
      assert.deepEqual(
        tuesday.byBusiness.map((row) => [
          row.name,
          row.taken,
          row.served,
          row.noShow,
          row.lapsed,
          row.wait.averageSeconds,
        ]),
        [
          ['社保医保', 3, 1, 1, 1, 1200],
          ['民政救助', 1, 1, 0, 0, 1800],
          ['户籍证照', 0, 0, 0, 0, null],
        ],
      );
      assert.deepEqual(
        tuesday.byWindow.map((row) => [
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
          [2, '综合窗口', 0, 0, null, 0, null],
          [3, undefined, 1, 0, 600, 1, 0],
        ],
      );
      assert.deepEqual(
        tuesday.byHour.map((row) => [row.hour, row.taken, row.served, row.wait.averageSeconds, row.wait.p90Seconds]),
        [
          [9, 3, 2, 1400, 1800],
          [10, 1, 0, null, null],
        ],
      );
      assert.deepEqual(
        tuesday.byStaff.map((row) => [
          row.username,
          row.served,
          row.service.averageSeconds,
          row.ratings.levels.satisfied,
          row.ratings.levels['very-dissatisfied'],
        ]),
        [
          ['clerk1', 1, 360, 1, 0],
          ['clerk2', 1, 600, 0, 1],
        ],
      );

      // A window clerk reads them too; two days count Wednesday's ticket, still open; no period: today.
      const both = await stats('clerk1', '?from=2026-03-10&to=2026-03-11');
      assert.deepEqual([both.totals.taken, both.totals.open, both.totals.lapsed], [5, 1, 1]);
      const today = await stats('clerk1', '');
      assert.deepEqual([today.from, today.to, today.totals.taken], ['2026-03-11', '2026-03-11', 1]);

      const refused = async (query: string) => {
        const reply = await call(await as('anhe-admin'), 'GET', `/queue/halls/${hall.id}/stats${query}`);
        assert.equal(reply.statusCode, 400, reply.body);
        return detailsOf(reply).map((detail) => detail.path);
      };
      assert.deepEqual(await refused('?from=2026-03-11&to=2026-03-10'), ['/to'], 'backwards');
      assert.deepEqual(await refused('?from=2025-03-10&to=2026-03-11'), ['/to'], 'more than 366 days');
      assert.deepEqual(await refused('?from=2026-3-1&to=2026-03-11'), ['querystring/from'], 'not a date');
    });
  });
}
