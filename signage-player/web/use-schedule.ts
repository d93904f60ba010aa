/**
 * Runs the schedule: asks the resolver what to show now, keeps the state it returns, and sets ONE
 * timer for the next instant the answer can change (nothing polls). A new schedule (a view that
 * changed) is asked at once with the same state, so each zone keeps its place. While `paused` (an
 * emergency alert has the screen) the playlists stand still and resume for the time they had left.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { PlaylistItem, SignageSchedule } from '@linli/protocol';
import { INITIAL_PLAYER_STATE, whatToShow, type Decision, type Showing } from '../core';
import { pausedState, stateWithItemSkipped, upcomingItems } from './player-state';

// setTimeout takes at most a signed 32-bit delay; a later instant is reached by asking again then.
const LONGEST_TIMER_MS = 2 ** 31 - 1;

export interface ScheduleRun {
  /** Null before the first answer, without a schedule and while paused. */
  showing: Showing | null;
  /** Per zone that may play a video: the item it shows next. */
  upcoming: ReadonlyMap<string, PlaylistItem>;
  /** The item would not show (a video that did not start): move the zone on to its next item now. */
  skip(layoutId: string, zoneId: string, item: PlaylistItem): void;
}

export function useSchedule(schedule: SignageSchedule | null, paused: boolean): ScheduleRun {
  const state = useRef(INITIAL_PLAYER_STATE);
  const [decision, setDecision] = useState<Decision | null>(null);
  // Bumped by the timer and by a skip: either means "ask again now".
  const [wakeUps, setWakeUps] = useState(0);

  useEffect(() => {
    const now = Date.now();
    if (!schedule || paused) {
      state.current = pausedState(state.current, now);
      setDecision(null);
      return;
    }
    const next = whatToShow(schedule, now, state.current);
    state.current = next.state;
    setDecision(next);
    const timer = setTimeout(() => setWakeUps((count) => count + 1), Math.min(next.nextAt - now, LONGEST_TIMER_MS));
    return () => clearTimeout(timer);
  }, [schedule, paused, wakeUps]);

  const skip = useCallback((layoutId: string, zoneId: string, item: PlaylistItem) => {
    state.current = stateWithItemSkipped(state.current, layoutId, zoneId, item, Date.now());
    setWakeUps((count) => count + 1);
  }, []);

  const upcoming = useMemo(
    () => (schedule && decision ? upcomingItems(schedule, decision) : new Map<string, PlaylistItem>()),
    [decision],
  );
  return { showing: decision?.showing ?? null, upcoming, skip };
}
