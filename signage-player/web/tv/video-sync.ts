/**
 * Keeping a channel's video on the channel's clock, so boxes started at different moments show the
 * same frame (pure; tv-video.tsx does the waiting). The video is where the schedule says at
 * `now − itemStart`. A box that joins mid-item seeks a little AHEAD of that (a seek takes time),
 * holds the frame it landed on until the clock reaches it, then plays: the picture starts on time
 * rather than a seek's length late. A seek that took longer than the lead is tried again with a
 * longer one; once playing, a picture further than SYNC_TOLERANCE_MS from the clock is put on time
 * again the same way (at most MAX_SYNC_TRIES in all, then it plays as it is).
 *
 * Two video elements take turns: the one in view plays the current item, the other loads the
 * channel's next video from its start, so a video that follows a video starts without a gap.
 */

export const SYNC_TOLERANCE_MS = 40;
export const FIRST_LEAD_MS = 250;
export const MAX_LEAD_MS = 3000;
export const MAX_SYNC_TRIES = 4;
/** A video loaded behind (at its start) is played straight away when its item is this young. */
export const CUED_START_MS = 100;
/** The last bit of a video is never sought into (a seek to the very end may never finish). */
const END_MARGIN_SEC = 0.05;

/** Where the channel's clock is in the item, in seconds. */
export function scheduledSec(itemStart: number, now: number): number {
  return (now - itemStart) / 1000;
}

/** Where to seek: `leadMs` ahead of the clock, inside the video (0 … lengthSec). */
export function seekTargetSec(itemStart: number, now: number, leadMs: number, lengthSec: number): number {
  return Math.min(Math.max(0, scheduledSec(itemStart, now + leadMs)), Math.max(0, lengthSec - END_MARGIN_SEC));
}

/** After landing on `targetSec`: how long to hold the frame before playing (negative: that many ms late). */
export function holdMs(itemStart: number, targetSec: number, now: number): number {
  return targetSec * 1000 - (now - itemStart);
}

/** The lead for the next try after a seek that landed `lateMs` late. */
export function nextLeadMs(leadMs: number, lateMs: number): number {
  return Math.min(MAX_LEAD_MS, Math.round(leadMs * 1.5 + lateMs));
}

/** How far the picture is from the clock (positive: ahead). */
export function driftMs(itemStart: number, now: number, currentTimeSec: number): number {
  return currentTimeSec * 1000 - (now - itemStart);
}

export function onTime(drift: number): boolean {
  return Math.abs(drift) <= SYNC_TOLERANCE_MS;
}

/** Which item each of the two video elements holds (a key per item on air; null: nothing). */
export type DeckSlots = readonly [string | null, string | null];

/**
 * The elements' items after a change: the current video keeps the element it is in (loaded behind
 * earlier, or already playing), else takes one that is not showing the picture in view (which
 * stays until the current one has a frame up); the upcoming video takes the other element, unless
 * that one still shows the picture in view.
 */
export function assignSlots(
  slots: DeckSlots,
  current: string | null,
  upcoming: string | null,
  shown: string | null,
): DeckSlots {
  const next: [string | null, string | null] = [slots[0], slots[1]];
  const holds = (slot: 0 | 1, key: string | null) => key !== null && next[slot] === key;
  const place = (key: string, usable: (slot: 0 | 1) => boolean, prefer: (slot: 0 | 1) => boolean) => {
    const candidates = ([0, 1] as const).filter(usable);
    const slot = candidates.find(prefer) ?? candidates[0];
    if (slot !== undefined) next[slot] = key;
  };
  if (current !== null && !next.includes(current))
    place(
      current,
      (slot) => !holds(slot, shown),
      (slot) => next[slot] === null || !holds(slot, upcoming),
    );
  if (upcoming !== null && !next.includes(upcoming))
    place(
      upcoming,
      (slot) => !holds(slot, current) && !holds(slot, shown),
      (slot) => next[slot] === null,
    );
  return next;
}
