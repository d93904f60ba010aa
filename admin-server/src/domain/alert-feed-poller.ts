/**
 * The feed poller: polls each alert source's feed and hands every document it takes to
 * alerts.receive, as if the source had pushed it (same checks, same dedup by sender, identifier
 * and sent, audited as `alert.receive` by `alert-source:<id>`). What a body is and which links to
 * take are decided in alert-feed.ts; this is the I/O shell: timers, HTTP, the database.
 *
 * - One timer per feed, set for its next poll (stored, so a restart keeps the schedule), and one
 *   that reads the schedule again every minute (a feed set by the CLI, or by another server
 *   process sharing the database); changes made here are heard at once (AlertSources.onFeedsChanged).
 * - A due poll is claimed in the database first, so processes sharing one never poll a feed twice
 *   at once; a revoked source's feed is never claimed.
 * - Requests send the last answer's ETag and Last-Modified (an unchanged feed answers 304 and
 *   costs nothing more), time out after 10 s and stop reading at the size limit (CAP_MAX_BYTES
 *   for a document, 2 MiB for an index). Of an index, the links not taken before are fetched,
 *   newest first, at most 100 a poll; each one taken is remembered (alert_feed_links) so a
 *   restart does not fetch them again, and forgotten once the index no longer lists it.
 * - A failure (FEED_UNREACHABLE, FEED_INVALID, CAP_INVALID) is recorded on the source as its
 *   lastError and logged without alert text or keys; the next poll tries again, later after
 *   repeated failures (nextPollDelaySec). The next poll that goes well clears it.
 *
 * Started and stopped by the process that owns it (server.ts); stop() aborts requests under way.
 */
import { CAP_MAX_BYTES, LinliError, type AlertFeedError } from '@linli/protocol';
import {
  activeAlertFeeds,
  claimAlertFeedPoll,
  forgetFeedLinks,
  recordAlertFeedPoll,
  releaseAlertFeedPoll,
  rememberFeedLink,
  takenFeedLinks,
  type AlertFeedRow,
} from '../db/alert-store';
import type { Database } from '../db/database';
import {
  feedLinks,
  feedRequest,
  linksToTake,
  nextPollDelaySec,
  readFeedBody,
  shownFeedUrl,
  type FeedBody,
} from './alert-feed';
import type { AlertSource, AlertSources } from './alert-sources';
import type { AlertService } from './alerts';
import type { Clock } from './clock';
import { readAtMost } from '../outbound/read-at-most';

/** One-shot timers (injected, so tests move time on themselves). */
export interface FeedTimers {
  /** Runs `run` once after `ms`; the function returned cancels it. */
  after(ms: number, run: () => void): () => void;
}

export const SYSTEM_FEED_TIMERS: FeedTimers = {
  after(ms, run) {
    const timer = setTimeout(run, ms);
    timer.unref();
    return () => clearTimeout(timer);
  },
};

export interface FeedLimits {
  /** Each request, from sending it to the last byte of its body. */
  timeoutMs: number;
  /** A feed's own body: an index, or one alert document (which CAP_MAX_BYTES still bounds). */
  indexBytes: number;
  /** A document an index links to. */
  documentBytes: number;
  /** Documents fetched in one poll; the rest wait for the next. */
  documentsPerPoll: number;
}

export const FEED_LIMITS: FeedLimits = {
  timeoutMs: 10_000,
  indexBytes: 2 * 1024 * 1024,
  documentBytes: CAP_MAX_BYTES,
  documentsPerPoll: 100,
};

/** How often the schedule is read again from the database. */
const RELOAD_MS = 60_000;
/** How long a claimed poll may run before another process may take the feed up again. */
const LEASE_MS = 30 * 60_000;
const USER_AGENT = 'Linli admin server (CAP feed poller)';
const INDEX_ACCEPT =
  'application/cap+xml, application/atom+xml, application/rss+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.1';
const DOCUMENT_ACCEPT = 'application/cap+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.1';
/** The codes a poll records; anything else is a fault of this server, recorded as INTERNAL. */
const FEED_CODES = new Set(['FEED_UNREACHABLE', 'FEED_INVALID', 'CAP_INVALID']);

/** What one poll did, once it is recorded. */
export interface FeedPollOutcome {
  sourceId: string;
  /** `unchanged`: the feed answered 304; `alert`: it is one document; `index`: an Atom or RSS feed; `failed`: no usable answer. */
  kind: 'unchanged' | 'alert' | 'index' | 'failed';
  /** Documents fetched and received. */
  taken: number;
  /** Links the index lists that were not fetched this time (beyond documentsPerPoll). */
  deferred: number;
  error: AlertFeedError | null;
  nextPollAt: string;
}

