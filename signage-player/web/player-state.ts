/**
 * What the web player does to the resolver's state (core/schedule-resolver) beyond asking it:
 * pausing every playlist while an emergency alert has the screen, skipping a video that would
 * not start, and looking ahead at what each zone plays next so a video can be loaded before then.
 */
import type { PlaylistItem, SignageSchedule } from '@linli/protocol';
import { itemDurationMs, whatToShow, type Decision, type PlayerState } from '../core';
import { pauseAt } from '../core/playlist-position';
import { zonePlaysVideo } from './item-content';

/**
 * The state with the layout on screen paused at `at`, as the resolver pauses a layout that leaves
 * the screen: asked again later, each zone resumes its item for the time it had left.
 */
export function pausedState(state: PlayerState, at: number): PlayerState {
  const layoutId = state.layoutId;
  const zones = layoutId === null ? undefined : state.plays[layoutId];
  if (layoutId === null || !zones) return { ...state, layoutId: null };
  const paused = Object.fromEntries(Object.entries(zones).map(([zoneId, play]) => [zoneId, pauseAt(play, at)]));
  return { layoutId: null, plays: { ...state.plays, [layoutId]: paused } };
}

/**
 * The state with `item` in the zone treated as having ended at `at`, so the resolver moves on to
 * the zone's next item; unchanged when the zone has already moved on.
 */
export function stateWithItemSkipped(
  state: PlayerState,
  layoutId: string,
  zoneId: string,
  item: PlaylistItem,
  at: number,
): PlayerState {
  const play = state.plays[layoutId]?.[zoneId];
  if (!play || play.itemId !== item.id || play.pausedAt !== undefined) return state;
  const ended = { ...play, startedAt: at - itemDurationMs(item) };
  return { ...state, plays: { ...state.plays, [layoutId]: { ...state.plays[layoutId], [zoneId]: ended } } };
}

/**
 * For each zone on screen that may play a video: the item it will show when its current item
 * ends, if nothing else changes before then (the resolver asked about that instant).
 */
export function upcomingItems(schedule: SignageSchedule, decision: Decision): Map<string, PlaylistItem> {
  const upcoming = new Map<string, PlaylistItem>();
  const { showing } = decision;
  const layout = schedule.layouts.find((candidate) => candidate.id === showing.layoutId);
  for (const zone of showing.zones) {
    if (zone.item === null || !layout?.zones.some((each) => each.id === zone.zoneId && zonePlaysVideo(each))) continue;
    const later = whatToShow(schedule, zone.endsAt, decision.state).showing;
    if (later.layoutId !== showing.layoutId) continue;
    const next = later.zones.find((each) => each.zoneId === zone.zoneId)?.item;
    if (next) upcoming.set(zone.zoneId, next);
  }
  return upcoming;
}
