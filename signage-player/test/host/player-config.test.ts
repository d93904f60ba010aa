import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { loadPlayerConfig } from '../../host/player-config';

test('without LINLI_PLAYER_BROWSER the shell starts no browser; the watchdog looks every 30 s', () => {
  const config = loadPlayerConfig({});
  assert.equal(config.screenBrowser, undefined);
  assert.equal(config.watchdogCheckMs, 30_000);
});

test('the screen browser: an absolute binary path, and the window size when one is given', () => {
  const config = loadPlayerConfig({
    LINLI_PLAYER_BROWSER: '/usr/bin/chromium',
    LINLI_PLAYER_WINDOW: '1080x1920',
    LINLI_PLAYER_WATCHDOG_SEC: '60',
    LINLI_DATA_DIR: '/var/lib/linli',
  });
  assert.deepEqual(config.screenBrowser, { binary: '/usr/bin/chromium', window: { width: 1080, height: 1920 } });
  assert.equal(config.watchdogCheckMs, 60_000);
  assert.equal(config.dataDir, path.resolve('/var/lib/linli/player'));
  assert.deepEqual(loadPlayerConfig({ LINLI_PLAYER_BROWSER: '/opt/chromium/chrome' }).screenBrowser, {
    binary: '/opt/chromium/chrome',
    window: undefined,
  });
});

test('a relative browser path, a window that is no WIDTHxHEIGHT or a watchdog period out of range is refused', () => {
  for (const [name, value] of [
    ['LINLI_PLAYER_BROWSER', 'chromium'],
    ['LINLI_PLAYER_WINDOW', '1920*1080'],
    ['LINLI_PLAYER_WINDOW', '1920x1080 --no-sandbox'],
    ['LINLI_PLAYER_WATCHDOG_SEC', '1'],
  ] as const)
    assert.throws(
      () => loadPlayerConfig({ [name]: value }),
      (error: { code?: string; message: string }) => error.code === 'CONFIG_INVALID' && error.message.includes(name),
      `${name}=${value}`,
    );
});
