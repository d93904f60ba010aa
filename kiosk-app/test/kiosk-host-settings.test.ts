/**
 * Settings pushed by the admin server, as the kiosk host applies them: through the bridge to the
 * renderer, to the device worker, kept in the cache across a restart, announced when they change.
 */
import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { BridgeEvent, PeripheralsFile } from '@linli/protocol';
import type { HostToWorker, SpawnPeripheralWorker } from '../host/peripherals/peripheral-worker-messages';
import { createKioskHost } from '../host/kiosk-host';
import type { KioskConfig } from '../host/config';
import type { Speaker } from '../host/speech/speaker';
import { browserShellHooks } from '../shells/browser/shell-hooks';
import { fakeAdminServer, kioskConfig } from './fake-admin-server';
import { guide, pushSettings, upsert } from './fixtures';
import { until } from './until';

const LOCAL_DEVICES: PeripheralsFile = {
  maintenancePin: '2468',
  peripherals: [{ id: 'receipt', driver: 'escpos-tcp', host: '127.0.0.1', port: 9 }],
};
const PUSHED_DEVICES: PeripheralsFile = {
  maintenancePin: '135790',
  peripherals: [{ id: 'a4', driver: 'system-printer' }],
};
const NO_SPEECH: Speaker = { available: false, speak: async () => undefined, stop: () => undefined };

/** Device workers that only record the devices file each was started with. */
function fakeWorkers() {
  const started: PeripheralsFile[] = [];
  let killed = 0;
  const spawn: SpawnPeripheralWorker = () => {
    let exit: ((code: number | null) => void) | undefined;
    return {
      pid: undefined,
      send: (message: HostToWorker) => void (message.type === 'start' && started.push(message.file)),
      onMessage: () => undefined,
      onExit: (listener) => void (exit = listener),
      kill: () => {
        killed++;
        exit?.(null);
      },
    };
  };
  return { spawn, started, killed: () => killed };
}

async function startHost(
  t: TestContext,
  config: KioskConfig,
  server: ReturnType<typeof fakeAdminServer>,
  spawnPeripheralWorker?: SpawnPeripheralWorker,
) {
  const host = await createKioskHost({
    config,
    fetch: server.fetchImpl,
    log: () => undefined,
    speaker: NO_SPEECH,
    shell: browserShellHooks(() => assert.fail('no restart expected')),
    ...(spawnPeripheralWorker ? { spawnPeripheralWorker } : {}),
  });
  const events: BridgeEvent[] = [];
  host.onEvent((event) => events.push(event));
  await host.start();
  t.after(() => host.stop());
  return { host, events };
}

test('pushed settings reach the renderer, are announced, and stay in force after a restart with the server down', async (t) => {
  const server = fakeAdminServer([
    upsert(guide('dibao', '最低生活保障申请')),
    pushSettings({
      idleSec: 300,
      attractNotices: false,
      attractMessage: '工作日 9:00–17:00 有工作人员在岗',
      openingHours: '09:00-17:00',
    }),
  ]);
  const config = kioskConfig(t, { LINLI_IDLE_WARNING_SEC: '20' });
  const first = await startHost(t, config, server);
  const expected = {
    idleSec: 300,
    warningSec: 20,
    speechAvailable: false,
    attractNotices: false,
    attractMessage: '工作日 9:00–17:00 有工作人员在岗',
    openingHours: '09:00-17:00',
  };
  assert.deepEqual(await first.host.bridge.getKioskSettings({}), expected);
  assert.ok(first.events.includes('settings-changed'));
  await first.host.stop();

  server.state.down = true;
  const second = await startHost(t, config, server);
  assert.deepEqual(await second.host.bridge.getKioskSettings({}), expected, 'read back from the cache');
  assert.ok(!second.events.includes('settings-changed'), 'nothing changed, nothing announced');
});

test('a new push replaces the last one whole: what it leaves out falls back to the configuration', async (t) => {
  const server = fakeAdminServer([
    pushSettings({ idleSec: 300, idleWarningSec: 30, allowedOrigins: ['https://zwfw.example.gov.cn'] }),
  ]);
  const { host, events } = await startHost(t, kioskConfig(t), server);
  assert.equal(host.settings().warningSec, 30);
  assert.deepEqual(host.settings().shell.allowedOrigins, ['https://zwfw.example.gov.cn']);
  events.length = 0;

  server.publish(pushSettings({ idleSec: 120 }));
  await until(() => events.includes('settings-changed'), 'settings-changed');
  const settings = await host.bridge.getKioskSettings({});
  assert.equal(settings.idleSec, 120);
  assert.equal(settings.warningSec, 15, 'LINLI_IDLE_WARNING_SEC default');
  assert.equal(settings.attractNotices, true);
  assert.equal(host.settings().shell.allowedOrigins, undefined, 'the Electron shell keeps its own list');

  events.length = 0;
  // The guide in the same page tells when the page has been applied.
  server.publish(
    upsert(guide('dibao', '最低生活保障申请')),
    pushSettings({ idleSec: 120 }, '2026-11-29T08:00:00.000Z'),
  );
  await until(() => events.includes('catalog-changed'), 'catalog-changed');
  assert.deepEqual(events, ['catalog-changed'], 'the same settings again announce nothing');
});

test('a pushed devices file restarts the device worker with it, PIN included; without one the local file is back', async (t) => {
  const config = kioskConfig(t);
  const devicesFile = path.join(config.dataDir, '..', 'devices.json');
  writeFileSync(devicesFile, JSON.stringify(LOCAL_DEVICES));
  const workers = fakeWorkers();
  const server = fakeAdminServer([]);
  const { host, events } = await startHost(t, { ...config, devicesFile }, server, workers.spawn);
  assert.deepEqual(workers.started, [LOCAL_DEVICES]);

  server.publish(pushSettings({ peripherals: PUSHED_DEVICES }));
  await until(() => workers.started.length === 2, 'a second worker');
  assert.deepEqual(workers.started[1], PUSHED_DEVICES);
  assert.equal(workers.killed(), 1, 'the old worker was stopped');
  assert.deepEqual(
    (await host.bridge.getPeripherals({})).peripherals.map((peripheral) => peripheral.id),
    ['a4'],
  );
  await assert.rejects(host.bridge.unlockMaintenance({ pin: '2468' }), { code: 'MAINTENANCE_PIN_WRONG' });
  await host.bridge.unlockMaintenance({ pin: '135790' });
  assert.ok(events.includes('settings-changed'));

  server.publish(pushSettings({ idleSec: 200 }));
  await until(() => workers.started.length === 3, 'a third worker');
  assert.deepEqual(workers.started[2], LOCAL_DEVICES);
  await host.bridge.unlockMaintenance({ pin: '2468' });

  server.publish(pushSettings({ idleSec: 240 }));
  await until(() => host.settings().idleSec === 240, 'idleSec 240');
  assert.equal(workers.started.length, 3, 'settings that leave the devices alone do not restart the worker');
});
