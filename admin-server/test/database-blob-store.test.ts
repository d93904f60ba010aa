/**
 * Media kept in the database (LINLI_MEDIA_STORE=database), on SQLite and PostgreSQL: two stores
 * on one database, each with its own folder, stand for two admin instances sharing no folder. A
 * file received by one is read by the other, whole and by any span, from its parts; a file is
 * stored whole or not at all, once however many store it at the same time; and a removal reaches
 * the other instance's copies. Through the HTTP API, an uploaded image and its preview are served
 * from the database with Range.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import sharp from 'sharp';
import { LinliError } from '@linli/protocol';
import type { Database } from '../src/db/database';
import type { BlobStore } from '../src/media/blob-store';
import { openDatabaseBlobStore } from '../src/media/database-blob-store';
import { startApp } from './app-harness';
import { backends } from './backends';

/** Small parts, so that a file of a few kilobytes spans many. */
const PART_BYTES = 1000;

function folder(t: { after(fn: () => void): void }): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'linli-db-media-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

async function store(db: Database, dir: string, bytes: Buffer): Promise<string> {
  const blobs = await openDatabaseBlobStore(db, dir, { partBytes: PART_BYTES });
  const file = await blobs.receive(Readable.from([bytes]), 1e9);
  await blobs.commit(file);
  return file.sha256;
}

const partsOf = async (db: Database, name: string) =>
  Number((await db.get<{ n: number }>('SELECT COUNT(*) AS n FROM stored_file_parts WHERE name = ?', [name]))!.n);

for (const backend of backends) {
  describe(`media in the database on ${backend.name}`, { skip: backend.skip }, () => {
    test('a file received by one instance is read by another, whole and by any span, from its parts', async (t) => {
      const db = await backend.open(t);
      const [dirA, dirB] = [folder(t), folder(t)];
      const bytes = randomBytes(10_500);
      const sha256 = await store(db, dirA, bytes);
      assert.equal(await partsOf(db, sha256), 11, '10 whole parts and the rest');
      const b: BlobStore = await openDatabaseBlobStore(db, dirB, { partBytes: PART_BYTES });
      assert.deepEqual(await b.list(), [{ name: sha256, bytes: bytes.length }]);
      assert.deepEqual(await readAll(b.read(sha256)), bytes);
      for (const [start, end] of [
        [0, 0],
        [999, 1000],
        [1500, 7499],
        [10_000, 10_499],
        [10_499, 20_000],
      ] as const)
        assert.deepEqual(
          await readAll(b.read(sha256, { start, end })),
          bytes.subarray(start, end + 1),
          `${start}-${end}`,
        );
      assert.deepEqual(readdirSync(dirB).sort(), ['.incoming', 'thumbnails'], 'read from the database, no copy made');
      // An empty file is a file too.
      const empty = await store(db, dirA, Buffer.alloc(0));
      assert.deepEqual(await readAll(b.read(empty)), Buffer.alloc(0));
      const file = await b.localFile(sha256);
      assert.deepEqual(readFileSync(file!), bytes, 'a copy for tools that read files');
      assert.equal(await b.localFile('0'.repeat(64)), undefined);
      await assert.rejects(
        readAll(b.read('0'.repeat(64))),
        (error: unknown) => error instanceof LinliError && error.code === 'NOT_FOUND',
      );
    });

    test('a file that fails half-way is not stored at all; the same file stored at once by two is stored once', async (t) => {
      const db = await backend.open(t);
      const blobs = await openDatabaseBlobStore(db, folder(t), { partBytes: PART_BYTES });
      const name = createHash('sha256').update('half').digest('hex');
      async function* failing() {
        yield randomBytes(2500);
        throw new Error('the disk went away');
      }
      await assert.rejects(blobs.put(name, Readable.from(failing())), /the disk went away/);
      assert.deepEqual(await blobs.list(), []);
      assert.equal(await partsOf(db, name), 0, 'no part left behind');

      const bytes = randomBytes(4321);
      const [dirA, dirB] = [folder(t), folder(t)];
      const [a, b] = await Promise.all([store(db, dirA, bytes), store(db, dirB, bytes)]);
      assert.equal(a, b);
      assert.deepEqual(await blobs.list(), [{ name: a, bytes: 4321 }]);
      assert.equal(await partsOf(db, a), 5);
      assert.deepEqual(await readAll(blobs.read(a)), bytes);
    });

    test('a file removed through one instance is gone from the other, its copy dropped when the store opens', async (t) => {
      const db = await backend.open(t);
      const [dirA, dirB] = [folder(t), folder(t)];
      const bytes = randomBytes(3000);
      const sha256 = await store(db, dirA, bytes);
      const b = await openDatabaseBlobStore(db, dirB, { partBytes: PART_BYTES });
      await b.localFile(sha256);
      const a = await openDatabaseBlobStore(db, dirA, { partBytes: PART_BYTES });
      await a.remove(sha256);
      assert.deepEqual(await b.list(), []);
      await assert.rejects(readAll(b.read(sha256)), (error: unknown) => (error as LinliError).code === 'NOT_FOUND');
      assert.equal(await b.localFile(sha256), undefined);
      await openDatabaseBlobStore(db, dirB);
      assert.deepEqual(readdirSync(dirB).sort(), ['.incoming', 'thumbnails'], 'the copy is dropped');
    });

    test('through the API: an uploaded image and its preview are served from the database, with Range', async (t) => {
      const db = await backend.open(t);
      const { app, admin } = await startApp(t, db, undefined, { mediaStore: 'database' });
      const image = await sharp({ create: { width: 900, height: 600, channels: 3, background: '#1f6f43' } })
        .png()
        .toBuffer();
      const uploaded = await app.inject({
        method: 'POST',
        url: `/api/v1/admin/media?name=${encodeURIComponent('海报.png')}`,
        headers: { ...admin, 'content-type': 'application/octet-stream' },
        payload: image,
      });
      assert.equal(uploaded.statusCode, 201, uploaded.body);
      const { sha256 } = uploaded.json() as { sha256: string };
      assert.deepEqual(
        (await db.all<{ name: string }>('SELECT name FROM stored_files ORDER BY name')).map((row) => row.name),
        [sha256, `thumbnails/${sha256}.jpg`],
      );
      const part = await app.inject({ url: `/media/${sha256}`, headers: { range: 'bytes=100-199' } });
      assert.equal(part.statusCode, 206);
      assert.deepEqual(part.rawPayload, image.subarray(100, 200));
      const preview = await app.inject({ url: `/media/${sha256}/thumbnail` });
      assert.equal(preview.statusCode, 200);
      assert.equal((await sharp(preview.rawPayload).metadata()).format, 'jpeg');
    });
  });
}
