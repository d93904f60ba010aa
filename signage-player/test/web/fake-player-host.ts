/**
 * A stand-in for the player host's browser shell, for tests of the web player: a throwaway
 * node:http server on 127.0.0.1 serving the shells' own page (player-page.ts), a PlayerView the
 * test sets, an event stream the test pushes to, the proof of play the page posts, and media held in memory (by
 * SHA-256, with byte ranges, as the real shell serves them) and the alive beats it sends. The
 * boot token is checked as the real shell checks it.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  PLAYER_HTTP,
  parseByteRange,
  type MediaRef,
  type PlayRecord,
  type PlayerAliveBeat,
  type PlayerEvent,
  type PlayerView,
} from '@linli/protocol';
import type { RendererBundle } from '../../../kiosk-app/shells/common/renderer-assets';

export interface FakePlayerHost {
  url: string;
  /** What the next view request answers (push `view-changed` to have the page ask). */
  setView(view: PlayerView): void;
  push(event: PlayerEvent): void;
  /** Holds `bytes` under their SHA-256 and returns the reference a playlist item names. */
  addMedia(name: string, mime: string, bytes: Uint8Array): MediaRef;
  /** A file whose requests are never answered (a stalled disk or download). */
  addStalledMedia(name: string, mime: string): MediaRef;
  /** Every record the page has posted so far, in order. */
  readonly played: readonly PlayRecord[];
  /** Resolves with the records once `enough` says they are enough; rejects after `timeoutMs`. */
  waitForPlayed(enough: (records: readonly PlayRecord[]) => boolean, timeoutMs?: number): Promise<PlayRecord[]>;
  /** Every alive beat the page has sent so far, in order. */
  readonly beats: readonly PlayerAliveBeat[];
  /** Resolves with the first beat `matches` accepts (one already received included); rejects after `timeoutMs`. */
  waitForBeat(matches: (beat: PlayerAliveBeat) => boolean, timeoutMs?: number): Promise<PlayerAliveBeat>;
  close(): Promise<void>;
}

export async function startFakePlayerHost(page: RendererBundle, initialView: PlayerView): Promise<FakePlayerHost> {
  const bootToken = randomBytes(16).toString('hex');
  let view = initialView;
  const media = new Map<string, { mime: string; bytes: Uint8Array }>();
  const stalled = new Set<string>();
  const streams = new Set<ServerResponse>();
  const played: PlayRecord[] = [];
  const playedListeners = new Set<() => void>();
  const beats: PlayerAliveBeat[] = [];
  const beatListeners = new Set<() => void>();

  const send = (response: ServerResponse, status: number, type: string, body: string | Uint8Array) => {
    response.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
    response.end(body);
  };
  const readBody = async (request: IncomingMessage) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  };

  const server = createServer(async (request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const tokenOk = request.headers[PLAYER_HTTP.tokenHeader] === bootToken;
    if (url.pathname === PLAYER_HTTP.viewPath) {
      if (!tokenOk) return send(response, 403, 'text/plain', 'bad token');
      return send(response, 200, 'application/json', JSON.stringify(view));
    }
    if (url.pathname === PLAYER_HTTP.playedPath && request.method === 'POST') {
      if (!tokenOk) return send(response, 403, 'text/plain', 'bad token');
      const { records } = JSON.parse(await readBody(request)) as { records: PlayRecord[] };
      played.push(...records);
      for (const listener of playedListeners) listener();
      return send(response, 200, 'application/json', '{}');
    }
    if (url.pathname === PLAYER_HTTP.alivePath && request.method === 'POST') {
      if (!tokenOk) return send(response, 403, 'text/plain', 'bad token');
      beats.push(JSON.parse(await readBody(request)) as PlayerAliveBeat);
      for (const listener of beatListeners) listener();
      return send(response, 200, 'application/json', '{}');
    }
    if (url.pathname === PLAYER_HTTP.eventsPath) {
      if (url.searchParams.get(PLAYER_HTTP.tokenQuery) !== bootToken) return send(response, 403, 'text/plain', 'bad');
      response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store' });
      response.write(': connected\n\n');
      streams.add(response);
      request.on('close', () => streams.delete(response));
      return;
    }
    if (url.pathname.startsWith(PLAYER_HTTP.mediaPath)) {
      const sha256 = url.pathname.slice(PLAYER_HTTP.mediaPath.length);
      if (stalled.has(sha256)) return;
      const file = media.get(sha256);
      if (!file) return send(response, 404, 'text/plain', 'no such media');
      const range = parseByteRange(request.headers.range, file.bytes.length);
      if (range === 'unsatisfiable') return send(response, 416, 'text/plain', 'unsatisfiable');
      const { start, end } = range === 'whole' ? { start: 0, end: file.bytes.length - 1 } : range;
      response.writeHead(range === 'whole' ? 200 : 206, {
        'content-type': file.mime,
        'accept-ranges': 'bytes',
        'content-length': String(end - start + 1),
        ...(range === 'whole' ? {} : { 'content-range': `bytes ${start}-${end}/${file.bytes.length}` }),
      });
      response.end(file.bytes.subarray(start, end + 1));
      return;
    }
    // The page and its files as the player's shells serve them (player-page.ts): its CSP included.
    const asset = page.asset(url.pathname, bootToken);
    if (!asset) return send(response, 404, 'text/plain', 'not found');
    response.writeHead(200, asset.headers);
    response.end(asset.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/`,
    setView(next) {
      view = next;
    },
    push(event) {
      for (const stream of streams) stream.write(`event: ${event}\ndata: {}\n\n`);
    },
    addMedia(name, mime, bytes) {
      const sha256 = createHash('sha256').update(bytes).digest('hex');
      media.set(sha256, { mime, bytes });
      return { sha256, bytes: bytes.length, mime, name };
    },
    addStalledMedia(name, mime) {
      const sha256 = createHash('sha256').update(`stalled:${name}`).digest('hex');
      stalled.add(sha256);
      return { sha256, bytes: 1_000_000, mime, name };
    },
    played,
    waitForPlayed(enough, timeoutMs = 10_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          if (!enough(played)) return;
          playedListeners.delete(check);
          clearTimeout(timer);
          resolve([...played]);
        };
        const timer = setTimeout(() => {
          playedListeners.delete(check);
          reject(new Error(`proof of play not reported in ${timeoutMs} ms; got ${JSON.stringify(played)}`));
        }, timeoutMs);
        playedListeners.add(check);
        check();
      });
    },
    beats,
    waitForBeat(matches, timeoutMs = 10_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const beat = beats.find(matches);
          if (!beat) return;
          beatListeners.delete(check);
          clearTimeout(timer);
          resolve(beat);
        };
        const timer = setTimeout(() => {
          beatListeners.delete(check);
          reject(new Error(`no matching alive beat in ${timeoutMs} ms; got ${JSON.stringify(beats)}`));
        }, timeoutMs);
        beatListeners.add(check);
        check();
      });
    },
    async close() {
      for (const stream of streams) stream.end();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
    },
  };
}
