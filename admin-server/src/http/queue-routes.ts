/**
 * The service hall's queue over HTTP: the admin API (halls set up and saved whole with If-Match,
 * the hall's state, its live stream for counters and the live view, a counter's actions at a
 * window, the residents' ratings from a window's rating pad, the statistics) and the device API (a kiosk's offer, the tickets it takes and
 * 预约 check-ins; only kiosks, checked before the body is read). The public page a ticket's QR code opens is queue-follow-page.ts.
 */
import {
  ErrorBody,
  KioskCheckInRequest,
  KioskQueueOffer,
  KioskTicketRequest,
  LinliError,
  QueueActionInput,
  QueueHall,
  QueueHallInput,
  QueueHallState,
  QueueRating,
  QueueRatingInput,
  QueueStats,
  QueueStatsQuery,
  QueueTicket,
  QueueTicketReceipt,
} from '@linli/protocol';
import type { FastifyReply, FastifyRequest } from 'fastify';
import Type from 'typebox';
import type { DeviceService } from '../domain/devices';
import type { Kiosk, Queue, TakenTicket } from '../domain/queue';
import type { QueueAppointments } from '../domain/queue-appointments';
import { deviceIdOf } from './device-guard';
import { editVersionOf, withEtag } from './edit-version';
import { hallStateStreams } from './hall-state-stream';
import { QUEUE_FOLLOW_PATH } from './queue-follow-page';
import { actorOf } from './session-guard';
import type { TypedApp } from './typed-app';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };
const tags = ['queue'];
const HallParams = Type.Object({ id: Type.Integer({ minimum: 1 }) });
const WindowParams = Type.Object({
  id: Type.Integer({ minimum: 1 }),
  number: Type.Integer({ minimum: 1, maximum: 999 }),
});
export function registerQueueRoutes(app: TypedApp, deps: { queue: Queue }): void {
  const { queue } = deps;
  const openStream = hallStateStreams(app);

  app.get(
    '/queue/halls',
    {
      schema: {
        tags,
        summary: 'The service halls in your subtree',
        response: { 200: Type.Object({ halls: Type.Array(QueueHall) }), ...errors },
      },
    },
    async (request) => queue.list(actorOf(request)),
  );
  app.post(
    '/queue/halls',
    {
      schema: {
        tags,
        summary: 'Set up a service hall at a node: businesses, windows, opening hours, the priority and reset rules',
        body: QueueHallInput,
        response: { 201: QueueHall, ...errors },
      },
    },
    async (request, reply) => reply.status(201).send(await queue.create(actorOf(request), request.body)),
  );
  app.get(
    '/queue/halls/:id',
    {
      schema: {
        tags,
        summary: 'One service hall (its version in the ETag)',
        params: HallParams,
        response: { 200: QueueHall, ...errors },
      },
    },
    async (request, reply) => withEtag(reply, await queue.get(actorOf(request), request.params.id)),
  );
  app.put(
    '/queue/halls/:id',
    {
      schema: {
        tags,
        summary: 'Save a hall whole, edited from the version in If-Match',
        params: HallParams,
        body: QueueHallInput,
        response: { 200: QueueHall, ...errors, 428: ErrorBody },
      },
    },
    async (request, reply) =>
      withEtag(reply, await queue.update(actorOf(request), request.params.id, request.body, editVersionOf(request))),
  );
  app.delete(
    '/queue/halls/:id',
    {
      schema: {
        tags,
        summary: 'Remove a hall and its tickets, at the version in If-Match',
        params: HallParams,
        response: { 204: Type.Null(), ...errors, 428: ErrorBody },
      },
    },
    async (request, reply) => {
      await queue.remove(actorOf(request), request.params.id, editVersionOf(request));
      return reply.status(204).send(null);
    },
  );
  app.get(
    '/queue/halls/:id/state',
    {
      schema: {
        tags,
        summary:
          "The hall now: its windows and their tickets, each business's queue, the waiting tickets, the latest calls",
        params: HallParams,
        response: { 200: QueueHallState, ...errors },
      },
    },
    async (request) => queue.state(actorOf(request), request.params.id),
  );
  app.get(
    '/queue/halls/:id/events',
    {
      schema: {
        tags,
        summary: 'The hall live (text/event-stream)',
        description: 'Sends `event: state` with the QueueHallState at once and again after every change to the hall.',
        params: HallParams,
        response: errors,
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const hallId = request.params.id;
      await openStream(request, reply, { hallId, read: () => queue.state(actor, hallId), onChange: queue.onChange });
    },
  );
  app.post(
    '/queue/halls/:id/windows/:number/actions',
    {
      schema: {
        tags,
        summary: 'A counter at a window: call next, recall, 过号, finish, transfer, pause or resume',
        params: WindowParams,
        body: QueueActionInput,
        response: {
          200: Type.Object({ ticket: Type.Optional(QueueTicket), state: QueueHallState }),
          ...errors,
        },
      },
    },
    async (request) => queue.act(actorOf(request), request.params.id, request.params.number, request.body),
  );
  app.post(
    '/queue/halls/:id/windows/:number/rating',
    {
      schema: {
        tags,
        summary:
          "The resident's rating (好差评) of a ticket finished at this window, from its rating pad; 不满意 and 非常不满意 open a follow-up case",
        description:
          'Once a ticket (ALREADY_EXISTS), only for a ticket finished at this window (QUEUE_NOT_RATEABLE), within QUEUE_RATING_MINUTES of its finish (QUEUE_RATING_CLOSED).',
        params: WindowParams,
        body: QueueRatingInput,
        response: { 201: QueueRating, ...errors },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await queue.rate(actorOf(request), request.params.id, request.params.number, request.body)),
  );
  app.get(
    '/queue/halls/:id/stats',
    {
      schema: {
        tags,
        summary:
          "The hall's statistics over service days: tickets, waiting and service times, by business, window, hour and staff member, and ratings",
        params: HallParams,
        querystring: QueueStatsQuery,
        response: { 200: QueueStats, ...errors },
      },
    },
    async (request) => queue.stats(actorOf(request), request.params.id, request.query),
  );
}

const kiosks = new WeakMap<FastifyRequest, Kiosk>();

export function registerDeviceQueueRoutes(
  app: TypedApp,
  deps: { queue: Queue; queueAppointments: QueueAppointments; devices: DeviceService },
): void {
  const { queue, queueAppointments: appointments, devices } = deps;
  app.register(async (scope: TypedApp) => {
    // Only a kiosk, before a byte of the body is read (the scope's guard has checked the credentials).
    scope.addHook('onRequest', async (request) => {
      const deviceId = deviceIdOf(request);
      const audience = await devices.audience(deviceId);
      if (audience.kind !== 'kiosk') throw new LinliError('FORBIDDEN', 'Only kiosks give queue tickets');
      kiosks.set(request, { deviceId, orgPath: audience.orgPath });
    });
    const kioskOf = (request: FastifyRequest) => {
      const kiosk = kiosks.get(request);
      if (!kiosk) throw new LinliError('DEVICE_UNKNOWN');
      return kiosk;
    };
    scope.get(
      '/queue/offer',
      {
        schema: {
          tags,
          summary: "What this kiosk offers for 取号: the hall above it, its businesses, their waits and today's hours",
          response: { 200: KioskQueueOffer, ...errors },
        },
      },
      async (request) => queue.offer(kioskOf(request)),
    );
    scope.post(
      '/queue/tickets',
      {
        schema: {
          tags,
          summary:
            'A ticket for a resident (clientId: sent again, the same ticket, 200); refused with QUEUE_CLOSED (the reason in its details) or QUEUE_FULL',
          body: KioskTicketRequest,
          response: { 201: QueueTicketReceipt, 200: QueueTicketReceipt, ...errors },
        },
      },
      async (request, reply) => sendTicket(request, reply, await queue.take(kioskOf(request), request.body)),
    );
    scope.post(
      '/queue/check-in',
      {
        schema: {
          tags,
          summary:
            '预约签到: a booked resident’s ticket (priority appointment), by the booking’s code or the ID number the card reader read; APPOINTMENT_NOT_FOUND, APPOINTMENT_TOO_EARLY or APPOINTMENT_TOO_LATE (the slot in its details)',
          body: KioskCheckInRequest,
          response: { 201: QueueTicketReceipt, 200: QueueTicketReceipt, ...errors },
        },
      },
      async (request, reply) => sendTicket(request, reply, await appointments.checkIn(kioskOf(request), request.body)),
    );
  });
}

/** A ticket given (201) or given again for the same clientId (200), with its follow link. */
function sendTicket(request: FastifyRequest, reply: FastifyReply, ticket: TakenTicket) {
  const { followToken, duplicate, ...receipt } = ticket;
  // The page is on this server, at the address the kiosk reached it by (a proxy's, when one is trusted).
  const followUrl = `${request.protocol}://${request.host}${QUEUE_FOLLOW_PATH}/${followToken}`;
  return reply.status(duplicate ? 200 : 201).send({ ...receipt, followUrl });
}
