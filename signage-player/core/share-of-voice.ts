/**
 * Interrupts take their share of each hour in slots spread over it: the hour is cut into frames
 * of five minutes, and each frame opens with one slot per interrupt, as long as its share of the
 * frame (10 % → 30 s every 5 min). Slots follow the order given (the resolver's winner order);
 * when shares add up to more than the frame, the last ones get what is left and the rest nothing.
 * Frames are counted from the epoch, so every screen with the same schedule interrupts at the same
 * moment, and an interrupt active for a whole hour gets exactly its share of it (to the millisecond,
 * less only where a frame's slots are cut by the interrupt starting or ending).
 */

export const FRAME_MS = 5 * 60_000;

export interface ShareOfVoice<T> {
  interrupt: T;
  sharePercent: number;
}

export interface SlotAt<T> {
  /** The interrupt whose slot `now` falls in, or undefined for the frame's normal part. */
  interrupt: T | undefined;
  /** When this slot (or the normal part) ends; undefined when no interrupt has a slot. */
  endsAt: number | undefined;
}

/** Which interrupt owns `now`, and until when. */
export function slotAt<T>(interrupts: readonly ShareOfVoice<T>[], now: number): SlotAt<T> {
  const frameStart = now - (((now % FRAME_MS) + FRAME_MS) % FRAME_MS);
  let slotEnd = frameStart;
  for (const { interrupt, sharePercent } of interrupts) {
    const slotStart = slotEnd;
    slotEnd = Math.min(frameStart + FRAME_MS, slotStart + Math.round((FRAME_MS * sharePercent) / 100));
    if (now >= slotStart && now < slotEnd) return { interrupt, endsAt: slotEnd };
  }
  return { interrupt: undefined, endsAt: slotEnd > frameStart ? frameStart + FRAME_MS : undefined };
}
