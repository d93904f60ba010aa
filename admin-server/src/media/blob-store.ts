/**
 * Files stored by their SHA-256 under one folder. An upload streams to a temporary file while
 * it is hashed and counted (never held in memory), and is moved into place with one rename, so
 * a file under its hash is always complete; the same bytes uploaded twice are stored once.
 */
import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { LinliError } from '@linli/protocol';

export interface ReceivedFile {
  tempPath: string;
  sha256: string;
  /** base64, as electron-updater's latest.yml names a file */
  sha512: string;
  bytes: number;
  head: Buffer;
}

export interface BlobStore {
  /** Streams an upload to a temporary file; MEDIA_TOO_LARGE (and nothing left behind) past `maxBytes`. */
  receive(body: Readable, maxBytes: number): Promise<ReceivedFile>;
  /** Moves a received file into place under its hash (or drops it when the hash is stored already). */
  commit(file: ReceivedFile): Promise<void>;
  discard(file: ReceivedFile): Promise<void>;
  path(sha256: string): string;
  thumbnailPath(sha256: string): string;
  remove(sha256: string): Promise<void>;
}

const HEAD_BYTES = 16;

export async function openBlobStore(dir: string): Promise<BlobStore> {
  const tempDir = path.join(dir, '.incoming');
  const thumbDir = path.join(dir, 'thumbnails');
  await mkdir(tempDir, { recursive: true });
  await mkdir(thumbDir, { recursive: true });
  const exists = (file: string) =>
    stat(file).then(
      () => true,
      () => false,
    );
  return {
    async receive(body, maxBytes) {
      const tempPath = path.join(tempDir, randomUUID());
      const hash = createHash('sha256');
      const hash512 = createHash('sha512');
      let bytes = 0;
      let head = Buffer.alloc(0);
      const meter = new Transform({
        transform(chunk: Buffer, _encoding, done) {
          bytes += chunk.length;
          if (bytes > maxBytes)
            return done(
              new LinliError('MEDIA_TOO_LARGE', `The upload exceeds ${Math.round(maxBytes / 1024 / 1024)} MB`),
            );
          if (head.length < HEAD_BYTES) head = Buffer.concat([head, chunk.subarray(0, HEAD_BYTES - head.length)]);
          hash.update(chunk);
          hash512.update(chunk);
          done(null, chunk);
        },
      });
      try {
        await pipeline(body, meter, createWriteStream(tempPath));
      } catch (error) {
        await rm(tempPath, { force: true });
        throw error;
      }
      return { tempPath, sha256: hash.digest('hex'), sha512: hash512.digest('base64'), bytes, head };
    },
    async commit(file) {
      const target = path.join(dir, file.sha256);
      if (await exists(target)) await rm(file.tempPath, { force: true });
      else await rename(file.tempPath, target);
    },
    discard: (file) => rm(file.tempPath, { force: true }),
    path: (sha256) => path.join(dir, sha256),
    thumbnailPath: (sha256) => path.join(thumbDir, `${sha256}.jpg`),
    async remove(sha256) {
      await rm(path.join(dir, sha256), { force: true });
      await rm(path.join(thumbDir, `${sha256}.jpg`), { force: true });
    },
  };
}
