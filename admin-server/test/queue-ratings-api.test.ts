/**
 * 好差评 over HTTP on every backend: the window's pad sees the ticket just finished there in the
 * hall's state and rates it once (a second rating, even five sent at once, is ALREADY_EXISTS);
 * a ticket not finished, finished at another window or past its time is refused with its code; a
 * reason of another level is named by field; a 差评 opens exactly one complaint case, told without
 * anything of the resident, with the staff member who finished the ticket on the rating and the
 * case's tracking number in the reply; every rating is on the audit trail.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { AuditEntry, CaseList, QueueHallState, QueueRating, QueueTicket } from '@linli/protocol';
import { backends } from './backends';
import { TUESDAY_9AM, codeOf, detailsOf, hallFixture, hallInput } from './queue-fixture';

for (const backend of backends) {
  describe(backend.name, { skip: backend.skip }, () => {
    test('a finished ticket is rated once at its window in its time; a 差评 opens exactly one case', async (t) => {
      let now = TUESDAY_9AM;
      const minutes = (count: number) => (now = new Date(now.getTime() + count * 60_000));
      const { ticket, act, as, call, anhe, createHall, db } = await hallFixture(t, await backend.open(t), () => now);
      const hall = await createHall(hallInput(anhe.id));
      for (let index = 0; index < 4; index++) await ticket('social');
      const serve = async (username: string, window: number) => {
        const called = await act(username, hall.id, window, { action: 'call-next' });
        assert.equal(called.statusCode, 200, called.body);
        return (called.json() as { ticket: QueueTicket }).ticket;
      };
      const finish = async (username: string, window: number) => {
        const finished = await act(username, hall.id, window, { action: 'finish' });
        assert.equal(finished.statusCode, 200, finished.body);
        return (finished.json() as { state: QueueHallState }).state;
      };
      const rate = async (username: string, window: number, body: object) =>
        call(await as(username), 'POST', `/queue/halls/${hall.id}/windows/${window}/rating`, body);

      // Called but not finished: nothing to rate yet.
      const first = await serve('clerk1', 1);
      const early = await rate('clerk1', 1, { ticketId: first.id, level: 'satisfied', reasons: [] });
      assert.deepEqual([early.statusCode, codeOf(early)], [409, 'QUEUE_NOT_RATEABLE']);
      minutes(4);
      const after = await finish('clerk1', 1);
      assert.deepEqual(after.windows[0]!.toRate, {
        ticketId: first.id,
        label: 'A001',
        business: 'social',
        finishedAt: now.toISOString(),
      });
      assert.equal(after.windows[1]!.toRate, undefined, 'only its own window asks');

      assert.equal(
        codeOf(await rate('clerk2', 2, { ticketId: first.id, level: 'satisfied', reasons: [] })),
        'QUEUE_NOT_RATEABLE',
        'finished at another window',
      );
      const wrongReason = await rate('clerk1', 1, { ticketId: first.id, level: 'satisfied', reasons: ['rude'] });
      assert.deepEqual(detailsOf(wrongReason), [{ path: '/reasons/0', message: 'rude is not a reason of satisfied' }]);
      assert.equal((await rate('clerk1', 1, { ticketId: 99_999, level: 'satisfied', reasons: [] })).statusCode, 404);

      minutes(1);
      const praised = await rate('clerk1', 1, { ticketId: first.id, level: 'very-satisfied', reasons: ['efficient'] });
      assert.equal(praised.statusCode, 201, praised.body);
      assert.deepEqual(praised.json(), {
        ticketId: first.id,
        label: 'A001',
        window: 1,
        level: 'very-satisfied',
        reasons: ['efficient'],
        at: now.toISOString(),
      } satisfies QueueRating);
      const state = (await call(await as('clerk1'), 'GET', `/queue/halls/${hall.id}/state`)).json() as QueueHallState;
      assert.equal(state.windows[0]!.toRate, undefined, 'rated: the pad waits again');
      const again = await rate('clerk1', 1, { ticketId: first.id, level: 'very-dissatisfied', reasons: [] });
      assert.deepEqual([again.statusCode, codeOf(again)], [409, 'ALREADY_EXISTS']);

      // 不满意 at window 2, finished by clerk2: a complaint case, its tracking number kept with the rating.
      const second = await serve('clerk2', 2);
      minutes(6);
      await finish('clerk2', 2);
      const complained = await rate('clerk2', 2, {
        ticketId: second.id,
        level: 'dissatisfied',
        reasons: ['long-wait', 'rude'],
      });
      assert.equal(complained.statusCode, 201, complained.body);
      const { caseTracking } = complained.json() as QueueRating;
      assert.match(caseTracking ?? '', /^\d{12}$/);
      const found = (await call(await as('anhe-admin'), 'GET', `/cases?q=${caseTracking}`)).json() as CaseList;
      assert.equal(found.cases.length, 1);
      const filed = found.cases[0]!;
      assert.deepEqual(
        [filed.nature, filed.channel, filed.category, filed.state, filed.orgId, filed.anonymous, filed.contactMasked],
        ['complaint', 'walk-in', 'affairs', 'registered', anhe.id, true, undefined],
      );
      assert.equal(
        filed.description,
        '窗口服务差评：安和街道便民服务中心 2号窗口（综合窗口），社保医保业务，号码 A002，2026-03-10 09:11 办结。' +
          '居民评价「不满意」，原因：等候时间长、态度差。请核查该窗口的服务并改进。',
      );
      const stored = await db.all<{
        ticket_id: number;
        staff: string;
        window_no: number;
        case_tracking: string | null;
      }>('SELECT ticket_id, staff, window_no, case_tracking FROM queue_ratings ORDER BY id');
      assert.deepEqual(
        stored.map((row) => [Number(row.ticket_id), row.staff, Number(row.window_no), row.case_tracking]),
        [
          [first.id, 'clerk1', 1, null],
          [second.id, 'clerk2', 2, caseTracking],
        ],
      );

      // Five 非常不满意 sent at once from the pad: one rating, one case.
      const third = await serve('clerk1', 1);
      await finish('clerk1', 1);
      const replies = await Promise.all(
        Array.from({ length: 5 }, () =>
          rate('clerk1', 1, { ticketId: third.id, level: 'very-dissatisfied', reasons: [] }),
        ),
      );
      assert.deepEqual(replies.map((reply) => reply.statusCode).sort(), [201, 409, 409, 409, 409]);
      assert.ok(
        replies.filter((reply) => reply.statusCode === 409).every((reply) => codeOf(reply) === 'ALREADY_EXISTS'),
      );
      const cases = await db.all<{ description: string }>("SELECT description FROM cases WHERE nature = 'complaint'");
      assert.deepEqual(
        cases.map((row) => /号码 (A\d{3})/.exec(row.description)?.[1]).sort(),
        ['A002', 'A003'],
        'one case a 差评',
      );

      // Past the rating time: the pad no longer asks, and a rating is refused.
      const fourth = await serve('clerk1', 1);
      const late = await finish('clerk1', 1);
      assert.equal(late.windows[0]!.toRate?.label, 'A004');
      minutes(11);
      const closed = await rate('clerk1', 1, { ticketId: fourth.id, level: 'satisfied', reasons: [] });
      assert.deepEqual([closed.statusCode, codeOf(closed)], [409, 'QUEUE_RATING_CLOSED']);
      const later = (await call(await as('clerk1'), 'GET', `/queue/halls/${hall.id}/state`)).json() as QueueHallState;
      assert.equal(later.windows[0]!.toRate, undefined);

      const trail = (await call(await as('admin'), 'GET', '/audit?action=queue.rate&limit=50')).json() as {
        entries: AuditEntry[];
      };
      assert.deepEqual(
        trail.entries
          .map(
            (entry) =>
              `${entry.actor} ${entry.outcome} ${(entry.after as QueueRating).label} ${(entry.after as QueueRating).level}`,
          )
          .sort(),
        ['clerk1 ok A001 very-satisfied', 'clerk1 ok A003 very-dissatisfied', 'clerk2 ok A002 dissatisfied'],
      );
    });

    test('another street can neither rate a hall’s tickets nor read its statistics (audited); a window it lacks is 404', async (t) => {
      const now = TUESDAY_9AM;
      const { ticket, act, as, call, anhe, createHall } = await hallFixture(t, await backend.open(t), () => now);
      const hall = await createHall(hallInput(anhe.id));
      await ticket('social');
      const called = (await act('clerk1', hall.id, 1, { action: 'call-next' })).json() as { ticket: QueueTicket };
      await act('clerk1', hall.id, 1, { action: 'finish' });
      const body = { ticketId: called.ticket.id, level: 'dissatisfied', reasons: [] };
      const outsider = await call(await as('jiangbin-admin'), 'POST', `/queue/halls/${hall.id}/windows/1/rating`, body);
      assert.equal(outsider.statusCode, 404, outsider.body);
      assert.equal((await call(await as('jiangbin-admin'), 'GET', `/queue/halls/${hall.id}/stats`)).statusCode, 404);
      assert.equal(
        (await call(await as('clerk1'), 'POST', `/queue/halls/${hall.id}/windows/9/rating`, body)).statusCode,
        404,
        'no window 9',
      );
      const denied = (await call(await as('admin'), 'GET', '/audit?action=queue.rate&outcome=denied')).json() as {
        entries: AuditEntry[];
      };
      assert.deepEqual(
        denied.entries.map((entry) => entry.actor),
        ['jiangbin-admin'],
      );
    });
  });
}
