import { test, mock } from 'node:test';
import assert from 'node:assert/strict';
import type { WebContents } from 'electron';
import type { BridgeEvent, DeviceSettings } from '@linli/protocol';
import { resolveSettings } from '../../host/settings/kiosk-settings';
import { SCHEDULE_TICK_MS } from './kiosk-schedule';
import { guardNavigation } from './navigation-guard';
import { followPushedSettings, shellSettingsOf } from './pushed-settings';
import { loadShellConfig } from './shell-config';
import { fakeEmitter, fakeEvent } from './test-fakes';

// Local wall-clock times as a kiosk in China sees them (no daylight saving).
process.env.TZ = 'Asia/Shanghai';
const at = (hour: number, minute: number) => new Date(2025, 0, 6, hour, minute).getTime();
const GOV = 'https://zwfw.example.gov.cn';
const CONFIG = loadShellConfig({
  LINLI_ALLOWED_ORIGINS: GOV,
  LINLI_SCREEN_OFF: '22:00-07:00',
  LINLI_DAILY_RESTART: '04:30',
});
const LOCAL = { idleSec: 90, warningSec: 15, peripherals: { peripherals: [] }, printerNetworks: [] };

/** The host as the shell sees it: settings in force and the 'settings-changed' event. */
function fakeHost() {
  let pushed: DeviceSettings = {};
  const listeners = new Set<(event: BridgeEvent) => void>();
  return {
    settings: () => resolveSettings(LOCAL, pushed),
    onEvent: (listener: (event: BridgeEvent) => void) => (
      listeners.add(listener),
      () => void listeners.delete(listener)
    ),
    push(settings: DeviceSettings) {
      pushed = settings;
      listeners.forEach((listener) => listener('settings-changed'));
    },
  };
}

function follow(t: { after(fn: () => void): void }, host: ReturnType<typeof fakeHost>) {
  const happened: string[] = [];
  const logs: string[] = [];
  const follower = followPushedSettings(host, CONFIG, {
    schedule: { restart: () => happened.push('restart'), setScreenOff: (off) => happened.push(off ? 'off' : 'on') },
    log: (line) => logs.push(line),
  });
  t.after(() => follower.stop());
  return { follower, happened, logs };
}

test('pushed allow-list changes what the navigation guard lets through, at once', (t) => {
  const host = fakeHost();
  const { follower } = follow(t, host);
  const contents = Object.assign(fakeEmitter(), { setWindowOpenHandler: () => undefined });
  guardNavigation(contents as unknown as Pick<WebContents, 'on' | 'setWindowOpenHandler'>, follower.allowedOrigins);
  const stopped = (url: string) => {
    const event = fakeEvent({ url });
    contents.emit('will-navigate', event);
    return event.prevented;
  };
  assert.equal(stopped(`${GOV}/`), false, 'the shell’s own list before any push');
  assert.equal(stopped('https://ybj.example.gov.cn/'), true);

  host.push({ allowedOrigins: ['https://ybj.example.gov.cn'] });
  assert.equal(stopped('https://ybj.example.gov.cn/query'), false);
  assert.equal(stopped(`${GOV}/`), true, 'the pushed list replaces the configured one');

  host.push({ allowedOrigins: [] });
  assert.equal(stopped('https://ybj.example.gov.cn/'), true, 'an empty pushed list allows nothing');

  host.push({ idleSec: 60 });
  assert.equal(stopped(`${GOV}/`), false, 'no list pushed: the shell’s own again');
});

test('pushed screen-off hours apply at once; a pushed restart time replaces the configured one', (t) => {
  mock.timers.enable({ apis: ['setInterval', 'Date'], now: at(21, 0) });
  t.after(() => mock.timers.reset());
  const host = fakeHost();
  const { happened } = follow(t, host);
  assert.deepEqual(happened, ['on'], 'before 22:00 the screen is on by the configured hours');

  host.push({ screenOff: '20:00-06:00', dailyRestart: '03:00' });
  assert.deepEqual(happened, ['on', 'off'], 'inside the pushed hours: dark at once');

  const advance = (minutes: number) => {
    for (let i = 0; i < (minutes * 60_000) / SCHEDULE_TICK_MS; i++) mock.timers.tick(SCHEDULE_TICK_MS);
  };
  advance(7 * 60);
  assert.deepEqual(happened, ['on', 'off', 'restart'], 'restarted at 03:00, not at the configured 04:30');
  advance(2 * 60);
  assert.deepEqual(happened, ['on', 'off', 'restart', 'on'], 'on at the pushed 06:00, not 07:00');
});

test('settings that leave the timetable alone do not restart it', (t) => {
  mock.timers.enable({ apis: ['setInterval', 'Date'], now: at(12, 0) });
  t.after(() => mock.timers.reset());
  const host = fakeHost();
  const { happened, logs } = follow(t, host);
  host.push({ idleSec: 60, allowedOrigins: [GOV] });
  assert.deepEqual(happened, ['on']);
  assert.deepEqual(logs, []);
});

test('a pushed value the shell cannot use is logged and its own configuration stays in force', () => {
  const logs: string[] = [];
  const settings = shellSettingsOf(
    CONFIG,
    { screenOff: '22:00-22:00', allowedOrigins: ['https://ybj.example.gov.cn/path'], dailyRestart: '05:15' },
    (line) => logs.push(line),
  );
  assert.deepEqual(settings.schedule, { screenOff: '22:00-07:00', dailyRestart: '05:15' });
  assert.deepEqual([...settings.allowedOrigins], [GOV]);
  assert.equal(logs.length, 2);
  assert.match(logs.join('\n'), /pushed screenOff not used/);
  assert.match(logs.join('\n'), /pushed allowedOrigins not used/);
});
