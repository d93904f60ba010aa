/**
 * Keeps the cache in step with the server: pulls pages when pushed, on a timer as a fallback,
 * and after reconnecting. One pull runs at a time; a request during a pull runs one more after.
 * Remote commands reach the host only inside a stored page's changes (`onApplied`); a resync,
 * which reports 'all', leaves them out.
 */
import {
  LinliError,
  PROTOCOL_VERSION,
  SYNC_PAGE_LIMIT_DEFAULT,
  type Change,
  type DeviceAlert,
  type DeviceForm,
  type DeviceNotice,
  type DeviceSettingsPayload,
  type Guide,
  type SignedKeySet,
  type SignedSignage,
  type SignedTvChannel,
} from '@linli/protocol';
import { NO_CACHED_CONTENT, type CacheDb, type CachedContent } from '../storage/cache-db';
import type { DiskHealth } from '../storage/disk-health';
import { SYSTEM_TIMERS, type Timers } from '../lifecycle/timers';
import { backoffDelayMs } from './backoff';
import { applyToMap } from './change-map';
import type { ServerClient } from './server-client';

// Short, so a kiosk hears pushes again soon after the server comes back.
const PUSH_RETRY_CAP_MS = 10_000;

const shuttingDown = () => new LinliError('SERVER_UNREACHABLE', 'The kiosk is shutting down');

export interface SyncEngineDeps {
  cache: CacheDb;
  client: ServerClient;
  clock: () => Date;
  /** Told after every stored page (its changes) or resync ('all'), and whenever online/offline flips. */
  onApplied: (changes: Change[] | 'all') => void;
  onOnlineChange: (online: boolean) => void;
  /** Told whether each pull's pages fitted on the disk. */
  disk?: DiskHealth;
  pullIntervalMs: number;
  pageLimit?: number;
  /** The waits between pulls and before reconnecting (system timers by default). */
  timers?: Timers;
  log: (message: string) => void;
}

interface ResyncRequest {
  clear: boolean;
  resolve: () => void;
  reject: (error: unknown) => void;
}

export interface SyncEngine {
  /** Pulls until the cache has caught up; resolves when done (or failed: see `online`). */
  syncNow(): Promise<void>;
  /**
   * Downloads everything from cursor 0 and swaps it in at once, after the pull under way; with
   * `clear`, the cache is emptied first. Rejects with the reason when the download fails.
   */
  resync(options: { clear: boolean }): Promise<void>;
  /** Starts push, periodic pull and the first pull; resolves when that first pull is done. */
  start(): Promise<void>;
  stop(): Promise<void>;
  online(): boolean;
}

