/**
 * The media files on this kiosk: `<dir>/<sha256>` once verified, `<dir>/.partial/<sha256>` while
 * downloading. Downloads run two at a time and one per file (callers asking for the same file
 * share it); failures are tried again with backoff; files nothing references can be removed.
 * The host drives it through media-sync; the benchmark drives it directly.
 */
import { mkdirSync, readdirSync } from 'node:fs';
import { readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { LinliError, type ErrorCode, type MediaRef } from '@linli/protocol';
import { backoffDelayMs } from '../sync/backoff';
import type { FetchLike } from '../sync/server-client';
import { createLimiter } from './limiter';
import { downloadMedia } from './media-download';
import { isSha256, missingRefs, removable } from './media-plan';
import type { DiskHealth } from '../storage/disk-health';
import { SYSTEM_TIMERS, type Timers } from '../lifecycle/timers';

export interface MediaStoreDeps {
  /** The media folder, `<data dir>/media`; created when missing. */
  dir: string;
  /** The admin server: it serves each file at `<serverUrl>/media/<sha256>`. */
  serverUrl: string;
  fetch: FetchLike;
  log?: (message: string) => void;
  /** Downloads at once; 2 by default. */
  concurrency?: number;
  /** How many times ensureAll tries each file; 3 by default. */
  attempts?: number;
  /** The wait after a failure: about `retryBaseMs` (2 s) at first, doubling up to `retryCapMs` (5 min), jittered. */
  retryBaseMs?: number;
  retryCapMs?: number;
  random?: () => number;
  /** The wait before trying again (system timers by default). */
  timers?: Timers;
  /** Told whether each download fitted on the disk. */
  disk?: DiskHealth;
}

export interface EnsureOptions {
  /** After `failures` failed attempts in a row: wait and try again? Not by default. */
  retry?: (failures: number) => boolean;
  /** Told the size of every piece of this file's body received. */
  onBytes?: (bytes: number) => void;
}

export interface MediaProgress {
  /** Body bytes received by this call so far, including any a failed attempt had to discard. */
  downloadedBytes: number;
  /** Files this call has downloaded, verified and stored so far. */
  files: number;
  /** What was missing when the call began. */
  missingFiles: number;
  missingBytes: number;
}

export interface MediaFailure {
  sha256: string;
  code: ErrorCode;
  message: string;
}

export interface EnsureAllResult {
  downloadedBytes: number;
  files: number;
  /** Files still missing after their last try, with the reason. */
  failed: MediaFailure[];
}

export interface MediaStore {
  /** Stored and verified. */
  has(sha256: string): boolean;
  /** Where a file is stored once it is. */
  pathOf(sha256: string): string;
  /** The refs not stored yet, each file once. */
  missing(refs: Iterable<MediaRef>): MediaRef[];
  /** Stores one file unless it is stored; rejects with the last coded error once no retry is wanted. */
  ensure(ref: MediaRef, options?: EnsureOptions): Promise<void>;
  /** Stores every file of `refs`, each tried `attempts` times; never rejects: what failed is listed. */
  ensureAll(refs: Iterable<MediaRef>, onProgress?: (progress: MediaProgress) => void): Promise<EnsureAllResult>;
  /** Deletes stored and partial files whose hash is not in `referenced`, except ones being downloaded; resolves with their hashes. */
  removeUnreferenced(referenced: ReadonlySet<string>): Promise<string[]>;
  /** Aborts downloads and retry waits; resolves once the downloads have ended. */
  close(): Promise<void>;
}

const asCoded = (error: unknown) =>
  error instanceof LinliError ? error : new LinliError('INTERNAL', (error as Error).message);

export function createMediaStore(deps: MediaStoreDeps): MediaStore {
  const partialDir = path.resolve(deps.dir, '.partial');
  mkdirSync(partialDir, { recursive: true });
  // Only verified files ever get a final name, so what is there at start is stored.
  const stored = new Set(readdirSync(deps.dir).filter(isSha256));
  const log = deps.log ?? (() => undefined);
  const limit = createLimiter(deps.concurrency ?? 2);
  const closing = new AbortController();
  const closed = () => new LinliError('SERVER_UNREACHABLE', 'The kiosk is shutting down');
  // The attempt under way per file, shared by every caller waiting for that file.
  const attempts = new Map<string, { done: Promise<void>; listeners: Set<(bytes: number) => void> }>();
  // Files some ensure() works on (queued, downloading or waiting to retry), with how many calls do.
  const busy = new Map<string, number>();
  const folder = path.resolve(deps.dir);
  /** Where `sha256`'s file goes in `dir`; anything but a hash, which could name a path elsewhere, is refused. */
  const fileIn = (dir: string, sha256: string) => {
    const file = path.resolve(dir, sha256);
    if (!isSha256(sha256) || path.dirname(file) !== dir)
      throw new LinliError('SERVER_REPLY_INVALID', `Media '${sha256.slice(0, 80)}' is not named by a SHA-256 hash`);
    return file;
  };
  const pathOf = (sha256: string) => fileIn(folder, sha256);
  const missing = (refs: Iterable<MediaRef>) => missingRefs(refs, (sha256) => stored.has(sha256));

  function attempt(ref: MediaRef, onBytes: ((bytes: number) => void) | undefined): Promise<void> {
    let current = attempts.get(ref.sha256);
    if (!current) {
      const listeners = new Set<(bytes: number) => void>();
      const target = { finalPath: pathOf(ref.sha256), partialPath: fileIn(partialDir, ref.sha256) };
      const download = {
        fetch: deps.fetch,
        serverUrl: deps.serverUrl,
        signal: closing.signal,
        onBytes: (bytes: number) => listeners.forEach((listener) => listener(bytes)),
      };
      const done = limit(() => downloadMedia(ref, target, download))
        .then(
          () => {
            stored.add(ref.sha256);
            deps.disk?.observe();
            log(`media ${ref.sha256}: stored (${ref.bytes} bytes)`);
          },
          (error: unknown) => {
            deps.disk?.observe(error);
            throw error;
          },
        )
        .finally(() => attempts.delete(ref.sha256));
      current = { done, listeners };
      attempts.set(ref.sha256, current);
    }
    if (onBytes) current.listeners.add(onBytes);
    return current.done;
  }

  async function ensure(ref: MediaRef, options: EnsureOptions = {}): Promise<void> {
    pathOf(ref.sha256);
    busy.set(ref.sha256, (busy.get(ref.sha256) ?? 0) + 1);
    try {
      for (let failures = 0; !stored.has(ref.sha256);) {
        if (closing.signal.aborted) throw closed();
        try {
          await attempt(ref, options.onBytes);
        } catch (error) {
          const coded = asCoded(error);
          failures++;
          if (closing.signal.aborted || !options.retry?.(failures)) throw coded;
          const delay = backoffDelayMs(failures, deps.random, deps.retryBaseMs ?? 2000, deps.retryCapMs ?? 300_000);
          log(`media ${ref.sha256}: ${coded.code} ${coded.message}; trying again in ${Math.round(delay / 1000)} s`);
          await (deps.timers ?? SYSTEM_TIMERS).sleep(delay, closing.signal).catch(() => Promise.reject(closed()));
        }
      }
    } finally {
      const left = (busy.get(ref.sha256) ?? 1) - 1;
      if (left > 0) busy.set(ref.sha256, left);
      else busy.delete(ref.sha256);
    }
  }

  return {
    has: (sha256) => stored.has(sha256),
    pathOf,
    missing,
    ensure,
    async ensureAll(refs, onProgress) {
      const todo = missing(refs);
      const progress: MediaProgress = {
        downloadedBytes: 0,
        files: 0,
        missingFiles: todo.length,
        missingBytes: todo.reduce((sum, ref) => sum + ref.bytes, 0),
      };
      const report = () => onProgress?.({ ...progress });
      const tries = deps.attempts ?? 3;
      const failed: MediaFailure[] = [];
      await Promise.all(
        todo.map(async (ref) => {
          try {
            await ensure(ref, {
              retry: (failures) => failures < tries,
              onBytes: (bytes) => {
                progress.downloadedBytes += bytes;
                report();
              },
            });
            progress.files++;
            report();
          } catch (error) {
            const { code, message } = asCoded(error);
            failed.push({ sha256: ref.sha256, code, message });
          }
        }),
      );
      return { downloadedBytes: progress.downloadedBytes, files: progress.files, failed };
    },
    async removeUnreferenced(referenced) {
      const [finals, partials] = await Promise.all([readdir(deps.dir), readdir(partialDir)]);
      const keep = (sha256: string) => referenced.has(sha256) || busy.has(sha256);
      const doomed = removable(finals, keep);
      const doomedPartials = removable(partials, keep);
      // Forgotten before the unlink, so nothing shows or serves a file on its way out.
      doomed.forEach((sha256) => stored.delete(sha256));
      await Promise.all([
        ...doomed.map((sha256) => rm(pathOf(sha256), { force: true })),
        ...doomedPartials.map((sha256) => rm(path.join(partialDir, sha256), { force: true })),
      ]);
      return [...new Set([...doomed, ...doomedPartials])];
    },
    async close() {
      closing.abort();
      await Promise.allSettled([...attempts.values()].map((current) => current.done));
    },
  };
}
