/**
 * Remote commands through the kiosk host as the browser shell runs it: each is run once after its
 * page is stored and answered on the device API, never run from a resync, refused when expired.
 */
import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { COMMAND_EXPIRY_SEC, deviceAuthorization, type BridgeEvent } from '@linli/protocol';
import { NO_SCREEN_DETAIL } from '../host/commands/command-executor';
import { createKioskHost } from '../host/kiosk-host';
import { browserShellHooks, RESTART_EXIT_CODE } from '../shells/browser/shell-hooks';
import { fakeAdminServer, kioskConfig } from './fake-admin-server';
import { command, DEVICE_ID, guide, upsert } from './fixtures';
import { until } from './until';

const justNow = () => new Date(Date.now() - 2000).toISOString();

async function startHost(t: TestContext, server: ReturnType<typeof fakeAdminServer>) {
  const exits: number[] = [];
  const host = await createKioskHost({
    config: kioskConfig(t),
    fetch: server.fetchImpl,
    log: () => undefined,
    shell: browserShellHooks((code) => exits.push(code)),
  });
  const events: BridgeEvent[] = [];
  host.onEvent((event) => events.push(event));
  await host.start();
  t.after(() => host.stop());
  return { host, events, exits };
}

test('reload asks the page to reload and is answered ok on the device API', async (t) => {
  const server = fakeAdminServer([upsert(guide('dibao', '最低生活保障申请'))]);
  const { events } = await startHost(t, server);
  server.publish(command('cmd-1', 'reload', justNow()));
  await until(() => server.answers.length === 1, 'the answer');
  assert.ok(events.includes('reload'));
  assert.deepEqual(server.answers, [
    { id: 'cmd-1', result: { ok: true }, authorization: deviceAuthorization(DEVICE_ID, 's3cret') },
  ]);
});

test('the browser shell cannot take a screenshot and says so', async (t) => {
  const server = fakeAdminServer([]);
  await startHost(t, server);
  server.publish(command('cmd-shot', 'screenshot', justNow()));
  await until(() => server.answers.length === 1, 'the answer');
  assert.deepEqual(server.answers[0]!.result, { ok: false, detail: NO_SCREEN_DETAIL });
  assert.equal(NO_SCREEN_DETAIL, 'screenshots need the Electron shell');
});

test('restart is answered first, then the browser shell exits for systemd to start it again', async (t) => {
  const server = fakeAdminServer([]);
  const { exits } = await startHost(t, server);
  server.publish(command('cmd-restart', 'restart', justNow()));
  await until(() => exits.length === 1, 'the exit');
  assert.deepEqual(exits, [RESTART_EXIT_CODE]);
  assert.deepEqual(
    server.answers.map((answer) => answer.result),
    [{ ok: true }],
  );
});

test('re-sync and clear-cache download everything from cursor 0 and keep the content', async (t) => {
  const server = fakeAdminServer([
    upsert(guide('dibao', '最低生活保障申请')),
    upsert(guide('shebao', '社会保障卡挂失')),
  ]);
  const { host, events } = await startHost(t, server);
  for (const kind of ['re-sync', 'clear-cache'] as const) {
    server.cursors.length = 0;
    events.length = 0;
    server.publish(command(`cmd-${kind}`, kind, justNow()));
    await until(() => server.answers.some((answer) => answer.id === `cmd-${kind}`), `the ${kind} answer`);
    assert.equal(server.cursors.at(-1), 0, `${kind}: the last download started at cursor 0`);
    assert.equal((await host.bridge.getStatus({})).guideCount, 2);
    assert.ok(events.includes('catalog-changed'));
  }
  assert.deepEqual(
    server.answers.map((answer) => answer.result),
    [{ ok: true }, { ok: true }],
  );
});

test('an expired command is not run and is answered as failed', async (t) => {
  const server = fakeAdminServer([]);
  const { events, exits } = await startHost(t, server);
  server.publish(command('cmd-old', 'restart', new Date(Date.now() - (COMMAND_EXPIRY_SEC + 60) * 1000).toISOString()));
  await until(() => server.answers.length === 1, 'the answer');
  assert.deepEqual(server.answers[0]!.result, { ok: false, detail: 'expired' });
  assert.deepEqual(exits, []);
  assert.ok(!events.includes('reload'));
});

test('commands run once; a resync that downloads them again runs none', async (t) => {
  const server = fakeAdminServer([upsert(guide('dibao', '最低生活保障申请'))]);
  const { events } = await startHost(t, server);
  server.publish(command('cmd-1', 'reload', justNow()));
  await until(() => server.answers.length === 1, 'the answer');

  // The server forgets the kiosk's cursor: everything, the command too, comes again in a resync.
  server.state.resyncBelow = Number.MAX_SAFE_INTEGER;
  events.length = 0;
  server.publish(upsert(guide('shebao', '社会保障卡挂失')));
  await until(() => events.includes('catalog-changed'), 'the resync');
  assert.equal(server.cursors.at(-1), 0);
  // Commands run in order: a command sent after the resync is answered after anything it ran.
  server.state.resyncBelow = 0;
  server.publish(command('cmd-2', 'screenshot', justNow()));
  await until(() => server.answers.length >= 2, 'the answer to the command after the resync');
  assert.deepEqual(
    server.answers.map((answer) => answer.id),
    ['cmd-1', 'cmd-2'],
  );
  assert.ok(!events.includes('reload'), 'cmd-1 did not reload the page again');
});
