/**
 * The page's beat to the host (PLAYER_HTTP.alivePath), for the frozen-screen watchdog: every
 * PLAYER_BEAT_SEC it says that it runs, whether its screen should be moving now (a video playing
 * or a ticker running: a picture that then stays the same means something is stuck), which
 * videos it gave up and which PDFs it could not read since the last beat. Either brings the next
 * beat forward, so the host hears of it within a second or so rather than at the next regular beat.
 */
import { useEffect, useMemo, useRef } from 'preact/hooks';
import { MAX_SKIPPED_PER_BEAT, PLAYER_BEAT_SEC } from '@linli/protocol';
import type { PlayerSource } from './player-source';

const BEAT_MS = PLAYER_BEAT_SEC * 1000;
/** How soon a beat follows a video given up (others given up meanwhile go in the same beat). */
const SKIP_REPORT_MS = 1000;

export interface SkipTally {
  add(itemId: string): void;
  /** The ids added since the last take, at most `max` (a zone of broken videos may skip them in a loop). */
  take(): string[];
}

export function createSkipTally(max = MAX_SKIPPED_PER_BEAT): SkipTally {
  let pending: string[] = [];
  return {
    add(itemId) {
      if (pending.length < max) pending.push(itemId);
    },
    take() {
      const taken = pending;
      pending = [];
      return taken;
    },
  };
}

/** A video is playing on screen (the front video of a zone, not paused or ended) or a ticker runs. */
export function screenShouldMove(root: ParentNode): boolean {
  const videos = Array.from(root.querySelectorAll<HTMLVideoElement>('.video-deck video.front'));
  return videos.some((video) => !video.paused && !video.ended) || root.querySelector('.ticker-strip.moving') !== null;
}

/** What the zones tell the host through the beats. */
export interface BeatReports {
  /** A video given up (not started within 5 s, or failed to load). */
  videoGivenUp(itemId: string): void;
  /** A PDF item shown as its card because its file or a page could not be read. */
  unreadable(itemId: string): void;
}

/** Beats while the player is mounted; returns what the zones call to report through the beats. */
export function useAliveBeat(source: PlayerSource): BeatReports {
  const skipped = useMemo(() => createSkipTally(), []);
  const unreadable = useMemo(() => createSkipTally(), []);
  const beatSoon = useRef<() => void>(() => undefined);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let dueAt = 0;
    const schedule = (ms: number) => {
      clearTimeout(timer);
      dueAt = Date.now() + ms;
      timer = setTimeout(beat, ms);
    };
    const beat = () => {
      // A beat that does not arrive is what the watchdog listens for: nothing to retry here.
      source
        .beat({ moving: screenShouldMove(document), skipped: skipped.take(), unreadable: unreadable.take() })
        .catch(() => undefined);
      schedule(BEAT_MS);
    };
    beatSoon.current = () => {
      if (dueAt - Date.now() > SKIP_REPORT_MS) schedule(SKIP_REPORT_MS);
    };
    beat();
    return () => {
      clearTimeout(timer);
      beatSoon.current = () => undefined;
    };
  }, [source]);
  return useMemo(
    () => ({
      videoGivenUp(itemId) {
        skipped.add(itemId);
        beatSoon.current();
      },
      unreadable(itemId) {
        unreadable.add(itemId);
        beatSoon.current();
      },
    }),
    [],
  );
}
