/** Small rules about what a playlist item shows: where its file is, which web pages may load, what carries on. */
import { PLAYER_HTTP, type MediaRef, type PlaylistItem, type Zone } from '@linli/protocol';

/** The host serves every stored file by its SHA-256 on the page's own origin. */
export function mediaUrl(media: MediaRef): string {
  return `${PLAYER_HTTP.mediaPath}${media.sha256}`;
}

function originOf(url: string): string | null {
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}

/** A web item loads only from an origin the host allows (compared as origins: case and default ports aside). */
export function webItemAllowed(url: string, allowedOrigins: readonly string[]): boolean {
  const origin = originOf(url);
  return origin !== null && allowedOrigins.some((allowed) => originOf(allowed) === origin);
}

/**
 * The next item shows what is already on screen, so the screen does not change at all: a ticker
 * with the same text keeps scrolling where it is instead of starting again, a calling display of
 * the same hall stays as it is.
 */
export function continuesOnScreen(shown: PlaylistItem, next: PlaylistItem): boolean {
  if (shown.kind === 'queue-calls') return next.kind === 'queue-calls' && shown.hallId === next.hallId;
  return shown.kind === 'ticker' && next.kind === 'ticker' && shown.text === next.text;
}

/** Zones that may play videos keep two video elements, one playing and one loading the next. */
export function zonePlaysVideo(zone: Pick<Zone, 'playlist'>): boolean {
  return zone.playlist.some((item) => item.kind === 'video');
}

/** Zones that may show a PDF have pdf.js loaded before their first PDF comes. */
export function zoneShowsPdf(zone: Pick<Zone, 'playlist'>): boolean {
  return zone.playlist.some((item) => item.kind === 'pdf');
}

/** A video set to stay longer than its own length plays again from the start until its time is up. */
export function videoLoops(item: Extract<PlaylistItem, { kind: 'video' }>): boolean {
  return item.durationSec !== undefined && item.durationSec > item.lengthSec;
}
