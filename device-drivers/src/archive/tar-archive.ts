/**
 * The tar format (POSIX ustar), gzip-compressed, so `tar -tzf` lists it and `tar -xzf` unpacks it
 * with the operating system's own tools: the admin server's backups and the kiosk's browser-shell
 * updates are written in it (here because both the admin server and the device hosts import this
 * package). Only what those hold: regular files, names under 100 bytes, each file's size known
 * before its bytes are written. Reading reports a damaged archive with the caller's error code.
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import { PassThrough, type Readable, type Writable } from 'node:stream';
import { LinliError, type ErrorCode } from '@linli/protocol';

const BLOCK = 512;
/** ustar's size field: 11 octal digits (8 GiB), more than any file a backup holds. */
const MAX_ENTRY_BYTES = 8 ** 11 - 1;

function octal(value: number, width: number): string {
  return `${value.toString(8).padStart(width - 1, '0')}\0`;
}

/** A regular file's 512-byte ustar header. */
export function tarHeader(name: string, size: number, mtimeSec: number): Buffer {
  const nameBytes = Buffer.from(name, 'utf8');
  if (nameBytes.length > 100) throw new Error(`tar entry name too long: ${name}`);
  if (size > MAX_ENTRY_BYTES) throw new Error(`tar entry too large: ${name}`);
  const header = Buffer.alloc(BLOCK);
  nameBytes.copy(header, 0);
  header.write(octal(0o644, 8), 100, 'ascii');
  header.write(octal(0, 8), 108, 'ascii');
  header.write(octal(0, 8), 116, 'ascii');
  header.write(octal(size, 12), 124, 'ascii');
  header.write(octal(mtimeSec, 12), 136, 'ascii');
  header.write('        ', 148, 'ascii');
  header.write('0', 156, 'ascii');
  header.write('ustar\0', 257, 'ascii');
  header.write('00', 263, 'ascii');
  let sum = 0;
  for (const byte of header) sum += byte;
  header.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 'ascii');
  return header;
}

export interface TarWriter {
  /** Adds a file from memory. */
  addBytes(name: string, bytes: Uint8Array): Promise<void>;
  /** Adds a file from disk, streamed; `size` is its length when the writer was asked. */
  addFile(name: string, file: string, size: number): Promise<void>;
  /** Adds `size` bytes read from `body`. */
  addStream(name: string, body: AsyncIterable<Uint8Array>, size: number): Promise<void>;
  /** Writes the end of the archive and closes the file. */
  finish(): Promise<void>;
}

/** Writes a .tar.gz to `file`. */
export function writeTarGz(file: string, mtime: Date): TarWriter {
  const gzip = createGzip();
  const output = createWriteStream(file, { mode: 0o600 });
  const done = pipeline(gzip, output);
  const mtimeSec = Math.floor(mtime.getTime() / 1000);
  const write = async (chunk: Uint8Array) => {
    if (!gzip.write(chunk)) await once(gzip, 'drain');
  };
  const pad = (size: number) => write(Buffer.alloc((BLOCK - (size % BLOCK)) % BLOCK));
  async function addStream(name: string, body: AsyncIterable<Uint8Array>, size: number): Promise<void> {
    await write(tarHeader(name, size, mtimeSec));
    let written = 0;
    for await (const chunk of body) {
      written += chunk.length;
      if (written > size) throw new Error(`${name} grew while it was archived`);
      await write(chunk);
    }
    if (written !== size) throw new Error(`${name} shrank while it was archived`);
    await pad(size);
  }
  return {
    async addBytes(name, bytes) {
      await write(tarHeader(name, bytes.length, mtimeSec));
      await write(bytes);
      await pad(bytes.length);
    },
    addFile: (name, file, size) => addStream(name, createReadStream(file), size),
    addStream,
    async finish() {
      gzip.end(Buffer.alloc(BLOCK * 2));
      await done;
    },
  };
}

export interface TarEntry {
  name: string;
  size: number;
  /** The file's bytes, to be read to the end (or drained) before the next entry comes. */
  body: Readable;
}

function readOctal(header: Buffer, offset: number, length: number, invalid: ErrorCode): number {
  const text = header
    .toString('ascii', offset, offset + length)
    .replace(/[\0 ]+$/, '')
    .trim();
  if (!/^[0-7]+$/.test(text)) throw new LinliError(invalid, 'The archive has a damaged tar header');
  return parseInt(text, 8);
}

/**
 * Reads a .tar.gz entry by entry, calling `onEntry` for each regular file (in order; the next
 * waits until it returns). A damaged or truncated archive throws `invalid` (BACKUP_INVALID for a
 * backup, UPDATE_INVALID for an update).
 */
export async function readTarGz(
  file: string,
  onEntry: (entry: TarEntry) => Promise<void>,
  invalid: ErrorCode,
): Promise<void> {
  const input = createReadStream(file).pipe(createGunzip());
  let buffered = Buffer.alloc(0);
  const chunks = input[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  let ended = false;
  /** At least `bytes` buffered, unless the archive ends first. */
  const fill = async (bytes: number) => {
    while (buffered.length < bytes && !ended) {
      const next = await chunks.next().catch((error: unknown) => {
        throw new LinliError(invalid, 'The archive is not a gzip file or is damaged', undefined, {
          cause: error,
        });
      });
      if (next.done) ended = true;
      else buffered = Buffer.concat([buffered, next.value]);
    }
  };
  for (;;) {
    await fill(BLOCK);
    if (buffered.length < BLOCK) throw new LinliError(invalid, 'The archive ends before its end marker');
    const header = buffered.subarray(0, BLOCK);
    buffered = buffered.subarray(BLOCK);
    if (header.every((byte) => byte === 0)) return;
    let sum = 0;
    for (let at = 0; at < BLOCK; at++) sum += at >= 148 && at < 156 ? 32 : header[at]!;
    if (sum !== readOctal(header, 148, 8, invalid))
      throw new LinliError(invalid, 'The archive has a damaged tar header');
    const name = header.toString('utf8', 0, 100).replace(/\0.*$/s, '');
    const size = readOctal(header, 124, 12, invalid);
    const type = String.fromCharCode(header[156]!);
    const body = new PassThrough();
    const handled = type === '0' || type === '\0' ? onEntry({ name, size, body }) : (body.resume(), Promise.resolve());
    // Awaited below; when the archive turns out cut short first, that error is the one told.
    handled.catch(() => undefined);
    let left = size;
    while (left > 0) {
      await fill(1);
      if (buffered.length === 0) {
        body.destroy();
        throw new LinliError(invalid, `The archive ends inside ${name}`);
      }
      const piece = buffered.subarray(0, Math.min(left, buffered.length));
      buffered = buffered.subarray(piece.length);
      left -= piece.length;
      // A handler that fails (a name it refuses) ends the reading at once, with its error.
      if (!body.write(piece)) await Promise.race([once(body, 'drain'), handled]);
    }
    body.end();
    await handled;
    const padding = (BLOCK - (size % BLOCK)) % BLOCK;
    await fill(padding);
    buffered = buffered.subarray(padding);
  }
}

/** Writes an entry's body to a file. */
export function saveEntry(entry: TarEntry, file: string): Promise<void> {
  return pipeline(entry.body, createWriteStream(file, { mode: 0o600 }) as Writable);
}
