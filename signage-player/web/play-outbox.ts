/**
 * Plays on their way to the host: kept in the page's storage until the host has answered that it
 * stored them, and sent again after a failure (a host restarting, or killed mid-request), so no play
 * is lost; the host keeps each play id once, so sending one twice doubles nothing. One request at a
 * time, at most SEND_MAX plays each; a page reloaded meanwhile finds them in storage.
 */
import type { PlayRecord } from '@linli/protocol';
import { retryDelayMs } from './retry-delay';

/** What one request to the host carries at most (the host's limit). */
export const SEND_MAX = 200;
/** A host gone for days must not fill the page's storage: the oldest plays give way beyond this. */
export const KEEP_MAX = 5000;
/** What a request sent as the page unloads may carry: Chromium refuses keepalive bodies over 64 KiB in all. */
export const KEEPALIVE_MAX_BYTES = 48 * 1024;

/** The first plays whose JSON body stays within `maxBytes` (at least none; never a body over it). */
export function withinBytes(records: readonly PlayRecord[], maxBytes: number): PlayRecord[] {
  // The body is {"records":[…]}: 14 bytes around the records, and a comma between two.
  let bytes = 14;
  let count = 0;
  for (const record of records) {
    bytes += new TextEncoder().encode(JSON.stringify(record)).length + (count > 0 ? 1 : 0);
    if (bytes > maxBytes) break;
    count += 1;
  }
  return records.slice(0, count);
}

export interface PlayStore {
  load(): PlayRecord[];
  save(records: PlayRecord[]): void;
}

export interface PlayOutbox {
  add(records: PlayRecord[]): void;
  /**
   * Sends now what waits and is not on its way, as much as one request that outlives the page may
   * carry (the page is going away); the rest stays in storage for the next load. No retry.
   */
  flush(): void;
  /** How many plays wait for the host's answer. */
  waiting(): number;
}

export function createPlayOutbox(deps: {
  store: PlayStore;
  /** `unloading`: sent as the page goes away (a body within KEEPALIVE_MAX_BYTES). */
  send: (records: PlayRecord[], unloading?: boolean) => Promise<void>;
  after: (ms: number, run: () => void) => void;
}): PlayOutbox {
  let waiting = deps.store.load();
  /** Play ids of the request on its way, if any. */
  let inFlight: ReadonlySet<string> | null = null;
  let failures = 0;
  let retryScheduled = false;

  const keep = (records: PlayRecord[]) => {
    waiting = records.slice(-KEEP_MAX);
    deps.store.save(waiting);
  };

  function sendNext(): void {
    if (inFlight || retryScheduled || waiting.length === 0) return;
    const batch = waiting.slice(0, SEND_MAX);
    const sent = new Set(batch.map((record) => record.playId));
    inFlight = sent;
    deps.send(batch).then(
      () => {
        inFlight = null;
        failures = 0;
        keep(waiting.filter((record) => !sent.has(record.playId)));
        sendNext();
      },
      () => {
        inFlight = null;
        retryScheduled = true;
        deps.after(retryDelayMs(failures++), () => {
          retryScheduled = false;
          sendNext();
        });
      },
    );
  }

  // Plays a reloaded page found in storage go out at once.
  sendNext();
  return {
    add(records) {
      if (records.length === 0) return;
      keep([...waiting, ...records]);
      sendNext();
    },
    flush() {
      // Whatever is not already on its way; a request that fails leaves its plays in storage for
      // the page's next load, so its failure needs no handling here.
      const rest = withinBytes(
        waiting.filter((record) => !inFlight?.has(record.playId)),
        KEEPALIVE_MAX_BYTES,
      );
      if (rest.length > 0) deps.send(rest, true).catch(() => undefined);
    },
    waiting: () => waiting.length,
  };
}

const STORAGE_KEY = 'linli-unsent-plays';

/** The page's localStorage (it stays across reloads of the page at the same address). */
export function localPlayStore(): PlayStore {
  return {
    load() {
      try {
        const value: unknown = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? '[]');
        return Array.isArray(value) ? (value as PlayRecord[]) : [];
      } catch {
        return [];
      }
    },
    save(records) {
      try {
        if (records.length === 0) localStorage.removeItem(STORAGE_KEY);
        else localStorage.setItem(STORAGE_KEY, JSON.stringify(records));
      } catch (error) {
        // Storage full or disabled: the plays still go out from memory.
        console.warn('proof-of-play-not-kept', error);
      }
    },
  };
}
