/**
 * The service hall's queue over HTTP: the admin API (halls set up and saved whole with If-Match,
 * the hall's state, its live stream for counters and the live view, a counter's actions at a
 * window) and the device API (a kiosk's offer and the tickets it takes; only kiosks, checked
 * before the body is read). The public page a ticket's QR code opens is queue-follow-page.ts.
 */
import {
  ErrorBody,
  KioskQueueOffer,
  KioskTicketRequest,
  LinliError,
  QueueActionInput,
  QueueHall,
  QueueHallInput,
  QueueHallState,
  QueueTicket,
  QueueTicketReceipt,
} from '@linli/protocol';
import type { FastifyRequest } from 'fastify';
import Type from 'typebox';
import type { DeviceService } from '../domain/devices';
import type { Kiosk, Queue } from '../domain/queue';
import { deviceIdOf } from './device-guard';
import { editVersionOf, withEtag } from './edit-version';
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
/** Comments on an open stream, so proxies and the browser keep it. */
const KEEPALIVE_MS = 15_000;

export function registerQueueRoutes(app: TypedApp, deps: { queue: Queue }): void {
  const { queue } = deps;
  // Open streams never finish by themselves; end them so the server can shut down.
  const openStreams = new Set<{ end: () => void }>();
  app.addHook('preClose', async () => {
    for (const stream of openStreams) stream.end();
  });

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
      const stream = reply.raw;
      let open = false;
      let changed = false;
      let reading = false;
      const send = (state: QueueHallState) => stream.write(`event: state\ndata: ${JSON.stringify(state)}\n\n`);
      /** Reads the state again; changes that come meanwhile are folded into one more read. */
      const refresh = async () => {
        changed = true;
        if (reading || !open) return;
        reading = true;
        while (changed && !stream.writableEnded) {
          changed = false;
          // A hall removed, or the user's rights gone: the stream ends.
          await queue.state(actor, hallId).then(send, () => stream.end());
        }
        reading = false;
      };
      // Listening first, so a change while the first state is read is not missed.
      const unsubscribe = queue.onChange((changedHall) => void (changedHall === hallId && refresh()));
      let first: QueueHallState;
      try {
        first = await queue.state(actor, hallId);
      } catch (error) {
        unsubscribe();
        throw error;
      }
      reply.hijack();
      stream.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-store',
        connection: 'keep-alive',
      });
      open = true;
      send(first);
      if (changed) void refresh();
      const keepalive = setInterval(() => stream.write(': keepalive\n\n'), KEEPALIVE_MS);
      openStreams.add(stream);
      request.raw.on('close', () => {
        clearInterval(keepalive);
        unsubscribe();
        openStreams.delete(stream);
      });
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
}

const kiosks = new WeakMap<FastifyRequest, Kiosk>();

export function registerDeviceQueueRoutes(app: TypedApp, deps: { queue: Queue; devices: DeviceService }): void {
  const { queue, devices } = deps;
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
      async (request, reply) => {
        const { followToken, duplicate, ...receipt } = await queue.take(kioskOf(request), request.body);
        // The page is on this server, at the address the kiosk reached it by (a proxy's, when one is trusted).
        const followUrl = `${request.protocol}://${request.host}${QUEUE_FOLLOW_PATH}/${followToken}`;
        return reply.status(duplicate ? 200 : 201).send({ ...receipt, followUrl });
      },
    );
  });
}
