/**
 * Media kept in the database, in parts of 1 MiB (`stored_files`, `stored_file_parts`), so every
 * admin instance on one PostgreSQL serves every file with no shared folder to mount. A file is
 * written in one transaction: another instance sees it whole or not at all. A Range reads only the
 * bytes it spans, a part at a time. Each instance keeps copies in its own folder of the files it
 * received and of those a tool needed as a file (ffmpeg for the TV channels); a copy is read
 * instead of the parts, and copies of files removed meanwhile are dropped when the store opens.
 */
import { createReadStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { LinliError } from '@linli/protocol';
import type { Database } from '../db/database';
import { checkedName, localFiles, thumbnailName, type BlobStore } from './blob-store';

/** Bytes in one stored part: large enough for few rows, small enough that a Range reads little more than it asks. */
export const PART_BYTES = 1024 * 1024;

export async function openDatabaseBlobStore(
  db: Database,
  dir: string,
  options: { partBytes?: number } = {},
): Promise<BlobStore> {
  const partBytes = options.partBytes ?? PART_BYTES;
  const files = await localFiles(dir);
  const stored = new Set((await db.all<{ name: string }>('SELECT name FROM stored_files')).map((row) => row.name));
  for (const name of await files.names()) if (!stored.has(name)) await rm(files.pathOf(name), { force: true });

  async function put(name: string, body: Readable): Promise<void> {
    checkedName(name);
    await db.transaction(async (tx) => {
      const claimed = await tx.run(
        'INSERT INTO stored_files (name, bytes, part_bytes, stored_at) VALUES (?, 0, ?, ?) ON CONFLICT (name) DO NOTHING',
        [name, partBytes, new Date().toISOString()],
      );
      // Stored already (by this instance or, once its transaction ended, by another): the same bytes.
      if (claimed.changes === 0) return void body.destroy();
      let part = 0;
      let bytes = 0;
      let pending: Buffer[] = [];
      let pendingBytes = 0;
      const write = (data: Buffer) =>
        tx.run('INSERT INTO stored_file_parts (name, part, data) VALUES (?, ?, ?)', [name, part++, data]);
      for await (const chunk of body as AsyncIterable<Buffer>) {
        pending.push(chunk);
        pendingBytes += chunk.length;
        bytes += chunk.length;
        if (pendingBytes < partBytes) continue;
        let joined = Buffer.concat(pending);
        while (joined.length >= partBytes) {
          await write(joined.subarray(0, partBytes));
          joined = joined.subarray(partBytes);
        }
        pending = [joined];
        pendingBytes = joined.length;
      }
      if (pendingBytes > 0) await write(Buffer.concat(pending));
      await tx.run('UPDATE stored_files SET bytes = ? WHERE name = ?', [bytes, name]);
    });
  }

  function read(name: string, span?: { start: number; end: number }): Readable {
    checkedName(name);
    async function* bytes() {
      const row = await db.get<{ bytes: number; part_bytes: number }>(
        'SELECT bytes, part_bytes FROM stored_files WHERE name = ?',
        [name],
      );
      if (!row) throw new LinliError('NOT_FOUND', 'The media file is not stored');
      const copy = files.pathOf(name);
      if (await files.exists(copy)) {
        yield* createReadStream(copy, span) as AsyncIterable<Buffer>;
        return;
      }
      const size = Number(row.bytes);
      const step = Number(row.part_bytes);
      const start = span?.start ?? 0;
      const end = Math.min(span?.end ?? size - 1, size - 1);
      if (start > end) return;
      const lastPart = Math.floor(end / step);
      // Only the bytes of a part the span covers: PostgreSQL reads a slice of a stored value (one
      // not compressed, as pictures and videos are not) without reading all of it.
      const fetchPart = async (part: number) => {
        const from = Math.max(start - part * step, 0);
        const to = Math.min(end - part * step + 1, step);
        const slice = await db.get<{ data: Buffer }>(
          'SELECT substr(data, ?, ?) AS data FROM stored_file_parts WHERE name = ? AND part = ?',
          [from + 1, to - from, name, part],
        );
        if (!slice) throw new LinliError('NOT_FOUND', 'The media file was removed while it was read');
        return slice.data;
      };
      // The next part is asked for while this one is sent (a reader that stops leaves it unread).
      let next = fetchPart(Math.floor(start / step));
      for (let part = Math.floor(start / step); part <= lastPart; part++) {
        const data = await next;
        if (part < lastPart) {
          next = fetchPart(part + 1);
          next.catch(() => undefined);
        }
        yield data;
      }
    }
    return Readable.from(bytes(), { objectMode: false });
  }

  return {
    receive: (body, maxBytes) => files.receive(body, maxBytes),
    async commit(file) {
      await put(file.sha256, createReadStream(file.tempPath));
      // This instance keeps the received file as its copy.
      await files.adopt(file);
    },
    discard: (file) => rm(file.tempPath, { force: true }),
    put,
    read,
    async localFile(sha256) {
      if (!(await db.get('SELECT name FROM stored_files WHERE name = ?', [checkedName(sha256)]))) return undefined;
      const copy = files.pathOf(sha256);
      if (!(await files.exists(copy))) await files.save(sha256, read(sha256));
      return copy;
    },
    async list() {
      const rows = await db.all<{ name: string; bytes: number }>('SELECT name, bytes FROM stored_files ORDER BY name');
      return rows.map((row) => ({ name: row.name, bytes: Number(row.bytes) }));
    },
    async remove(sha256) {
      const names = [checkedName(sha256), thumbnailName(sha256)];
      await db.transaction(async (tx) => {
        await tx.run('DELETE FROM stored_file_parts WHERE name IN (?, ?)', names);
        await tx.run('DELETE FROM stored_files WHERE name IN (?, ?)', names);
      });
      await files.removeFiles(sha256);
    },
  };
}
