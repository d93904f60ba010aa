/**
 * 排队取号 in the host, against a stand-in for the admin server's two kiosk routes over fetch: every
 * reply checked against its schema before it is used; a take whose answer was lost is sent again
 * under the same clientId (so the server answers with the one ticket it made), a refused one is not;
 * the elder rule read off this visit's ID card, with nothing of the card sent; the ticket printed,
 * again after a failure, and gone with the visit.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  LinliError,
  deviceAuthorization,
  type IdCardData,
  type KioskQueueOffer,
  type KioskTicketRequest,
  type QueueTicketReceipt,
} from '@linli/protocol';
import type { Receipt } from '@linli/device-drivers/receipt-printer/receipt-layout';
import { DEMO_CARDS } from '../../device-drivers/src/id-card/demo-cards';
import { createQueueBridge } from '../host/queue/queue-bridge';
import { createQueueClient } from '../host/queue/queue-client';
import type { FetchLike } from '../host/sync/server-client';
import { DEVICE_ID } from './fixtures';

const SERVER = 'http://admin.test';
const OFFER: KioskQueueOffer = {
  hallId: 1,
  hallName: '临江街道便民服务中心',
  elderAge: 70,
  takesBookings: false,
  businesses: [
    { id: 'social-security', name: '社保医保', prefix: 'A', waiting: 2, estimatedMinutes: 10 },
    { id: 'household', name: '户籍办理', prefix: 'B', waiting: 0, estimatedMinutes: 0, refusal: 'closed' },
  ],
  hoursToday: [{ from: '08:30', to: '12:00' }],
};

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
const refusal = (code: string, message: string, details?: object[]) =>
  json(409, { error: { code, message, ...(details && { details }) } });

/**
 * The two kiosk routes, in memory: tickets made once per clientId (the same id again is the same
 * ticket, 200). `next` shapes the next answer to a take: its reply lost after the ticket is made, a
 * reply that breaks the schema, or a refusal.
 */
function fakeQueueServer() {
  const made = new Map<string, QueueTicketReceipt>();
  const takes: { body: KioskTicketRequest; authorization: string | null }[] = [];
  const state: {
    next?: 'lose-reply' | 'garble' | Response;
    offer: unknown;
    down: boolean;
    hold?: () => Promise<void>;
  } = {
    offer: OFFER,
    down: false,
  };
  const fetchImpl: FetchLike = async (input, init) => {
    if (state.down) throw new TypeError('fetch failed');
    const url = new URL(String(input));
    if (url.pathname === '/api/v1/queue/offer') return json(200, state.offer);
    if (url.pathname === '/api/v1/queue/tickets' && init?.method === 'POST') {
      const body = JSON.parse(String(init.body)) as KioskTicketRequest;
      takes.push({ body, authorization: new Headers(init.headers).get('authorization') });
      await state.hold?.();
      const next = state.next;
      state.next = undefined;
      if (next instanceof Response) return next;
      const repeat = made.get(body.clientId);
      const business = OFFER.businesses.find((entry) => entry.id === body.business)!;
      const ticket = repeat ?? {
        label: `${business.prefix}${String(made.size + 1).padStart(3, '0')}`,
        hallName: OFFER.hallName,
        businessName: business.name,
        priority: body.priority ?? 'none',
        waitingBefore: made.size,
        estimatedMinutes: made.size * 5,
        takenAt: '2026-12-05T01:05:00.000Z',
        followUrl: `${SERVER}/queue/t/${'x'.repeat(21)}${made.size}`,
      };
      made.set(body.clientId, ticket);
      if (next === 'lose-reply') throw new TypeError('fetch failed: other side closed');
      if (next === 'garble') return json(201, { ...ticket, label: 'A12' });
      return json(repeat ? 200 : 201, ticket);
    }
    return json(404, { error: { code: 'NOT_FOUND', message: 'Not found' } });
  };
  return { fetch: fetchImpl, made, takes, state };
}

function queueAt(server: ReturnType<typeof fakeQueueServer>, card?: IdCardData, now = '2026-12-05T02:00:00Z') {
  const slips: Receipt[] = [];
  const printer = { fails: undefined as LinliError | undefined };
  let currentCard = card;
  const queue = createQueueBridge({
    client: createQueueClient({ fetch: server.fetch, serverUrl: SERVER, deviceId: DEVICE_ID, secret: 's3cret' }),
    clock: () => new Date(now),
    currentCard: () => currentCard,
    async printSlip(slip) {
      if (printer.fails) throw printer.fails;
      slips.push(slip);
    },
  });
  return {
    ...queue.bridge,
    slips,
    printer,
    endVisit() {
      queue.endVisit();
      currentCard = undefined;
    },
  };
}

