/** Sync API v1 for devices (in the device scope): the paged change feed and the push channel (server-sent events). */
import { ChangesPage, ChangesQuery, ErrorBody, PUSH_EVENT_CHANGES } from '@linli/protocol';
import type { DeviceService } from '../domain/devices';
import type { SyncFeed } from '../domain/sync-feed';
import type { ChangeHub } from '../push/change-hub';
import { deviceIdOf, protocolOf } from './device-guard';
import type { TypedApp } from './typed-app';

const KEEPALIVE_MS = 15_000;

export function registerSyncRoutes(
  app: TypedApp,
  deps: {
    devices: DeviceService;
    feed: SyncFeed;
    hub: ChangeHub;
    /** The push streams open now (counted for /metrics), added to and removed from here. */
    openStreams: Set<{ end: () => void }>;
  },
): void {
  const { devices, feed, hub, openStreams } = deps;
  // Open push streams never finish by themselves; end them so the server can shut down.
  app.addHook('preClose', async () => {
    for (const stream of openStreams) stream.end();
  });

  app.get(
    '/sync/changes',
    {
      schema: {
        tags: ['sync'],
        summary: 'Changes after a cursor, oldest first',
        description:
          'Apply `changes` and store `nextCursor` in one transaction; repeat while `hasMore`. A cursor older than the retained changes gets 409 RESYNC_REQUIRED: start again from 0. Entities newer than the protocol version the device names are passed over.',
        querystring: ChangesQuery,
        response: { 200: ChangesPage, 400: ErrorBody, 401: ErrorBody, 409: ErrorBody, 426: ErrorBody },
      },
    },
    async (request) => {
      return feed.page(
        await devices.audience(deviceIdOf(request)),
        request.query.cursor,
        request.query.limit,
        protocolOf(request),
      );
    },
  );

  app.get(
    '/sync/events',
    {
      schema: {
        tags: ['sync'],
        summary: 'Push channel (text/event-stream)',
        description: `Sends \`event: ${PUSH_EVENT_CHANGES}\` with \`{"latestSeq": n}\` when the feed moves, and once on connect; the device then pulls.`,
        response: { 401: ErrorBody },
      },
    },
    async (request, reply) => {
      reply.hijack();
      const stream = reply.raw;
      stream.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-store',
        connection: 'keep-alive',
      });
      const send = (latestSeq: number) =>
        stream.write(`event: ${PUSH_EVENT_CHANGES}\ndata: ${JSON.stringify({ latestSeq })}\n\n`);
      send(await feed.latestSeq());
      const deviceId = deviceIdOf(request);
      const unsubscribe = hub.subscribe(send);
      // A revoked device's stream ends at once when revoked here, and at the next keepalive when
      // revoked through another server instance.
      const unwatch = devices.onRevoked((revoked) => revoked === deviceId && stream.end());
      const keepalive = setInterval(() => {
        stream.write(': keepalive\n\n');
        void devices.isActive(deviceId).then(
          (active) => active || stream.end(),
          () => stream.end(),
        );
      }, KEEPALIVE_MS);
      openStreams.add(stream);
      request.raw.on('close', () => {
        clearInterval(keepalive);
        unsubscribe();
        unwatch();
        openStreams.delete(stream);
      });
    },
  );
}
