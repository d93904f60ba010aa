/**
 * Backup and restore on every backend: a database with the demo's organisation, guides, notices,
 * signage and a year of usage, and media with a thumbnail, backed up while the server runs and
 * restored into a fresh database — every table and every media file the same. The archive is a
 * plain .tar.gz the system's tar reads; a damaged or foreign file, or a database already in use,
 * changes nothing.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import sharp from 'sharp';
import { LinliError } from '@linli/protocol';
import { restoreBackup, writeBackup } from '../src/backup/backup';
import { createBackupSchedule } from '../src/backup/backup-schedule';
import { readTarGz, tarHeader, writeTarGz } from '@linli/device-drivers/archive/tar-archive';
import { tablesInOrder } from '../src/backup/table-snapshot';
import type { Database } from '../src/db/database';
import { openBlobStore, type BlobStore } from '../src/media/blob-store';
import { openMediaStore } from '../src/media/media-store';
import { openDatabase } from '../src/db/open';
import { systemActor } from '../src/domain/actor';
import { createDemoNotices, createDemoOrgs, createDemoSignage, readDemoGuides } from '../src/demo-content';
import { createDemoUsage } from '../src/demo-usage';
import { backends } from './backends';
import { startApp } from './app-harness';

const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

function scratch(t: { after(fn: () => void): void }): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'linli-backup-test-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** Every table's rows, each as JSON, sorted: two databases holding the same give the same. */
async function everyRow(db: Database): Promise<Record<string, string[]>> {
  const tables: Record<string, string[]> = {};
  for (const table of await tablesInOrder(db, db.dialect))
    tables[table] = (await db.all(`SELECT * FROM "${table}"`)).map((row) => JSON.stringify(row)).sort();
  return tables;
}

/** Every stored media file by its name, as the hash of what the store reads back. */
async function everyStored(blobs: BlobStore): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  for (const { name } of await blobs.list()) {
    const hash = createHash('sha256');
    for await (const chunk of blobs.read(name)) hash.update(chunk as Buffer);
    files[name] = hash.digest('hex');
  }
  return files;
}

async function rejectsWith(work: Promise<unknown>, code: string): Promise<void> {
  await assert.rejects(work, (error: unknown) => error instanceof LinliError && error.code === code);
}

test('the archive is a tar.gz the system tar lists and unpacks byte for byte', async (t) => {
  const dir = scratch(t);
  const big = Buffer.alloc(70_000, 7);
  writeFileSync(path.join(dir, 'big.bin'), big);
  const archive = writeTarGz(path.join(dir, 'a.tar.gz'), new Date('2026-12-06T00:00:00Z'));
  await archive.addBytes('manifest.json', Buffer.from('{"社区":"临江"}\n'));
  await archive.addFile('media/big.bin', path.join(dir, 'big.bin'), big.length);
  await archive.finish();
  assert.deepEqual(
    execFileSync('tar', ['-tzf', path.join(dir, 'a.tar.gz')], { encoding: 'utf8' })
      .trim()
      .split('\n'),
    ['manifest.json', 'media/big.bin'],
  );
  const out = path.join(dir, 'out');
  execFileSync('mkdir', [out]);
  execFileSync('tar', ['-xzf', path.join(dir, 'a.tar.gz'), '-C', out]);
  assert.equal(readFileSync(path.join(out, 'manifest.json'), 'utf8'), '{"社区":"临江"}\n');
  assert.deepEqual(readFileSync(path.join(out, 'media/big.bin')), big);
  // And ours reads what the system's tar writes.
  execFileSync('tar', ['--format=ustar', '-czf', path.join(dir, 'b.tar.gz'), '-C', out, 'manifest.json', 'media']);
  const read: Record<string, number> = {};
  await readTarGz(
    path.join(dir, 'b.tar.gz'),
    async (entry) => {
      let bytes = 0;
      for await (const chunk of entry.body) bytes += (chunk as Buffer).length;
      read[entry.name] = bytes;
    },
    'BACKUP_INVALID',
  );
  assert.equal(read['media/big.bin'], big.length);
  assert.equal(read['manifest.json'], Buffer.byteLength('{"社区":"临江"}\n'));
});

