/**
 * The admin server's time, as this device's clock plus an offset learnt from the `Date` header of
 * the server's replies: what notices, alerts, schedules and timestamps follow, so a device whose
 * own clock is an hour off (a dead CMOS battery, a set-top box without NTP) shows what the server
 * means to show now. A header gives whole seconds: the offset moves only when a reply disagrees
 * with it by more than a second, so it does not wobble with each reply. Until the first reply, and
 * while the server is out of reach, the last offset learnt stands, kept across restarts by the
 * device's cache (none ever learnt: the device's own clock).
 */

/** Replies slower than this say too little about when the server wrote its header. */
const MAX_ROUND_TRIP_MS = 4000;
/** A difference within a header's resolution (and half a round trip) is not news. */
const TOLERANCE_MS = 1000;

export interface ServerClock {
  /** The server's time now. */
  now(): Date;
  /** The server's clock minus this device's, in ms (0 until a reply said otherwise). */
  offsetMs(): number;
  /** Told each reply's `Date` header with when its request went and its reply came (device ms). */
  observe(dateHeader: string | null, sentMs: number, receivedMs: number): void;
}

/** The offset a reply implies, or undefined when it says nothing usable. */
export function observedOffset(dateHeader: string | null, sentMs: number, receivedMs: number): number | undefined {
  const serverMs = dateHeader ? Date.parse(dateHeader) : NaN;
  if (!Number.isFinite(serverMs) || receivedMs < sentMs || receivedMs - sentMs > MAX_ROUND_TRIP_MS) return undefined;
  // The header is truncated to its second: the server wrote it somewhere within that second.
  return serverMs + 500 - (sentMs + receivedMs) / 2;
}

export function createServerClock(
  options: {
    deviceNow?: () => number;
    /** The offset learnt before (kept by the cache). */
    initialOffsetMs?: number;
    /** Told each new offset, to keep it. */
    onChange?: (offsetMs: number) => void;
  } = {},
): ServerClock {
  const deviceNow = options.deviceNow ?? Date.now;
  let offset = options.initialOffsetMs ?? 0;
  return {
    now: () => new Date(deviceNow() + offset),
    offsetMs: () => offset,
    observe(dateHeader, sentMs, receivedMs) {
      const observed = observedOffset(dateHeader, sentMs, receivedMs);
      if (observed === undefined || Math.abs(observed - offset) <= TOLERANCE_MS) return;
      offset = Math.round(observed);
      options.onChange?.(offset);
    },
  };
}

/**
 * The host's server clock, its offset kept in the device's cache: a device restarted while the
 * server is out of reach still follows the server's time. A disk too full to keep it loses only that.
 */
export function cachedServerClock(
  cache: { serverOffsetMs(): number; setServerOffsetMs(offsetMs: number): void },
  log: (message: string) => void,
): ServerClock {
  return createServerClock({
    initialOffsetMs: cache.serverOffsetMs(),
    onChange(offsetMs) {
      try {
        cache.setServerOffsetMs(offsetMs);
      } catch (error) {
        log(`the server's clock offset was not kept: ${(error as { code?: string }).code ?? String(error)}`);
      }
    },
  });
}
