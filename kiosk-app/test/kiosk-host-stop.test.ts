/**
 * Stopping the kiosk host after the admin server went away, over real TCP: whatever is under way
 * (a pull, a command answer, a heartbeat, a notice file, the push channel, the waits before trying
 * again) ends at once, stop() resolves promptly, and no request follows it.
 */
import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PUSH_EVENT_CHANGES, type Change } from '@linli/protocol';
import { createKioskHost } from '../host/kiosk-host';
import { browserShellHooks } from '../shells/browser/shell-hooks';
import { kioskConfig } from './fake-admin-server';
import { command, DEVICE_ID, notice, upsertNotice } from './fixtures';
import { mediaFile } from './media-server';
import { countedTimers } from './counted-timers';
import { until } from './until';

// A third of the 15 s request timeout a stop must not wait out: wide enough for a loaded machine.
const STOP_BOUND_MS = 5000;
const video = mediaFile(1000, 31, 'video/mp4', '停水说明.mp4');

interface Seen {
  what: string;
  /** Answered in full; the others are left open. */
  answered: boolean;
  /** Set once the connection the request came on is closed. */
  closed: boolean;
}

const sendJson = (response: ServerResponse, body: unknown) =>
  response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));

/**
 * The device API of an admin server that answers enrollment and the first page (a command and a
 * notice with a file), then goes away as `after` says: 'silent' leaves every later request open
 * unanswered (a hung server, or a link that drops packets), 'dropping' cuts each one off.
 */
async function vanishingAdmin(t: TestContext, after: 'silent' | 'dropping') {
  const firstPage: Change[] = [
    command('cmd-stop', 'reload', new Date(Date.now() - 2000).toISOString()),
    upsertNotice(notice('water', '停水通知', '2026-01-01T00:00:00.000Z', { attachments: [video.ref] })),
  ];
  const seen: Seen[] = [];
  let pagesServed = 0;
  let pushOpened = false;

  /** Answers what the server still answers; false for what it leaves to `after`. */
  const answered = (path: string, response: ServerResponse): boolean => {
    if (path === '/api/v1/devices/enroll') {
      sendJson(response, { deviceId: DEVICE_ID, secret: 's3cret' });
      return true;
    }
    if (path === '/api/v1/sync/changes' && pagesServed++ === 0) {
      sendJson(response, { changes: firstPage, nextCursor: firstPage.at(-1)!.seq, hasMore: false });
      return true;
    }
    return false;
  };

  const server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://admin.test').pathname;
    const entry: Seen = { what: `${request.method} ${request.url}`, answered: answered(path, response), closed: false };
    seen.push(entry);
    request.socket.once('close', () => (entry.closed = true));
    if (entry.answered) return;
    if (after === 'dropping') return void request.socket.destroy();
    // The silent server's push channel opens and announces a change, so the kiosk pulls once more.
    if (path === '/api/v1/sync/events' && !pushOpened) {
      pushOpened = true;
      response
        .writeHead(200, { 'content-type': 'text/event-stream' })
        .write(`event: ${PUSH_EVENT_CHANGES}\ndata: ${JSON.stringify({ latestSeq: 999 })}\n\n`);
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.after(() => {
    server.closeAllConnections();
    return new Promise<void>((resolve) => server.close(() => resolve()));
  });
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    seen,
    has: (pattern: RegExp) => seen.some((entry) => pattern.test(entry.what)),
  };
}

async function startHost(t: TestContext, url: string) {
  const logs: string[] = [];
  const timers = countedTimers();
  const host = await createKioskHost({
    config: kioskConfig(t, { LINLI_SERVER_URL: url }),
    log: (line) => logs.push(line),
    shell: browserShellHooks(() => assert.fail('no restart expected')),
    timers,
  });
  await host.start();
  return { host, logs, timers };
}

async function timedStop(host: Awaited<ReturnType<typeof createKioskHost>>): Promise<number> {
  const started = Date.now();
  await host.stop();
  return Date.now() - started;
}

test(
  'a stop ends every request a silent admin server holds open, at once, and sends none after',
  { timeout: 30_000 },
  async (t) => {
    const admin = await vanishingAdmin(t, 'silent');
    const { host, logs, timers } = await startHost(t, admin.url);
    await until(
      () =>
        admin.has(/^GET \/api\/v1\/sync\/changes\?cursor=[1-9]/) &&
        admin.has(/^POST \/api\/v1\/devices\/commands\/cmd-stop\/result$/) &&
        admin.has(/^POST \/api\/v1\/devices\/heartbeat$/) &&
        admin.has(new RegExp(`^GET /media/${video.ref.sha256}$`)),
      'a pull, the command answer, a heartbeat and the file download all waiting on the server',
    );

    const tookMs = await timedStop(host);
    assert.ok(tookMs < STOP_BOUND_MS, `stop() took ${tookMs} ms`);
    const requestsAtStop = admin.seen.length;
    await until(
      () => admin.seen.every((entry) => entry.answered || entry.closed),
      'every request left open closed by the kiosk',
    );
    assert.equal(admin.seen.length, requestsAtStop, 'no request after the stop');
    assert.equal(timers.waiting(), 0, 'nothing is left waiting to send one later');
    assert.ok(logs.includes('command reload cmd-stop: answer not delivered (shutting down)'));
    assert.deepEqual(
      logs.filter((line) => /failed|SERVER_UNREACHABLE/.test(line)),
      [],
      'the stop itself reports no failure',
    );
  },
);

test(
  'a stop cuts the waits before trying again while the admin server drops every request',
  { timeout: 30_000 },
  async (t) => {
    const admin = await vanishingAdmin(t, 'dropping');
    const { host, logs, timers } = await startHost(t, admin.url);
    await until(
      () =>
        admin.has(/^POST \/api\/v1\/devices\/commands\/cmd-stop\/result$/) &&
        logs.some((line) => line.startsWith(`media ${video.ref.sha256}: SERVER_UNREACHABLE`)) &&
        logs.some((line) => line.startsWith('push channel: SERVER_UNREACHABLE')),
      'the answer, the file and the push channel waiting to try again',
    );

    // The command answer, the file and the push channel each wait to try again, beside the
    // heartbeat and the next pull.
    assert.ok(timers.waiting() >= 5, `${timers.waiting()} waits before the stop`);
    const tookMs = await timedStop(host);
    assert.ok(tookMs < STOP_BOUND_MS, `stop() took ${tookMs} ms`);
    assert.equal(timers.waiting(), 0, 'every wait was cut: nothing is left to try again after the stop');
  },
);
