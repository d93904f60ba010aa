/**
 * Is the screen frozen? A pure decision over what the watchdog has seen: the web player's beats
 * (PLAYER_HTTP.alivePath, every PLAYER_BEAT_SEC, saying whether the screen should be moving) and
 * the SHA-256 of the screenshots it took. No clock and no timer in here: `now` is passed in.
 *
 * Frozen means either
 * - `page-silent`: the page has not beaten for more than BEATS_MISSED beats (its script is stuck,
 *   the renderer crashed, the page never loaded), or
 * - `picture-unchanged`: the last FRAMES_COMPARED screenshots are byte for byte the same although
 *   the page said, each time, that a video or a ticker was on screen (the page runs but what it
 *   draws does not reach the screen).
 * A screen that should be still (text, an image, the idle screen) may look the same for hours.
 *
 * Silence is only counted once there is a page to hear from: after its first beat, or after the
 * first screenshot (a screen the shell can see shows a page that should beat). A player whose page
 * nobody opened (a shell without its own browser) is never called frozen.
 */

/** Beats the page may miss before it counts as silent. */
export const BEATS_MISSED = 3;
/** Identical screenshots in a row, all while moving, that make a frozen picture. */
export const FRAMES_COMPARED = 3;

export type FrozenReason = 'page-silent' | 'picture-unchanged';

export interface Frame {
  sha256: string;
  /** What the page last said when the screenshot was taken. */
  moving: boolean;
}

export interface ScreenWatch {
  /** When the page last beat, or when watching began; null while no page is known. */
  quietSince: number | null;
  /** The page's word at its last beat: a video plays or a ticker runs. */
  moving: boolean;
  /** The latest screenshots, oldest first, at most FRAMES_COMPARED. */
  frames: readonly Frame[];
}

export const UNWATCHED: ScreenWatch = { quietSince: null, moving: false, frames: [] };

export function withBeat(watch: ScreenWatch, beat: { moving: boolean }, now: number): ScreenWatch {
  return { ...watch, quietSince: now, moving: beat.moving };
}

export function withFrame(watch: ScreenWatch, sha256: string, now: number): ScreenWatch {
  return {
    quietSince: watch.quietSince ?? now,
    moving: watch.moving,
    frames: [...watch.frames, { sha256, moving: watch.moving }].slice(-FRAMES_COMPARED),
  };
}

/** Why the screen counts as frozen now, or null when it does not. */
export function frozenReason(watch: ScreenWatch, now: number, beatMs: number): FrozenReason | null {
  if (watch.quietSince !== null && now - watch.quietSince > BEATS_MISSED * beatMs) return 'page-silent';
  const { frames } = watch;
  if (frames.length === FRAMES_COMPARED && frames.every((frame) => frame.moving && frame.sha256 === frames[0]!.sha256))
    return 'picture-unchanged';
  return null;
}

/**
 * After a reload the page starts afresh: it gets the full BEATS_MISSED beats to speak, and the
 * screenshots before the reload no longer count.
 */
export function afterReload(now: number): ScreenWatch {
  return { quietSince: now, moving: false, frames: [] };
}
