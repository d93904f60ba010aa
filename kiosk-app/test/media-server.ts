/**
 * The admin server's `/media/<sha256>` on a real local port, answering Range and If-Range as it
 * does, with switches to cut a reply after some bytes, serve wrong bytes, ignore or refuse Range,
 * or hold replies back; it counts the body bytes it sends and the requests it serves at once.
 */
import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TestContext } from 'node:test';
import type { MediaRef } from '@linli/protocol';
import type { FetchLike } from '../host/sync/server-client';

export const sha256Of = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** A file of `bytes` pseudo-random bytes and its ref. */
export function mediaFile(
  bytes: number,
  seed: number,
  mime = 'video/mp4',
  name = `视频${seed}.mp4`,
): { ref: MediaRef; data: Buffer } {
  const data = Buffer.alloc(bytes);
  for (let i = 0, x = seed; i < bytes; i++) data[i] = (x = (x * 1103515245 + 12345) >>> 0) >>> 24;
  return { ref: { sha256: sha256Of(data), bytes, mime, name }, data };
}

export interface MediaRequest {
  sha256: string;
  range: string | undefined;
  ifRange: string | undefined;
  status: number;
}

export async function startMediaServer(t: TestContext, files: Array<{ ref: MediaRef; data: Buffer }>) {
  const blobs = new Map(files.map((file) => [file.ref.sha256, file.data]));
  const state = {
    /** Body bytes a reply sends before the connection is cut; undefined sends it all. */
    cutAfter: undefined as number | undefined,
    /** Serves other bytes of the same length (and the same ETag). */
    wrongBytes: false,
    /** Answers range requests with the whole file (200). */
    ignoreRange: false,
    /** Answers range requests 416, as for a range beyond its copy of the file. */
    refuseRange: false,
  };
  const requests: MediaRequest[] = [];
  let sentBytes = 0;
  let active = 0;
  let maxActive = 0;
  let held: Promise<void> | undefined;

  const server = createServer(async (request, response) => {
    const sha256 = /^\/media\/([0-9a-f]{64})$/.exec(request.url ?? '')?.[1] ?? '';
    const range = request.headers.range;
    const ifRange = request.headers['if-range'] as string | undefined;
    const record = (status: number) => requests.push({ sha256, range, ifRange, status });
    maxActive = Math.max(maxActive, ++active);
    response.on('close', () => active--);
    await held;
    const blob = blobs.get(sha256);
    if (!blob) {
      record(404);
      response
        .writeHead(404, { 'content-type': 'application/json' })
        .end(JSON.stringify({ error: { code: 'NOT_FOUND', message: 'No media' } }));
      return;
    }
    const body = state.wrongBytes ? Buffer.from(blob.map((byte) => byte ^ 0xff)) : blob;
    const etag = `"${sha256}"`;
    const headers = {
      etag,
      'cache-control': 'public, max-age=31536000, immutable',
      'accept-ranges': 'bytes',
      'content-type': 'application/octet-stream',
    };
    // If-Range names the version the client holds; any other answer means "send it all".
    const from =
      !state.ignoreRange && (ifRange === undefined || ifRange === etag)
        ? /^bytes=(\d+)-$/.exec(range ?? '')?.[1]
        : undefined;
    const start = from === undefined ? 0 : Number(from);
    if (start > 0 && (start >= body.length || state.refuseRange)) {
      record(416);
      response.writeHead(416, { ...headers, 'content-range': `bytes */${body.length}` }).end();
      return;
    }
    const status = from === undefined ? 200 : 206;
    record(status);
    const part = body.subarray(start);
    response.writeHead(status, {
      ...headers,
      'content-length': part.length,
      ...(status === 206 ? { 'content-range': `bytes ${start}-${body.length - 1}/${body.length}` } : {}),
    });
    const cut = state.cutAfter;
    if (cut === undefined || cut >= part.length) {
      sentBytes += part.length;
      response.end(part);
      return;
    }
    // Cut once the bytes are handed to the kernel, so the client receives exactly `cut` of them.
    response.write(part.subarray(0, cut), () => {
      sentBytes += cut;
      response.socket?.destroy();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.after(() => {
    server.closeAllConnections();
    return new Promise<void>((resolve) => server.close(() => resolve()));
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url,
    state,
    requests,
    sentBytes: () => sentBytes,
    /** The requests it is answering now, and the most it answered at one time. */
    active: () => active,
    maxActive: () => maxActive,
    /** Holds every reply until the function returned is called. */
    hold(): () => void {
      let release!: () => void;
      held = new Promise<void>((resolve) => (release = resolve));
      return () => {
        held = undefined;
        release();
      };
    },
    /** Sends `/media/` requests to this server and every other request to `other`. */
    routeMedia(other: FetchLike): FetchLike {
      return (input, init) => {
        const { pathname } = new URL(String(input));
        return pathname.startsWith('/media/') ? fetch(`${url}${pathname}`, init) : other(input, init);
      };
    },
  };
}
