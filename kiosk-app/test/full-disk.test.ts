/**
 * A kiosk whose disk fills up: its data folder on a small tmpfs of its own (a real file system that
 * runs out of room), mounted for the test and removed afterwards. Downloads stop cleanly and give
 * their space back, the cache stays as it was before the page that did not fit, and both carry on
 * once there is room. Mounting needs root; elsewhere the tests are skipped, saying so.
 */
import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statfsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createMediaStore } from '../host/media/media-store';
import { openCacheDb } from '../host/storage/cache-db';
import { createDiskHealth } from '../host/storage/disk-health';
import { guide, upsert } from './fixtures';
import { mediaFile, startMediaServer } from './media-server';

function mountable(): string | undefined {
  if (process.getuid?.() !== 0) return 'mounting a small file system needs root';
  const probe = mkdtempSync(path.join(tmpdir(), 'linli-tmpfs-probe-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', probe], { stdio: 'ignore' });
    execFileSync('umount', [probe]);
    return undefined;
  } catch {
    return 'this machine does not let the tests mount a tmpfs';
  } finally {
    rmSync(probe, { recursive: true, force: true });
  }
}
const skip = mountable();

/** A tmpfs of `size` (e.g. '1m') at a fresh folder, unmounted and removed when the test ends. */
function smallDisk(t: TestContext, size: string) {
  const dir = mkdtempSync(path.join(tmpdir(), 'linli-full-disk-'));
  execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', dir]);
  t.after(() => {
    execFileSync('umount', ['-l', dir]);
    rmSync(dir, { recursive: true, force: true });
  });
  return {
    dir,
    free: () => {
      const stats = statfsSync(dir);
      return stats.bavail * stats.bsize;
    },
    grow: (to: string) => execFileSync('mount', ['-o', `remount,size=${to}`, dir]),
  };
}

test(
  'a download that fills the disk stops (STORAGE_FULL), frees its space, lets smaller files through, and completes once there is room',
  { skip },
  async (t) => {
    const disk = smallDisk(t, '1m');
    const video = mediaFile(1_500_000, 1);
    const poster = mediaFile(200_000, 2, 'image/png', '海报.png');
    const server = await startMediaServer(t, [video, poster]);
    const health = createDiskHealth(() => undefined);
    const store = createMediaStore({ dir: path.join(disk.dir, 'media'), serverUrl: server.url, fetch, disk: health });
    t.after(() => store.close());
    const empty = disk.free();

    await assert.rejects(store.ensure(video.ref), { code: 'STORAGE_FULL' });
    assert.equal(health.full(), true, 'told as a full disk (the status bar and the heartbeat say so)');
    assert.equal(store.has(video.ref.sha256), false);
    assert.deepEqual(readdirSync(path.join(disk.dir, 'media', '.partial')), [], 'no partial file left behind');
    assert.ok(disk.free() >= empty - 64 * 1024, `the space is back (${disk.free()} of ${empty} bytes free)`);

    await store.ensure(poster.ref);
    assert.equal(store.has(poster.ref.sha256), true, 'a file that fits is stored');

    disk.grow('4m');
    await store.ensure(video.ref);
    assert.equal(store.has(video.ref.sha256), true);
    assert.equal(health.full(), false, 'room again');
    assert.equal(existsSync(store.pathOf(video.ref.sha256)), true);
  },
);

test(
  'a sync page that does not fit leaves the cache as it was before it; applied again once there is room',
  { skip },
  (t) => {
    const disk = smallDisk(t, '512k');
    mkdirSync(path.join(disk.dir, 'kiosk'));
    const file = path.join(disk.dir, 'kiosk', 'cache.sqlite');
    const cache = openCacheDb(file);
    t.after(() => cache.close());
    const page = (from: number) =>
      Array.from({ length: 20 }, (_, i) =>
        upsert(guide(`g${from + i}`, `办事指南 ${from + i}`, { summary: '说明'.repeat(2000) })),
      );
    let applied = 0;
    let failure: unknown;
    for (let cursor = 1; cursor < 200 && !failure; cursor++) {
      try {
        cache.applyPage(page(applied), cursor, new Date());
        applied += 20;
      } catch (error) {
        failure = error;
      }
    }
    assert.ok(failure, 'the disk filled up');
    assert.equal((failure as { code?: string }).code, 'STORAGE_FULL');
    const cursorBefore = cache.cursor();
    assert.equal(cache.allGuides().length, applied, 'no guide of the page that did not fit');
    assert.equal(cursorBefore, applied / 20, 'the cursor of the last page that fit');

    disk.grow('16m');
    cache.applyPage(page(applied), cursorBefore + 1, new Date());
    assert.equal(cache.allGuides().length, applied + 20);
    assert.equal(cache.cursor(), cursorBefore + 1);
  },
);
