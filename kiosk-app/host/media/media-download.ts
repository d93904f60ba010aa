/**
 * One download attempt of one file: resumes the partial file from its size, streams the reply to
 * disk, checks size and SHA-256 of the complete file, then renames it into place. Network trouble
 * keeps the partial file for the next attempt; a file that is not the one announced is deleted,
 * and so is the partial file of a download that filled the disk (STORAGE_FULL), giving the space back.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, rename, rm, stat } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import { LinliError, type MediaRef } from '@linli/protocol';
import { reach, replyError, type FetchLike } from '../sync/server-client';
import { bodyOffset, rangeHeaders, resumeFrom } from './media-plan';

// A reply that sends nothing for this long is given up; the next attempt resumes it.
const STALL_MS = 30_000;

export interface DownloadTarget {
  /** Where the file lands once verified, and where it grows until then. */
  finalPath: string;
  partialPath: string;
}

/** Where the file is fetched from: a stored media file by default, or another address (an update). */
export interface DownloadSource {
  url: string;
  headers?: Record<string, string>;
}

export interface DownloadDeps {
  fetch: FetchLike;
  serverUrl: string;
  /** Aborts the attempt (the kiosk is stopping). */
  signal: AbortSignal;
  /** Told the size of every piece of body received. */
  onBytes: (bytes: number) => void;
}

async function sizeOf(file: string): Promise<number> {
  return stat(file).then(
    (stats) => stats.size,
    () => 0,
  );
}

/** Aborted by `signal`: checking a large video takes seconds, too long for a kiosk that is stopping. */
async function sha256Of(file: string, signal: AbortSignal): Promise<string> {
  const hash = createHash('sha256');
  await pipeline(createReadStream(file), hash, { signal });
  return hash.digest('hex');
}

/** An abort signal that fires when `touch` has not been called for STALL_MS. */
function stallGuard() {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const touch = () => {
    clearTimeout(timer);
    timer = setTimeout(() => controller.abort(new Error(`nothing received for ${STALL_MS / 1000} s`)), STALL_MS);
  };
  touch();
  return { signal: controller.signal, touch, clear: () => clearTimeout(timer) };
}

/** Writes the reply's body into the partial file from `offset` on, piece by piece as it arrives. */
async function writeBody(
  ref: MediaRef,
  body: AsyncIterable<Uint8Array>,
  offset: number,
  target: DownloadTarget,
  deps: DownloadDeps,
  touch: () => void,
): Promise<void> {
  // Each piece is written before the next is read, so when the connection drops every byte read
  // is on disk and the next attempt resumes after it; only what fetch had queued is fetched again.
  const file = await open(target.partialPath, offset > 0 ? 'a' : 'w');
  let size = offset;
  try {
    for await (const chunk of body) {
      touch();
      deps.onBytes(chunk.length);
      size += chunk.length;
      if (size > ref.bytes)
        throw new LinliError(
          'VALIDATION_FAILED',
          `Media ${ref.sha256}: the server sent more than the ${ref.bytes} bytes announced`,
        );
      await file.write(chunk);
    }
  } catch (error) {
    if (error instanceof LinliError) throw error;
    if ((error as NodeJS.ErrnoException).code === 'ENOSPC')
      throw new LinliError('STORAGE_FULL', `The disk filled up at ${size} of ${ref.bytes} bytes of ${ref.sha256}`);
    throw new LinliError(
      'SERVER_UNREACHABLE',
      `Media ${ref.sha256}: the download broke off at ${size} of ${ref.bytes} bytes (${(error as Error).message})`,
    );
  } finally {
    await file.close();
  }
}

/** Fetches what the partial file lacks; a reply that cannot continue it is asked for again whole, once. */
async function fetchRest(
  ref: MediaRef,
  from: number,
  target: DownloadTarget,
  deps: DownloadDeps,
  source: DownloadSource,
): Promise<void> {
  for (let start = from, restarted = false; ; start = 0, restarted = true) {
    const stall = stallGuard();
    try {
      const response = await reach(deps.fetch, source.url, {
        headers: { ...source.headers, ...rangeHeaders(ref.sha256, start) },
        signal: AbortSignal.any([deps.signal, stall.signal]),
      });
      const offset = bodyOffset(response.status, start, response.headers.get('content-range'), ref.bytes);
      if (offset === undefined) throw await replyError(response);
      if (offset === 'restart') {
        await response.body?.cancel();
        if (restarted)
          throw new LinliError(
            'SERVER_UNREACHABLE',
            `Media ${ref.sha256}: the server answered ${response.status} to a request for the whole file`,
          );
        continue;
      }
      return await writeBody(
        ref,
        (response.body ?? []) as AsyncIterable<Uint8Array>,
        offset,
        target,
        deps,
        stall.touch,
      );
    } finally {
      stall.clear();
    }
  }
}

async function fetchAndVerify(
  ref: MediaRef,
  target: DownloadTarget,
  deps: DownloadDeps,
  source: DownloadSource,
): Promise<void> {
  const from = resumeFrom(await sizeOf(target.partialPath), ref.bytes);
  // An empty file is fetched too, so that its (empty) partial file exists.
  if (from < ref.bytes || from === 0) await fetchRest(ref, from, target, deps, source);
  const size = await sizeOf(target.partialPath);
  if (size < ref.bytes)
    throw new LinliError('SERVER_UNREACHABLE', `Media ${ref.sha256}: the reply ended at ${size} of ${ref.bytes} bytes`);
  const digest = await sha256Of(target.partialPath, deps.signal);
  if (digest !== ref.sha256)
    throw new LinliError('VALIDATION_FAILED', `Media ${ref.sha256}: the ${size} bytes received have SHA-256 ${digest}`);
}

/** Downloads `ref` into `target.partialPath`, verifies it and renames it to `target.finalPath`. */
export async function downloadMedia(
  ref: MediaRef,
  target: DownloadTarget,
  deps: DownloadDeps,
  source: DownloadSource = { url: `${deps.serverUrl}/media/${ref.sha256}` },
): Promise<void> {
  try {
    await fetchAndVerify(ref, target, deps, source);
  } catch (error) {
    // Bytes that are not the file announced are no start to resume from; on a full disk the space
    // they hold is worth more than the time they would save.
    if (error instanceof LinliError && (error.code === 'VALIDATION_FAILED' || error.code === 'STORAGE_FULL'))
      await rm(target.partialPath, { force: true });
    throw error;
  }
  // One rename: the file is either absent or complete under its final name, never half there.
  await rename(target.partialPath, target.finalPath);
}
