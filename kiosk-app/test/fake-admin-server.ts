/**
 * The admin server's device API as a kiosk host sees it, in memory: enrollment, the change feed
 * (with its push channel and a cursor too old for it), heartbeats and command answers.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestContext } from 'node:test';
import type { Change, CommandResult } from '@linli/protocol';
import { loadKioskConfig } from '../host/config';
import type { FetchLike } from '../host/sync/server-client';
import { DEVICE_ID } from './fixtures';

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
const COMMAND_RESULT_PATH = /^\/api\/v1\/devices\/commands\/([^/]+)\/result$/;

export interface CommandAnswer {
  id: string;
  result: CommandResult;
  authorization: string | null;
}

/**
 * `down` makes every request fail at the network; a cursor below `resyncBelow` gets RESYNC_REQUIRED;
 * `clockAheadMs` dates every reply by a server clock that far ahead of this machine's (behind when negative).
 */
export function fakeAdminServer(changes: Change[]) {
  const state = {
    down: false,
    enrollAttempts: 0,
    code: 'GOODCODE',
    resyncBelow: 0,
    clockAheadMs: undefined as number | undefined,
  };
  const cursors: number[] = [];
  const answers: CommandAnswer[] = [];
  const pushStreams = new Set<ReadableStreamDefaultController<Uint8Array>>();

  const fetchImpl: FetchLike = async (input, init) => {
    const response = await answer(input, init);
    if (state.clockAheadMs !== undefined)
      response.headers.set('date', new Date(Date.now() + state.clockAheadMs).toUTCString());
    return response;
  };
  const answer: FetchLike = async (input, init) => {
    if (state.down) throw new TypeError('fetch failed');
    const url = new URL(String(input));
    if (url.pathname === '/api/v1/devices/enroll') {
      state.enrollAttempts++;
      const { code } = JSON.parse(String(init?.body));
      return code === state.code
        ? json(200, { deviceId: DEVICE_ID, secret: 's3cret' })
        : json(401, { error: { code: 'ENROLLMENT_CODE_INVALID', message: 'The enrollment code is not valid' } });
    }
    if (url.pathname === '/api/v1/sync/changes') {
      const cursor = Number(url.searchParams.get('cursor'));
      cursors.push(cursor);
      if (cursor > 0 && cursor < state.resyncBelow)
        return json(409, { error: { code: 'RESYNC_REQUIRED', message: 'The sync cursor is too old' } });
      const after = changes.filter((change) => change.seq > cursor);
      return json(200, { changes: after, nextCursor: after.at(-1)?.seq ?? cursor, hasMore: false });
    }
    if (url.pathname === '/api/v1/devices/heartbeat') return new Response(null, { status: 204 });
    const commandResult = COMMAND_RESULT_PATH.exec(url.pathname);
    if (commandResult && init?.method === 'POST') {
      answers.push({
        id: decodeURIComponent(commandResult[1]!),
        result: JSON.parse(String(init.body)),
        authorization: new Headers(init.headers).get('authorization'),
      });
      return new Response(null, { status: 204 });
    }
    if (url.pathname === '/api/v1/sync/events') {
      let stream: ReadableStreamDefaultController<Uint8Array>;
      const body = new ReadableStream<Uint8Array>({
        start: (controller) => void pushStreams.add((stream = controller)),
      });
      init?.signal?.addEventListener('abort', () => {
        pushStreams.delete(stream);
        stream.error(init.signal!.reason);
      });
      return new Response(body, { status: 200, headers: { 'content-type': 'text/event-stream' } });
    }
    return json(404, { error: { code: 'NOT_FOUND', message: url.pathname } });
  };

  return {
    state,
    /** The cursor of every feed request, in order. */
    cursors,
    answers,
    fetchImpl,
    /** Adds changes to the feed and announces them on the push channel. */
    publish(...more: Change[]) {
      changes.push(...more);
      const event = new TextEncoder().encode(
        `event: changes\ndata: ${JSON.stringify({ latestSeq: changes.at(-1)!.seq })}\n\n`,
      );
      pushStreams.forEach((stream) => stream.enqueue(event));
    },
  };
}

/** A kiosk configuration with its own data folder, enrolling with GOODCODE; `env` adds to it or overrides it. */
export function kioskConfig(t: TestContext, env: NodeJS.ProcessEnv = {}) {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'linli-host-'));
  t.after(() => rmSync(dataDir, { recursive: true, force: true }));
  return loadKioskConfig({
    LINLI_DATA_DIR: dataDir,
    LINLI_SERVER_URL: 'https://admin.test:7300',
    LINLI_ENROLLMENT_CODE: 'GOODCODE',
    ...env,
  });
}