const rejectsWith = (code: string, pattern?: RegExp) => (error: unknown) => {
  assert.ok(error instanceof LinliError, String(error));
  assert.equal(error.code, code, error.message);
  if (pattern) assert.match(JSON.stringify(error.details ?? error.message), pattern);
  return true;
};

test('the offer and a ticket are asked with the device credentials; a ticket comes with its QR code', async () => {
  const server = fakeQueueServer();
  const queue = queueAt(server);
  assert.deepEqual(await queue.queueOffer({}), OFFER);
  const ticket = await queue.takeQueueTicket({ business: 'social-security' });
  assert.equal(ticket.label, 'A001');
  assert.equal(ticket.followQr.size ** 2, ticket.followQr.modules.length);
  assert.match(ticket.followQr.modules, /^[01]+$/);
  assert.equal(server.takes[0]!.authorization, deviceAuthorization(DEVICE_ID, 's3cret'));
  assert.deepEqual(Object.keys(server.takes[0]!.body).sort(), ['business', 'clientId', 'priority']);
  assert.equal(server.takes[0]!.body.priority, 'none');
  assert.match(server.takes[0]!.body.clientId, /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
});

test('replies that break the protocol are refused naming the field, and nothing of them is kept', async () => {
  const server = fakeQueueServer();
  const queue = queueAt(server);
  server.state.offer = { ...OFFER, elderAge: '70' };
  await assert.rejects(queue.queueOffer({}), rejectsWith('SERVER_REPLY_INVALID', /elderAge/));
  server.state.offer = { ...OFFER, businesses: [{ ...OFFER.businesses[0], refusal: 'lunch' }] };
  await assert.rejects(queue.queueOffer({}), rejectsWith('SERVER_REPLY_INVALID', /refusal/));

  server.state.next = 'garble';
  await assert.rejects(
    queue.takeQueueTicket({ business: 'social-security' }),
    rejectsWith('SERVER_REPLY_INVALID', /label/),
  );
  await assert.rejects(queue.printQueueTicket({}), rejectsWith('NOT_FOUND'), 'no ticket is kept from it');
  // The server did make one: asked again, the same take is sent under the same id and that ticket comes back.
  const ticket = await queue.takeQueueTicket({ business: 'social-security' });
  assert.equal(ticket.label, 'A001');
  assert.equal(server.takes[1]!.body.clientId, server.takes[0]!.body.clientId);
  assert.equal(server.made.size, 1);
});

test('a take whose reply was lost is sent again under the same clientId: one ticket, not two', async () => {
  const server = fakeQueueServer();
  const queue = queueAt(server);
  server.state.next = 'lose-reply';
  await assert.rejects(queue.takeQueueTicket({ business: 'social-security' }), rejectsWith('SERVER_UNREACHABLE'));
  server.state.down = true;
  await assert.rejects(queue.takeQueueTicket({ business: 'social-security' }), rejectsWith('SERVER_UNREACHABLE'));
  server.state.down = false;
  const ticket = await queue.takeQueueTicket({ business: 'social-security' });
  assert.equal(ticket.label, 'A001');
  assert.equal(server.made.size, 1, 'one ticket made');
  assert.deepEqual(new Set(server.takes.map((take) => take.body.clientId)).size, 1, 'both sends under one id');

  // Answered: the next take is a new one, with its own id and its own ticket.
  const second = await queue.takeQueueTicket({ business: 'social-security' });
  assert.equal(second.label, 'A002');
  assert.equal(second.waitingBefore, 1);
  assert.notEqual(server.takes.at(-1)!.body.clientId, server.takes[0]!.body.clientId);
});

test('a refused take, another business and a new visit each start afresh under a new clientId', async () => {
  const server = fakeQueueServer();
  const queue = queueAt(server);
  server.state.next = refusal('QUEUE_CLOSED', 'This business gives no tickets now', [
    { path: '/business', message: 'outside-hours' },
  ]);
  await assert.rejects(
    queue.takeQueueTicket({ business: 'social-security' }),
    rejectsWith('QUEUE_CLOSED', /outside-hours/),
  );
  server.state.next = 'lose-reply';
  await assert.rejects(queue.takeQueueTicket({ business: 'social-security' }), rejectsWith('SERVER_UNREACHABLE'));
  // The resident chose another business instead: that is another ticket, not the lost one.
  await queue.takeQueueTicket({ business: 'household' });
  server.state.next = 'lose-reply';
  await assert.rejects(queue.takeQueueTicket({ business: 'household' }), rejectsWith('SERVER_UNREACHABLE'));
  queue.endVisit();
  await queue.takeQueueTicket({ business: 'household' });
  const ids = server.takes.map((take) => take.body.clientId);
  assert.equal(new Set(ids).size, ids.length, `every take its own id: ${ids.join(' ')}`);
});

test('老年人优先: the age rule is read off the visit’s card in the host; only the priority is sent', async () => {
  const server = fakeQueueServer();
  // DEMO_CARDS.resident was born on 1949-12-31: 76 on 5 December 2026.
  const elder = queueAt(server, DEMO_CARDS.resident);
  assert.equal((await elder.takeQueueTicket({ business: 'social-security', elderByIdCard: true })).priority, 'elder');
  const sent = server.takes.at(-1)!.body;
  assert.deepEqual(Object.keys(sent).sort(), ['business', 'clientId', 'priority']);
  assert.equal(sent.priority, 'elder');
  const wire = JSON.stringify(server.takes);
  for (const cardField of [DEMO_CARDS.resident.idNumber, DEMO_CARDS.resident.name, '1949'])
    assert.ok(!wire.includes(cardField), `${cardField} never leaves the host`);

  const younger = queueAt(server, DEMO_CARDS.hongKongPermit);
  assert.equal((await younger.takeQueueTicket({ business: 'social-security', elderByIdCard: true })).priority, 'none');
  assert.equal(server.takes.at(-1)!.body.priority, 'none');

  // The hall without an age rule: nobody is elder by the card.
  server.state.offer = { ...OFFER, elderAge: null };
  const noRule = queueAt(server, DEMO_CARDS.resident);
  await noRule.queueOffer({});
  assert.equal((await noRule.takeQueueTicket({ business: 'social-security', elderByIdCard: true })).priority, 'none');

  // No card read in this visit (or wiped with the last one): said, and nothing is sent.
  const before = server.takes.length;
  const noCard = queueAt(server);
  await assert.rejects(
    noCard.takeQueueTicket({ business: 'social-security', elderByIdCard: true }),
    rejectsWith('VALIDATION_FAILED', /elderByIdCard/),
  );
  elder.endVisit();
  await assert.rejects(
    elder.takeQueueTicket({ business: 'social-security', elderByIdCard: true }),
    rejectsWith('VALIDATION_FAILED'),
  );
  assert.equal(server.takes.length, before);
});

test('the visit’s ticket prints, again after the paper ran out, and is gone when the visit ends', async () => {
  const server = fakeQueueServer();
  const queue = queueAt(server);
  await assert.rejects(queue.printQueueTicket({}), rejectsWith('NOT_FOUND'));
  const ticket = await queue.takeQueueTicket({ business: 'social-security' });
  queue.printer.fails = new LinliError('PRINTER_PAPER_OUT');
  await assert.rejects(queue.printQueueTicket({}), rejectsWith('PRINTER_PAPER_OUT'));
  queue.printer.fails = undefined;
  await queue.printQueueTicket({ locale: 'zh-Hans' });
  assert.equal(queue.slips.length, 1);
  const [slip] = queue.slips;
  assert.equal(slip!.heading, '临江街道便民服务中心');
  assert.equal(slip!.title, ticket.label);
  assert.equal(slip!.qrCode, ticket.followUrl);
  assert.ok(
    slip!.rows.some((row) => row.value === '2026-12-05 09:05'),
    'taken at, in Beijing time',
  );

  queue.endVisit();
  await assert.rejects(queue.printQueueTicket({}), rejectsWith('NOT_FOUND'), 'the next resident cannot print it');
});

test('a ticket answered after its visit ended is not kept for the next resident', async () => {
  const server = fakeQueueServer();
  const queue = queueAt(server);
  let arrived = () => undefined as void;
  let release = () => undefined as void;
  const reached = new Promise<void>((resolve) => (arrived = resolve));
  const released = new Promise<void>((resolve) => (release = resolve));
  server.state.hold = () => (arrived(), released);
  const taking = queue.takeQueueTicket({ business: 'social-security' });
  await reached;
  queue.endVisit();
  release();
  assert.equal((await taking).label, 'A001', 'the screen that asked still hears the answer');
  await assert.rejects(queue.printQueueTicket({}), rejectsWith('NOT_FOUND'));
});
