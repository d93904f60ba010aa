/**
 * What the screen shows at an instant, and the next instant it must ask again. Pure: the caller
 * passes the clock and the state the previous answer returned, and sets one timer for `nextAt`.
 *
 * Which layout:
 * - Outside operating hours the screen is off and nothing plays (playlists pause where they are).
 * - Among the active entries the winner is the one with the highest priority; among equal
 *   priorities the newer one (`createdAt`), as a newer decision of the editors overrides an older
 *   one; then the smaller id, so the answer never depends on the order entries arrive in.
 * - Interrupt entries do not compete with the winner; each active interrupt whose priority is not
 *   below the winner's takes its share of voice (share-of-voice.ts), in winner order. An entry of
 *   higher priority than an interrupt keeps the whole screen (e.g. an emergency takeover).
 * - With no active entry the default layout shows, and every active interrupt takes its share.
 *
 * `nextAt` is the earliest of: an item on screen ends (or a PDF page turns), an item on screen
 * becomes valid or stops being valid, a wall-clock minute at which an entry, daypart or operating
 * window starts or stops (midnight included: dates and weekdays change there), a share-of-voice
 * slot starts or ends, and the UTC offset changing (daylight saving: wall time jumps there, so
 * the answer is worked out again rather than trusted across the jump).
 */
import type { Layout, PlaylistItem, ScheduleEntry, SignageSchedule } from '@linli/protocol';
import { itemDurationMs, itemValidAt, pdfPageAt, validityChangesAfter } from './playlist-item';
import { pauseAt, playAt, type ZonePlay } from './playlist-position';
import { slotAt } from './share-of-voice';
import { boundaryMinutes, entryActiveAt, msToNextBoundary, screenOnAt } from './time-windows';
import { nextOffsetChange, wallClockAt } from '@linli/protocol';

/** What the resolver remembers between calls: the layout on screen and each layout's playlist places. */
export interface PlayerState {
  /** The layout on screen after the last call; null before the first or while the screen is off. */
  layoutId: string | null;
  /** Per layout id, per zone id: where its playlist stands (paused while the layout is off screen). */
  plays: Readonly<Record<string, Readonly<Record<string, ZonePlay>>>>;
}

export const INITIAL_PLAYER_STATE: PlayerState = { layoutId: null, plays: {} };

export interface PlayingZone {
  zoneId: string;
  item: PlaylistItem;
  /** The item's position among the zone's items valid now, and how many those are. */
  position: number;
  count: number;
  /** When the item started (after any pause) and when it ends; a video is `now - startedAt` in. */
  startedAt: number;
  endsAt: number;
  /** For a PDF: the page on screen, from 0. */
  page?: number;
}

/** A zone with no item of its playlist valid now stays empty. */
export type ZoneShowing = PlayingZone | { zoneId: string; item: null };

export interface Showing {
  screen: 'on' | 'off';
  /** Null while the screen is off. */
  layoutId: string | null;
  /** The entry that put the layout there; null for the default layout. */
  entryId: string | null;
  interrupt: boolean;
  zones: ZoneShowing[];
}

export interface Decision {
  showing: Showing;
  /** Pass this to the next call. */
  state: PlayerState;
  /** The next instant (epoch ms, always after `now`) at which the answer can change. */
  nextAt: number;
}

/** Winner order: priority, then newer, then id. */
function outranks(a: ScheduleEntry, b: ScheduleEntry): number {
  return b.priority - a.priority || Date.parse(b.createdAt) - Date.parse(a.createdAt) || (a.id < b.id ? -1 : 1);
}

interface Prepared {
  layouts: Map<string, Layout>;
  dayparts: Map<string, NonNullable<SignageSchedule['dayparts']>[number]>;
  boundaries: number[];
}

// A schedule object is immutable once received; what is derived from it is worked out once.
const prepared = new WeakMap<SignageSchedule, Prepared>();