test('a truncated archive, a tar with a path outside and a file that is no backup are BACKUP_INVALID', async (t) => {
  const dir = scratch(t);
  const target = { kind: 'sqlite', file: path.join(dir, 'target.sqlite') } as const;
  const mediaDir = path.join(dir, 'media');
  const escape = Buffer.concat([
    tarHeader('../../etc/linli', 4, 0),
    Buffer.from('evil'),
    Buffer.alloc(508),
    Buffer.alloc(1024),
  ]);
  writeFileSync(path.join(dir, 'escape.tar.gz'), gzipSync(escape));
  writeFileSync(path.join(dir, 'text.tar.gz'), 'not a backup');
  const half = gzipSync(Buffer.concat([tarHeader('manifest.json', 2000, 0), Buffer.alloc(300)]));
  writeFileSync(path.join(dir, 'half.tar.gz'), half);
  for (const file of ['escape.tar.gz', 'text.tar.gz', 'half.tar.gz'])
    await rejectsWith(
      restoreBackup({ target, media: { kind: 'folder', dir: mediaDir }, file: path.join(dir, file) }),
      'BACKUP_INVALID',
    );
  assert.equal(readdirSync(dir).includes('media'), false, 'nothing was written');
});

for (const backend of backends) {
  // On PostgreSQL the media are kept in the database (LINLI_MEDIA_STORE=database), on SQLite in a folder.
  const mediaStore = backend.name === 'postgres' ? 'database' : 'folder';
  describe(`backup and restore on ${backend.name}, media in a ${mediaStore}`, { skip: backend.skip }, () => {
    test('every table and every media file come back the same; a database in use is refused', async (t) => {
      const dir = scratch(t);
      const target = await backend.target(t);
      const db = await openDatabase(target);
      t.after(() => db.close());
      const { services, system, root, admin, app, enrollDevice } = await startApp(t, db, undefined, { mediaStore });
      await services.guides.importFile(system, readDemoGuides());
      await createDemoOrgs(services.orgs, system, root);
      const communities = (await services.orgs.tree(system)).nodes.filter((node) => node.level === 'community');
      await createDemoUsage(
        services.usage,
        await Promise.all(communities.slice(0, 2).map((node) => services.orgs.get(node.id))),
        readDemoGuides()
          .guides.slice(0, 20)
          .map((guide) => guide.id),
        new Date(),
      );
      const noticeIds = await createDemoNotices(services.notices, system, systemActor(root, 'demo'));
      await createDemoSignage(services.signage, system, systemActor(root, 'demo'), noticeIds);
      await enrollDevice();
      const image = await sharp({ create: { width: 640, height: 480, channels: 3, background: '#0d5a26' } })
        .png()
        .toBuffer();
      const uploaded = await app.inject({
        method: 'POST',
        url: `/api/v1/admin/media?name=${encodeURIComponent('社区宣传画.png')}`,
        headers: { ...admin, 'content-type': 'application/octet-stream' },
        payload: image,
      });
      assert.equal(uploaded.statusCode, 201, uploaded.body);

      const file = path.join(dir, 'linli.tar.gz');
      const manifest = await writeBackup({ target, blobs: services.media.blobs, file });
      assert.equal(manifest.dialect, backend.name);
      assert.deepEqual(manifest.media.missing, []);
      assert.ok(manifest.media.files >= 2, 'the image and its thumbnail');
      const listed = execFileSync('tar', ['-tzf', file], { encoding: 'utf8' }).split('\n');
      assert.equal(listed[0], 'manifest.json');
      assert.ok(listed.includes(`media/${sha(image)}`));
      assert.ok(listed.includes('tables/usage_events.jsonl'));

      const restored = await backend.target(t);
      const restoredMedia = { kind: mediaStore, dir: path.join(dir, 'restored-media') } as const;
      await restoreBackup({ target: restored, media: restoredMedia, file });
      const copy = await openDatabase(restored);
      t.after(() => copy.close());
      const [before, after] = [await everyRow(db), await everyRow(copy)];
      assert.deepEqual(Object.keys(after), Object.keys(before));
      for (const table of Object.keys(before)) assert.deepEqual(after[table], before[table], table);
      const counts = Object.fromEntries(
        ['guides', 'org_nodes', 'usage_node_days', 'notices'].map((table) => [table, before[table]!.length]),
      );
      assert.ok(
        counts.guides === 169 && counts.usage_node_days! > 100 && counts.org_nodes! > 5 && counts.notices! > 0,
        JSON.stringify(counts),
      );
      const media = await everyStored(services.media.blobs);
      assert.deepEqual(Object.keys(media).sort(), [sha(image), `thumbnails/${sha(image)}.jpg`]);
      assert.deepEqual(await everyStored(await openMediaStore(restoredMedia, copy)), media);
      // Serial keys continue after the restored rows: a new organisation gets a new id.
      const ids = (await copy.all<{ id: number }>('SELECT id FROM org_nodes')).map((row) => Number(row.id));
      await copy.run(
        "INSERT INTO org_nodes (parent_id, level, name, code, path, created_at) SELECT parent_id, level, '新社区', '330188999999', path || '9/', created_at FROM org_nodes WHERE id = ?",
        [ids[1]!],
      );
      const newest = await copy.get<{ id: number }>("SELECT id FROM org_nodes WHERE name = '新社区'");
      assert.ok(Number(newest!.id) > Math.max(...ids));

      await rejectsWith(restoreBackup({ target: restored, media: restoredMedia, file }), 'RESTORE_TARGET_IN_USE');
      assert.equal((await copy.all('SELECT id FROM org_nodes')).length, ids.length + 1, 'unchanged');
    });
  });
}

