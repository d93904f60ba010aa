/**
 * Media downloads against a real HTTP server: verified and renamed into place, resumed from the
 * partial file after a cut, started over on a 200 or 416, refused on a wrong hash, two at a time
 * and one per file, and files nothing references removed (but not while they download).
 */
import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createMediaStore, type MediaStoreDeps } from '../host/media/media-store';
import { mediaFile, startMediaServer } from './media-server';
import { until } from './until';

function storeFor(t: TestContext, serverUrl: string, overrides: Partial<MediaStoreDeps> = {}) {
  const root = mkdtempSync(path.join(tmpdir(), 'linli-media-'));
  const dir = path.join(root, 'media');
  const store = createMediaStore({ dir, serverUrl, fetch, retryBaseMs: 1, retryCapMs: 5, ...overrides });
  t.after(async () => {
    await store.close();
    rmSync(root, { recursive: true, force: true });
  });
  return {
    store,
    final: (sha256: string) => path.join(dir, sha256),
    partial: (sha256: string) => path.join(dir, '.partial', sha256),
  };
}

test('a download is verified and renamed into place; the final name never holds a partial file', async (t) => {
  const video = mediaFile(300_000, 1);
  const server = await startMediaServer(t, [video]);
  const { store, final, partial } = storeFor(t, server.url);
  let sawFinalEarly = false;
  await store.ensure(video.ref, { onBytes: () => (sawFinalEarly ||= existsSync(final(video.ref.sha256))) });
  assert.equal(sawFinalEarly, false);
  assert.deepEqual(readFileSync(final(video.ref.sha256)), video.data);
  assert.equal(existsSync(partial(video.ref.sha256)), false);
  assert.ok(store.has(video.ref.sha256));
  assert.deepEqual(
    server.requests.map((r) => [r.range, r.ifRange, r.status]),
    [[undefined, undefined, 200]],
  );

  await store.ensure(video.ref);
  assert.equal(server.requests.length, 1, 'a stored file is not fetched again');
  const reopened = storeFor(t, server.url).store;
  assert.equal(reopened.has(video.ref.sha256), false, 'another folder holds nothing');
});

test('a cut download resumes from the partial size: the kiosk receives the file once, stored files not at all', async (t) => {
  const video = mediaFile(1_000_000, 2);
  const poster = mediaFile(50_000, 3, 'image/png', '海报.png');
  const server = await startMediaServer(t, [video, poster]);
  const { store, final, partial } = storeFor(t, server.url);

  const cut = 400_000;
  server.state.cutAfter = cut;
  let first = 0;
  await assert.rejects(store.ensure(video.ref, { onBytes: (bytes) => (first += bytes) }), {
    code: 'SERVER_UNREACHABLE',
  });
  // fetch drops what it had queued but not handed over when the connection breaks: a few KB at most.
  const kept = statSync(partial(video.ref.sha256)).size;
  assert.equal(kept, first, 'every byte received is on disk');
  assert.ok(kept > cut - 128 * 1024 && kept <= cut, `kept ${kept}`);
  assert.equal(existsSync(final(video.ref.sha256)), false);
  assert.equal(store.has(video.ref.sha256), false);

  server.state.cutAfter = undefined;
  let resumed = 0;
  await store.ensure(video.ref, { onBytes: (bytes) => (resumed += bytes) });
  assert.equal(kept + resumed, video.ref.bytes);
  assert.deepEqual(
    server.requests.map((r) => [r.range, r.ifRange, r.status]),
    [
      [undefined, undefined, 200],
      [`bytes=${kept}-`, `"${video.ref.sha256}"`, 206],
    ],
  );
  assert.equal(
    server.sentBytes(),
    video.ref.bytes + (cut - kept),
    'only bytes lost with the connection were sent again',
  );
  assert.deepEqual(readFileSync(final(video.ref.sha256)), video.data);
  assert.equal(existsSync(partial(video.ref.sha256)), false);

  const result = await store.ensureAll([video.ref, poster.ref, poster.ref]);
  assert.deepEqual(result, { downloadedBytes: poster.ref.bytes, files: 1, failed: [] });
  assert.deepEqual(
    server.requests.slice(2).map((r) => r.sha256),
    [poster.ref.sha256],
  );
});

