/**
 * A hall's state as server-sent events, for the counters' live view (admin API) and calling
 * displays (device API): `event: state` with the state at once, again after each change the hub
 * announces for the hall (changes that come while one is read fold into one more read), and a
 * comment every 15 s so proxies keep the connection and the other end can tell a silent stream
 * from a dead one. A read that fails later (the hall removed, the rights gone) ends the stream.
 */
import type { QueueHallState } from '@linli/protocol';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { TypedApp } from './typed-app';

/** Comments on an open stream, so proxies and the other end keep it. */
export const HALL_STREAM_KEEPALIVE_MS = 15_000;

export interface HallStateStreamOptions {
  hallId: number;
  /** The hall's state as this listener may see it; throws (a coded error) when it may not. */
  read: () => Promise<QueueHallState>;
  /** Calls the listener with the id of each hall that changed; returns the unsubscribe. */
  onChange: (listener: (hallId: number) => void) => () => void;
  /** Asked at each keepalive: false ends the stream (a device revoked through another server instance). */
  stillAllowed?: () => Promise<boolean>;
  /** Subscribes `end` to what must end the stream at once (a device revoked here); returns the unsubscribe. */
  endWhen?: (end: () => void) => () => void;
}

/** Opens a hall's state stream on a request: the first read's refusal is answered as a coded error. */
export type OpenHallStateStream = (
  request: FastifyRequest,
  reply: FastifyReply,
  options: HallStateStreamOptions,
) => Promise<void>;

/** The streams of one route scope; the scope's close ends them (open streams never finish by themselves). */
export function hallStateStreams(app: TypedApp): OpenHallStateStream {
  const openStreams = new Set<{ end: () => void }>();
  app.addHook('preClose', async () => {
    for (const stream of openStreams) stream.end();
  });

  return async (request, reply, options) => {
    const { hallId, read } = options;
    const stream = reply.raw;
    let open = false;
    let changed = false;
    let reading = false;
    const end = () => stream.end();
    const send = (state: QueueHallState) => stream.write(`event: state\ndata: ${JSON.stringify(state)}\n\n`);
    /** Reads the state again; changes that come meanwhile are folded into one more read. */
    const refresh = async () => {
      changed = true;
      if (reading || !open) return;
      reading = true;
      while (changed && !stream.writableEnded) {
        changed = false;
        await read().then(send, end);
      }
      reading = false;
    };
    // Listening first, so a change while the first state is read is not missed.
    const unsubscribe = options.onChange((changedHall) => void (changedHall === hallId && refresh()));
    let first: QueueHallState;
    try {
      first = await read();
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
    const unwatch = options.endWhen?.(end);
    const keepalive = setInterval(() => {
      stream.write(': keepalive\n\n');
      void options.stillAllowed?.().then(
        (allowed) => allowed || end(),
        () => end(),
      );
    }, HALL_STREAM_KEEPALIVE_MS);
    openStreams.add(stream);
    request.raw.on('close', () => {
      clearInterval(keepalive);
      unsubscribe();
      unwatch?.();
      openStreams.delete(stream);
    });
  };
}
