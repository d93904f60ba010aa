/**
 * What a channel puts on screen (the item, its picture, its start, the next change, the video to
 * load behind), what the info banner says, the video's clock-keeping arithmetic and its two
 * elements' turns, and the words by language.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { MediaRef, PlayerNotice } from '@linli/protocol';
import { bannerContent } from '../../web/tv/info-banner';
import { tvOnScreen } from '../../web/tv/tv-picture';
import { tvWords } from '../../web/tv/tv-words';
import { assignSlots, driftMs, holdMs, MAX_LEAD_MS, nextLeadMs, onTime, seekTargetSec } from '../../web/tv/video-sync';
import { at, card, channelOf, programme, video } from './tv-channels';

const MEDIA: MediaRef = { sha256: 'a'.repeat(64), bytes: 1000, mime: 'video/webm', name: 'clip.webm' };
const NOTICE: PlayerNotice = {
  id: 'notice-gas',
  kind: 'announcement',
  title: '燃气安全检查',
  body: '请居民配合。',
  issuer: '临江社区',
  publishAt: '2026-12-01T09:00:00+08:00',
};

const channel = channelOf('news', 1, '社区新闻', {
  programmes: [
    programme('service', '办事指南', '19:30', 30, [
      { id: 'spot', kind: 'guide', guideId: 'g-id-card', durationSec: 20 },
      { id: 'spot-gone', kind: 'guide', guideId: 'g-unknown', durationSec: 20 },
      { id: 'gas', kind: 'notice', noticeId: 'notice-gas', durationSec: 20 },
      { id: 'gone', kind: 'notice', noticeId: 'notice-withdrawn', durationSec: 20 },
      video('clip-1', MEDIA, 10),
      video('clip-2', MEDIA, 10),
      { id: 'live', kind: 'live', url: 'https://tv.example.cn/live.m3u8', durationSec: 30 },
      { id: 'pic', kind: 'image', media: { ...MEDIA, mime: 'image/jpeg' }, durationSec: 20 },
    ]),
    programme('health', '健康讲座', '20:00', 45, [card('talk', '健康讲座', 60)]),
  ],
  spotlights: [{ guideId: 'g-id-card', title: '居民身份证办理', lines: ['带户口簿', '到一楼窗口'] }],
});
const empty = channelOf('empty', 3, '空频道');

test("each item as the picture it shows; a notice or guide not held, and no item at all, show the channel's card", () => {
  const start = at('2026-12-04', '19:30');
  const seen = (offsetSec: number) => tvOnScreen(channel, [NOTICE], start + offsetSec * 1000);
  assert.deepEqual(seen(5).picture, {
    kind: 'spotlight',
    spotlight: { guideId: 'g-id-card', title: '居民身份证办理', lines: ['带户口簿', '到一楼窗口'] },
  });
  assert.deepEqual(seen(25).picture, { kind: 'ident' }, 'a guide with no spotlight');
  assert.deepEqual(seen(45).picture, { kind: 'notice', notice: NOTICE, durationMs: 20_000 });
  assert.deepEqual(seen(65).picture, { kind: 'ident' }, 'a notice withdrawn: the filler card for its time');
  assert.equal(seen(85).picture.kind, 'video');
  assert.deepEqual(seen(105).picture, { kind: 'live', url: 'https://tv.example.cn/live.m3u8' });
  assert.deepEqual(seen(135).picture, { kind: 'image', media: { ...MEDIA, mime: 'image/jpeg' } });
  assert.deepEqual(tvOnScreen(empty, [], start).picture, { kind: 'ident' });
  assert.equal(tvOnScreen(empty, [], start).itemId, null);
});

test('the item, its start and the next change come from the clock; the video after a video is loaded behind', () => {
  const start = at('2026-12-04', '19:30');
  const clip = tvOnScreen(channel, [NOTICE], start + 83_500);
  assert.equal(clip.itemId, 'clip-1');
  assert.equal(clip.itemStart, start + 80_000);
  assert.equal(clip.nextAt, start + 90_000);
  assert.deepEqual(clip.upcoming, { item: channel.programmes[0]!.items[5], itemStart: start + 90_000 });
  assert.equal(tvOnScreen(channel, [NOTICE], start + 95_000).upcoming, null, 'a live item follows clip-2');
  // The programme's items loop: 170 s a round, so the second round's clip-1 starts 170 s later.
  assert.equal(tvOnScreen(channel, [NOTICE], start + 253_500).itemStart, start + 250_000);
  // The last round is cut by the next programme: the picture changes at 20:00.
  assert.equal(tvOnScreen(channel, [NOTICE], at('2026-12-04', '19:59:50')).nextAt, at('2026-12-04', '20:00'));
});

test('the banner: number, name, now and next with their listed times, and how far into now', () => {
  assert.deepEqual(bannerContent(channel, at('2026-12-04', '19:45')), {
    number: 1,
    name: '社区新闻',
    now: { title: '办事指南', times: '19:30–20:00', progress: 0.5 },
    next: { title: '健康讲座', times: '20:00–20:45' },
  });
  // Between programmes the filler plays: nothing listed now, the next is tomorrow's.
  assert.deepEqual(bannerContent(channel, at('2026-12-04', '21:00')), {
    number: 1,
    name: '社区新闻',
    now: { title: null, times: '', progress: null },
    next: { title: '办事指南', times: '19:30–20:00' },
  });
  assert.equal(bannerContent(empty, at('2026-12-04', '21:00')).next, null);
});

test('keeping the video on the clock: seek ahead by the lead, hold until the clock comes, a longer lead after a late seek', () => {
  const itemStart = 1_000_000;
  assert.equal(seekTargetSec(itemStart, itemStart + 2000, 250, 10), 2.25);
  assert.equal(seekTargetSec(itemStart, itemStart - 1000, 250, 10), 0, 'never before the start');
  assert.equal(seekTargetSec(itemStart, itemStart + 20_000, 250, 10), 9.95, 'never into the very end');
  assert.equal(holdMs(itemStart, 2.25, itemStart + 2100), 150, 'landed early: hold the frame 150 ms');
  assert.equal(holdMs(itemStart, 2.25, itemStart + 2400), -150, 'landed 150 ms late');
  assert.equal(nextLeadMs(250, 150), 525);
  assert.equal(nextLeadMs(2500, 2000), MAX_LEAD_MS);
  assert.equal(Math.round(driftMs(itemStart, itemStart + 2000, 2.03)), 30);
  assert.ok(onTime(30) && onTime(-40) && !onTime(41));
});

test('two video elements take turns: the current keeps its element, the next loads behind, the picture in view stays until replaced', () => {
  // First video: into an element, the next one into the other.
  assert.deepEqual(assignSlots([null, null], 'A', 'B', null), ['A', 'B']);
  // A ended, B (loaded behind) is current; A still in view until B has a frame: C must wait.
  assert.deepEqual(assignSlots(['A', 'B'], 'B', 'C', 'A'), ['A', 'B']);
  // B in view: C takes A's element.
  assert.deepEqual(assignSlots(['A', 'B'], 'B', 'C', 'B'), ['C', 'B']);
  // A jump (another video than the one loaded) takes the element not in view.
  assert.deepEqual(assignSlots(['A', 'B'], 'D', 'E', 'A'), ['A', 'D']);
  // No video now (an image): the next video loads behind, into a free element first.
  assert.deepEqual(assignSlots(['A', null], null, 'B', null), ['A', 'B']);
  assert.deepEqual(assignSlots(['A', 'C'], null, 'B', null), ['B', 'C']);
  assert.deepEqual(assignSlots(['A', 'B'], null, 'B', null), ['A', 'B']);
});

test("words: 简体 by default, 繁體 and English by the page's language", () => {
  assert.equal(tvWords(undefined).noChannelNumbered(9), '没有 9 频道');
  assert.equal(tvWords('zh-Hans').guideTitle, '节目指南');
  assert.equal(tvWords('zh-Hant').noListing, '暫無節目資訊');
  assert.equal(tvWords('zh-TW').onNow, '正在播出');
  assert.equal(tvWords('en-GB').upNext, 'Next');
  assert.equal(tvWords('fr').upNext, '下一节目');
});
