/**
 * The player page's clock. Every part of the player reads the time from Date.now (the schedule,
 * clock items, notice pages, a video's starting point, proof-of-play), so moving Date.now moves
 * them all: the player page follows the admin server's clock (its host's offset, so a box whose own
 * clock is off still plays what the server's time calls for), and the editor's preview shows a
 * moment of its choosing. The page is a document of its own; no other page sees this clock.
 */
const realNow = Date.now.bind(Date);

/** From now on the page's Date.now runs `offsetMs` ahead of the device's clock (behind when negative). */
export function shiftPageClock(offsetMs: number): void {
  Date.now = () => realNow() + offsetMs;
}

/** The page's clock shows `at` now, and runs on from there at the real pace. */
export function startPageClockAt(at: number): void {
  shiftPageClock(at - realNow());
}
