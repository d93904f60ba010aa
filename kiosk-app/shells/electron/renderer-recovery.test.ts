import { test, mock } from 'node:test';
import assert from 'node:assert/strict';
import type { App, WebContents } from 'electron';
import { HANG_GRACE_MS, INCIDENT_WINDOW_MS, MAX_INCIDENTS, superviseRenderer } from './renderer-recovery';
import { restartKiosk } from './restart';
import { fakeEmitter, fakeEvent } from './test-fakes';

function supervisedWindow(t: { after(fn: () => void): void }) {
  mock.timers.enable({ apis: ['setTimeout', 'Date'], now: 0 });
  t.after(() => mock.timers.reset());
  const contents = fakeEmitter();
  const loaded: string[] = [];
  let crashes = 0;
  let restarts = 0;
  Object.assign(contents, {
    loadURL: async (url: string) => void loaded.push(url),
    forcefullyCrashRenderer: () => {
      crashes++;
      // Chromium reports the forced crash like any other.
      contents.emit('render-process-gone', fakeEvent(), { reason: 'killed', exitCode: 9 });
    },
    isDestroyed: () => false,
  });
  superviseRenderer(
    contents as unknown as Pick<WebContents, 'on' | 'loadURL' | 'forcefullyCrashRenderer' | 'isDestroyed'>,
    {
      homeUrl: 'app://kiosk/',
      restart: () => restarts++,
      log: () => undefined,
    },
  );
  const crash = () => contents.emit('render-process-gone', fakeEvent(), { reason: 'crashed', exitCode: 139 });
  return { contents, loaded, crash, forcedCrashes: () => crashes, restarts: () => restarts };
}

test('a crashed page is back at the kiosk home page within 5 seconds', (t) => {
  const window = supervisedWindow(t);
  window.crash();
  assert.deepEqual(window.loaded, [], 'not reloaded in the same instant the renderer died');
  mock.timers.tick(5_000);
  assert.deepEqual(window.loaded, ['app://kiosk/']);
});

test('a page frozen for 5 seconds is force-crashed and reloaded; one that recovers in time is left alone', (t) => {
  const window = supervisedWindow(t);
  window.contents.emit('unresponsive');
  mock.timers.tick(HANG_GRACE_MS - 1);
  window.contents.emit('responsive');
  mock.timers.tick(10_000);
  assert.equal(window.forcedCrashes(), 0, 'a short stall is not punished');
  assert.deepEqual(window.loaded, []);

  window.contents.emit('unresponsive');
  window.contents.emit('unresponsive');
  mock.timers.tick(HANG_GRACE_MS);
  assert.equal(window.forcedCrashes(), 1, 'repeated unresponsive events start one timer');
  mock.timers.tick(5_000);
  assert.deepEqual(
    window.loaded,
    ['app://kiosk/'],
    'one reload, though the forced crash also reports render-process-gone',
  );
});

test('a crash loop restarts the whole shell; crashes spread over time only reload', (t) => {
  const window = supervisedWindow(t);
  for (let i = 0; i < MAX_INCIDENTS - 1; i++) {
    window.crash();
    mock.timers.tick(INCIDENT_WINDOW_MS / MAX_INCIDENTS + 1);
  }
  assert.equal(window.restarts(), 0);
  mock.timers.tick(INCIDENT_WINDOW_MS);
  window.crash();
  mock.timers.tick(5_000);
  assert.equal(window.restarts(), 0, 'old crashes no longer count');
  assert.equal(window.loaded.length, MAX_INCIDENTS);

  window.crash();
  mock.timers.tick(5_000);
  window.crash();
  mock.timers.tick(5_000);
  assert.equal(window.restarts(), 1, `${MAX_INCIDENTS} crashes within ${INCIDENT_WINDOW_MS / 60_000} minutes`);
});

test('a restart relaunches then exits, or only exits when a supervisor (systemd, Shell Launcher) restarts the shell', () => {
  const calls: string[] = [];
  const app = {
    relaunch: () => void calls.push('relaunch'),
    exit: (code: number) => void calls.push(`exit ${code}`),
  } as unknown as App;
  restartKiosk(app, 'relaunch');
  assert.deepEqual(calls, ['relaunch', 'exit 0']);
  calls.length = 0;
  restartKiosk(app, 'exit');
  assert.deepEqual(calls, ['exit 0']);
});