test('the daily backup: from its Beijing time on, once a day across instances, the oldest beyond those kept removed', async (t) => {
  const dir = scratch(t);
  const target = { kind: 'sqlite', file: path.join(dir, 'admin.sqlite') } as const;
  const db = await openDatabase(target);
  t.after(() => db.close());
  const blobs = await openBlobStore(path.join(dir, 'media'));
  let now = new Date('2026-12-06T19:29:00.000Z'); // 03:29 in Beijing, 7 December
  const schedule = () =>
    createBackupSchedule({
      db,
      target,
      blobs,
      dir: path.join(dir, 'backups'),
      at: '03:30',
      keep: 2,
      clock: () => now,
    });
  mkdirSync(path.join(dir, 'backups'));
  const [first, second] = [schedule(), schedule()];
  assert.equal(await first.runDue(), undefined, 'not yet');
  now = new Date('2026-12-06T19:31:00.000Z');
  const made = await Promise.all([first.runDue(), second.runDue()]);
  assert.deepEqual(
    made.map((backup) => backup && path.basename(backup.file)),
    ['linli-backup-2026-12-07.tar.gz', undefined],
    'one instance makes it',
  );
  assert.equal(await first.runDue(), undefined, 'once a day');
  for (const day of ['2026-12-07T20:00:00.000Z', '2026-12-08T20:00:00.000Z']) {
    now = new Date(day);
    await second.runDue();
  }
  assert.deepEqual(readdirSync(path.join(dir, 'backups')).sort(), [
    'linli-backup-2026-12-08.tar.gz',
    'linli-backup-2026-12-09.tar.gz',
  ]);
});

const postgres = backends.find((backend) => backend.name === 'postgres')!;
test(
  'a SQLite installation moves to PostgreSQL, its media into the database: the restore holds the same rows and files',
  { skip: postgres.skip },
  async (t) => {
    const dir = scratch(t);
    const source = { kind: 'sqlite', file: path.join(dir, 'admin.sqlite') } as const;
    const db = await openDatabase(source);
    t.after(() => db.close());
    const { services, system, root, admin, app } = await startApp(t, db);
    await services.guides.importFile(system, readDemoGuides());
    await createDemoOrgs(services.orgs, system, root);
    const noticeIds = await createDemoNotices(services.notices, system, systemActor(root, 'demo'));
    await createDemoSignage(services.signage, system, systemActor(root, 'demo'), noticeIds);
    const video = Buffer.concat([Buffer.from('00000020667479706d703432', 'hex'), randomBytes(300_000)]);
    const uploaded = await app.inject({
      method: 'POST',
      url: `/api/v1/admin/media?name=${encodeURIComponent('宣传片.mp4')}`,
      headers: { ...admin, 'content-type': 'application/octet-stream' },
      payload: video,
    });
    assert.equal(uploaded.statusCode, 201, uploaded.body);
    const file = path.join(dir, 'linli.tar.gz');
    await writeBackup({ target: source, blobs: services.media.blobs, file });

    const target = await postgres.target(t);
    const media = { kind: 'database', dir: path.join(dir, 'pg-media') } as const;
    await restoreBackup({ target, media, file });
    const moved = await openDatabase(target);
    t.after(() => moved.close());
    const [before, after] = [await everyRow(db), await everyRow(moved)];
    for (const table of Object.keys(before)) assert.deepEqual(after[table], before[table], table);
    const stored = await openMediaStore(media, moved);
    assert.deepEqual(await everyStored(stored), { [sha(video)]: sha(video) });
    assert.equal((await moved.get<{ n: number }>('SELECT COUNT(*) AS n FROM stored_file_parts'))!.n, 1);
  },
);
