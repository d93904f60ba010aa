import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { rendererBundle } from '../common/renderer-assets';
import { serveAppProtocol } from './app-protocol';

const VIDEO = Buffer.from('not really a video, but bytes all the same');
const VIDEO_SHA = createHash('sha256').update(VIDEO).digest('hex');
const mediaDir = mkdtempSync(path.join(tmpdir(), 'linli-app-media-'));
writeFileSync(path.join(mediaDir, VIDEO_SHA), VIDEO);
after(() => rmSync(mediaDir, { recursive: true, force: true }));

const serve = serveAppProtocol(
  rendererBundle(new Map([['main.js', new TextEncoder().encode('console.log(1)')]])),
  (sha256) =>
    sha256 === VIDEO_SHA ? { path: path.join(mediaDir, VIDEO_SHA), bytes: VIDEO.length, mime: 'video/mp4' } : undefined,
);

test('app://kiosk serves the page with its strict CSP and the renderer files', async () => {
  const page = serve(new Request('app://kiosk/'));
  assert.equal(page.status, 200);
  assert.match(
    page.headers.get('content-security-policy') ?? '',
    /default-src 'self'.*img-src 'self'.*media-src 'self'.*object-src 'none'/,
  );
  assert.match(await page.text(), /<script type="module" src="\/main.js">/);
  assert.equal(await serve(new Request('app://kiosk/main.js')).text(), 'console.log(1)');
});

test('another host under app:// and unknown files are not served', () => {
  assert.equal(serve(new Request('app://other/')).status, 404);
  assert.equal(serve(new Request('app://other/main.js')).status, 404);
  assert.equal(serve(new Request('app://kiosk/../../etc/passwd')).status, 404);
  assert.equal(serve(new Request('app://kiosk/secret.txt')).status, 404);
});

test('app://kiosk/media/<sha256> serves a stored file, and byte ranges of it for video seeking', async () => {
  const whole = serve(new Request(`app://kiosk/media/${VIDEO_SHA}`));
  assert.equal(whole.status, 200);
  assert.equal(whole.headers.get('content-type'), 'video/mp4');
  assert.equal(await whole.text(), VIDEO.toString());
  const part = serve(new Request(`app://kiosk/media/${VIDEO_SHA}`, { headers: { range: 'bytes=4-9' } }));
  assert.equal(part.status, 206);
  assert.equal(part.headers.get('content-range'), `bytes 4-9/${VIDEO.length}`);
  assert.equal(await part.text(), 'really');
  assert.equal(serve(new Request(`app://kiosk/media/${'0'.repeat(64)}`)).status, 404);
  assert.equal(serve(new Request('app://kiosk/media/not-a-hash')).status, 404);
  assert.equal(serve(new Request(`app://other/media/${VIDEO_SHA}`)).status, 404);
});
