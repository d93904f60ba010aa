/**
 * The watchdog around the frozen-screen decision: screenshots hashed, a frozen screen reloaded,
 * logged and counted, videos that did not start logged and counted, no reload storm while the
 * screen's browser is away. The clock is the test's; checks are run directly (what the timer does).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PLAYER_BEAT_SEC } from '@linli/protocol';
import { SYSTEM_TIMERS, type Timers } from '../../../kiosk-app/host/lifecycle/timers';
import { createScreenWatchdog } from '../../host/screen-watchdog';

const BEAT_MS = PLAYER_BEAT_SEC * 1000;

function watchdogWith(screen: { png: Buffer | undefined | Error }) {
  let now = Date.parse('2026-03-01T08:00:00Z');
  const logs: string[] = [];
  let reloads = 0;
  let reloadFails = false;
  const watchdog = createScreenWatchdog({
    captureScreen: async () => {
      if (screen.png instanceof Error) throw screen.png;
      return screen.png;
    },
    reload: async () => {
      if (reloadFails) throw Object.assign(new Error('gone'), { code: 'INTERNAL' });
      reloads += 1;
    },
    clock: () => new Date(now),
    timers: SYSTEM_TIMERS,
    log: (message) => logs.push(message),
  });
  return {
    watchdog,
    logs,
    reloads: () => reloads,
    failReloads: () => (reloadFails = true),
    pass: (ms: number) => (now += ms),
  };
}

test('a picture that stays the same while the page says it moves is reloaded once, logged and counted', async () => {
  const screen = { png: Buffer.from('frame one') as Buffer | undefined | Error };
  const { watchdog, logs, reloads, pass } = watchdogWith(screen);
  for (let look = 0; look < 3; look++) {
    watchdog.pageAlive({ moving: true, skipped: [] });
    await watchdog.check();
    pass(BEAT_MS);
  }
  assert.equal(reloads(), 1);
  assert.deepEqual(logs, ['watchdog: screen frozen (picture-unchanged), reloaded']);
  const status = watchdog.status();
  assert.equal(status.frozenReloads, 1);
  assert.equal(status.lastFrozen?.reason, 'picture-unchanged');

  // The reloaded page's pictures start a new run.
  watchdog.pageAlive({ moving: true, skipped: [] });
  await watchdog.check();
  assert.equal(reloads(), 1);
});

test('a moving screen whose pictures change, and a still screen that looks the same, are left alone', async () => {
  const screen = { png: Buffer.from('0') as Buffer | undefined | Error };
  const { watchdog, reloads, pass } = watchdogWith(screen);
  for (let look = 0; look < 6; look++) {
    watchdog.pageAlive({ moving: look < 3, skipped: [] });
    screen.png = look < 3 ? Buffer.from(String(look)) : Buffer.from('still');
    await watchdog.check();
    pass(BEAT_MS);
  }
  assert.equal(reloads(), 0);
  assert.deepEqual(watchdog.status(), { frozenReloads: 0, lastFrozen: null, videosNotStarted: 0, pdfsUnreadable: 0 });
});

test('a page that stops beating is reloaded; without a screenshot (no browser of our own) the beats alone count', async () => {
  const { watchdog, logs, reloads, pass } = watchdogWith({ png: undefined });
  await watchdog.check();
  pass(10 * BEAT_MS);
  await watchdog.check();
  assert.equal(reloads(), 0, 'no page has ever beaten: nobody to wait for');

  watchdog.pageAlive({ moving: false, skipped: [] });
  pass(3 * BEAT_MS);
  await watchdog.check();
  assert.equal(reloads(), 0, 'three beats missed is not yet silence');
  pass(1);
  await watchdog.check();
  assert.equal(reloads(), 1);
  assert.deepEqual(logs, ['watchdog: screen frozen (page-silent), reloaded']);
});

test('a screenshot failing (the browser restarting) is said once; a reload that fails is logged and still counted', async () => {
  const screen = { png: new Error('down') as Buffer | undefined | Error };
  const { watchdog, logs, failReloads, pass } = watchdogWith(screen);
  watchdog.pageAlive({ moving: false, skipped: [] });
  await watchdog.check();
  await watchdog.check();
  assert.deepEqual(logs, ['watchdog: no screenshot (down)']);
  failReloads();
  pass(3 * BEAT_MS + 1);
  await watchdog.check();
  assert.equal(logs.at(-1), 'watchdog: screen frozen (page-silent), reload failed (INTERNAL)');
  assert.equal(watchdog.status().frozenReloads, 1);
});

test('videos the page gave up are logged by id and counted', () => {
  const { watchdog, logs } = watchdogWith({ png: undefined });
  watchdog.pageAlive({ moving: false, skipped: ['lobby-video', 'news'] });
  watchdog.pageAlive({ moving: true, skipped: ['lobby-video'] });
  assert.deepEqual(logs, [
    'video did not start: lobby-video',
    'video did not start: news',
    'video did not start: lobby-video',
  ]);
  assert.equal(watchdog.status().videosNotStarted, 3);
});

test('PDFs the page could not read are logged by id and counted apart from videos', () => {
  const { watchdog, logs } = watchdogWith({ png: undefined });
  watchdog.pageAlive({ moving: false, skipped: [], unreadable: ['hall-notice'] });
  watchdog.pageAlive({ moving: false, skipped: ['lobby-video'] });
  assert.deepEqual(logs, ['pdf could not be read: hall-notice', 'video did not start: lobby-video']);
  assert.deepEqual(watchdog.status(), { frozenReloads: 0, lastFrozen: null, videosNotStarted: 1, pdfsUnreadable: 1 });
});

test('the periodic check stops with the watchdog, waiting for a check under way', async () => {
  let periodic: { ms: number; run: () => void; cancelled: boolean } | undefined;
  const timers: Timers = {
    ...SYSTEM_TIMERS,
    every(ms, run) {
      const entry = { ms, run, cancelled: false };
      periodic = entry;
      return () => void (entry.cancelled = true);
    },
  };
  let finishCapture: (png: undefined) => void = () => undefined;
  const watchdog = createScreenWatchdog({
    captureScreen: () => new Promise((resolve) => (finishCapture = resolve)),
    reload: async () => undefined,
    clock: () => new Date(),
    timers,
    log: () => undefined,
  });
  const stop = watchdog.start();
  assert.equal(periodic?.ms, 30_000, 'every 30 s by default');
  periodic.run();
  periodic.run();
  let stopped = false;
  const stopping = stop().then(() => (stopped = true));
  assert.equal(periodic.cancelled, true);
  await Promise.resolve();
  assert.equal(stopped, false, 'the screenshot under way is waited for');
  finishCapture(undefined);
  await stopping;
});
