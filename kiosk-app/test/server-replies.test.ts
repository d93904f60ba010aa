/**
 * What the kiosk does with an admin server (or something posing as one) that sends what the
 * protocol does not allow, over real HTTP: the page is refused with a coded error and nothing of
 * it applied, no file lands outside the media folder, and the kiosk keeps what it had.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { LinliError, type Change } from '@linli/protocol';
import { createMediaStore } from '../host/media/media-store';
import { createServerClient } from '../host/sync/server-client';
import { createSyncEngine } from '../host/sync/sync-engine';
import { DEVICE_ID, notice, tempCache, upsertNotice } from './fixtures';
import { mediaFile, startMediaServer } from './media-server';

/** Every file under `dir`, as paths relative to it. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)));
}

const rejectsWith = (code: string, pattern?: RegExp) => (error: unknown) => {
  assert.ok(error instanceof LinliError, String(error));
  assert.equal(error.code, code, error.message);
  if (pattern) assert.match(JSON.stringify(error.details ?? error.message), pattern);
  return true;
};

test('a feed page naming a path as a media hash is refused whole; a cut download stays in the media folder', async (t) => {
  const picture = mediaFile(40_000, 3, 'image/png', '停水范围.png');
  const media = await startMediaServer(t, [picture]);
  let changes: Change[] = [];
  const feed = createServer((request, response) => {
    const cursor = Number(new URL(request.url ?? '/', 'http://x').searchParams.get('cursor'));
    const after = changes.filter((change) => change.seq > cursor);
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ changes: after, nextCursor: after.at(-1)?.seq ?? cursor, hasMore: false }));
  });
  await new Promise<void>((resolve) => feed.listen(0, '127.0.0.1', resolve));
  t.after(() => new Promise<void>((resolve) => feed.close(() => resolve())));
  const client = createServerClient({
    fetch,
    serverUrl: `http://127.0.0.1:${(feed.address() as AddressInfo).port}`,
    deviceId: DEVICE_ID,
    secret: 's3cret',
  });
  const { cache } = tempCache(t);
  const online: boolean[] = [];
  const engine = createSyncEngine({
    cache,
    client,
    clock: () => new Date('2026-12-01T09:00:00Z'),
    pullIntervalMs: 60_000,
    onApplied: () => undefined,
    onOnlineChange: (value) => online.push(value),
    log: () => undefined,
  });

  const good = upsertNotice(notice('n-water', '停水通知', '2026-12-01T00:00:00Z', { attachments: [picture.ref] }));
  changes = [good];
  await engine.syncNow();
  const before = { cursor: cache.cursor(), notices: cache.allNotices() };
  assert.equal(before.cursor, good.seq);

  const hostile = upsertNotice(
    notice('n-evil', '恶意通知', '2026-12-01T00:00:00Z', {
      attachments: [{ ...picture.ref, sha256: '../../x' }],
    }),
  );
  changes = [good, hostile];
  await assert.rejects(client.changes(before.cursor), rejectsWith('SERVER_REPLY_INVALID', /attachments\/0\/sha256/));
  await engine.syncNow();
  assert.equal(online.at(-1), false, 'the kiosk shows it is not in sync');
  assert.equal(cache.cursor(), before.cursor, 'the cursor stays on the last good page');
  assert.deepEqual(cache.allNotices(), before.notices, 'nothing of the page is applied');

  const root = mkdtempSync(path.join(tmpdir(), 'linli-replies-'));
  t.after(() => rmSync(root, { recursive: true, force: true }));
  const store = createMediaStore({ dir: path.join(root, 'media'), serverUrl: media.url, fetch });
  t.after(() => store.close());
  await assert.rejects(store.ensure({ ...picture.ref, sha256: '../../x' }), rejectsWith('SERVER_REPLY_INVALID'));
  media.state.cutAfter = 10_000;
  await assert.rejects(store.ensure(picture.ref), rejectsWith('SERVER_UNREACHABLE', /broke off/));
  assert.deepEqual(filesUnder(root), [path.join('media', '.partial', picture.ref.sha256)]);
  assert.equal(media.requests.length, 1, 'the hostile name never reached the network either');
});
