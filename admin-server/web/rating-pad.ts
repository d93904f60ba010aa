/**
 * The rating pad's decisions (pure, the time passed in): where it is opened (#rating-pad/<hall>/<window>),
 * and what it shows — the window waiting, the five levels for the ticket just finished there, the
 * reasons of the level tapped, or 谢谢 for a short while. A ticket finished after the one on screen
 * takes its place at once; one rated, or past its rating time, is not asked about again.
 */
import {
  QUEUE_RATING_MINUTES,
  type QueueHallState,
  type QueueRatingLevel,
  type QueueRatingReason,
} from '@linli/protocol';

export type ToRate = NonNullable<QueueHallState['windows'][number]['toRate']>;

/** How long 谢谢 stays before the pad waits again. */
export const THANKS_MS = 8_000;

const PAD_HASH = /^#rating-pad\/(\d+)\/(\d+)$/;

/** The pad's address in the admin UI, opened from the counter. */
export function padHash(hallId: number, window: number): string {
  return `#rating-pad/${hallId}/${window}`;
}

/** The hall and window an address opens the pad for, or null when it is not the pad's. */
export function padSeatOf(hash: string): { hallId: number; window: number } | null {
  const match = PAD_HASH.exec(hash);
  return match ? { hallId: Number(match[1]), window: Number(match[2]) } : null;
}

/** What the pad remembers between screens. */
export interface PadMemory {
  /** Tickets rated from this pad (the stream may still name one for a moment). */
  rated: ReadonlySet<number>;
  /** The level tapped for a ticket, and the reasons tapped so far. */
  choice?: { ticketId: number; level: QueueRatingLevel; reasons: readonly QueueRatingReason[] } | undefined;
  /** 谢谢 until then (epoch ms); followUp: a 差评, whose case was opened. */
  thanks?: { until: number; followUp: boolean } | undefined;
}

export type PadScreen =
  | { kind: 'waiting' }
  | { kind: 'levels'; ticket: ToRate }
  | { kind: 'reasons'; ticket: ToRate; level: QueueRatingLevel; reasons: readonly QueueRatingReason[] }
  | { kind: 'thanks'; followUp: boolean };

/** The screen at `now` (epoch ms) for the ticket the hall's state offers at this window. */
export function padScreen(toRate: ToRate | undefined, memory: PadMemory, now: number): PadScreen {
  const open =
    toRate &&
    !memory.rated.has(toRate.ticketId) &&
    now - Date.parse(toRate.finishedAt) <= QUEUE_RATING_MINUTES * 60_000;
  if (open) {
    const choice = memory.choice?.ticketId === toRate.ticketId ? memory.choice : undefined;
    return choice
      ? { kind: 'reasons', ticket: toRate, level: choice.level, reasons: choice.reasons }
      : { kind: 'levels', ticket: toRate };
  }
  if (memory.thanks && now < memory.thanks.until) return { kind: 'thanks', followUp: memory.thanks.followUp };
  return { kind: 'waiting' };
}

/** The reasons with `reason` tapped: added, or taken away when it was there. */
export function toggled(reasons: readonly QueueRatingReason[], reason: QueueRatingReason): QueueRatingReason[] {
  return reasons.includes(reason) ? reasons.filter((entry) => entry !== reason) : [...reasons, reason];
}
