/**
 * A ticker is a strip of copies of its text moving left at a constant speed; when it has moved
 * by one copy it looks exactly as it did at the start, so the motion repeats without a seam.
 */

/** Characters per second a passer-by reads comfortably; a Chinese character is one em wide. */
export const TICKER_CHARS_PER_SEC = 4;

/** Speed in px/s for text of this size: the same reading pace on a 1080p and a 4K screen. */
export function tickerSpeedPxPerSec(fontSizePx: number): number {
  return fontSizePx * TICKER_CHARS_PER_SEC;
}

export interface TickerMotion {
  /** Copies of the text (each with its trailing gap) in the strip. */
  copies: number;
  /** How far the strip moves per cycle: one copy. */
  shiftPx: number;
  durationSec: number;
}

/**
 * The strip for a copy `copyWidthPx` wide (text and gap) in a zone `zoneWidthPx` wide: enough copies
 * that the zone stays covered while the strip moves by one copy, and the time that takes.
 */
export function tickerMotion(copyWidthPx: number, zoneWidthPx: number, speedPxPerSec: number): TickerMotion {
  return {
    copies: Math.ceil(zoneWidthPx / copyWidthPx) + 1,
    shiftPx: copyWidthPx,
    durationSec: copyWidthPx / speedPxPerSec,
  };
}
