import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { PlaylistItem } from '@linli/protocol';
import {
  continuesOnScreen,
  mediaUrl,
  videoLoops,
  webItemAllowed,
  zonePlaysVideo,
  zoneShowsPdf,
} from '../../web/item-content';
import { image, MEDIA } from '../fixtures';

test('media come from the page origin by SHA-256', () => {
  assert.equal(mediaUrl(MEDIA), `/media/${'a'.repeat(64)}`);
});

test('a web item loads only from an allowed origin, compared as origins', () => {
  const allowed = ['https://www.linjiang.gov.cn', 'http://intranet.example:8080'];
  assert.equal(webItemAllowed('https://www.linjiang.gov.cn/notices/1.html', allowed), true);
  assert.equal(webItemAllowed('https://WWW.LINJIANG.GOV.CN:443/', allowed), true, 'case and default port');
  assert.equal(webItemAllowed('http://intranet.example:8080/board', allowed), true);
  assert.equal(webItemAllowed('http://intranet.example/board', allowed), false, 'another port');
  assert.equal(webItemAllowed('http://www.linjiang.gov.cn/', allowed), false, 'another scheme');
  assert.equal(webItemAllowed('https://www.linjiang.gov.cn.evil.example/', allowed), false);
  assert.equal(webItemAllowed('not a url', allowed), false);
  assert.equal(webItemAllowed('https://www.linjiang.gov.cn/', []), false);
});

test('a ticker runs on into the next ticker with the same text, and only then', () => {
  const ticker = (id: string, text: string): PlaylistItem => ({ id, kind: 'ticker', text, durationSec: 30 });
  assert.equal(continuesOnScreen(ticker('a', '欢迎'), ticker('b', '欢迎')), true);
  assert.equal(continuesOnScreen(ticker('a', '欢迎'), ticker('b', '再见')), false);
  assert.equal(continuesOnScreen(image('a'), image('b')), false);
});

test('a video loops when its item lasts longer than the video, and zones with a video are known', () => {
  const video = (durationSec?: number) =>
    ({ id: 'v', kind: 'video', media: MEDIA, lengthSec: 12.5, durationSec }) as Extract<
      PlaylistItem,
      { kind: 'video' }
    >;
  assert.equal(videoLoops(video()), false);
  assert.equal(videoLoops(video(10)), false);
  assert.equal(videoLoops(video(30)), true);
  assert.equal(zonePlaysVideo({ playlist: [image('a'), video()] }), true);
  assert.equal(zonePlaysVideo({ playlist: [image('a')] }), false);
});

test('zones with a PDF are known (pdf.js loads as soon as one is on screen)', () => {
  const pdf: PlaylistItem = { id: 'p', kind: 'pdf', media: MEDIA, pageCount: 3, pageSec: 10 };
  assert.equal(zoneShowsPdf({ playlist: [image('a'), pdf] }), true);
  assert.equal(zoneShowsPdf({ playlist: [image('a')] }), false);
});
