/**
 * A programme's times as the banner and the guide write them: its listed slot (the occurrence's
 * start, its anchor, to anchor + durationMin) on the wall clock of the channel's zone, 19:30–20:00,
 * whatever part of it is actually on air (a more specific programme may cut into it).
 */
import type { TvAiring } from '@linli/protocol';
import { clockTime } from '../clock-text';

const MINUTE_MS = 60_000;

/** The listed slot of a programme airing (a filler stretch: the stretch itself). */
export function listedSlot(airing: TvAiring): { start: number; end: number } {
  return airing.programme
    ? { start: airing.anchor, end: airing.anchor + airing.programme.durationMin * MINUTE_MS }
    : { start: airing.start, end: airing.end };
}

/** 19:30–20:00 in `timeZone`. */
export function slotText(slot: { start: number; end: number }, timeZone: string): string {
  return `${clockTime(slot.start, timeZone)}–${clockTime(slot.end, timeZone)}`;
}

/** How far into its listed slot a programme is at `instant`, 0–1. */
export function slotProgress(slot: { start: number; end: number }, instant: number): number {
  if (slot.end <= slot.start) return 1;
  return Math.min(1, Math.max(0, (instant - slot.start) / (slot.end - slot.start)));
}
