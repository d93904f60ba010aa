import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadKioskConfig } from '../host/config';

test('the kiosk talks to the local admin server by default and keeps its files under data/kiosk', () => {
  assert.equal(loadKioskConfig({}).serverUrl, 'http://127.0.0.1:7300');
  const config = loadKioskConfig({ LINLI_SERVER_URL: 'https://admin.street-office.example:7300/' });
  assert.equal(config.serverUrl, 'https://admin.street-office.example:7300');
  assert.equal(config.port, 7310);
  assert.match(config.dataDir, /data\/kiosk$/);
  assert.equal(config.pullIntervalMs, 60_000);
});

test('a bad server URL or interval is refused with CONFIG_INVALID', () => {
  assert.throws(
    () => loadKioskConfig({ LINLI_SERVER_URL: 'ftp://x', LINLI_PULL_INTERVAL_SEC: '0' }),
    (error: { code?: string; message: string }) =>
      error.code === 'CONFIG_INVALID' &&
      error.message.includes('LINLI_SERVER_URL') &&
      error.message.includes('LINLI_PULL_INTERVAL_SEC'),
  );
});

test('a plain-http admin server on another machine is refused unless allowed explicitly', () => {
  const remote = 'http://admin.street-office.example:7300';
  assert.throws(
    () => loadKioskConfig({ LINLI_SERVER_URL: remote }),
    (error: { code?: string; message: string }) =>
      error.code === 'CONFIG_INVALID' && /LINLI_SERVER_URL.*LINLI_ALLOW_HTTP_SERVER=1/.test(error.message),
  );
  assert.equal(loadKioskConfig({ LINLI_SERVER_URL: remote, LINLI_ALLOW_HTTP_SERVER: '1' }).serverUrl, remote);
  assert.equal(loadKioskConfig({ LINLI_SERVER_URL: 'http://localhost:7300' }).serverUrl, 'http://localhost:7300');
});