test('ensureAll tries a cut file again after a backoff and reports its progress', async (t) => {
  const video = mediaFile(500_000, 4);
  const server = await startMediaServer(t, [video]);
  const { store } = storeFor(t, server.url);
  server.state.cutAfter = 200_000;
  const progress: number[] = [];
  const running = store.ensureAll([video.ref], (p) => progress.push(p.downloadedBytes));
  // Retries come 1–5 ms apart, so a busy process may see the second cut attempt before it looks.
  await until(() => server.requests.length >= 1, 'the first attempt');
  server.state.cutAfter = undefined;
  assert.deepEqual(await running, { downloadedBytes: 500_000, files: 1, failed: [] });
  assert.equal(progress.at(-1), 500_000);
  const [first, ...retries] = server.requests.map((r) => r.status);
  assert.equal(first, 200);
  assert.ok(retries.length >= 1 && retries.every((status) => status === 206), `retries resume: ${retries}`);
});

test('a 200 to a range request starts the file over', async (t) => {
  const video = mediaFile(400_000, 5);
  const server = await startMediaServer(t, [video]);
  const { store, final, partial } = storeFor(t, server.url);
  writeFileSync(partial(video.ref.sha256), video.data.subarray(0, 150_000));
  server.state.ignoreRange = true;
  await store.ensure(video.ref);
  assert.deepEqual(
    server.requests.map((r) => [r.range, r.status]),
    [['bytes=150000-', 200]],
  );
  assert.deepEqual(readFileSync(final(video.ref.sha256)), video.data, 'the whole reply replaced the partial file');
});

test('a 416 drops the partial file and asks again for the whole file', async (t) => {
  const video = mediaFile(100_000, 6);
  const server = await startMediaServer(t, [video]);
  const { store, final, partial } = storeFor(t, server.url);
  writeFileSync(partial(video.ref.sha256), video.data.subarray(0, 60_000));
  server.state.refuseRange = true;
  await store.ensure(video.ref);
  assert.deepEqual(
    server.requests.map((r) => [r.range, r.status]),
    [
      ['bytes=60000-', 416],
      [undefined, 200],
    ],
  );
  assert.deepEqual(readFileSync(final(video.ref.sha256)), video.data);
  assert.equal(existsSync(partial(video.ref.sha256)), false);
});

test('a partial file that is complete is verified without a request; one longer than the file is started over', async (t) => {
  const done = mediaFile(20_000, 7);
  const overlong = mediaFile(20_000, 8);
  const server = await startMediaServer(t, [done, overlong]);
  const { store, final, partial } = storeFor(t, server.url);
  // As a crash between the last write and the rename would leave them.
  writeFileSync(partial(done.ref.sha256), done.data);
  writeFileSync(partial(overlong.ref.sha256), Buffer.concat([overlong.data, Buffer.from('more')]));
  assert.deepEqual(await store.ensureAll([done.ref, overlong.ref]), { downloadedBytes: 20_000, files: 2, failed: [] });
  assert.deepEqual(
    server.requests.map((r) => [r.sha256, r.range]),
    [[overlong.ref.sha256, undefined]],
  );
  assert.deepEqual(readFileSync(final(done.ref.sha256)), done.data);
  assert.deepEqual(readFileSync(final(overlong.ref.sha256)), overlong.data);
});