function prepare(schedule: SignageSchedule): Prepared {
  let result = prepared.get(schedule);
  if (!result) {
    result = {
      layouts: new Map(schedule.layouts.map((layout) => [layout.id, layout])),
      dayparts: new Map((schedule.dayparts ?? []).map((daypart) => [daypart.id, daypart])),
      boundaries: boundaryMinutes(schedule),
    };
    prepared.set(schedule, result);
  }
  return result;
}

/** The state with the previous layout paused if another one (or none) takes the screen now. */
function leaving(state: PlayerState, layoutId: string | null, schedule: Prepared, now: number) {
  const plays: Record<string, Readonly<Record<string, ZonePlay>>> = {};
  for (const [id, zones] of Object.entries(state.plays)) {
    if (!schedule.layouts.has(id)) continue;
    const pause = id === state.layoutId && id !== layoutId;
    plays[id] = pause
      ? Object.fromEntries(Object.entries(zones).map(([zoneId, play]) => [zoneId, pauseAt(play, now)]))
      : zones;
  }
  return plays;
}

export function whatToShow(schedule: SignageSchedule, now: number, state: PlayerState): Decision {
  const derived = prepare(schedule);
  const wall = wallClockAt(now, schedule.timeZone);
  const candidates = [now + msToNextBoundary(derived.boundaries, wall)];
  const finish = (showing: Showing, plays: PlayerState['plays']): Decision => {
    let nextAt = Math.min(...candidates);
    nextAt = nextOffsetChange(schedule.timeZone, now, nextAt) ?? nextAt;
    return { showing, state: { layoutId: showing.layoutId, plays }, nextAt };
  };

  if (!screenOnAt(schedule.operatingHours, wall)) {
    const off: Showing = { screen: 'off', layoutId: null, entryId: null, interrupt: false, zones: [] };
    return finish(off, leaving(state, null, derived, now));
  }

  const active = schedule.entries
    .filter((entry) => derived.layouts.has(entry.layoutId) && entryActiveAt(entry, derived.dayparts, wall))
    .sort(outranks);
  const winner = active.find((entry) => !entry.interrupt);
  const interrupts = active.flatMap((entry) =>
    entry.interrupt && (!winner || entry.priority >= winner.priority)
      ? [{ interrupt: entry, sharePercent: entry.interrupt.sharePercent }]
      : [],
  );
  const slot = slotAt(interrupts, now);
  if (slot.endsAt !== undefined) candidates.push(slot.endsAt);
  const entry = slot.interrupt ?? winner;
  const layout = derived.layouts.get(entry?.layoutId ?? schedule.defaultLayoutId) ?? schedule.layouts[0];
  const layoutId = layout?.id ?? null;
  const plays = leaving(state, layoutId, derived, now);
  const showing: Showing = {
    screen: 'on',
    layoutId,
    entryId: entry?.id ?? null,
    interrupt: slot.interrupt !== undefined,
    zones: [],
  };
  if (!layout) return finish(showing, plays);

  const zonePlays: Record<string, ZonePlay> = {};
  for (const zone of layout.zones) {
    for (const item of zone.playlist) candidates.push(...validityChangesAfter(item, now));
    const items = zone.playlist.filter((item) => itemValidAt(item, now));
    const play = playAt(items, plays[layout.id]?.[zone.id], now);
    if (play) zonePlays[zone.id] = play;
    const item = items.length > 0 && play ? items[play.index] : undefined;
    if (!play || !item) {
      showing.zones.push({ zoneId: zone.id, item: null });
      continue;
    }
    const endsAt = play.startedAt + itemDurationMs(item);
    candidates.push(endsAt);
    const shown: PlayingZone = {
      zoneId: zone.id,
      item,
      position: play.index,
      count: items.length,
      startedAt: play.startedAt,
      endsAt,
    };
    if (item.kind === 'pdf') {
      const { page, turnsAt } = pdfPageAt(item, play.startedAt, now);
      shown.page = page;
      if (turnsAt < endsAt) candidates.push(turnsAt);
    }
    showing.zones.push(shown);
  }
  return finish(showing, { ...plays, [layout.id]: zonePlays });
}
