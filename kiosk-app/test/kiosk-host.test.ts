import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createKioskHost, type ShellHooks } from '../host/kiosk-host';
import { browserShellHooks } from '../shells/browser/shell-hooks';
import { fakeAdminServer, kioskConfig } from './fake-admin-server';
import { guide, notice, upsert, upsertNotice } from './fixtures';

const shell: ShellHooks = browserShellHooks(() => assert.fail('no restart expected'));

test('a kiosk enrolls once, syncs, and after a restart serves its cache with the server down', async (t) => {
  const server = fakeAdminServer([upsert(guide('shebao-card-loss', '社会保障卡挂失', { aliases: ['社保'] }))]);
  const config = kioskConfig(t);
  const first = await createKioskHost({ config, fetch: server.fetchImpl, log: () => undefined, shell });
  await first.start();
  assert.equal((await first.bridge.getStatus({})).guideCount, 1);
  await first.stop();

  server.state.down = true;
  const second = await createKioskHost({ config, fetch: server.fetchImpl, log: () => undefined, shell });
  await second.start();
  t.after(() => second.stop());
  assert.equal(server.state.enrollAttempts, 1, 'credentials were kept');
  const status = await second.bridge.getStatus({});
  assert.equal(status.online, false);
  assert.equal(status.guideCount, 1);
  assert.equal((await second.bridge.searchGuides({ query: 'shebao' }))[0]?.id, 'shebao-card-loss');
});

test('enrollment keeps trying while the server is unreachable, and stops on a wrong code', async (t) => {
  const server = fakeAdminServer([]);
  server.state.down = true;
  setTimeout(() => (server.state.down = false), 300);
  const host = await createKioskHost({ config: kioskConfig(t), fetch: server.fetchImpl, log: () => undefined, shell });
  t.after(() => host.stop());
  assert.equal(server.state.enrollAttempts, 1);

  await assert.rejects(
    createKioskHost({
      config: kioskConfig(t, { LINLI_ENROLLMENT_CODE: 'WRONGCODE' }),
      fetch: server.fetchImpl,
      log: () => undefined,
      shell,
    }),
    { code: 'ENROLLMENT_CODE_INVALID' },
  );
});

test('notices arrive through the same feed, are announced, and are shown apart from guides', async (t) => {
  const server = fakeAdminServer([
    upsert(guide('shebao-card-loss', '社会保障卡挂失', { aliases: ['社保'] })),
    upsertNotice(notice('shebao-notice', '社保卡集中换发通知', '2026-01-01T00:00:00.000Z')),
  ]);
  const host = await createKioskHost({ config: kioskConfig(t), fetch: server.fetchImpl, log: () => undefined, shell });
  t.after(() => host.stop());
  const events: string[] = [];
  host.onEvent((event) => events.push(event));
  await host.start();
  assert.ok(events.includes('catalog-changed'));
  assert.deepEqual(
    (await host.bridge.listNotices({})).map((n) => n.id),
    ['shebao-notice'],
  );
  assert.deepEqual(
    (await host.bridge.searchGuides({ query: '社保' })).map((hit) => hit.id),
    ['shebao-card-loss'],
  );
  assert.equal((await host.bridge.getStatus({})).guideCount, 1);
});

test("a kiosk whose clock is an hour off shows the notices the server's time calls for", async (t) => {
  for (const skewMs of [3600_000, -3600_000]) {
    // The server's now: what its notices are published for, whatever this kiosk's clock says.
    const serverNow = Date.now() + skewMs;
    const at = (minutes: number) => new Date(serverNow + minutes * 60_000).toISOString();
    const server = fakeAdminServer([
      upsertNotice(notice('current', '本周六停水通知', at(-10), { expireAt: at(50) })),
      upsertNotice(notice('later', '下月体检通知', at(30))),
      upsertNotice(notice('over', '上周活动通知', at(-60), { expireAt: at(-5) })),
    ]);
    server.state.clockAheadMs = skewMs;
    const host = await createKioskHost({
      config: kioskConfig(t),
      fetch: server.fetchImpl,
      log: () => undefined,
      shell,
    });
    t.after(() => host.stop());
    await host.start();
    assert.deepEqual(
      (await host.bridge.listNotices({})).map((n) => n.id),
      ['current'],
      `with the server ${skewMs > 0 ? 'an hour ahead' : 'an hour behind'}`,
    );
  }
});
