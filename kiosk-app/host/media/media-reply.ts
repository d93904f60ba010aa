/**
 * How the shells answer `/media/<sha256>` on the renderer's origin, pure: a stored file a held
 * notice references, whole or one byte range (video seeking), else 404. The shell streams the bytes.
 */
import { KIOSK_MEDIA_PATH, MEDIA_TYPES, parseByteRange } from '@linli/protocol';
import { isSha256 } from './media-plan';
import type { StoredMedia } from './media-sync';

export interface MediaReply {
  status: 200 | 206 | 404 | 416;
  headers: Record<string, string>;
  /** The bytes to send, `start` to `end` inclusive; absent when there are none. */
  body?: { path: string; start: number; end: number };
}

export function isMediaPath(pathname: string): boolean {
  return pathname.startsWith(KIOSK_MEDIA_PATH);
}

export function mediaReply(
  pathname: string,
  range: string | null | undefined,
  lookup: (sha256: string) => StoredMedia | undefined,
): MediaReply {
  const sha256 = pathname.slice(KIOSK_MEDIA_PATH.length);
  const media = isSha256(sha256) ? lookup(sha256) : undefined;
  // Only the types the media library accepts: nothing served here can be a page or a script.
  if (!media || !Object.hasOwn(MEDIA_TYPES, media.mime)) return { status: 404, headers: {} };
  const headers = {
    'content-type': media.mime,
    'accept-ranges': 'bytes',
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  };
  const wanted = parseByteRange(range, media.bytes);
  if (wanted === 'unsatisfiable')
    return { status: 416, headers: { ...headers, 'content-range': `bytes */${media.bytes}` } };
  const { start, end } = wanted === 'whole' ? { start: 0, end: media.bytes - 1 } : wanted;
  const body = end >= start ? { path: media.path, start, end } : undefined;
  const length = { 'content-length': String(end - start + 1) };
  if (wanted === 'whole') return { status: 200, headers: { ...headers, ...length }, body };
  return {
    status: 206,
    headers: { ...headers, ...length, 'content-range': `bytes ${start}-${end}/${media.bytes}` },
    body,
  };
}
