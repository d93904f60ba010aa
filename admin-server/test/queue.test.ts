/**
 * The service hall's queue over HTTP on every backend: a hall's set-up checked by field, saved with
 * If-Match and audited, seen and changed only in its street; kiosks take tickets numbered per
 * business (A001…), idempotent by clientId, refused in words (closed, outside hours, a holiday,
 * full) and only from the hall above them; numbers start again at the reset time and the earlier
 * day's tickets lapse; counters call in order (transferred, priority, earliest) and every action
 * answers its coded errors; twenty windows calling at once never share a ticket (on PostgreSQL
 * through two server instances); the follow page says where a ticket stands; the live stream
 * sends the hall's state at once and after a call (on PostgreSQL from the other instance too).
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  type AuditEntry,
  type KioskQueueOffer,
  type QueueHall,
  type QueueHallInput,
  type QueueHallState,
  type QueueTicket,
  type QueueTicketReceipt,
} from '@linli/protocol';
import { startApp } from './app-harness';
import { backends } from './backends';
import { openDatabase } from '../src/db/open';
import { createChangeHub } from '../src/push/change-hub';
import { QUEUE_CHANNEL, connectPostgresFanout } from '../src/push/postgres-fanout';
import {
  ALWAYS,
  TUESDAY_9AM,
  beijing,
  business,
  clientId,
  codeOf,
  detailsOf,
  hallFixture,
  hallInput,
} from './queue-fixture';

for (const backend of backends) {
  describe(backend.name, { skip: backend.skip }, () => {
    test("a hall's set-up is checked by field, saved with If-Match and audited; another street neither sees nor changes it", async (t) => {
      const now = TUESDAY_9AM;
      const { call, as, anhe, jiangbin, createHall } = await hallFixture(t, await backend.open(t), () => now);
      const anheAdmin = await as('anhe-admin');
      const wrong = hallInput(anhe.id, {
        businesses: [business('social', '社保医保', 'A'), business('civil', '民政救助', 'A')],
        windows: [
          { number: 1, businesses: ['social', 'nowhere'] },
          { number: 1, businesses: ['social'] },
        ],
      });
      const refused = await call(anheAdmin, 'POST', '/queue/halls', wrong);
      assert.equal(refused.statusCode, 400, refused.body);
      assert.equal(codeOf(refused), 'VALIDATION_FAILED');
      assert.deepEqual(
        detailsOf(refused).map((detail) => detail.path),
        ['/businesses/1/prefix', '/windows/1/number', '/windows/0/businesses/1', '/businesses/1'],
      );
      const schema = await call(anheAdmin, 'POST', '/queue/halls', { ...hallInput(anhe.id), resetTime: '25:00' });
      assert.equal(codeOf(schema), 'VALIDATION_FAILED');
      assert.match(detailsOf(schema)[0]!.path, /\/resetTime$/);

      const hall = await createHall(hallInput(anhe.id));
      assert.equal(hall.version, 1);
      assert.equal(hall.orgId, anhe.id);
      const twice = await call(anheAdmin, 'POST', '/queue/halls', hallInput(anhe.id, { name: '第二个大厅' }));
      assert.equal(codeOf(twice), 'ALREADY_EXISTS', 'one hall a node');
      const read = await call(anheAdmin, 'GET', `/queue/halls/${hall.id}`);
      assert.equal(read.headers.etag, '"1"');
      assert.deepEqual(read.json(), hall);

      const renamed = hallInput(anhe.id, { name: '安和街道政务服务中心' });
      assert.equal((await call(anheAdmin, 'PUT', `/queue/halls/${hall.id}`, renamed)).statusCode, 428, 'If-Match');
      const saved = await call(anheAdmin, 'PUT', `/queue/halls/${hall.id}`, renamed, 1);
      assert.equal(saved.statusCode, 200, saved.body);
      assert.equal(saved.headers.etag, '"2"');
      const stale = await call(anheAdmin, 'PUT', `/queue/halls/${hall.id}`, hallInput(anhe.id), 1);
      assert.equal(codeOf(stale), 'EDIT_CONFLICT');
      const moved = await call(anheAdmin, 'PUT', `/queue/halls/${hall.id}`, hallInput(jiangbin.id), 2);
      assert.equal(detailsOf(moved)[0]?.path, '/orgId', 'a hall stays at its node');

      // Window clerks see the hall and may not change it; another street's staff do not see it at all.
      const clerk = await as('clerk1');
      assert.deepEqual(
        ((await call(clerk, 'GET', '/queue/halls')).json() as { halls: QueueHall[] }).halls.map((h) => h.name),
        ['安和街道政务服务中心'],
      );
      assert.equal(codeOf(await call(clerk, 'PUT', `/queue/halls/${hall.id}`, renamed, 2)), 'FORBIDDEN');
      const other = await as('jiangbin-admin');
      assert.deepEqual((await call(other, 'GET', '/queue/halls')).json(), { halls: [] });
      assert.equal((await call(other, 'GET', `/queue/halls/${hall.id}`)).statusCode, 404);
      assert.equal((await call(other, 'GET', `/queue/halls/${hall.id}/state`)).statusCode, 404);
      assert.equal((await call(other, 'PUT', `/queue/halls/${hall.id}`, renamed, 2)).statusCode, 404);
      assert.equal((await call(other, 'DELETE', `/queue/halls/${hall.id}`, undefined, 2)).statusCode, 404);
      assert.equal(
        (await call(other, 'POST', `/queue/halls/${hall.id}/windows/1/actions`, { action: 'pause' })).statusCode,
        404,
      );
      assert.equal(codeOf(await call(other, 'POST', '/queue/halls', hallInput(anhe.id))), 'FORBIDDEN');

      const trail = (await call(await as('admin'), 'GET', '/audit?subject=org&limit=50')).json() as {
        entries: AuditEntry[];
      };
      const hallEntries = trail.entries.filter((entry) => entry.targetType === 'queue-hall');
      assert.deepEqual(hallEntries.map((entry) => `${entry.action} ${entry.actor} ${entry.outcome}`).sort(), [
        'queue-hall.create anhe-admin ok',
        'queue-hall.create jiangbin-admin denied',
        'queue-hall.delete jiangbin-admin denied',
        'queue-hall.update anhe-admin ok',
        'queue-hall.update clerk1 denied',
        'queue-hall.update jiangbin-admin denied',
        'queue.pause jiangbin-admin denied',
      ]);
      const update = hallEntries.find((entry) => entry.action === 'queue-hall.update' && entry.outcome === 'ok')!;
      assert.deepEqual(
        [(update.before as QueueHall).name, (update.after as QueueHall).name],
        ['安和街道便民服务中心', '安和街道政务服务中心'],
      );

      const removed = await call(anheAdmin, 'DELETE', `/queue/halls/${hall.id}`, undefined, 2);
      assert.equal(removed.statusCode, 204, removed.body);
      assert.equal((await call(anheAdmin, 'GET', `/queue/halls/${hall.id}`)).statusCode, 404);
    });

    test('kiosks take tickets numbered per business, the same clientId is the same ticket, refusals are named', async (t) => {
      let now = TUESDAY_9AM;
      const { take, offer, kiosks, anhe, jiangbin, createHall, as, call } = await hallFixture(
        t,
        await backend.open(t),
        () => now,
      );
      assert.equal(codeOf(await offer(kiosks.linjiang)), 'QUEUE_NO_HALL', 'no hall yet');
      const hall = await createHall(
        hallInput(anhe.id, {
          businesses: [
            business('social', '社保医保', 'A'),
            business('civil', '民政救助', 'B', { maxPerDay: 2 }),
            business('household', '户籍证照', 'C', { open: false }),
          ],
        }),
      );
      const offered = (await offer(kiosks.linjiang)).json() as KioskQueueOffer;
      assert.equal(offered.hallId, hall.id);
      assert.equal(offered.hallName, '安和街道便民服务中心');
      assert.equal(offered.elderAge, 70);
      assert.deepEqual(offered.hoursToday, [
        { from: '08:30', to: '12:00' },
        { from: '13:30', to: '17:30' },
      ]);
      assert.deepEqual(
        offered.businesses.map((entry) => [
          entry.id,
          entry.prefix,
          entry.waiting,
          entry.estimatedMinutes,
          entry.refusal,
        ]),
        [
          ['social', 'A', 0, 0, undefined],
          ['civil', 'B', 0, 0, undefined],
          ['household', 'C', 0, 0, 'closed'],
        ],
      );

      const request = { clientId: clientId(), business: 'social' };
      const first = await take(kiosks.linjiang, 'social', request);
      assert.equal(first.statusCode, 201, first.body);
      const receipt = first.json() as QueueTicketReceipt;
      assert.deepEqual(
        { ...receipt, followUrl: receipt.followUrl.replace(/[A-Za-z0-9_-]{22}$/, 'TOKEN') },
        {
          label: 'A001',
          hallName: '安和街道便民服务中心',
          businessName: '社保医保',
          priority: 'none',
          waitingBefore: 0,
          estimatedMinutes: 0,
          takenAt: now.toISOString(),
          followUrl: 'http://localhost:80/queue/t/TOKEN',
        },
      );
      // The same clientId again, even five times at once: the same ticket, answered 200.
      const again = await Promise.all(Array.from({ length: 5 }, () => take(kiosks.linjiang, 'social', request)));
      for (const reply of again) {
        assert.equal(reply.statusCode, 200, reply.body);
        assert.deepEqual(reply.json(), receipt);
      }
      const second = (await take(kiosks.linjiang, 'social')).json() as QueueTicketReceipt;
      assert.deepEqual(
        [second.label, second.waitingBefore, second.estimatedMinutes],
        ['A002', 1, 3],
        '1 × 6 min ÷ 2 windows',
      );
      const elder = (await take(kiosks.linjiang, 'social', { priority: 'elder' })).json() as QueueTicketReceipt;
      assert.deepEqual([elder.label, elder.priority, elder.waitingBefore], ['A003', 'elder', 0], 'served first');
      assert.equal(((await take(kiosks.linjiang, 'civil')).json() as QueueTicketReceipt).label, 'B001');
      assert.equal(((await take(kiosks.linjiang, 'civil')).json() as QueueTicketReceipt).label, 'B002');

      const full = await take(kiosks.linjiang, 'civil');
      assert.equal(codeOf(full), 'QUEUE_FULL');
      const closed = await take(kiosks.linjiang, 'household');
      assert.equal(closed.statusCode, 409);
      assert.equal(codeOf(closed), 'QUEUE_CLOSED');
      assert.deepEqual(detailsOf(closed), [{ path: '/business', message: 'closed' }]);
      assert.equal(detailsOf(await take(kiosks.linjiang, 'nowhere'))[0]?.path, '/business');
      const counted = (await offer(kiosks.linjiang)).json() as KioskQueueOffer;
      assert.deepEqual(
        counted.businesses.map((entry) => [entry.waiting, entry.estimatedMinutes, entry.refusal]),
        [
          [3, 9, undefined],
          [2, 6, 'full'],
          [0, 0, 'closed'],
        ],
      );

      // Lunch, and National Day (a Thursday the calendar closes), are refused in words.
      now = beijing('2026-03-10T12:30');
      const lunch = await take(kiosks.linjiang, 'social');
      assert.deepEqual([codeOf(lunch), detailsOf(lunch)[0]?.message], ['QUEUE_CLOSED', 'outside-hours']);
      now = beijing('2026-10-01T10:00');
      const holiday = await take(kiosks.linjiang, 'social');
      assert.deepEqual([codeOf(holiday), detailsOf(holiday)[0]?.message], ['QUEUE_CLOSED', 'holiday']);
      assert.deepEqual(((await offer(kiosks.linjiang)).json() as KioskQueueOffer).hoursToday, []);
      // The repeat of a ticket taken in hours is still that ticket.
      assert.equal((await take(kiosks.linjiang, 'social', request)).statusCode, 200);
      now = TUESDAY_9AM;

      // Without an age rule, no kiosk may claim priority.
      const noRule = await call(
        await as('anhe-admin'),
        'PUT',
        `/queue/halls/${hall.id}`,
        { ...hallInput(anhe.id), elderAge: null },
        1,
      );
      assert.equal(noRule.statusCode, 200, noRule.body);
      assert.equal(detailsOf(await take(kiosks.linjiang, 'social', { priority: 'elder' }))[0]?.path, '/priority');

      // Kiosks under another street, or above every hall, have none; a hall of their own serves them.
      assert.equal(codeOf(await take(kiosks.chunhui, 'social')), 'QUEUE_NO_HALL');
      assert.equal(codeOf(await offer(kiosks.district)), 'QUEUE_NO_HALL');
      const theirs = await createHall(
        hallInput(jiangbin.id, {
          name: '江滨街道便民服务中心',
          businesses: [business('social', '社保', 'S')],
          windows: [{ number: 1, businesses: ['social'] }],
        }),
        'jiangbin-admin',
      );
      assert.equal(((await offer(kiosks.chunhui)).json() as KioskQueueOffer).hallId, theirs.id);
      assert.equal(((await take(kiosks.chunhui, 'social')).json() as QueueTicketReceipt).label, 'S001');
      // A player is not a kiosk.
      assert.equal(codeOf(await offer(kiosks.player)), 'FORBIDDEN');
    });

    test('numbers start again at the reset time; the earlier day’s tickets lapse and no number repeats within a day', async (t) => {
      let now = beijing('2026-03-10T10:00');
      const { ticket, take, act, anhe, createHall, call, as, db, offer, kiosks, app } = await hallFixture(
        t,
        await backend.open(t),
        () => now,
      );
      const hall = await createHall(hallInput(anhe.id, { ...ALWAYS, resetTime: '05:00' }));
      assert.deepEqual([await ticket('social'), await ticket('social')], ['A001', 'A002']);
      assert.equal((await act('clerk1', hall.id, 1, { action: 'call-next' })).statusCode, 200);
      const before = (await take(kiosks.linjiang, 'social')).json() as QueueTicketReceipt;
      // Before 05:00 the next morning it is still the 10th's service day.
      now = beijing('2026-03-11T04:59');
      assert.equal(await ticket('social'), 'A004');
      now = beijing('2026-03-11T05:00');
      assert.equal(await ticket('social'), 'A001', 'a new day, numbers from 001');
      assert.equal(await ticket('civil'), 'B001');
      const state = (await call(await as('clerk1'), 'GET', `/queue/halls/${hall.id}/state`)).json() as QueueHallState;
      assert.equal(state.day, '2026-03-11');
      assert.equal(state.windows[0]!.current, undefined, 'the window keeps no ticket of the day before');
      assert.deepEqual(
        state.waiting.map((entry) => entry.label),
        ['A001', 'B001'],
      );
      assert.deepEqual(state.calls, [], "the day before's calls are not shown");
      assert.deepEqual(
        ((await offer(kiosks.linjiang)).json() as KioskQueueOffer).businesses.map((entry) => entry.waiting),
        [1, 1, 0],
      );
      // Nothing lost: the 10th's tickets are all kept, lapsed.
      const kept = await db.all<{ label: string; state: string }>(
        "SELECT label, state FROM queue_tickets WHERE day = '2026-03-10' ORDER BY label",
      );
      assert.deepEqual(
        kept.map((row) => `${row.label} ${row.state}`),
        ['A001 lapsed', 'A002 lapsed', 'A003 lapsed', 'A004 lapsed'],
      );
      const page = await app.inject({ method: 'GET', url: new URL(before.followUrl).pathname });
      assert.match(page.body, /号码已过期/);

      // A later reset time set meanwhile does not take the day back: numbers go on.
      now = beijing('2026-03-11T06:00');
      const later = await call(
        await as('anhe-admin'),
        'PUT',
        `/queue/halls/${hall.id}`,
        hallInput(anhe.id, { ...ALWAYS, resetTime: '07:00' }),
        1,
      );
      assert.equal(later.statusCode, 200, later.body);
      assert.equal(await ticket('social'), 'A002');
      now = beijing('2026-03-12T07:00');
      assert.equal(await ticket('social'), 'A001');
      const labels = await db.all<{ day: string; label: string }>('SELECT day, label FROM queue_tickets');
      assert.equal(
        new Set(labels.map((row) => `${row.day} ${row.label}`)).size,
        labels.length,
        'no number twice in a day',
      );
    });

    test('windows call tickets transferred to them first, then priority tickets, then the earliest of their businesses', async (t) => {
      let now = TUESDAY_9AM;
      const { ticket, act, anhe, createHall, call, as } = await hallFixture(t, await backend.open(t), () => now);
      const hall = await createHall(hallInput(anhe.id));
      const tick = () => (now = new Date(now.getTime() + 60_000));
      const labels: string[] = [];
      for (const [kind, extra] of [
        ['social', {}],
        ['civil', {}],
        ['social', {}],
        ['social', { priority: 'elder' }],
      ] as const) {
        labels.push(await ticket(kind, extra));
        tick();
      }
      assert.deepEqual(labels, ['A001', 'B001', 'A002', 'A003']);
      const called = async (username: string, window: number) => {
        const reply = await act(username, hall.id, window, { action: 'call-next' });
        assert.equal(reply.statusCode, 200, reply.body);
        return (reply.json() as { ticket: QueueTicket }).ticket;
      };
      assert.equal((await called('clerk1', 1)).label, 'A003', 'the elder first');
      assert.equal((await called('clerk2', 2)).label, 'A001', 'then the earliest of 社保 and 民政');
      // Window 1 sends A003 to window 3 (民政 only) with a note; it waits there before B001.
      const sent = await act('clerk1', hall.id, 1, { action: 'transfer', toWindow: 3, note: '需补办低保材料' });
      assert.equal(sent.statusCode, 200, sent.body);
      const { ticket: moved, state } = sent.json() as { ticket: QueueTicket; state: QueueHallState };
      assert.deepEqual(
        [moved.state, moved.transfer],
        ['waiting', { fromWindow: 1, toWindow: 3, note: '需补办低保材料' }],
      );
      assert.deepEqual(
        state.waiting.map((entry) => entry.label),
        ['A003', 'B001', 'A002'],
      );
      assert.equal(state.windows[0]!.current, undefined);
      // Window 1 does not get it back, and window 2 (社保 too) does not get it either: it was sent to 3.
      assert.equal((await called('clerk1', 1)).label, 'A002');
      const third = await called('clerk2', 3);
      assert.deepEqual([third.label, third.window, third.calls, third.transfer], ['A003', 3, 1, undefined]);
      // Sent to another business: it waits in 民政's queue, before the 民政 tickets taken after it.
      assert.equal((await act('clerk1', hall.id, 1, { action: 'transfer', toBusiness: 'civil' })).statusCode, 200);
      tick();
      assert.equal(await ticket('civil'), 'B002');
      const queue = (await call(await as('clerk1'), 'GET', `/queue/halls/${hall.id}/state`)).json() as QueueHallState;
      assert.deepEqual(
        queue.waiting.map((entry) => `${entry.label} ${entry.business}`),
        ['B001 civil', 'A002 civil', 'B002 civil'],
      );
      assert.equal((await act('clerk2', hall.id, 2, { action: 'finish' })).statusCode, 200);
      assert.equal((await called('clerk2', 2)).label, 'B001');
      assert.equal((await act('clerk2', hall.id, 3, { action: 'finish' })).statusCode, 200);
      assert.equal((await called('clerk2', 3)).label, 'A002', 'before B002, taken after it');
      assert.equal(codeOf(await act('clerk1', hall.id, 1, { action: 'call-next' })), 'QUEUE_EMPTY');
    });

    test('every counter action and its coded errors; each is kept with the clerk’s name, each call with the next seq; a set-up that strands a ticket is refused', async (t) => {
      let now = TUESDAY_9AM;
      const { ticket, act, anhe, createHall, db, call, as } = await hallFixture(t, await backend.open(t), () => now);
      const hall = await createHall(hallInput(anhe.id));
      const reply = async (window: number, input: object) => {
        const answer = await act('clerk1', hall.id, window, input);
        assert.equal(answer.statusCode, 200, answer.body);
        return answer.json() as { ticket?: QueueTicket; state: QueueHallState };
      };
      const refusal = async (window: number, input: object) => codeOf(await act('clerk1', hall.id, window, input));
      assert.equal(await refusal(1, { action: 'call-next' }), 'QUEUE_EMPTY');
      for (const action of ['recall', 'no-show', 'finish'])
        assert.equal(
          await refusal(1, { action }),
          'QUEUE_TICKET_STATE_INVALID',
          `${action} with no ticket at the window`,
        );
      assert.equal(await refusal(1, { action: 'transfer', toWindow: 2 }), 'QUEUE_TICKET_STATE_INVALID');
      assert.equal((await act('clerk1', hall.id, 9, { action: 'call-next' })).statusCode, 404, 'no window 9');
      assert.deepEqual(
        [await ticket('social'), await ticket('social'), await ticket('social')],
        ['A001', 'A002', 'A003'],
      );

      const first = await reply(1, { action: 'call-next' });
      assert.deepEqual(
        [first.ticket?.label, first.ticket?.state, first.ticket?.calls, first.ticket?.window, first.ticket?.calledAt],
        ['A001', 'called', 1, 1, now.toISOString()],
      );
      assert.equal(first.state.windows[0]?.current?.label, 'A001');
      assert.equal(await refusal(1, { action: 'call-next' }), 'QUEUE_WINDOW_BUSY');
      assert.equal((await reply(1, { action: 'recall' })).ticket?.calls, 2);
      assert.equal((await reply(1, { action: 'recall' })).ticket?.calls, 3);
      assert.equal(await refusal(1, { action: 'recall' }), 'QUEUE_TICKET_STATE_INVALID', 'three calls at most');
      now = new Date(now.getTime() + 4 * 60_000);
      const finished = await reply(1, { action: 'finish' });
      assert.deepEqual(
        [finished.ticket?.state, finished.ticket?.finishedAt, finished.state.windows[0]?.current],
        ['done', now.toISOString(), undefined],
      );
      assert.equal((await reply(1, { action: 'call-next' })).ticket?.label, 'A002');
      assert.equal((await reply(1, { action: 'no-show' })).ticket?.state, 'no-show');

      // Paused, window 1 calls nobody; 社保 is served by window 2 alone, at A001's 4 minutes.
      const paused = await reply(1, { action: 'pause' });
      assert.equal(paused.ticket, undefined);
      assert.equal(paused.state.windows[0]?.paused, true);
      assert.deepEqual(
        paused.state.businesses.map((entry) => [entry.id, entry.waiting, entry.estimatedMinutes]),
        [
          ['social', 1, 4],
          ['civil', 0, 0],
          ['household', 0, 0],
        ],
      );
      assert.equal(await refusal(1, { action: 'call-next' }), 'QUEUE_WINDOW_PAUSED');
      assert.equal((await reply(1, { action: 'resume' })).state.windows[0]?.paused, false);
      assert.equal((await reply(1, { action: 'call-next' })).ticket?.label, 'A003');

      // A transfer names where to, at a window of the hall that serves what it names.
      const transfer = async (input: object) =>
        detailsOf(await act('clerk1', hall.id, 1, { action: 'transfer', ...input }));
      assert.equal((await transfer({}))[0]?.path, '/toBusiness');
      assert.equal((await transfer({ toBusiness: 'nowhere' }))[0]?.path, '/toBusiness');
      assert.equal((await transfer({ toBusiness: 'social' }))[0]?.path, '/toBusiness', 'already in that queue');
      assert.equal((await transfer({ toWindow: 1 }))[0]?.path, '/toWindow', 'the window it is at');
      assert.equal((await transfer({ toWindow: 9 }))[0]?.path, '/toWindow');
      assert.equal((await transfer({ toBusiness: 'social', toWindow: 3 }))[0]?.path, '/toWindow', '3 serves 民政 only');
      const moved = await reply(1, { action: 'transfer', toBusiness: 'civil', toWindow: 3 });
      assert.deepEqual([moved.ticket?.business, moved.ticket?.transfer], ['civil', { fromWindow: 1, toWindow: 3 }]);

      // While A003 waits for window 3 in 民政's queue, neither may leave the hall's set-up.
      const input = hallInput(anhe.id);
      const without = async (change: Partial<QueueHallInput>) =>
        detailsOf(await call(await as('anhe-admin'), 'PUT', `/queue/halls/${hall.id}`, { ...input, ...change }, 1));
      assert.deepEqual(await without({ windows: input.windows.slice(0, 2) }), [
        { path: '/windows', message: 'window 3 has a ticket today (A003)' },
      ]);
      assert.deepEqual(
        (
          await without({
            businesses: input.businesses.filter((entry) => entry.id !== 'civil'),
            windows: input.windows.map((window) => ({ ...window, businesses: ['social'] })),
          })
        ).map((detail) => detail.path),
        ['/businesses'],
      );

      const calls = moved.state.calls.map((entry) => `${entry.seq} ${entry.label} ${entry.window}`);
      assert.deepEqual(calls, ['5 A003 1', '4 A002 1', '3 A001 1', '2 A001 1', '1 A001 1']);
      const events = await db.all<{ action: string; actor: string; window_no: number | null; seq: number | null }>(
        'SELECT action, actor, window_no, seq FROM queue_events WHERE hall_id = ? ORDER BY id',
        [hall.id],
      );
      assert.deepEqual(
        events.map((event) => [
          event.action,
          event.actor.startsWith('device:') ? 'kiosk' : event.actor,
          event.window_no,
          event.seq,
        ]),
        [
          ['take', 'kiosk', null, null],
          ['take', 'kiosk', null, null],
          ['take', 'kiosk', null, null],
          ['call-next', 'clerk1', 1, 1],
          ['recall', 'clerk1', 1, 2],
          ['recall', 'clerk1', 1, 3],
          ['finish', 'clerk1', 1, null],
          ['call-next', 'clerk1', 1, 4],
          ['no-show', 'clerk1', 1, null],
          ['pause', 'clerk1', 1, null],
          ['resume', 'clerk1', 1, null],
          ['call-next', 'clerk1', 1, 5],
          ['transfer', 'clerk1', 1, null],
        ],
      );
    });

    test('twenty windows calling at once never get the same ticket', async (t) => {
      const now = TUESDAY_9AM;
      const target = await backend.target(t);
      const firstDb = await openDatabase(target);
      t.after(() => firstDb.close());
      const { app, anhe, createHall, as, take, kiosks } = await hallFixture(t, firstDb, () => now);
      const windows = Array.from({ length: 20 }, (_, index) => ({
        number: index + 1,
        businesses: ['social', 'civil'],
      }));
      const hall = await createHall(
        hallInput(anhe.id, {
          ...ALWAYS,
          businesses: [business('social', '社保医保', 'A'), business('civil', '民政救助', 'B')],
          windows,
        }),
      );
      // Thirty tickets taken at once: each number once.
      const taken = await Promise.all(
        Array.from({ length: 30 }, (_, index) => take(kiosks.linjiang, index % 2 === 0 ? 'social' : 'civil')),
      );
      const labels = taken.map((reply) => (reply.json() as QueueTicketReceipt).label).sort();
      assert.deepEqual(labels, [
        ...Array.from({ length: 15 }, (_, index) => `A${String(index + 1).padStart(3, '0')}`),
        ...Array.from({ length: 15 }, (_, index) => `B${String(index + 1).padStart(3, '0')}`),
      ]);
      // On PostgreSQL half the windows go through a second server instance, on its own connections.
      const instances = [app];
      if (backend.name === 'postgres') {
        const secondDb = await openDatabase(target);
        t.after(() => secondDb.close());
        instances.push((await startApp(t, secondDb, () => now)).app);
      }
      const clerk = await as('clerk1');
      const everyWindow = (action: string) =>
        Promise.all(
          windows.map((window, index) =>
            instances[index % instances.length]!.inject({
              method: 'POST',
              url: `/api/v1/admin/queue/halls/${hall.id}/windows/${window.number}/actions`,
              headers: clerk,
              payload: { action },
            }),
          ),
        );
      const calledOf = (replies: Awaited<ReturnType<typeof everyWindow>>) =>
        replies
          .filter((reply) => reply.statusCode === 200)
          .map((reply) => (reply.json() as { ticket: QueueTicket }).ticket.label);
      const first = await everyWindow('call-next');
      const firstCalled = calledOf(first);
      assert.equal(firstCalled.length, 20, first.map((reply) => reply.body.slice(0, 100)).join('\n'));
      assert.equal(new Set(firstCalled).size, 20, 'twenty tickets, none twice');
      assert.ok(
        (await everyWindow('finish')).every((reply) => reply.statusCode === 200),
        'each window finishes its own',
      );
      const second = await everyWindow('call-next');
      const secondCalled = calledOf(second);
      assert.equal(secondCalled.length, 10);
      assert.deepEqual(
        second.filter((reply) => reply.statusCode !== 200).map(codeOf),
        Array.from({ length: 10 }, () => 'QUEUE_EMPTY'),
      );
      assert.deepEqual([...new Set([...firstCalled, ...secondCalled])].sort(), labels, 'all thirty called, each once');
      const calls = await firstDb.all<{ ticket_id: number; seq: number }>(
        "SELECT ticket_id, seq FROM queue_events WHERE hall_id = ? AND action = 'call-next' ORDER BY seq",
        [hall.id],
      );
      assert.equal(new Set(calls.map((row) => Number(row.ticket_id))).size, 30);
      assert.deepEqual(
        calls.map((row) => Number(row.seq)),
        Array.from({ length: 30 }, (_, index) => index + 1),
        'one call seq after another',
      );
    });

    test('the follow page says the number, the people before it, 快到您了, the window, and what became of it', async (t) => {
      const now = TUESDAY_9AM;
      const { app, take, kiosks, act, anhe, createHall } = await hallFixture(t, await backend.open(t), () => now);
      const hall = await createHall(hallInput(anhe.id));
      const receipts: QueueTicketReceipt[] = [];
      for (let index = 0; index < 5; index++)
        receipts.push((await take(kiosks.linjiang, 'social')).json() as QueueTicketReceipt);
      const page = (receipt: QueueTicketReceipt) =>
        app.inject({ method: 'GET', url: new URL(receipt.followUrl).pathname });
      const text = async (receipt: QueueTicketReceipt) =>
        (await page(receipt)).body
          .replace(/<style>.*?<\/style>/s, '')
          .replace(/<[^>]+>/g, ' ')
          .replace(/\s+/g, ' ');

      const last = await page(receipts[4]!);
      assert.equal(last.statusCode, 200);
      assert.match(String(last.headers['content-security-policy']), /default-src 'none'/);
      assert.equal(last.headers['cache-control'], 'no-store');
      assert.match(last.body, /<meta http-equiv="refresh" content="20">/);
      assert.doesNotMatch(last.body, /<script/);
      const waiting = await text(receipts[4]!);
      for (const words of ['安和街道便民服务中心', 'A005', '社保医保', '您前面还有 4 人', '约 12 分钟'])
        assert.ok(waiting.includes(words), `${words} in: ${waiting}`);
      assert.ok(!waiting.includes('快到您了'), 'four before it: not yet');

      for (const window of [1, 2]) await act('clerk1', hall.id, window, { action: 'call-next' });
      const near = await text(receipts[4]!);
      assert.ok(near.includes('您前面还有 2 人') && near.includes('快到您了'), near);
      assert.ok((await text(receipts[0]!)).includes('请到 1 号窗口办理'));
      assert.ok((await text(receipts[1]!)).includes('请到 2 号窗口办理'));
      await act('clerk1', hall.id, 1, { action: 'finish' });
      await act('clerk1', hall.id, 2, { action: 'no-show' });
      const done = await page(receipts[0]!);
      assert.match(done.body, /已办结/);
      assert.doesNotMatch(done.body, /http-equiv="refresh"/, 'nothing more to follow');
      assert.match((await page(receipts[1]!)).body, /已过号/);

      const unknown = await app.inject({ method: 'GET', url: '/queue/t/AAAAAAAAAAAAAAAAAAAAAA' });
      assert.equal(unknown.statusCode, 404);
      assert.match(unknown.headers['content-type'] as string, /^text\/html/);
      assert.match(unknown.body, /没有找到这个号码/);
    });

    test('the live stream sends the hall’s state at once and again after a call (from another instance on PostgreSQL)', async (t) => {
      const now = TUESDAY_9AM;
      const target = await backend.target(t);
      const fanout = async () => {
        if (target.kind !== 'postgres') return undefined;
        const connected = await connectPostgresFanout(target.url, createChangeHub(), QUEUE_CHANNEL);
        t.after(() => connected.close());
        return connected.hub;
      };
      const firstDb = await openDatabase(target);
      t.after(() => firstDb.close());
      const firstHub = await fanout();
      const fixture = await hallFixture(t, firstDb, () => now, firstHub ? { queueHub: firstHub } : {});
      const hall = await fixture.createHall(hallInput(fixture.anhe.id));
      assert.equal(await fixture.ticket('social'), 'A001');
      // The stream is read from a second instance on PostgreSQL; the call is made through the first.
      let watched = fixture.app;
      if (target.kind === 'postgres') {
        const secondDb = await openDatabase(target);
        t.after(() => secondDb.close());
        const secondHub = await fanout();
        watched = (await startApp(t, secondDb, () => now, secondHub ? { queueHub: secondHub } : {})).app;
      }
      const address = await watched.listen({ port: 0, host: '127.0.0.1' });
      const clerk = await fixture.as('clerk1');
      const outsider = await fetch(`${address}/api/v1/admin/queue/halls/${hall.id}/events`, {
        headers: { cookie: (await fixture.as('jiangbin-admin')).cookie },
      });
      assert.equal(outsider.status, 404, 'another street gets no stream');

      const controller = new AbortController();
      t.after(() => controller.abort());
      const response = await fetch(`${address}/api/v1/admin/queue/halls/${hall.id}/events`, {
        headers: { cookie: clerk.cookie },
        signal: controller.signal,
      });
      assert.equal(response.headers.get('content-type'), 'text/event-stream; charset=utf-8');
      const reader = response.body!.getReader();
      const decoder = new TextDecoder();
      let buffered = '';
      const nextState = async (): Promise<QueueHallState> => {
        for (;;) {
          const end = buffered.indexOf('\n\n');
          if (end >= 0) {
            const block = buffered.slice(0, end);
            buffered = buffered.slice(end + 2);
            const data = block.split('\n').find((line) => line.startsWith('data: '));
            if (block.startsWith('event: state\n') && data) return JSON.parse(data.slice(6)) as QueueHallState;
            continue;
          }
          const chunk = await reader.read();
          if (chunk.done) throw new Error('the stream ended');
          buffered += decoder.decode(chunk.value, { stream: true });
        }
      };
      const initial = await nextState();
      assert.deepEqual(
        [initial.hallId, initial.waiting.map((entry) => entry.label), initial.calls],
        [hall.id, ['A001'], []],
      );
      const called = await fixture.act('clerk1', hall.id, 2, { action: 'call-next' });
      assert.equal(called.statusCode, 200, called.body);
      let state = await nextState();
      while (state.calls.length === 0) state = await nextState();
      assert.deepEqual(
        [state.calls[0]!.label, state.calls[0]!.window, state.windows[1]!.current?.label, state.waiting],
        ['A001', 2, 'A001', []],
      );
    });
  });
}

test('queue tickets: the device is checked, and must be a kiosk, before a byte of the body is read', async (t) => {
  const { app, kiosks } = await hallFixture(t, await backends[0]!.open(t), () => TUESDAY_9AM);
  // Larger than the server's 2 MB body limit: parsing it would answer 413, not the guard's code.
  const oversized = JSON.stringify({ clientId: 'x'.repeat(3 * 1024 * 1024) });
  const post = (headers: Record<string, string>) =>
    app.inject({
      method: 'POST',
      url: '/api/v1/queue/tickets',
      headers: { 'content-type': 'application/json', ...headers },
      payload: oversized,
    });
  const anonymous = await post({});
  assert.deepEqual([anonymous.statusCode, codeOf(anonymous)], [401, 'DEVICE_UNKNOWN']);
  const player = await post(kiosks.player);
  assert.deepEqual([player.statusCode, codeOf(player)], [403, 'FORBIDDEN']);
  const kiosk = await post(kiosks.linjiang);
  assert.deepEqual([kiosk.statusCode, codeOf(kiosk)], [413, 'BODY_TOO_LARGE'], 'a kiosk gets its body read');
});
