/**
 * The HTTP server a browser shell runs on 127.0.0.1 for its page (the kiosk's renderer, the
 * signage player): the page with its per-boot token, its files, the stored media by SHA-256 and a
 * server-sent event stream. Calls to the paths the shell handles must present the token, so other
 * web pages (other origins) cannot drive the device; the Host header is checked against DNS
 * rebinding. Media need no token (`<img>` and `<video>` cannot send one): they are the admin
 * server's public files.
 */
import { createReadStream } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { pipeline } from 'node:stream/promises';
import { LinliError } from '@linli/protocol';
import { isMediaPath, mediaReply, type MediaReply } from '../../host/media/media-reply';
import type { StoredMedia } from '../../host/media/media-sync';
import type { RendererBundle } from './renderer-assets';

/** What a call's body may hold unless its handler allows more (a photo with a case). */
const MAX_BODY_BYTES = 64 * 1024;
const EVENT_STREAM_RETRY_MS = 1000;

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  response.end(JSON.stringify(body));
}

async function readJson(request: IncomingMessage, maxBytes: number): Promise<unknown> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBytes) throw new LinliError('BODY_TOO_LARGE', `A call's body holds ${maxBytes} bytes at most`);
    chunks.push(chunk);
  }
  if (chunks.length === 0) return {};
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new LinliError('VALIDATION_FAILED', 'Request body is not JSON');
  }
}

function sendMedia(response: ServerResponse, reply: MediaReply): void {
  if (reply.status === 404) throw new LinliError('NOT_FOUND', 'No such file on this device');
  response.writeHead(reply.status, reply.headers);
  if (!reply.body) return void response.end();
  // A video seek closes the reply early: nothing to report.
  void pipeline(createReadStream(reply.body.path, { start: reply.body.start, end: reply.body.end }), response).catch(
    () => undefined,
  );
}

/** A call's reply that is not JSON: bytes of one type (the signage player's spoken announcements). */
export class BytesReply {
  constructor(
    readonly contentType: string,
    readonly bytes: Uint8Array,
  ) {}
}

function sendBytes(response: ServerResponse, reply: BytesReply): void {
  response.writeHead(200, {
    'content-type': reply.contentType,
    'content-length': String(reply.bytes.byteLength),
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  });
  response.end(reply.bytes);
}

/** A call the shell answers: its method and path, and the JSON body read (`{}` for none). */
export interface PageCall {
  method: string;
  pathname: string;
  /** Reads the body, refusing one over `maxBytes` (64 KB unless the handler allows more) with BODY_TOO_LARGE. */
  body: (maxBytes?: number) => Promise<unknown>;
}

export interface LocalPageServerDeps {
  port: number;
  page: RendererBundle;
  mediaFile: (sha256: string) => StoredMedia | undefined;
  /** Events for the page, sent on `eventsPath` as `event: <name>`. */
  onEvent: (listener: (event: string) => void) => () => void;
  eventsPath: string;
  /** Where the token travels: a header on calls, a query parameter on the event stream (EventSource sends no headers). */
  tokenHeader: string;
  tokenQuery: string;
  /** Paths starting with this are the shell's calls: token checked, then `handle`d. */
  callPrefix: string;
  /** The JSON reply to a call (or its BytesReply); a LinliError becomes its coded reply. */
  handle: (call: PageCall) => Promise<unknown>;
  log: (message: string, error: unknown) => void;
}

export interface LocalPageServer {
  url: string;
  token: string;
  close(): Promise<void>;
}

export async function startLocalPageServer(deps: LocalPageServerDeps): Promise<LocalPageServer> {
  const token = randomBytes(24).toString('base64url');
  const tokenBytes = Buffer.from(token);
  const tokenMatches = (candidate: string | string[] | null | undefined) => {
    const bytes = Buffer.from((Array.isArray(candidate) ? candidate[0] : candidate) ?? '');
    return bytes.length === tokenBytes.length && timingSafeEqual(bytes, tokenBytes);
  };
  const eventStreams = new Set<ServerResponse>();
  const unsubscribe = deps.onEvent((event) => {
    for (const stream of eventStreams) stream.write(`event: ${event}\ndata: {}\n\n`);
  });

  const server = createServer(async (request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const hostName = (request.headers.host ?? '').replace(/:\d+$/, '');
    if (hostName !== '127.0.0.1' && hostName !== 'localhost')
      return sendJson(response, 421, new LinliError('BRIDGE_TOKEN_INVALID', 'Wrong Host').toBody());
    try {
      if (url.pathname === deps.eventsPath) {
        if (!tokenMatches(url.searchParams.get(deps.tokenQuery))) throw new LinliError('BRIDGE_TOKEN_INVALID');
        response.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store' });
        // A page that loses its host tries again after 1 s rather than the browser's 3 s: a host
        // restarted after a crash is found (and the page reloaded for its new token) that much sooner.
        response.write(`retry: ${EVENT_STREAM_RETRY_MS}\n: connected\n\n`);
        eventStreams.add(response);
        request.on('close', () => eventStreams.delete(response));
        return;
      }
      if (url.pathname.startsWith(deps.callPrefix)) {
        if (!tokenMatches(request.headers[deps.tokenHeader])) throw new LinliError('BRIDGE_TOKEN_INVALID');
        const result = await deps.handle({
          method: request.method ?? 'GET',
          pathname: url.pathname,
          body: (maxBytes = MAX_BODY_BYTES) => readJson(request, maxBytes),
        });
        if (result instanceof BytesReply) return sendBytes(response, result);
        return sendJson(response, 200, result);
      }
      if (isMediaPath(url.pathname))
        return sendMedia(response, mediaReply(url.pathname, request.headers.range, deps.mediaFile));
      const asset = deps.page.asset(url.pathname, token);
      if (!asset) throw new LinliError('NOT_FOUND', `No file ${url.pathname}`);
      response.writeHead(200, asset.headers);
      response.end(asset.body);
    } catch (error) {
      const coded = error instanceof LinliError ? error : new LinliError('INTERNAL');
      if (!(error instanceof LinliError)) deps.log('call failed', error);
      sendJson(response, coded.status, coded.toBody());
    }
  });

  await new Promise<void>((resolve) => server.listen(deps.port, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    token,
    async close() {
      unsubscribe();
      for (const stream of eventStreams) stream.end();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      // close() only stops new connections: the page's open ones would hold it for as long as the
      // page stays (a paused video's reply never finishes, and an event stream reconnecting on a
      // kept-alive connection is served anew). The device is stopping, so every connection goes.
      server.closeAllConnections();
      await closed;
    },
  };
}
