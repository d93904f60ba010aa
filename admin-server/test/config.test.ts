import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { loadConfig } from '../src/config';

test('defaults give the quick-start set-up: SQLite under ./data on 127.0.0.1:7300', () => {
  const config = loadConfig({});
  assert.equal(config.port, 7300);
  assert.equal(config.host, '127.0.0.1');
  assert.equal(config.dataDir, path.resolve('./data'));
  assert.equal(config.databaseUrl, undefined);
  assert.equal(config.demoContent, true);
  assert.deepEqual(config.trustProxy, [], 'no proxy is believed unless named');
  assert.equal(config.apiDocs, false, 'the API browser is off unless asked for');
  assert.deepEqual(config.bills, { cacheSec: 60, timeoutMs: 8000 });
  assert.deepEqual(loadConfig({ LINLI_BILL_CACHE_SEC: '0', LINLI_BILL_TIMEOUT_MS: '3000' }).bills, {
    cacheSec: 0,
    timeoutMs: 3000,
  });
  assert.deepEqual(loadConfig({ LINLI_TRUST_PROXY: '10.0.0.2,192.168.0.0/16' }).trustProxy, [
    '10.0.0.2',
    '192.168.0.0/16',
  ]);
});

test('bad variables stop start-up with CONFIG_INVALID naming each of them', () => {
  assert.throws(
    () =>
      loadConfig({
        LINLI_ADMIN_PORT: 'seventy',
        LINLI_DATABASE_URL: 'mysql://db',
        LINLI_ADMIN_PASSWORD: 'short',
        LINLI_TRUST_PROXY: 'proxy.example; rm',
        LINLI_ENROLLMENT_CODE: 'ab12',
        LINLI_BILL_CACHE_SEC: '-1',
      }),
    (error: { code?: string; message: string }) =>
      error.code === 'CONFIG_INVALID' &&
      [
        'LINLI_ADMIN_PORT',
        'LINLI_DATABASE_URL',
        'LINLI_ADMIN_PASSWORD',
        'LINLI_TRUST_PROXY',
        'LINLI_ENROLLMENT_CODE',
        'LINLI_BILL_CACHE_SEC',
      ].every((name) => error.message.includes(name)),
  );
});

test('the city platform: a webhook needs its secret, an Open311 one its api_key; with demo content the simulated one; otherwise none', () => {
  assert.deepEqual(
    loadConfig({
      LINLI_CITY_PLATFORM_URL: 'https://12345.example.gov.cn/hook',
      LINLI_CITY_PLATFORM_SECRET: 'a'.repeat(32),
    }).cityPlatform,
    { name: '市民心声', kind: 'webhook', url: 'https://12345.example.gov.cn/hook', secret: 'a'.repeat(32) },
  );
  assert.throws(
    () => loadConfig({ LINLI_CITY_PLATFORM_URL: 'https://12345.example.gov.cn/hook' }),
    (error: { code?: string; message: string }) =>
      error.code === 'CONFIG_INVALID' && error.message.includes('LINLI_CITY_PLATFORM_SECRET'),
  );
  assert.deepEqual(
    loadConfig({
      LINLI_CITY_PLATFORM_URL: 'https://12345.example.gov.cn/open311/v2/',
      LINLI_CITY_PLATFORM_API_KEY: 'key-of-the-platform',
    }).cityPlatform,
    {
      name: '市民心声',
      kind: 'open311',
      url: 'https://12345.example.gov.cn/open311/v2',
      apiKey: 'key-of-the-platform',
    },
  );
  assert.equal(loadConfig({ LINLI_DEMO_CONTENT: 'on' }).cityPlatform.kind, 'simulator');
  assert.equal(loadConfig({ LINLI_DEMO_CONTENT: 'off' }).cityPlatform.kind, 'none');
});
