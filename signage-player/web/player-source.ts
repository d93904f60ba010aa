/**
 * Where the web player gets what to show and tells what it showed: the PlayerSource interface,
 * and its implementation over the browser shell's HTTP + server-sent events (PLAYER_HTTP), which
 * carries the per-boot token the host put in the page (`<meta name="linli-boot-token">`).
 */
import { shiftPageClock } from './page-clock';
import {
  PLAYER_EVENTS,
  PLAYER_HTTP,
  type PlayRecord,
  type PlayerAliveBeat,
  type PlayerEvent,
  type PlayerQueueView,
  type PlayerView,
} from '@linli/protocol';
import { retryDelayMs } from './retry-delay';

export interface PlayerSource {
  view(): Promise<PlayerView>;
  /** Host events until the returned function is called. */
  onEvent(listener: (event: PlayerEvent) => void): () => void;
  /**
   * `unloading`: the page is going away, so the request must outlive it (fetch keepalive, whose
   * bodies Chromium caps at 64 KiB in all; the outbox keeps such a batch under KEEPALIVE_MAX_BYTES).
   */
  reportPlayed(records: PlayRecord[], unloading?: boolean): Promise<void>;
  /** The page's alive beat (alive-beat.ts). */
  beat(beat: PlayerAliveBeat): Promise<void>;
  /** The halls calling displays show, asked for again on each `queue-changed`. */
  queue(): Promise<PlayerQueueView>;
  /** A listed announcement's audio (WAV bytes). */
  announcement(hallId: number, seq: number): Promise<ArrayBuffer>;
}

function bootToken(): string {
  return document.querySelector<HTMLMetaElement>('meta[name="linli-boot-token"]')?.content ?? '';
}

/**
 * One call to the host with the page's boot token. A refused token means the host restarted and put
 * a new one in the page: the page loads itself again to get it (the plays it has not sent wait in
 * its storage), whichever call finds out first.
 */
async function callHost(pathname: string, what: string, init: RequestInit = {}): Promise<Response> {
  const response = await fetch(pathname, {
    ...init,
    headers: { ...init.headers, [PLAYER_HTTP.tokenHeader]: bootToken() },
  });
  if (response.status === 401) window.location.reload();
  if (!response.ok) throw new Error(`${what}: HTTP ${response.status}`);
  return response;
}

/**
 * Event stream that comes back by itself: EventSource reconnects after a dropped connection on its
 * own, but gives up for good on a refusal (an error status), so then a new one is opened after a
 * growing wait. Events sent while the stream was away are lost, so the first `open` after an
 * error is passed on as `view-changed`: the player asks for the view again.
 */
function reconnectingEvents(listener: (event: PlayerEvent) => void): () => void {
  let stream: EventSource | undefined;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let failures = 0;
  // What the host said before the stream first opened is missed too: the view asked for at start
  // may already be old then (a sync that ended meanwhile), so the first open asks again.
  let missedEvents = true;
  let stopped = false;
  const connect = () => {
    const opened = new EventSource(
      `${PLAYER_HTTP.eventsPath}?${PLAYER_HTTP.tokenQuery}=${encodeURIComponent(bootToken())}`,
    );
    stream = opened;
    for (const event of PLAYER_EVENTS) opened.addEventListener(event, () => listener(event));
    opened.addEventListener('open', () => {
      failures = 0;
      if (missedEvents) {
        missedEvents = false;
        listener('view-changed');
      }
    });
    opened.addEventListener('error', () => {
      missedEvents = true;
      if (opened.readyState !== EventSource.CLOSED || stopped) return;
      // Refused: maybe a restarted host with a new boot token. Asking for the view finds out (and
      // reloads the page for the new token); a host that is down answers nothing and we wait.
      listener('view-changed');
      retryTimer = setTimeout(connect, retryDelayMs(failures++));
    });
  };
  connect();
  return () => {
    stopped = true;
    clearTimeout(retryTimer);
    stream?.close();
  };
}

/** One event stream for the page, however many parts listen (each EventSource holds a connection). */
function sharedEvents(): PlayerSource['onEvent'] {
  const listeners = new Set<(event: PlayerEvent) => void>();
  let close: (() => void) | undefined;
  return (listener) => {
    listeners.add(listener);
    close ??= reconnectingEvents((event) => listeners.forEach((each) => each(event)));
    return () => {
      listeners.delete(listener);
      if (listeners.size > 0) return;
      close?.();
      close = undefined;
    };
  };
}

export function httpPlayerSource(): PlayerSource {
  const postJson = (body: unknown, keepalive = false): RequestInit => ({
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
    keepalive,
  });
  return {
    async view() {
      const response = await callHost(PLAYER_HTTP.viewPath, 'player view', { cache: 'no-store' });
      const view = (await response.json()) as PlayerView;
      // What plays when follows the admin server's clock, as the host learnt it.
      shiftPageClock(view.serverOffsetMs);
      return view;
    },
    onEvent: sharedEvents(),
    async reportPlayed(records, unloading = false) {
      // Plays that end because the page goes away are sent while it unloads. Only then: a keepalive
      // body over the browser's limit is refused outright, so a backlog would never go out.
      await callHost(PLAYER_HTTP.playedPath, 'proof of play', postJson({ records }, unloading));
    },
    async beat(beat) {
      await callHost(PLAYER_HTTP.alivePath, 'alive beat', postJson(beat));
    },
    async queue() {
      const response = await callHost(PLAYER_HTTP.queuePath, 'queue view', { cache: 'no-store' });
      return (await response.json()) as PlayerQueueView;
    },
    async announcement(hallId, seq) {
      const response = await callHost(`${PLAYER_HTTP.announcementPath}${hallId}/${seq}`, 'announcement');
      return response.arrayBuffer();
    },
  };
}