export function createSyncEngine(deps: SyncEngineDeps): SyncEngine {
  const { cache, client, clock } = deps;
  const pageLimit = deps.pageLimit ?? SYNC_PAGE_LIMIT_DEFAULT;
  let online = false;
  let running: Promise<void> | null = null;
  let again = false;
  let stopped = false;
  let cancelPull: (() => void) | undefined;
  const timers = deps.timers ?? SYSTEM_TIMERS;
  let resyncRequests: ResyncRequest[] = [];
  // Ends the push channel and the wait before it reconnects.
  const stopping = new AbortController();

  const setOnline = (value: boolean) => {
    if (value === online) return;
    online = value;
    deps.onOnlineChange(value);
  };

  async function pullAll(): Promise<void> {
    let cursor = cache.cursor();
    for (;;) {
      const page = await client.changes(cursor, pageLimit);
      if (page.changes.length > 0 || page.nextCursor !== cursor) {
        cache.applyPage(page.changes, page.nextCursor, clock());
        if (page.changes.length > 0) deps.onApplied(page.changes);
      } else {
        cache.markSynced(clock());
      }
      cursor = page.nextCursor;
      if (!page.hasMore) return;
    }
  }

  /** Fetches everything from cursor 0, then swaps it in at once. */
  async function resync(): Promise<void> {
    const guides = new Map<string, Guide>();
    const notices = new Map<string, DeviceNotice>();
    const forms = new Map<string, DeviceForm>();
    const alerts = new Map<string, DeviceAlert>();
    const signage = new Map<string, SignedSignage>();
    const tvChannels = new Map<string, SignedTvChannel>();
    let settings: DeviceSettingsPayload | null = null;
    let signageKeys: SignedKeySet | null = null;
    let cursor = 0;
    for (;;) {
      const page = await client.changes(cursor, pageLimit);
      for (const change of page.changes) {
        if (change.entity === 'guide') applyToMap(guides, change);
        else if (change.entity === 'notice') applyToMap(notices, change);
        else if (change.entity === 'form') applyToMap(forms, change);
        else if (change.entity === 'alert') applyToMap(alerts, change);
        else if (change.entity === 'signage') applyToMap(signage, change);
        else if (change.entity === 'tv-channel') applyToMap(tvChannels, change);
        else if (change.entity === 'settings') settings = change.data;
        else if (change.entity === 'signage-keys') signageKeys = change.data;
        // Commands are skipped: they were meant for their moment, not for a kiosk catching up.
      }
      cursor = page.nextCursor;
      if (!page.hasMore) break;
    }
    replaceAll(
      {
        guides: [...guides.values()],
        notices: [...notices.values()],
        forms: [...forms.values()],
        alerts: [...alerts.values()],
        settings,
        signage: [...signage.values()],
        signageKeys,
        tvChannels: [...tvChannels.values()],
      },
      cursor,
    );
  }

  function replaceAll(content: CachedContent, cursor: number): void {
    cache.replaceAll(content, cursor, clock());
    deps.onApplied('all');
  }

  /** Pulls from the stored cursor; when the server no longer has its changes, resyncs. */
  async function pullOrResync(): Promise<void> {
    try {
      await pullAll();
    } catch (error) {
      if (!(error instanceof LinliError && error.code === 'RESYNC_REQUIRED')) throw error;
      deps.log('sync: cursor too old, downloading the whole catalog again');
      await resync();
    }
  }

  async function runOnce(): Promise<void> {
    const requests = resyncRequests;
    resyncRequests = [];
    // A cache filled by an app of an older protocol lacks what that app was not sent: fetch it all once.
    const olderProtocol = cache.cursor() > 0 && cache.protocol() < PROTOCOL_VERSION;
    if (olderProtocol && requests.length === 0)
      deps.log(
        `sync: cache from protocol ${cache.protocol()}, downloading everything once for protocol ${PROTOCOL_VERSION}`,
      );
    try {
      if (requests.length === 0 && !olderProtocol) await pullOrResync();
      else {
        if (requests.some((request) => request.clear)) replaceAll(NO_CACHED_CONTENT, 0);
        await resync();
      }
      setOnline(true);
      deps.disk?.observe();
      requests.forEach((request) => request.resolve());
    } catch (error) {
      // A page the disk had no room for came from a server that answered: the kiosk is online.
      const diskFull = error instanceof LinliError && error.code === 'STORAGE_FULL';
      setOnline(diskFull);
      deps.disk?.observe(error);
      requests.forEach((request) => request.reject(error));
      throw error;
    }
  }

  function syncNow(): Promise<void> {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        try {
          await runOnce();
        } catch (error) {
          // A pull the stop cut short is no failure.
          if (!stopped) deps.log(`sync failed: ${(error as LinliError).code ?? 'ERROR'} ${(error as Error).message}`);
        }
      } while (again && !stopped);
    })().finally(() => {
      running = null;
    });
    return running;
  }

  async function listenLoop(): Promise<void> {
    let failures = 0;
    while (!stopped) {
      try {
        await client.listen((latestSeq) => {
          failures = 0;
          setOnline(true);
          if (latestSeq !== cache.cursor()) void syncNow();
        }, stopping.signal);
      } catch (error) {
        if (stopped) return;
        failures++;
        setOnline(false);
        deps.log(`push channel: ${(error as LinliError).code ?? 'ERROR'}; retrying`);
      }
      // A stop ends the wait at once (the rejection is only the abort), so no timer outlives it.
      await timers
        .sleep(backoffDelayMs(failures, Math.random, 500, PUSH_RETRY_CAP_MS), stopping.signal)
        .catch(() => undefined);
    }
  }

  function schedulePull(): void {
    // Jitter spreads many kiosks' pulls apart when they all come up at opening time.
    const delay = deps.pullIntervalMs * (0.8 + Math.random() * 0.4);
    cancelPull = timers.after(delay, () => {
      void syncNow().finally(() => {
        if (!stopped) schedulePull();
      });
    });
  }

  return {
    syncNow,
    resync: ({ clear }) =>
      new Promise<void>((resolve, reject) => {
        if (stopped) return reject(shuttingDown());
        resyncRequests.push({ clear, resolve, reject });
        void syncNow();
      }),
    online: () => online,
    start() {
      const first = syncNow();
      void listenLoop();
      schedulePull();
      return first;
    },
    async stop() {
      stopped = true;
      cancelPull?.();
      stopping.abort();
      // The pull under way ends soon: the host's stop aborts the requests it waits for.
      await running;
      // Requests that came in during the last pull would wait for a pull that never runs.
      resyncRequests.forEach((request) => request.reject(shuttingDown()));
      resyncRequests = [];
    },
  };
}
