/**
 * Notice files through the kiosk host as the shells run it: a notice is shown once all its files
 * are downloaded and verified (announced by catalog-changed), and files go when no held notice
 * references them any more, after a page or a resync.
 */
import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { BridgeEvent } from '@linli/protocol';
import { createKioskHost } from '../host/kiosk-host';
import { browserShellHooks } from '../shells/browser/shell-hooks';
import { fakeAdminServer, kioskConfig } from './fake-admin-server';
import { notice, removeNotice, upsertNotice } from './fixtures';
import { mediaFile, startMediaServer } from './media-server';
import { until } from './until';

const photo = mediaFile(120_000, 21, 'image/jpeg', '新址照片.jpg');
const video = mediaFile(300_000, 22, 'video/mp4', '搬迁说明.mp4');

async function startHost(
  t: TestContext,
  admin: ReturnType<typeof fakeAdminServer>,
  media: Awaited<ReturnType<typeof startMediaServer>>,
) {
  const config = kioskConfig(t);
  const host = await createKioskHost({
    config,
    fetch: media.routeMedia(admin.fetchImpl),
    log: () => undefined,
    shell: browserShellHooks(() => assert.fail('no restart expected')),
  });
  t.after(() => host.stop());
  const events: BridgeEvent[] = [];
  host.onEvent((event) => events.push(event));
  await host.start();
  return { host, events, stored: (sha256: string) => path.join(config.dataDir, 'media', sha256) };
}

test('a notice with files stays hidden until they are stored, then appears with catalog-changed', async (t) => {
  const media = await startMediaServer(t, [photo, video]);
  const admin = fakeAdminServer([
    upsertNotice(notice('plain', '停水通知', '2026-01-01T00:00:00.000Z')),
    upsertNotice(
      notice('moving', '卫生服务站搬迁通知', '2026-01-02T00:00:00.000Z', { attachments: [photo.ref, video.ref] }),
    ),
  ]);
  const release = media.hold();
  const { host, events, stored } = await startHost(t, admin, media);
  const shown = async () => (await host.bridge.listNotices({})).map((n) => n.id);

  assert.deepEqual(await shown(), ['plain'], 'a notice without files shows at once');
  await assert.rejects(host.bridge.getNotice({ id: 'moving' }), { code: 'NOT_FOUND' });
  assert.equal((await host.bridge.getStatus({})).mediaPending, 2);
  assert.equal(host.mediaFile(photo.ref.sha256), undefined);

  events.length = 0;
  release();
  await until(() => events.filter((event) => event === 'catalog-changed').length === 2, 'both files stored');
  assert.deepEqual(await shown(), ['moving', 'plain']);
  assert.deepEqual((await host.bridge.getNotice({ id: 'moving' })).attachments, [photo.ref, video.ref]);
  assert.equal((await host.bridge.getStatus({})).mediaPending, 0);
  assert.deepEqual(host.mediaFile(video.ref.sha256), {
    path: stored(video.ref.sha256),
    bytes: video.ref.bytes,
    mime: 'video/mp4',
  });
  assert.deepEqual(readFileSync(stored(video.ref.sha256)), video.data);
});

test('files go when no held notice references them: after a page, and after a resync', async (t) => {
  const media = await startMediaServer(t, [photo, video]);
  const admin = fakeAdminServer([
    upsertNotice(notice('a', '停水通知', '2026-01-01T00:00:00.000Z', { attachments: [photo.ref] })),
    upsertNotice(
      notice('b', '卫生服务站搬迁通知', '2026-01-02T00:00:00.000Z', { attachments: [video.ref, photo.ref] }),
    ),
  ]);
  const { host, stored } = await startHost(t, admin, media);
  await until(() => existsSync(stored(photo.ref.sha256)) && existsSync(stored(video.ref.sha256)), 'both files');

  admin.publish(removeNotice('b'));
  await until(() => !existsSync(stored(video.ref.sha256)), 'the video removed');
  assert.ok(existsSync(stored(photo.ref.sha256)), 'notice a still needs the photo');
  assert.equal(host.mediaFile(video.ref.sha256), undefined);

  admin.state.resyncBelow = Number.MAX_SAFE_INTEGER;
  const pullsBefore = admin.cursors.length;
  admin.publish(removeNotice('a'));
  await until(() => !existsSync(stored(photo.ref.sha256)), 'the photo removed after the resync');
  assert.ok(admin.cursors.slice(pullsBefore).includes(0), 'the kiosk resynced');
  assert.deepEqual(await host.bridge.listNotices({}), []);
  assert.equal(media.requests.length, 2, 'each file was fetched once');
});
