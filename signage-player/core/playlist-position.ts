/**
 * Where a zone's playlist stands, and where it goes next. The place is kept by item id, so
 * content that changes under a playing screen does not send it back to the start:
 * - the item on screen is still in the playlist: it plays on to its end (its duration as it is
 *   now, counted from when it started), then the item after it, wherever that now is;
 * - the item on screen was removed or stopped being valid: the item that now stands at its old
 *   position (the one that followed it) starts at once, wrapping to the first;
 * - a layout that comes back after another one (an interrupt, the screen off) resumes each zone
 *   where it was paused: the item continues for the time it had left (a video seeks to
 *   `now - startedAt`), so an item longer than the gaps between interrupts still finishes;
 * - a call after the item's end (the player was late) starts the next item now, skipping none.
 */
import type { PlaylistItem } from '@linli/protocol';
import { itemDurationMs } from './playlist-item';

export interface ZonePlay {
  itemId: string;
  /** Position of the item in the zone's playlist of items valid when it was chosen. */
  index: number;
  /** When the item started; moved later by the time its layout was paused. */
  startedAt: number;
  /** Set while the zone's layout is not on screen: when it left. */
  pausedAt?: number;
}

function start(items: readonly PlaylistItem[], index: number, now: number): ZonePlay {
  return { itemId: items[index]!.id, index, startedAt: now };
}

/**
 * The zone's play at `now` over the items valid now, given its previous play; undefined only
 * when there is nothing to play and nothing was played before. An empty playlist keeps the
 * previous place for when items return.
 */
export function playAt(
  items: readonly PlaylistItem[],
  previous: ZonePlay | undefined,
  now: number,
): ZonePlay | undefined {
  if (items.length === 0) return previous;
  if (!previous) return start(items, 0, now);
  const startedAt =
    previous.pausedAt === undefined ? previous.startedAt : previous.startedAt + Math.max(0, now - previous.pausedAt);
  const index = items.findIndex((item) => item.id === previous.itemId);
  if (index < 0) return start(items, previous.index % items.length, now);
  if (now < startedAt + itemDurationMs(items[index]!)) return { itemId: previous.itemId, index, startedAt };
  return start(items, (index + 1) % items.length, now);
}

/** The play frozen at `now`, to be resumed by `playAt` when its layout is back. */
export function pauseAt(play: ZonePlay, now: number): ZonePlay {
  return play.pausedAt === undefined ? { ...play, pausedAt: now } : play;
}
