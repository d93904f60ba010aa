/** What a file is, from its first bytes (never from its name), for the media types we accept. */
import type { MediaMime } from '@linli/protocol';

const ascii = (bytes: Uint8Array, from: number, text: string) =>
  text.split('').every((char, i) => bytes[from + i] === char.charCodeAt(0));

export const SNIFF_BYTES = 16;

/**
 * The ISO base media file is also HEIC/AVIF (images), M4A (audio) and QuickTime: only these major
 * brands, at bytes 8–11 after the `ftyp` box type, are MP4 video a browser plays.
 */
const MP4_VIDEO_BRANDS = new Set([
  'isom',
  'iso2',
  'iso3',
  'iso4',
  'iso5',
  'iso6',
  'iso8',
  'iso9',
  'mp41',
  'mp42',
  'avc1',
  'dash',
  'M4V ',
]);
const majorBrand = (head: Uint8Array) => String.fromCharCode(...head.subarray(8, 12));

export function sniffMime(head: Uint8Array): MediaMime | undefined {
  if ([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a].every((byte, i) => head[i] === byte)) return 'image/png';
  if (head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return 'image/jpeg';
  if (ascii(head, 0, 'GIF87a') || ascii(head, 0, 'GIF89a')) return 'image/gif';
  if (ascii(head, 0, 'RIFF') && ascii(head, 8, 'WEBP')) return 'image/webp';
  if (ascii(head, 0, '%PDF-')) return 'application/pdf';
  if (ascii(head, 4, 'ftyp') && MP4_VIDEO_BRANDS.has(majorBrand(head))) return 'video/mp4';
  if ([0x1a, 0x45, 0xdf, 0xa3].every((byte, i) => head[i] === byte)) return 'video/webm';
  return undefined;
}
