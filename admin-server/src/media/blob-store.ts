/**
 * The media store: files kept by their SHA-256, with JPEG previews beside them. An upload streams
 * to a temporary file while it is hashed and counted (never held in memory); only a whole file is
 * ever stored under its name, and the same bytes uploaded twice are stored once.
 *
 * Two kinds, chosen by LINLI_MEDIA_STORE: a folder (on one machine, or shared by several
 * instances over NFS or the like), or the database itself (`database-blob-store.ts`), which
 * several instances on one PostgreSQL share with nothing more to mount.
 */
import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { Readable, Transform } from 'node:stream';
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

/** Inclusive byte positions, as an HTTP Range names them. */
export interface ByteSpan {
  start: number;
  end: number;
}

/**
 * A stored file's name: `<sha256>` for a file, `thumbnails/<sha256>.jpg` for its preview (the
 * names a backup's `media/` entries carry).
 */
export const BLOB_NAME = /^(?:[0-9a-f]{64}|thumbnails\/[0-9a-f]{64}\.jpg)$/;
export const thumbnailName = (sha256: string) => `thumbnails/${sha256}.jpg`;

export interface BlobStore {
  /** Streams an upload to a temporary file; MEDIA_TOO_LARGE (and nothing left behind) past `maxBytes`. */
  receive(body: Readable, maxBytes: number): Promise<ReceivedFile>;
  /** Stores a received file under its hash (or drops it when the hash is stored already). */
  commit(file: ReceivedFile): Promise<void>;
  discard(file: ReceivedFile): Promise<void>;
  /** Stores `body` under `name` whole, or not at all; a name stored already keeps what it holds. */
  put(name: string, body: Readable): Promise<void>;
  /** A stored file, whole or the span asked for; the stream fails with NOT_FOUND when it is not stored. */
  read(name: string, span?: ByteSpan): Readable;
  /** A file on this machine holding the stored bytes, for tools that read files (ffmpeg); undefined when not stored. */
  localFile(sha256: string): Promise<string | undefined>;
  /** Every stored file and its size, by name (backups). */
  list(): Promise<{ name: string; bytes: number }[]>;
  /** Forgets a file and its preview. */
  remove(sha256: string): Promise<void>;
}

const HEAD_BYTES = 16;

export function checkedName(name: string): string {
  if (!BLOB_NAME.test(name)) throw new LinliError('VALIDATION_FAILED', `${JSON.stringify(name)} names no media file`);
  return name;
}

/** The parts every store shares: uploads into `<dir>/.incoming`, files renamed into `<dir>`. */
export async function localFiles(dir: string) {
  const tempDir = path.join(dir, '.incoming');
  await mkdir(tempDir, { recursive: true });
  await mkdir(path.join(dir, 'thumbnails'), { recursive: true });
  const pathOf = (name: string) => path.join(dir, checkedName(name));
  const tempPath = () => path.join(tempDir, randomUUID());
  const exists = (file: string) =>
    stat(file).then(
      () => true,
      () => false,
    );
  return {
    pathOf,
    exists,
    /** Writes `body` to a temporary file, then renames it to `name` (or drops it when `name` is there). */
    async save(name: string, body: Readable): Promise<string> {
      const target = pathOf(name);
      const temp = tempPath();
      try {
        await pipeline(body, createWriteStream(temp));
        await rename(temp, target);
      } finally {
        await rm(temp, { force: true });
      }
      return target;
    },
    /** Moves a received file to `name`, or drops it when `name` is there already. */
    async adopt(file: ReceivedFile): Promise<void> {
      const target = pathOf(file.sha256);
      if (await exists(target)) await rm(file.tempPath, { force: true });
      else await rename(file.tempPath, target);
    },
    async receive(body: Readable, maxBytes: number): Promise<ReceivedFile> {
      const temp = tempPath();
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
        await pipeline(body, meter, createWriteStream(temp));
      } catch (error) {
        await rm(temp, { force: true });
        throw error;
      }
      return { tempPath: temp, sha256: hash.digest('hex'), sha512: hash512.digest('base64'), bytes, head };
    },
    /** The names of the files in the folder, previews included. */
    async names(): Promise<string[]> {
      const blobs = (await readdir(dir)).filter((name) => BLOB_NAME.test(name));
      const thumbnails = (await readdir(path.join(dir, 'thumbnails')))
        .map((name) => `thumbnails/${name}`)
        .filter((name) => BLOB_NAME.test(name));
      return [...blobs, ...thumbnails].sort();
    },
    async removeFiles(sha256: string): Promise<void> {
      await rm(pathOf(sha256), { force: true });
      await rm(pathOf(thumbnailName(sha256)), { force: true });
    },
  };
}

/** A stream of a local file that fails with NOT_FOUND when the file is not there. */
export function readLocal(file: string, span?: ByteSpan): Readable {
  async function* bytes() {
    if (!(await stat(file).catch(() => undefined))) throw new LinliError('NOT_FOUND', 'The media file is not stored');
    yield* createReadStream(file, span) as AsyncIterable<Buffer>;
  }
  return Readable.from(bytes(), { objectMode: false });
}

export async function openBlobStore(dir: string): Promise<BlobStore> {
  const files = await localFiles(dir);
  return {
    receive: (body, maxBytes) => files.receive(body, maxBytes),
    commit: (file) => files.adopt(file),
    discard: (file) => rm(file.tempPath, { force: true }),
    async put(name, body) {
      if (await files.exists(files.pathOf(name))) body.destroy();
      else await files.save(name, body);
    },
    read: (name, span) => readLocal(files.pathOf(name), span),
    async localFile(sha256) {
      const file = files.pathOf(sha256);
      return (await files.exists(file)) ? file : undefined;
    },
    async list() {
      return Promise.all(
        (await files.names()).map(async (name) => ({ name, bytes: (await stat(files.pathOf(name))).size })),
      );
    },
    remove: (sha256) => files.removeFiles(sha256),
  };
}
