/** How long a playlist item stays on screen, when it may be shown, and which PDF page is up. */
import type { PlaylistItem } from '@linli/protocol';

/** A video plays its own length unless the item sets a duration; a PDF shows every page in turn. */
export function itemDurationMs(item: PlaylistItem): number {
  switch (item.kind) {
    case 'video':
      return Math.round((item.durationSec ?? item.lengthSec) * 1000);
    case 'pdf':
      return item.pageCount * item.pageSec * 1000;
    default:
      return item.durationSec * 1000;
  }
}

/** Shown from `validFrom` (included) until `validUntil` (excluded). */
export function itemValidAt(item: PlaylistItem, now: number): boolean {
  return (
    (item.validFrom === undefined || Date.parse(item.validFrom) <= now) &&
    (item.validUntil === undefined || Date.parse(item.validUntil) > now)
  );
}

/** The instants after `now` at which the item becomes valid or stops being valid. */
export function validityChangesAfter(item: PlaylistItem, now: number): number[] {
  return [item.validFrom, item.validUntil]
    .map((text) => (text === undefined ? NaN : Date.parse(text)))
    .filter((instant) => instant > now);
}

/** The PDF page (0-based) showing at `now` for an item started at `startedAt`, and when the next page turns. */
export function pdfPageAt(item: Extract<PlaylistItem, { kind: 'pdf' }>, startedAt: number, now: number) {
  const pageMs = item.pageSec * 1000;
  const page = Math.min(item.pageCount - 1, Math.max(0, Math.floor((now - startedAt) / pageMs)));
  return { page, turnsAt: startedAt + (page + 1) * pageMs };
}
