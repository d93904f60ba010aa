import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestContext } from 'node:test';
import type { Change } from '@linli/protocol';
import { loadKioskConfig } from '../host/config';
import { createKioskHost } from '../host/kiosk-host';
import type { FetchLike } from '../host/sync/server-client';
import { guide, notice, upsert, upsertNotice } from './fixtures';

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

/** Answers the device API like the admin server; `down` makes every request fail at the network. */
function fakeServer(changes: Change[]) {
  const state = { down: false, enrollAttempts: 0, code: 'GOODCODE' };
  const fetchImpl: FetchLike = async (input, init) => {
    if (state.down) throw new TypeError('fetch failed');
    const url = new URL(String(input));
    if (url.pathname === '/api/v1/devices/enroll') {
      state.enrollAttempts++;
      const { code } = JSON.parse(String(init?.body));
      return code === state.code
        ? json(200, { deviceId: '0190a8c4-0000-7000-8000-000000000001', secret: 's3cret' })
        : json(401, { error: { code: 'ENROLLMENT_CODE_INVALID', message: 'The enrollment code is not valid' } });
    }
    if (url.pathname === '/api/v1/sync/changes') {
      const cursor = Number(url.searchParams.get('cursor'));
      const after = changes.filter((change) => change.seq > cursor);
      return json(200, { changes: after, nextCursor: after.at(-1)?.seq ?? cursor, hasMore: false });
    }
    if (url.pathname === '/api/v1/devices/heartbeat') return new Response(null, { status: 204 });
    // The push channel: never answers, as if idle.
    return new Promise<Response>(() => undefined);
  };
  return { state, fetchImpl };
}

function kioskConfig(t: TestContext, code = 'GOODCODE') {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'linli-host-'));
  t.after(() => rmSync(dataDir, { recursive: true, force: true }));
  return loadKioskConfig({ LINLI_DATA_DIR: dataDir, LINLI_SERVER_URL: 'http://admin.test:7300', LINLI_ENROLLMENT_CODE: code });
}

test('a kiosk enrolls once, syncs, and after a restart serves its cache with the server down', async (t) => {
  const server = fakeServer([upsert(guide('shebao-card-loss', '社会保障卡挂失', { aliases: ['社保'] }))]);
  const config = kioskConfig(t);
  const first = await createKioskHost({ config, fetch: server.fetchImpl, log: () => undefined });
  await first.start();
  assert.equal((await first.bridge.getStatus({})).guideCount, 1);
  await first.stop();

  server.state.down = true;
  const second = await createKioskHost({ config, fetch: server.fetchImpl, log: () => undefined });
  await second.start();
  t.after(() => second.stop());
  assert.equal(server.state.enrollAttempts, 1, 'credentials were kept');
  const status = await second.bridge.getStatus({});
  assert.equal(status.online, false);
  assert.equal(status.guideCount, 1);
  assert.equal((await second.bridge.searchGuides({ query: 'shebao' }))[0]?.id, 'shebao-card-loss');
});

test('enrollment keeps trying while the server is unreachable, and stops on a wrong code', async (t) => {
  const server = fakeServer([]);
  server.state.down = true;
  setTimeout(() => (server.state.down = false), 300);
  const host = await createKioskHost({ config: kioskConfig(t), fetch: server.fetchImpl, log: () => undefined });
  t.after(() => host.stop());
  assert.equal(server.state.enrollAttempts, 1);

  await assert.rejects(createKioskHost({ config: kioskConfig(t, 'WRONGCODE'), fetch: server.fetchImpl, log: () => undefined }), { code: 'ENROLLMENT_CODE_INVALID' });
});

test('notices arrive through the same feed, are announced, and are shown apart from guides', async (t) => {
  const server = fakeServer([
    upsert(guide('shebao-card-loss', '社会保障卡挂失', { aliases: ['社保'] })),
    upsertNotice(notice('shebao-notice', '社保卡集中换发通知', '2026-01-01T00:00:00.000Z')),
  ]);
  const host = await createKioskHost({ config: kioskConfig(t), fetch: server.fetchImpl, log: () => undefined });
  t.after(() => host.stop());
  const events: string[] = [];
  host.onEvent((event) => events.push(event));
  await host.start();
  assert.ok(events.includes('catalog-changed'));
  assert.deepEqual((await host.bridge.listNotices({})).map((n) => n.id), ['shebao-notice']);
  assert.deepEqual((await host.bridge.searchGuides({ query: '社保' })).map((hit) => hit.id), ['shebao-card-loss']);
  assert.equal((await host.bridge.getStatus({})).guideCount, 1);
});
