import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rendererBundle } from '../common/renderer-assets';
import { serveAppProtocol } from './app-protocol';

const serve = serveAppProtocol(rendererBundle(new Map([['main.js', new TextEncoder().encode('console.log(1)')]])));

test('app://kiosk serves the page with its strict CSP and the renderer files', async () => {
  const page = serve(new Request('app://kiosk/'));
  assert.equal(page.status, 200);
  assert.match(page.headers.get('content-security-policy') ?? '', /default-src 'self'.*object-src 'none'/);
  assert.match(await page.text(), /<script type="module" src="\/main.js">/);
  assert.equal(await serve(new Request('app://kiosk/main.js')).text(), 'console.log(1)');
});

test('another host under app:// and unknown files are not served', () => {
  assert.equal(serve(new Request('app://other/')).status, 404);
  assert.equal(serve(new Request('app://other/main.js')).status, 404);
  assert.equal(serve(new Request('app://kiosk/../../etc/passwd')).status, 404);
  assert.equal(serve(new Request('app://kiosk/secret.txt')).status, 404);
});