/** Where the poller says that a poll failed: the source and the code, never the alert or a key. */
export interface FeedPollerLog {
  warn(details: Record<string, unknown>, message: string): void;
}

export interface AlertFeedPoller {
  /** Reads the schedule and sets a timer for each feed; polls start when they are due. */
  start(): Promise<void>;
  /** Cancels every timer, aborts the requests under way and waits for the polls to end. */
  stop(): Promise<void>;
  /** Told each poll's outcome once it is stored and the next one scheduled; returns the unsubscribe. */
  onPolled(listener: (outcome: FeedPollOutcome) => void): () => void;
  /** Resolves once no poll and no reading of the schedule is under way (what a timer set off has ended). */
  settled(): Promise<void>;
}

interface FeedAnswer {
  status: 200 | 304;
  bytes: Uint8Array;
  etag: string | null;
  lastModified: string | null;
  /** Where the body came from, after redirects: relative links resolve against it. */
  url: string;
}

interface PollResult {
  kind: FeedPollOutcome['kind'];
  taken: number;
  deferred: number;
  error: AlertFeedError | null;
  etag: string | null;
  lastModified: string | null;
}

export function createAlertFeedPoller(deps: {
  db: Database;
  alerts: Pick<AlertService, 'receive'>;
  sources: Pick<AlertSources, 'onFeedsChanged'>;
  clock: Clock;
  log: FeedPollerLog;
  timers?: FeedTimers;
  fetch?: typeof fetch;
  limits?: Partial<FeedLimits>;
}): AlertFeedPoller {
  const { db, alerts, clock, log } = deps;
  const timers = deps.timers ?? SYSTEM_FEED_TIMERS;
  const fetchFeed = deps.fetch ?? fetch;
  const limits: FeedLimits = { ...FEED_LIMITS, ...deps.limits };
  const scheduled = new Map<string, () => void>();
  const running = new Map<string, Promise<void>>();
  const listeners = new Set<(outcome: FeedPollOutcome) => void>();
  let stopped = true;
  let stopping = new AbortController();
  let cancelReload: (() => void) | undefined;
  let unsubscribe: (() => void) | undefined;
  let reloading: Promise<void> = Promise.resolve();

  const activeFeed = async (sourceId: string) =>
    (await activeAlertFeeds(db)).find((feed) => feed.source_id === sourceId);

  const schedule = (sourceId: string, at: string) => {
    scheduled.get(sourceId)?.();
    if (stopped) return;
    const delay = Math.max(0, Date.parse(at) - clock().getTime());
    scheduled.set(
      sourceId,
      timers.after(delay, () => {
        scheduled.delete(sourceId);
        run(sourceId);
      }),
    );
  };

  /** Sets each feed's timer from the stored schedule, and drops those of feeds cleared or revoked. */
  const reload = () => {
    reloading = reloading.then(async () => {
      try {
        const feeds = await activeAlertFeeds(db);
        if (stopped) return;
        const active = new Set(feeds.map((feed) => feed.source_id));
        for (const [sourceId, cancel] of scheduled)
          if (!active.has(sourceId)) {
            cancel();
            scheduled.delete(sourceId);
          }
        for (const feed of feeds) if (!running.has(feed.source_id)) schedule(feed.source_id, feed.next_poll_at);
      } catch (error) {
        log.warn({ err: errorName(error) }, 'reading the alert feeds to poll failed');
      }
    });
    return reloading;
  };

  const settled = async () => {
    for (;;) {
      const reloadUnderWay = reloading;
      await Promise.all([...running.values(), reloadUnderWay]);
      if (running.size === 0 && reloading === reloadUnderWay) return;
    }
  };

  const reloadEveryMinute = () => {
    cancelReload = timers.after(RELOAD_MS, () => void reload().then(() => !stopped && reloadEveryMinute()));
  };

  /** Polls one feed, then sets its timer from the stored schedule and tells the listeners. */
  const run = (sourceId: string) => {
    if (stopped || running.has(sourceId)) return;
    const work = (async () => {
      let outcome: FeedPollOutcome | undefined;
      try {
        outcome = await poll(sourceId);
      } catch (error) {
        log.warn({ sourceId, err: errorName(error) }, 'polling an alert feed failed unexpectedly');
      }
      running.delete(sourceId);
      if (stopped) return;
      try {
        // The feed may have been changed or cleared meanwhile: its stored schedule decides.
        const feed = await activeFeed(sourceId);
        if (feed) schedule(sourceId, feed.next_poll_at);
      } catch (error) {
        log.warn({ sourceId, err: errorName(error) }, 'reading the alert feed to poll failed');
      }
      if (outcome) for (const listener of listeners) listener(outcome);
    })();
    running.set(sourceId, work);
  };

  /** One poll, if it is still due and no other process took it; its outcome once stored. */
  const poll = async (sourceId: string): Promise<FeedPollOutcome | undefined> => {
    const now = clock();
    const claimed = await claimAlertFeedPoll(
      db,
      sourceId,
      now.toISOString(),
      new Date(now.getTime() + LEASE_MS).toISOString(),
    );
    const feed = claimed ? await activeFeed(sourceId) : undefined;
    if (!feed) return undefined;
    const result = await fetchAndTake(feed, { id: feed.source_id, name: feed.name });
    if (stopped) {
      // Given back: the next start polls it at once.
      await releaseAlertFeedPoll(db, sourceId, feed.url, clock().toISOString());
      return undefined;
    }
    const failures = result.error ? feed.failures + 1 : 0;
    const polledAt = clock();
    const nextPollAt = new Date(polledAt.getTime() + nextPollDelaySec(feed.poll_sec, failures) * 1000).toISOString();
    const recorded = await recordAlertFeedPoll(db, sourceId, feed.url, {
      polledAt: polledAt.toISOString(),
      taken: result.taken,
      error: result.error,
      failures,
      etag: result.etag,
      lastModified: result.lastModified,
      nextPollAt,
    });
    if (result.error)
      log.warn({ sourceId, code: result.error.code, failures }, 'polling an alert feed failed; it is tried again');
    if (!recorded) return undefined;
    return {
      sourceId,
      kind: result.kind,
      taken: result.taken,
      deferred: result.deferred,
      error: result.error,
      nextPollAt,
    };
  };

  /** A failure as the source records it; one that is this server's own fault is logged by its name. */
  const failureOf = (sourceId: string, error: unknown, href: string): AlertFeedError => {
    const coded = feedError(error, href);
    if (coded.code === 'INTERNAL')
      log.warn({ sourceId, err: errorName(error) }, 'taking an alert feed document failed');
    return coded;
  };

  /** One poll's requests: the feed (conditionally), then the documents an index links to. */
  const fetchAndTake = async (feed: AlertFeedRow, source: AlertSource): Promise<PollResult> => {
    const none = { taken: 0, deferred: 0, etag: null, lastModified: null };
    let answer: FeedAnswer;
    let body: FeedBody;
    try {
      answer = await get(feed.url, feed.url, {
        accept: INDEX_ACCEPT,
        maxBytes: limits.indexBytes,
        tooLarge: () => new LinliError('FEED_INVALID', `is larger than ${Math.round(limits.indexBytes / 1024)} KiB`),
        conditional: {
          ...(feed.etag && { 'if-none-match': feed.etag }),
          ...(feed.last_modified && { 'if-modified-since': feed.last_modified }),
        },
      });
      if (answer.status === 304)
        return { ...none, kind: 'unchanged', error: null, etag: feed.etag, lastModified: feed.last_modified };
      body = readFeedBody(answer.bytes);
    } catch (error) {
      return { ...none, kind: 'failed', error: failureOf(source.id, error, feed.url) };
    }
    // Validators are kept only for an answer fully dealt with: otherwise the next poll must see it all again.
    const validators = { etag: answer.etag, lastModified: answer.lastModified };
    if (body.kind === 'alert') {
      try {
        await alerts.receive(source, answer.bytes, shownFeedUrl(feed.url));
        return { ...none, kind: 'alert', taken: 1, error: null, ...validators };
      } catch (error) {
        return { ...none, kind: 'alert', error: failureOf(source.id, error, feed.url) };
      }
    }

    const { links } = feedLinks(body.entries, answer.url);
    const taken = await takenFeedLinks(db, source.id);
    const { take, deferred } = linksToTake(links, taken, limits.documentsPerPoll);
    let received = 0;
    let failed = 0;
    let firstError: AlertFeedError | null = null;
    for (const link of take) {
      if (stopped) break;
      try {
        const document = await get(link, feed.url, {
          accept: DOCUMENT_ACCEPT,
          maxBytes: limits.documentBytes,
          tooLarge: () =>
            new LinliError('CAP_INVALID', `/alert: is larger than ${Math.round(limits.documentBytes / 1024)} KiB`),
          conditional: {},
        });
        await alerts.receive(source, document.bytes, shownFeedUrl(link));
        await rememberFeedLink(db, source.id, link, clock().toISOString());
        received++;
      } catch (error) {
        // Not remembered: the next poll fetches it again, and says so again while it fails.
        failed++;
        firstError ??= failureOf(source.id, error, link);
      }
    }
    const listed = new Set(links.map((link) => link.url));
    await forgetFeedLinks(
      db,
      source.id,
      [...taken].filter((url) => !listed.has(url)),
    );
    const error =
      firstError && failed > 1
        ? { ...firstError, message: `${firstError.message} (and ${failed - 1} more documents failed)` }
        : firstError;
    const complete = error === null && deferred === 0 && !stopped;
    return {
      kind: 'index',
      taken: received,
      deferred,
      error,
      etag: complete ? validators.etag : null,
      lastModified: complete ? validators.lastModified : null,
    };
  };

  /** GETs `href` within the time and size limits; FEED_UNREACHABLE for no answer or a status other than 200 and 304. */
  const get = async (
    href: string,
    feedHref: string,
    options: {
      accept: string;
      maxBytes: number;
      tooLarge: () => LinliError;
      conditional: Record<string, string>;
    },
  ): Promise<FeedAnswer> => {
    const { url, authorization } = feedRequest(href, feedHref);
    const timeout = AbortSignal.timeout(limits.timeoutMs);
    const unreachable = (why: string) => new LinliError('FEED_UNREACHABLE', why);
    const failure = (error: unknown) =>
      timeout.aborted
        ? unreachable(`no complete answer within ${limits.timeoutMs / 1000} s`)
        : stopping.signal.aborted
          ? unreachable('the server is stopping')
          : unreachable(`cannot be reached (${networkReason(error)})`);
    let response: Response;
    try {
      response = await fetchFeed(url, {
        headers: {
          accept: options.accept,
          'user-agent': USER_AGENT,
          ...(authorization && { authorization }),
          ...options.conditional,
        },
        redirect: 'follow',
        signal: AbortSignal.any([timeout, stopping.signal]),
      });
    } catch (error) {
      throw failure(error);
    }
    if (response.status !== 200) {
      await response.body?.cancel().catch(() => undefined);
      if (response.status === 304) return { status: 304, bytes: new Uint8Array(), etag: null, lastModified: null, url };
      throw unreachable(`answered HTTP ${response.status}`);
    }
    let bytes: Uint8Array;
    try {
      const body = await readAtMost(response, options.maxBytes);
      if (!body) throw options.tooLarge();
      bytes = body;
    } catch (error) {
      throw error instanceof LinliError ? error : failure(error);
    }
    return {
      status: 200,
      bytes,
      etag: response.headers.get('etag'),
      lastModified: response.headers.get('last-modified'),
      url: response.url || url,
    };
  };

  return {
    async start() {
      if (!stopped) return;
      stopped = false;
      stopping = new AbortController();
      unsubscribe = deps.sources.onFeedsChanged(() => void reload());
      await reload();
      reloadEveryMinute();
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      unsubscribe?.();
      cancelReload?.();
      for (const cancel of scheduled.values()) cancel();
      scheduled.clear();
      stopping.abort();
      await settled();
    },
    onPolled(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    settled,
  };
}

/** A failure as the source records it: a feed code and what went wrong where (the address without credentials). */
function feedError(error: unknown, href: string): AlertFeedError {
  const where = shownFeedUrl(href);
  if (error instanceof LinliError && FEED_CODES.has(error.code))
    return { code: error.code, message: `${where}: ${error.message}` };
  return { code: 'INTERNAL', message: `${where}: the server could not store what it fetched` };
}

/** Why a request got no answer, as the network said it (ECONNREFUSED, ENOTFOUND…), never more. */
function networkReason(error: unknown): string {
  const cause = (error as { cause?: { code?: unknown; message?: unknown } } | undefined)?.cause;
  if (typeof cause?.code === 'string') return cause.code;
  if (typeof cause?.message === 'string' && cause.message) return cause.message.slice(0, 120);
  return error instanceof Error ? error.message.slice(0, 120) : 'unknown error';
}

/** An error's name and code for the log: its message may quote what a feed sent. */
function errorName(error: unknown): string {
  if (error instanceof LinliError) return error.code;
  return error instanceof Error ? `${error.name}${'code' in error ? ` ${String(error.code)}` : ''}` : 'unknown';
}
