/**
 * A zone's playlist as the editor builds it (pure): the kinds of item in the order the editor
 * offers them, a new item of a kind with a sensible time on screen, and ids that stay unique
 * (the player keeps its place in a playlist by item id).
 */
import type { MediaItem, MediaRef, PlaylistItem, PlaylistItemKind } from '@linli/protocol';

/** Files from the media library first, then what the screen makes itself. */
export const ITEM_KINDS = [
  'image',
  'video',
  'pdf',
  'notice',
  'web',
  'clock',
  'text',
  'ticker',
  'queue-calls',
] as const satisfies readonly PlaylistItemKind[];

export type MediaItemKind = 'image' | 'video' | 'pdf';
export const isMediaKind = (kind: PlaylistItemKind): kind is MediaItemKind =>
  kind === 'image' || kind === 'video' || kind === 'pdf';

/** `prefix-1`, `prefix-2`, …: the first not in `taken`. */
export function unusedId(prefix: string, taken: Iterable<string>): string {
  const used = new Set(taken);
  let n = 1;
  while (used.has(`${prefix}-${n}`)) n++;
  return `${prefix}-${n}`;
}

/** A library file as an item refers to it (the server puts the library's own size and type on it again). */
export function mediaRefOf(file: MediaItem): MediaRef {
  return { sha256: file.sha256, bytes: file.bytes, mime: file.mime, name: file.name };
}

/**
 * A new item of `kind`: a ticker runs for a minute (it scrolls its text), a notice long enough to be
 * read, a web page half a minute, a calling display a minute (announcing its calls), anything else
 * ten seconds. A file item needs its file, a calling display its hall; a video starts at ten
 * seconds until its own length is known.
 */
export function newItem(kind: PlaylistItemKind, id: string, file?: MediaRef, hallId?: number): PlaylistItem | null {
  switch (kind) {
    case 'image':
      return file ? { id, kind, media: file, durationSec: 10 } : null;
    case 'video':
      return file ? { id, kind, media: file, lengthSec: 10 } : null;
    case 'pdf':
      return file ? { id, kind, media: file, pageCount: 1, pageSec: 10 } : null;
    case 'notice':
      return { id, kind, noticeId: '', durationSec: 15 };
    case 'web':
      return { id, kind, url: 'https://', durationSec: 30 };
    case 'clock':
      return { id, kind, show: 'date-time', durationSec: 10 };
    case 'text':
      return { id, kind, text: '', durationSec: 10 };
    case 'ticker':
      return { id, kind, text: '', durationSec: 60 };
    case 'queue-calls':
      return hallId === undefined ? null : { id, kind, hallId, durationSec: 60, announce: true };
  }
}
