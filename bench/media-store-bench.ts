/**
 * Where an admin server keeps its media: the folder (a shared path for several instances) against
 * PostgreSQL itself (LINLI_MEDIA_STORE=database), for one 100 MB video. Storing it once, another
 * instance reading it whole and by 64 KiB spans (a player seeking, a download resuming) with no copy
 * of its own, the copy ffmpeg needs made once, and what the database grows by.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import pg from 'pg';
import { openDatabase } from '../admin-server/src/db/open';
import type { Database } from '../admin-server/src/db/database';
import type { BlobStore } from '../admin-server/src/media/blob-store';
import { openMediaStore, type MediaStoreChoice } from '../admin-server/src/media/media-store';
import { latencyStats, nowMs, round } from './machine';

export const VIDEO_BYTES = 100 * 1024 * 1024;
const SPAN_BYTES = 64 * 1024;
const SPANS = 200;

async function drain(stream: Readable): Promise<number> {
  let bytes = 0;
  for await (const chunk of stream) bytes += (chunk as Buffer).length;
  return bytes;
}

async function measure(kind: MediaStoreChoice['kind'], db: Database, video: Buffer, dir: string) {
  const open = (folder: string) => openMediaStore({ kind, dir: path.join(dir, kind, folder) }, db);
  const first: BlobStore = await open('first');
  const receivedAt = nowMs();
  const file = await first.receive(Readable.from([video]), VIDEO_BYTES * 2);
  const received = nowMs() - receivedAt;
  const storedAt = nowMs();
  await first.commit(file);
  const storeMs = nowMs() - storedAt;

  // The other instance: a folder of its own (the database store), or the same shared folder.
  const other = kind === 'folder' ? first : await open('second');
  const wholeAt = nowMs();
  const read = await drain(other.read(file.sha256));
  const wholeMs = nowMs() - wholeAt;
  if (read !== VIDEO_BYTES) throw new Error(`${kind}: read ${read} of ${VIDEO_BYTES} bytes`);
  const spans: number[] = [];
  for (let i = 0; i < SPANS; i++) {
    const start = Math.floor(Math.random() * (VIDEO_BYTES - SPAN_BYTES));
    const at = nowMs();
    await drain(other.read(file.sha256, { start, end: start + SPAN_BYTES - 1 }));
    spans.push(nowMs() - at);
  }
  const copyAt = nowMs();
  await other.localFile(file.sha256);
  const localFileMs = nowMs() - copyAt;
  return {
    receiveMs: round(received),
    storeMs: round(storeMs),
    readWholeMs: round(wholeMs),
    readMBPerSec: round(VIDEO_BYTES / 1024 / 1024 / (wholeMs / 1000), 1),
    span64KiBMs: latencyStats(spans),
    localFileMs: round(localFileMs),
  };
}

export async function runMediaStoreBench(pgUrl: string) {
  const schema = `linli_bench_media_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: pgUrl });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  const url = new URL(pgUrl);
  url.searchParams.set('options', `-c search_path=${schema}`);
  const db = await openDatabase({ kind: 'postgres', url: url.href });
  const dir = mkdtempSync(path.join(tmpdir(), 'linli-media-store-bench-'));
  try {
    const video = randomBytes(VIDEO_BYTES);
    const folder = await measure('folder', db, video, dir);
    const database = await measure('database', db, video, dir);
    const size = await admin.query<{ bytes: string }>(
      `SELECT pg_total_relation_size('${schema}.stored_file_parts') AS bytes`,
    );
    return {
      videoBytes: VIDEO_BYTES,
      spanBytes: SPAN_BYTES,
      spans: SPANS,
      folder,
      database: { ...database, tableBytes: Number(size.rows[0]!.bytes) },
    };
  } finally {
    await db.close();
    await admin.query(`DROP SCHEMA ${schema} CASCADE`);
    await admin.end();
    rmSync(dir, { recursive: true, force: true });
  }
}
