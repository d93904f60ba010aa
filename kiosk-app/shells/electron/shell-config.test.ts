import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LinliError } from '@linli/protocol';
import { loadShellConfig } from './shell-config';

function assertConfigInvalid(env: NodeJS.ProcessEnv, variable: string) {
  assert.throws(
    () => loadShellConfig(env),
    (error: unknown) => {
      assert.ok(error instanceof LinliError);
      assert.equal(error.code, 'CONFIG_INVALID');
      assert.match(error.message, new RegExp(variable));
      return true;
    },
    JSON.stringify(env),
  );
}

test('with no settings nothing external is allowed, nothing granted, nothing scheduled', () => {
  const config = loadShellConfig({});
  assert.deepEqual([...config.allowedOrigins], []);
  assert.deepEqual([...config.grantedPermissions], []);
  assert.deepEqual(config.schedule, { dailyRestart: undefined, screenOff: undefined });
  assert.equal(config.restartMode, 'relaunch');
});

test('settings are read: origins, permissions, timetable, restart mode', () => {
  const config = loadShellConfig({
    LINLI_ALLOWED_ORIGINS: 'https://zwfw.example.gov.cn, https://www.example.gov.cn/',
    LINLI_GRANTED_PERMISSIONS: 'media',
    LINLI_DAILY_RESTART: '04:30',
    LINLI_SCREEN_OFF: '22:00-07:00',
    LINLI_RESTART_MODE: 'exit',
  });
  assert.deepEqual([...config.allowedOrigins], ['https://zwfw.example.gov.cn', 'https://www.example.gov.cn']);
  assert.deepEqual([...config.grantedPermissions], ['media']);
  assert.deepEqual(config.schedule, { dailyRestart: '04:30', screenOff: '22:00-07:00' });
  assert.equal(config.restartMode, 'exit');
});

test('only https origins can be allowed, without paths or credentials', () => {
  for (const origin of [
    'http://zwfw.example.gov.cn',
    'https://zwfw.example.gov.cn/path',
    'zwfw.example.gov.cn',
    'https://user@zwfw.example.gov.cn',
    'file:///etc',
    '*',
  ]) {
    assertConfigInvalid({ LINLI_ALLOWED_ORIGINS: origin }, 'LINLI_ALLOWED_ORIGINS');
  }
});

test('only permissions a feature needs can be granted', () => {
  for (const permission of ['geolocation', 'notifications', 'media,usb', 'all'])
    assertConfigInvalid({ LINLI_GRANTED_PERMISSIONS: permission }, 'LINLI_GRANTED_PERMISSIONS');
});

test('a bad timetable or restart mode stops start-up with CONFIG_INVALID', () => {
  assertConfigInvalid({ LINLI_DAILY_RESTART: '4:30' }, 'LINLI_DAILY_RESTART');
  assertConfigInvalid({ LINLI_SCREEN_OFF: '22:00' }, 'LINLI_SCREEN_OFF');
  assertConfigInvalid({ LINLI_RESTART_MODE: 'reboot' }, 'LINLI_RESTART_MODE');
});
