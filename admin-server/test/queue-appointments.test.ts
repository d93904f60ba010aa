/**
 * 预约 on every backend: a hall's booking rules checked by field; the public booking page offers
 * today's slots to come and the working days ahead, cut into slots with their places, says a mistake beside its field and books
 * nothing then, refuses a full slot and a second booking of the same ID number that day in words,
 * finds and cancels a booking by its code and the phone's last four digits; a kiosk of the hall
 * checks the resident in by the code or by the ID number, not too early and not too late, for a
 * ticket that is called before the tickets taken without a booking; a kiosk elsewhere finds none.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { QueueTicket, QueueTicketReceipt } from '@linli/protocol';
import { backends } from './backends';
import { TUESDAY_9AM, beijing, clientId, codeOf, detailsOf, hallFixture, hallInput } from './queue-fixture';

const RULES = { slotMinutes: 30 as const, daysAhead: 3, perSlot: { social: 2 } };
const ID_NUMBER = '11010519491231002X';

for (const backend of backends) {
  describe(backend.name, { skip: backend.skip }, () => {
    test('slots booked on the public page, checked in at the kiosk by code or card, called first', async (t) => {
      let now = TUESDAY_9AM;
      const { app, call, as, anhe, kiosks, createHall, take, act } = await hallFixture(
        t,
        await backend.open(t),
        () => now,
      );
      const admin = await as('anhe-admin');
      const wrong = await call(admin, 'POST', '/queue/halls', {
        ...hallInput(anhe.id),
        appointments: { ...RULES, perSlot: { nowhere: 2 } },
      });
      assert.equal(codeOf(wrong), 'VALIDATION_FAILED');
      assert.deepEqual(
        detailsOf(wrong).map((detail) => detail.path),
        ['/appointments/perSlot/nowhere'],
      );
      const hall = await createHall(hallInput(anhe.id, { appointments: RULES }));

      const get = (url: string) => app.inject({ method: 'GET', url });
      const post = (url: string, form: Record<string, string>) =>
        app.inject({
          method: 'POST',
          url,
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          payload: new URLSearchParams(form).toString(),
        });
      const bookingUrl = `/queue/book/${hall.id}/social`;

      assert.match((await get('/queue/book')).body, new RegExp(`href="/queue/book/${hall.id}">安和街道便民服务中心`));
      assert.match((await get(`/queue/book/${hall.id}`)).body, /社保医保/);
      assert.doesNotMatch(
        (await get(`/queue/book/${hall.id}`)).body,
        /户籍证照/,
        'a business without places is not offered',
      );
      // Today (its slots still to come) and Wednesday to Friday as links; one day's slots at a time.
      const form = (await get(bookingUrl)).body;
      assert.deepEqual(
        [...form.matchAll(/<a (?:aria-current="date" )?href="[^"]+\?date=[^"]+">([^<]+)<\/a>/g)].map(
          (match) => match[1],
        ),
        ['03/10 周二', '03/11 周三', '03/12 周四', '03/13 周五'],
      );
      assert.match(form, /<legend>03月10日（周二）<\/legend>/, 'the first day shown');
      assert.doesNotMatch(form, /value="2026-03-10 09:00"/, 'a slot begun is not offered');
      assert.match(form, /value="2026-03-10 09:30"/);
      const wednesday = (await get(`${bookingUrl}?date=2026-03-11`)).body;
      assert.match(wednesday, /aria-current="date" href="[^"]+\?date=2026-03-11"/);
      // 08:30–12:00 and 13:30–17:30 in half hours.
      assert.equal([...wednesday.matchAll(/name="slot" value="2026-03-11 /g)].length, 15);
      assert.match(wednesday, /value="2026-03-11 08:30" required>08:30–09:00 <small>余 2<\/small>/);
      const wednesdayForm = async () => (await get(`${bookingUrl}?date=2026-03-11`)).body;

      // A mistake beside its field; nothing booked.
      const bad = await post(bookingUrl, { slot: '2026-03-11 08:30', phone: '12345', idNumber: '123' });
      assert.equal(bad.statusCode, 422);
      assert.match(bad.body, /<span class="error" id="phone-error">请填写 11 位手机号码<\/span>/);
      assert.match(bad.body, /<span class="error" id="idNumber-error">身份证号为 18 位/);
      assert.match(bad.body, /value="12345"/, 'what was typed is kept');
      assert.match(await wednesdayForm(), /08:30–09:00 <small>余 2/);
      assert.match((await post(bookingUrl, { phone: '13800001111' })).body, /id="slot-error">请选择一个时段/);

      const book = async (form: Record<string, string>) => {
        const reply = await post(bookingUrl, { slot: '2026-03-11 08:30', ...form });
        return { reply, code: /<p class="code">(\d{8})<\/p>/.exec(reply.body)?.[1] };
      };
      const first = await book({ phone: '13800001111' });
      assert.equal(first.reply.statusCode, 201, first.reply.body);
      assert.match(first.reply.body, /预约成功/);
      assert.match(first.reply.body, /\*{7}1111/);
      assert.doesNotMatch(first.reply.body, /13800001111/, 'the number is not shown back whole');
      const second = await book({ phone: '13900002222', idNumber: ID_NUMBER.toLowerCase() });
      assert.equal(second.reply.statusCode, 201, second.reply.body);
      assert.match(second.reply.body, /输入预约码或刷身份证/);
      const third = await book({ phone: '13700003333' });
      assert.equal(third.reply.statusCode, 409);
      assert.match(third.reply.body, /这个时段刚刚约满/);
      assert.match(third.reply.body, /08:30–09:00 <small>已约满/);
      const again = await post(bookingUrl, { slot: '2026-03-11 09:00', phone: '13900002222', idNumber: ID_NUMBER });
      assert.match(again.body, /您当天已预约过这项业务/);

      // 我的预约: found by code and the last four digits, cancelled once.
      assert.match((await get(`/queue/booking?code=${first.code}&phone4=0000`)).body, /没有找到这个预约/);
      assert.match((await get(`/queue/booking?code=${first.code}&phone4=1111`)).body, /取消预约/);
      const cancelled = await post('/queue/booking/cancel', { code: first.code!, phone4: '1111' });
      assert.match(cancelled.body, /已取消/);
      assert.equal((await post('/queue/booking/cancel', { code: first.code!, phone4: '1111' })).statusCode, 404);
      assert.match(await wednesdayForm(), /08:30–09:00 <small>余 1/, 'a cancelled place is free again');
      const rebooked = await book({ phone: '13600004444' });
      assert.equal(rebooked.reply.statusCode, 201);

      // Wednesday: check-in opens 30 minutes before the slot.
      const checkIn = (kiosk: Record<string, string>, body: object, id = clientId()) =>
        app.inject({
          method: 'POST',
          url: '/api/v1/queue/check-in',
          headers: kiosk,
          payload: { clientId: id, ...body },
        });
      now = beijing('2026-03-11T07:50:00');
      const early = await checkIn(kiosks.linjiang, { code: rebooked.code });
      assert.equal(codeOf(early), 'APPOINTMENT_TOO_EARLY');
      assert.deepEqual(detailsOf(early), [{ path: '/slot', message: '2026-03-11 08:30' }]);

      now = beijing('2026-03-11T08:31:00');
      const walkIn = await take(kiosks.linjiang, 'social');
      assert.equal(walkIn.statusCode, 201, walkIn.body);
      assert.equal(codeOf(await checkIn(kiosks.chunhui, { code: rebooked.code })), 'QUEUE_NO_HALL', 'another street');
      const byCodeId = clientId();
      const byCode = await checkIn(kiosks.linjiang, { code: rebooked.code }, byCodeId);
      assert.equal(byCode.statusCode, 201, byCode.body);
      const ticket = byCode.json() as QueueTicketReceipt;
      assert.equal(ticket.priority, 'appointment');
      const repeated = await checkIn(kiosks.linjiang, { code: rebooked.code }, byCodeId);
      assert.equal(repeated.statusCode, 200, 'the same check-in again is the same ticket');
      assert.equal((repeated.json() as QueueTicketReceipt).label, ticket.label);
      assert.equal(codeOf(await checkIn(kiosks.linjiang, { code: rebooked.code })), 'APPOINTMENT_NOT_FOUND', 'once');
      const byCard = await checkIn(kiosks.linjiang, { idNumber: ID_NUMBER });
      assert.equal(byCard.statusCode, 201, byCard.body);
      assert.equal(codeOf(await checkIn(kiosks.linjiang, { code: '12345678' })), 'APPOINTMENT_NOT_FOUND');
      assert.equal(codeOf(await checkIn(kiosks.linjiang, {})), 'VALIDATION_FAILED');

      // The booked residents are called before the walk-in who came first.
      const called: string[] = [];
      for (let n = 0; n < 3; n += 1) {
        const reply = await act('clerk1', hall.id, 1, { action: 'call-next' });
        assert.equal(reply.statusCode, 200, reply.body);
        const current = (reply.json() as { ticket: QueueTicket }).ticket;
        called.push(`${current.label} ${current.priority}`);
        assert.equal((await act('clerk1', hall.id, 1, { action: 'finish' })).statusCode, 200);
      }
      const walkInLabel = (walkIn.json() as QueueTicketReceipt).label;
      assert.deepEqual(called, [
        `${ticket.label} appointment`,
        `${(byCard.json() as QueueTicketReceipt).label} appointment`,
        `${walkInLabel} none`,
      ]);

      // Thursday's booking missed on Thursday: too late.
      now = beijing('2026-03-11T09:00:00');
      const thursday = await post(bookingUrl, { slot: '2026-03-12 08:30', phone: '13500005555' });
      const thursdayCode = /<p class="code">(\d{8})<\/p>/.exec(thursday.body)![1]!;
      now = beijing('2026-03-12T08:46:00');
      assert.equal(codeOf(await checkIn(kiosks.linjiang, { code: thursdayCode })), 'APPOINTMENT_TOO_LATE');
    });
  });
}
