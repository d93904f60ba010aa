/** The live playlist: the segmenter's reports read, the sliding window written and read back, the bit rate. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  PLAYLIST_SIZE,
  bitrateOf,
  nextSequenceAfter,
  readPlaylist,
  readSegmentReport,
  renderPlaylist,
  segmentName,
  sequenceOfSegment,
  slideWindow,
  targetDuration,
  type HlsSegment,
} from '../src/tv/hls-playlist';

const start = Date.UTC(2026, 11, 5, 11, 0, 0);
const segment = (sequence: number, durationSec = 2): HlsSegment => ({
  sequence,
  uri: segmentName(sequence),
  durationSec,
  startAt: start + (sequence - 40) * 2000,
  bytes: 250_000,
});

describe('segment reports', () => {
  test("the segment muxer's CSV line: file, start and end", () => {
    assert.deepEqual(readSegmentReport('seg-41.ts,1796506492.400000,1796506494.400000\n'), {
      file: 'seg-41.ts',
      sequence: 41,
      startSec: 1796506492.4,
      endSec: 1796506494.4,
    });
    assert.equal(readSegmentReport('seg-0.ts,0.000000,95443.400000')?.startSec, 0);
    assert.equal(readSegmentReport('seg-2.ts,-1.317689,0.682311')?.startSec, -1.317689);
  });

  test('anything else is not a report', () => {
    for (const line of ['', 'seg-1.ts,1,2,3', 'other.ts,1,2', '../seg-1.ts,1,2', 'seg-1.ts,,2', 'seg-1.ts,a,2'])
      assert.equal(readSegmentReport(line), undefined, line);
    assert.equal(sequenceOfSegment('seg-12.ts'), 12);
    assert.equal(sequenceOfSegment('seg-12.ts.tmp'), undefined);
    assert.equal(sequenceOfSegment('index.m3u8'), undefined);
  });
});

describe('the playlist', () => {
  test('lists each segment with the instant it airs, in a live playlist that never ends', () => {
    const text = renderPlaylist([segment(40), segment(41, 1.96)], 2);
    assert.equal(
      text,
      [
        '#EXTM3U',
        '#EXT-X-VERSION:3',
        '#EXT-X-TARGETDURATION:2',
        '#EXT-X-MEDIA-SEQUENCE:40',
        '#EXT-X-INDEPENDENT-SEGMENTS',
        '#EXT-X-PROGRAM-DATE-TIME:2026-12-05T11:00:00.000Z',
        '#EXTINF:2.000,',
        'seg-40.ts',
        '#EXT-X-PROGRAM-DATE-TIME:2026-12-05T11:00:02.000Z',
        '#EXTINF:1.960,',
        'seg-41.ts',
        '',
      ].join('\n'),
    );
    assert.doesNotMatch(text, /ENDLIST|DISCONTINUITY/);
  });

  test('reads back what it writes', () => {
    const written = [segment(40), segment(41), segment(42, 0.5)];
    const read = readPlaylist(renderPlaylist(written, 2));
    assert.deepEqual(read, {
      mediaSequence: 40,
      targetDuration: 2,
      segments: written.map((s) => ({
        sequence: s.sequence,
        uri: s.uri,
        durationSec: s.durationSec,
        programDateTime: s.startAt,
      })),
      discontinuities: 0,
      ended: false,
    });
    assert.equal(nextSequenceAfter(read), 43);
    assert.equal(nextSequenceAfter(undefined), 0);
  });

  test('reads the tags of other writers too, and refuses what is not a playlist', () => {
    const read = readPlaylist(
      '#EXTM3U\n#EXT-X-MEDIA-SEQUENCE:7\n#EXTINF:4,\na.ts\n#EXT-X-DISCONTINUITY\n#EXTINF:3.5,\nb.ts\n#EXT-X-ENDLIST\n',
    );
    assert.equal(read?.segments.length, 2);
    assert.equal(read?.segments[1]?.sequence, 8);
    assert.equal(read?.discontinuities, 1);
    assert.equal(read?.ended, true);
    assert.equal(readPlaylist('<html>'), undefined);
    assert.equal(readPlaylist('#EXTM3U\nno-duration.ts\n'), undefined);
  });

  test('the target duration is the segment length, or the longest segment listed when one ran over', () => {
    assert.equal(targetDuration([], 2), 2);
    assert.equal(targetDuration([{ durationSec: 1.5 }], 1.5), 2);
    assert.equal(targetDuration([{ durationSec: 2.6 }, { durationSec: 2 }], 2), 3);
  });
});

describe('the window and the bit rate', () => {
  test(`keeps the newest ${PLAYLIST_SIZE} segments and hands back those that fall out`, () => {
    let window: HlsSegment[] = [];
    const dropped: number[] = [];
    for (let sequence = 0; sequence < PLAYLIST_SIZE + 3; sequence += 1) {
      const slid = slideWindow(window, segment(sequence));
      window = slid.window;
      dropped.push(...slid.dropped.map((s) => s.sequence));
    }
    assert.deepEqual(
      window.map((s) => s.sequence),
      Array.from({ length: PLAYLIST_SIZE }, (_, index) => index + 3),
    );
    assert.deepEqual(dropped, [0, 1, 2]);
  });

  test('bits per second over the segments listed', () => {
    assert.equal(bitrateOf([]), null);
    assert.equal(bitrateOf([segment(1), segment(2)]), 1_000_000);
    assert.equal(bitrateOf([{ bytes: 100, durationSec: 0 }]), null);
  });
});