test('wrong bytes fail the hash check: no file is left and the error says so', async (t) => {
  const video = mediaFile(80_000, 9);
  const server = await startMediaServer(t, [video]);
  const { store, final, partial } = storeFor(t, server.url);
  server.state.wrongBytes = true;
  await assert.rejects(store.ensure(video.ref), (error: { code: string; message: string }) => {
    assert.equal(error.code, 'VALIDATION_FAILED');
    assert.match(error.message, new RegExp(`${video.ref.sha256}.*SHA-256`));
    return true;
  });
  assert.equal(existsSync(final(video.ref.sha256)), false);
  assert.equal(existsSync(partial(video.ref.sha256)), false);
  assert.equal(store.has(video.ref.sha256), false);

  const result = await store.ensureAll([video.ref]);
  assert.deepEqual(
    result.failed.map((f) => f.code),
    ['VALIDATION_FAILED'],
  );
  assert.equal(result.files, 0);
  assert.equal(server.requests.length, 1 + 3, 'ensureAll tried three times, each from the start');
  assert.ok(server.requests.every((r) => r.range === undefined));

  server.state.wrongBytes = false;
  const shorter = { ...video.ref, bytes: video.ref.bytes - 10 };
  await assert.rejects(store.ensure(shorter), {
    code: 'VALIDATION_FAILED',
    message: /more than the 79990 bytes announced/,
  });
  assert.equal(existsSync(partial(video.ref.sha256)), false, 'a reply longer than announced leaves nothing to resume');
});

test('a file the server does not have fails with its code; the kiosk going away aborts a download', async (t) => {
  const video = mediaFile(10_000, 10);
  const server = await startMediaServer(t, []);
  const { store } = storeFor(t, server.url);
  await assert.rejects(store.ensure(video.ref), { code: 'NOT_FOUND' });
  const release = server.hold();
  const pending = store.ensure(video.ref, { retry: () => true });
  await until(() => server.active() === 1, 'the request');
  await store.close();
  await assert.rejects(pending, { code: 'SERVER_UNREACHABLE' });
  release();
});

test('at most two downloads run at once, and callers of the same file share one', async (t) => {
  const files = [11, 12, 13, 14, 15].map((seed) => mediaFile(30_000, seed));
  const server = await startMediaServer(t, files);
  const { store } = storeFor(t, server.url);
  const release = server.hold();
  const first = store.ensure(files[0]!.ref);
  const all = store.ensureAll(files.map((file) => file.ref));
  await until(() => server.active() === 2, 'two requests');
  await new Promise((resolve) => setTimeout(resolve, 50));
  assert.equal(server.maxActive(), 2);
  release();
  await first;
  assert.deepEqual(await all, { downloadedBytes: 5 * 30_000, files: 5, failed: [] });
  assert.equal(server.maxActive(), 2);
  assert.equal(server.requests.length, 5, 'one request per file');
});

test('files nothing references are removed, stored or partial, except one being downloaded', async (t) => {
  const [kept, stale, cut, downloading] = [16, 17, 18, 19].map((seed) => mediaFile(40_000, seed));
  const server = await startMediaServer(t, [kept!, stale!, cut!, downloading!]);
  const { store, final, partial } = storeFor(t, server.url);
  await store.ensureAll([kept!.ref, stale!.ref]);
  writeFileSync(partial(cut!.ref.sha256), cut!.data.subarray(0, 10_000));
  writeFileSync(partial(downloading!.ref.sha256), downloading!.data.subarray(0, 10_000));
  const release = server.hold();
  const resuming = store.ensure(downloading!.ref);
  await until(() => server.active() === 1, 'the resumed download');

  const removed = await store.removeUnreferenced(new Set([kept!.ref.sha256]));
  assert.deepEqual(removed.sort(), [stale!.ref.sha256, cut!.ref.sha256].sort());
  assert.ok(existsSync(final(kept!.ref.sha256)));
  assert.equal(existsSync(final(stale!.ref.sha256)), false);
  assert.equal(store.has(stale!.ref.sha256), false);
  assert.equal(existsSync(partial(cut!.ref.sha256)), false);
  assert.equal(statSync(partial(downloading!.ref.sha256)).size, 10_000);
  release();
  await resuming;
  assert.deepEqual(
    readFileSync(final(downloading!.ref.sha256)),
    downloading!.data,
    'the download under way kept its partial file and finished',
  );
});
