/**
 * The Electron shells' updater around electron-updater (a stand-in for its `autoUpdater`, which
 * needs the Electron binary): pointed at the device's feed with its credentials, taking the
 * server's older version when a release is withdrawn, installing only once no visit is under way,
 * and telling each step to the heartbeat. The feed itself is read by electron-updater's real code in
 * admin-server/test/electron-updater-feed.test.ts.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EventEmitter, once } from 'node:events';
import { createAppUpdater, type ElectronUpdaterLike } from '../host/update/app-updater';
import { countedTimers } from './counted-timers';

/** electron-updater's autoUpdater as far as the updater uses it; it records what it is asked. */
function standInUpdater() {
  const events = new EventEmitter();
  const updater = Object.assign(events, {
    autoDownload: false,
    autoInstallOnAppQuit: true,
    allowDowngrade: false,
    disableDifferentialDownload: false,
    requestHeaders: null,
    feed: undefined as { provider: 'generic'; url: string } | undefined,
    checks: 0,
    installs: [] as Array<[boolean | undefined, boolean | undefined]>,
    setFeedURL(options: { provider: 'generic'; url: string }) {
      updater.feed = options;
    },
    async checkForUpdates() {
      updater.checks += 1;
      events.emit('checked');
      return null;
    },
    quitAndInstall(isSilent?: boolean, isForceRunAfter?: boolean) {
      updater.installs.push([isSilent, isForceRunAfter]);
      events.emit('installed');
    },
  });
  return updater satisfies ElectronUpdaterLike;
}

function started(visit: { active: boolean }) {
  const updater = standInUpdater();
  const timers = countedTimers();
  const logged: string[] = [];
  const appUpdater = createAppUpdater(
    updater,
    {
      app: 'kiosk',
      serverUrl: 'https://linli.example.cn',
      headers: { authorization: 'Bearer d1.secret' },
      inVisit: () => visit.active,
      log: (message) => logged.push(message),
      timers,
      checkMs: 3600_000,
    },
    { visitCheckMs: 5 },
  );
  return { updater, appUpdater, timers, logged };
}

test("electron-updater is pointed at the device's feed, allowed the server's older version, never installs on quit", async () => {
  const { updater, appUpdater } = started({ active: false });
  const checked = once(updater, 'checked');
  appUpdater.start();
  await checked;
  assert.deepEqual(updater.feed, { provider: 'generic', url: 'https://linli.example.cn/api/v1/updates/kiosk' });
  assert.deepEqual(updater.requestHeaders, { authorization: 'Bearer d1.secret' });
  assert.equal(updater.autoDownload, true);
  assert.equal(updater.allowDowngrade, true, 'a withdrawn release sends the kiosk back');
  assert.equal(updater.autoInstallOnAppQuit, false, 'a quit during a visit installs nothing');
  assert.equal(updater.disableDifferentialDownload, true, 'the feed serves whole files');
  assert.deepEqual(appUpdater.report(), { step: 'current', version: null, detail: null });
  await appUpdater.stop();
});

test('a downloaded version waits for the visit to end, then installs and restarts; each step is reported', async () => {
  const visit = { active: true };
  const { updater, appUpdater, timers, logged } = started(visit);
  appUpdater.start();
  updater.emit('update-available', { version: '1.1.0' });
  assert.deepEqual(appUpdater.report(), { step: 'downloading', version: '1.1.0', detail: null });
  updater.emit('update-downloaded', { version: '1.1.0' });
  assert.deepEqual(appUpdater.report(), { step: 'waiting-for-visit', version: '1.1.0', detail: null });
  assert.equal(timers.waiting() > 1, true, 'looking again while the visit lasts');
  assert.deepEqual(updater.installs, []);

  const installed = once(updater, 'installed');
  visit.active = false;
  await installed;
  assert.deepEqual(updater.installs, [[true, true]], 'silently, and started again after');
  assert.deepEqual(appUpdater.report(), { step: 'restarting', version: '1.1.0', detail: null });
  assert.match(logged.join('\n'), /update 1\.1\.0 downloaded; installing and restarting/);
  await appUpdater.stop();
  assert.equal(timers.waiting(), 0);
});

test('a failed check or download is reported with its reason; a stop during the wait installs nothing', async () => {
  const { updater, appUpdater, timers } = started({ active: true });
  appUpdater.start();
  updater.emit('update-available', { version: '1.2.0' });
  updater.emit('error', new Error('sha512 checksum mismatch, expected abc, got def'));
  assert.deepEqual(appUpdater.report(), {
    step: 'failed',
    version: '1.2.0',
    detail: 'sha512 checksum mismatch, expected abc, got def',
  });
  updater.emit('update-not-available');
  assert.deepEqual(appUpdater.report(), { step: 'current', version: null, detail: null });

  updater.emit('update-downloaded', { version: '1.2.1' });
  await appUpdater.stop();
  assert.deepEqual(updater.installs, [], 'the kiosk is stopping: nothing is installed under it');
  assert.equal(timers.waiting(), 0);
});
