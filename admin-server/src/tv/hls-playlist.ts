/**
 * The channel's live playlist (pure): what the segmenter reports, the sliding window of segments
 * written as an HLS media playlist with each segment's `#EXT-X-PROGRAM-DATE-TIME` (the wall-clock
 * instant its first frame airs, which the timeline gives exactly), and the reading of a playlist
 * written before (to go on with its media sequence numbers, and for tests).
 *
 * No `#EXT-X-DISCONTINUITY` is ever written: every segment is on the one timeline (timestamps are
 * the wall clock), every run is encoded with the same settings, so a restart leaves a hole in time,
 * never a change of timeline or format. No `#EXT-X-ENDLIST` either: the channel never ends.
 */
import { SEGMENT_PATTERN } from './stream-args';

/** Segments the playlist lists (about 20 s at the default segment length). */
export const PLAYLIST_SIZE = 10;
/** Segments kept on disk after leaving the playlist, for players still fetching them. */
export const SEGMENTS_KEPT_AFTER = 3;
export const PLAYLIST_NAME = 'index.m3u8';

/** A segment on disk and in the playlist. */
export interface HlsSegment {
  sequence: number;
  uri: string;
  durationSec: number;
  /** When its first frame airs (epoch ms). */
  startAt: number;
  bytes: number;
}

/** One line of the segmenter's CSV list: the file, where it starts and ends (seconds of timestamp). */
export interface SegmentReport {
  file: string;
  sequence: number;
  startSec: number;
  endSec: number;
}

const SEGMENT_NAME = new RegExp(`^${SEGMENT_PATTERN.replace('.', '\\.').replace('%d', '(\\d{1,10})')}$`);

/** The media sequence number in a segment's file name, when it is one of ours. */
export function sequenceOfSegment(file: string): number | undefined {
  const match = SEGMENT_NAME.exec(file);
  return match ? Number(match[1]) : undefined;
}

/** A segment's file name from its sequence number. */
export function segmentName(sequence: number): string {
  return SEGMENT_PATTERN.replace('%d', String(sequence));
}

/** A CSV line of the segment muxer (`seg-12.ts,1234.560000,1236.560000`), or undefined. */
export function readSegmentReport(line: string): SegmentReport | undefined {
  const fields = line.trim().split(',');
  if (fields.length !== 3) return undefined;
  const [file, start, end] = fields as [string, string, string];
  const sequence = sequenceOfSegment(file);
  const startSec = Number(start);
  const endSec = Number(end);
  if (sequence === undefined || !Number.isFinite(startSec) || !Number.isFinite(endSec) || start === '' || end === '')
    return undefined;
  return { file, sequence, startSec, endSec };
}

/** The target duration: the segment length, or the longest segment listed when one ran over. */
export function targetDuration(segments: Pick<HlsSegment, 'durationSec'>[], segmentSec: number): number {
  return Math.max(Math.ceil(segmentSec), ...segments.map((segment) => Math.round(segment.durationSec)));
}

/** An instant as PROGRAM-DATE-TIME writes it: ISO 8601 with milliseconds, in UTC. */
export function programDateTime(instant: number): string {
  return new Date(instant).toISOString();
}

/** The live playlist of `segments` (oldest first). */
export function renderPlaylist(segments: HlsSegment[], segmentSec: number): string {
  const lines = [
    '#EXTM3U',
    '#EXT-X-VERSION:3',
    `#EXT-X-TARGETDURATION:${targetDuration(segments, segmentSec)}`,
    `#EXT-X-MEDIA-SEQUENCE:${segments[0]?.sequence ?? 0}`,
    // Every segment starts with a keyframe (segments are cut at keyframes only).
    '#EXT-X-INDEPENDENT-SEGMENTS',
  ];
  for (const segment of segments)
    lines.push(
      `#EXT-X-PROGRAM-DATE-TIME:${programDateTime(segment.startAt)}`,
      `#EXTINF:${segment.durationSec.toFixed(3)},`,
      segment.uri,
    );
  return `${lines.join('\n')}\n`;
}

/** A media playlist read back: its sequence numbers, segments and dates. */
export interface ReadPlaylist {
  mediaSequence: number;
  targetDuration: number | undefined;
  segments: { sequence: number; uri: string; durationSec: number; programDateTime: number | undefined }[];
  discontinuities: number;
  ended: boolean;
}

/** A media playlist's text read (tags this output writes; others are passed over); undefined if not one. */
export function readPlaylist(text: string): ReadPlaylist | undefined {
  const lines = text.split(/\r?\n/).map((line) => line.trim());
  if (lines[0] !== '#EXTM3U') return undefined;
  const result: ReadPlaylist = {
    mediaSequence: 0,
    targetDuration: undefined,
    segments: [],
    discontinuities: 0,
    ended: false,
  };
  let duration: number | undefined;
  let date: number | undefined;
  for (const line of lines.slice(1)) {
    if (!line) continue;
    if (line.startsWith('#EXT-X-MEDIA-SEQUENCE:')) result.mediaSequence = Number(line.slice(22));
    else if (line.startsWith('#EXT-X-TARGETDURATION:')) result.targetDuration = Number(line.slice(22));
    else if (line.startsWith('#EXTINF:')) duration = Number(line.slice(8).split(',')[0]);
    else if (line.startsWith('#EXT-X-PROGRAM-DATE-TIME:')) date = Date.parse(line.slice(25));
    else if (line === '#EXT-X-DISCONTINUITY') result.discontinuities += 1;
    else if (line === '#EXT-X-ENDLIST') result.ended = true;
    else if (!line.startsWith('#')) {
      if (duration === undefined || !Number.isFinite(duration)) return undefined;
      result.segments.push({
        sequence: result.mediaSequence + result.segments.length,
        uri: line,
        durationSec: duration,
        programDateTime: date !== undefined && Number.isFinite(date) ? date : undefined,
      });
      duration = undefined;
      date = undefined;
    }
  }
  if (!Number.isInteger(result.mediaSequence) || result.mediaSequence < 0) return undefined;
  return result;
}

/** The sequence number to go on from after a playlist written before (0 when there is none). */
export function nextSequenceAfter(playlist: ReadPlaylist | undefined): number {
  if (!playlist) return 0;
  return playlist.mediaSequence + playlist.segments.length;
}

/** Bits per second over `segments` (null before there is any). */
export function bitrateOf(segments: Pick<HlsSegment, 'bytes' | 'durationSec'>[]): number | null {
  const seconds = segments.reduce((sum, segment) => sum + segment.durationSec, 0);
  if (seconds <= 0) return null;
  return Math.round((segments.reduce((sum, segment) => sum + segment.bytes, 0) * 8) / seconds);
}

/** The window after `segment` joins it: the newest PLAYLIST_SIZE, and those that fell out of it. */
export function slideWindow(
  window: HlsSegment[],
  segment: HlsSegment,
): { window: HlsSegment[]; dropped: HlsSegment[] } {
  const all = [...window, segment];
  const cut = Math.max(0, all.length - PLAYLIST_SIZE);
  return { window: all.slice(cut), dropped: all.slice(0, cut) };
}
