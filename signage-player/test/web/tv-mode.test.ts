/**
 * The player's TV mode in Chromium against the stand-in host serving the real TV page
 * (buildPlayerPage(…, 'tv')): two boxes started a second apart show the same video frame; the
 * remote keys (digits, channel up/down, OK, the guide, Back) do what a viewer expects and never
 * leave the page; an Extreme alert takes the screen, a lesser one is a band over the picture.
 * Waits are for page state, never for time.
 */
import { after, before, test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import {
  PLAYER_HTTP,
  wallClockAt,
  type KioskAlert,
  type MediaRef,
  type PlayerView,
  type TvChannelSchedule,
} from '@linli/protocol';
import { launchChromium } from '../../../test/e2e/browser';
import type { RendererBundle } from '../../../kiosk-app/shells/common/renderer-assets';
import { buildPlayerPage } from '../../shells/browser/player-page';
import { startFakePlayerHost, type FakePlayerHost } from './fake-player-host';
import { openPlayerPage } from './player-page';
import { recordTestVideos } from './test-videos';
import { card, channelOf, programme, TIME_ZONE, tvView, video } from './tv-channels';

let browser: Browser;
let bundle: RendererBundle;
before(async () => {
  [bundle, browser] = await Promise.all([
    buildPlayerPage([], process.env.LINLI_PLAYER_PAGE_DIR, 'tv'),
    launchChromium(),
  ]);
});
after(() => browser.close());

async function startBox(t: TestContext, host: FakePlayerHost) {
  const player = await openPlayerPage(browser, host);
  t.after(() => player.close());
  return player;
}

async function startHost(t: TestContext, view: PlayerView) {
  const host = await startFakePlayerHost(bundle, view);
  t.after(() => host.close());
  return host;
}

/** A key as a remote's browser sends it: by name and code (`key` empty: the code alone, as old boxes do). */
async function remote(page: Page, init: { key?: string; keyCode?: number }) {
  await page.evaluate(({ key, keyCode }) => {
    const event = new KeyboardEvent('keydown', { key, keyCode, bubbles: true, cancelable: true } as KeyboardEventInit);
    document.body.dispatchEvent(event);
  }, init);
}

const airing = (page: Page) =>
  page.evaluate(() => {
    const screen = document.querySelector<HTMLElement>('.tv-screen');
    return screen && { channel: screen.dataset.channel, item: screen.dataset.item, kind: screen.dataset.itemKind };
  });

async function onChannel(page: Page, channelId: string) {
  await page.waitForSelector(`.tv-screen[data-channel="${channelId}"]`);
}

/** A file's length as Chromium reads it (a channel's item must say its video's own length). */
async function videoLengthSec(page: Page, media: MediaRef): Promise<number> {
  return page.evaluate(async (url) => {
    const element = document.createElement('video');
    element.src = url;
    await new Promise((resolve, reject) => {
      element.addEventListener('loadedmetadata', resolve, { once: true });
      element.addEventListener('error', () => reject(new Error(`cannot read ${url}`)), { once: true });
    });
    return element.duration;
  }, `${PLAYER_HTTP.mediaPath}${media.sha256}`);
}

interface Sample {
  now: number;
  item: string;
  itemStart: number;
  currentTime: number;
  playing: boolean;
}

/** What a box airs, read at once: the item, its start, and where its video is. */
const sample = (page: Page): Promise<Sample> =>
  page.evaluate(() => {
    const screen = document.querySelector<HTMLElement>('.tv-screen')!;
    const element = document.querySelector<HTMLVideoElement>('.tv-video-deck video.front[data-current]');
    return {
      now: Date.now(),
      item: screen.dataset.item ?? '',
      itemStart: Number(screen.dataset.itemStart),
      currentTime: element?.currentTime ?? -1,
      playing: element !== null && !element.paused,
    };
  });

/** The box plays its video on time, away from the item's edges (where one box may be a frame into the next). */
async function playingMidItem(page: Page, lengthSec: number) {
  await page.waitForFunction((lengthMs) => {
    const screen = document.querySelector<HTMLElement>('.tv-screen');
    const element = document.querySelector<HTMLVideoElement>('.tv-video-deck video.front[data-current]');
    if (!screen || !element || element.paused || element.dataset.driftMs === undefined) return false;
    const phase = Date.now() - Number(screen.dataset.itemStart);
    return phase > 600 && phase < lengthMs - 1200;
  }, lengthSec * 1000);
}

test('two boxes started a second apart show the same item at the same point, within 100 ms', async (t) => {
  const host = await startHost(t, tvView([]));
  const recorder = await startBox(t, host);
  await recorder.page.waitForSelector('.player[data-state="no-channels"]');
  const [bytes] = await recordTestVideos(recorder.page, [30], 4);
  const clip = host.addMedia('community.webm', 'video/webm', bytes!);
  const lengthSec = await videoLengthSec(recorder.page, clip);
  await recorder.close();
  // The filler loops the clip from local midnight: every box works out the same loop from the clock.
  const channel = channelOf('news', 1, '社区新闻', { filler: [video('clip', clip, lengthSec)] });
  host.setView(tvView([channel]));

  const first = await startBox(t, host);
  await playingMidItem(first.page, lengthSec);
  // The second box starts once the first has been up for a second.
  await first.page.waitForFunction(() => performance.now() > 1000);
  const second = await startBox(t, host);
  await playingMidItem(second.page, lengthSec);

  let samples: [Sample, Sample] | undefined;
  for (let attempt = 0; attempt < 5 && !samples; attempt++) {
    await Promise.all([playingMidItem(first.page, lengthSec), playingMidItem(second.page, lengthSec)]);
    const read = await Promise.all([sample(first.page), sample(second.page)]);
    if (read[0].itemStart === read[1].itemStart && read[0].playing && read[1].playing) samples = read;
  }
  assert.ok(samples, 'both boxes on the same airing of the clip');
  const [a, b] = samples;
  assert.equal(a.item, 'clip');
  assert.equal(b.item, 'clip');
  // Where each video is at one common instant.
  const instant = Math.max(a.now, b.now);
  const position = (each: Sample) => each.currentTime + (instant - each.now) / 1000;
  const scheduled = (instant - a.itemStart) / 1000;
  const apart = Math.abs(position(a) - position(b));
  t.diagnostic(
    `positions ${position(a).toFixed(3)} s and ${position(b).toFixed(3)} s, schedule ${scheduled.toFixed(3)} s`,
  );
  assert.ok(apart < 0.1, `the boxes are ${Math.round(apart * 1000)} ms apart`);
  for (const each of [a, b])
    assert.ok(
      Math.abs(position(each) - scheduled) < 0.1,
      `a box is off the channel's clock by ${position(each) - scheduled} s`,
    );
  assert.deepEqual([...first.errors, ...second.errors], []);
});

/** `hour` o'clock on the channels' wall clock, as a programme's start (hours wrap past midnight). */
const clock = (hour: number) => `${String((hour + 24) % 24).padStart(2, '0')}:00`;

test('the remote: digits tune, channel up/down wrap, OK shows now and next, the guide moves and tunes, Back closes and never leaves', async (t) => {
  const hour = Math.floor(wallClockAt(Date.now(), TIME_ZONE).msOfDay / 3_600_000);
  const news = channelOf('news', 1, '社区新闻', {
    programmes: [
      programme('evening', '晚间新闻', clock(hour - 1), 180, [card('headlines', '今日要闻', 60)]),
      programme('health', '健康讲座', clock(hour + 2), 60, [card('talk', '冬季养生', 60)]),
    ],
  });
  const council = channelOf('council', 5, '政务频道', {
    programmes: [programme('meeting', '居民议事会', clock(hour - 1), 240, [card('agenda', '议程', 60)])],
  });
  const life = channelOf('life', 12, '生活频道', { filler: [card('weather', '天气预报', 30)] });
  const host = await startHost(t, tvView([life, council, news]));
  const { page, errors } = await startBox(t, host);
  await onChannel(page, 'news');
  const start = await page.evaluate(() => {
    (window as unknown as { tvMark: string }).tvMark = 'same page';
    return { url: window.location.href, cursor: getComputedStyle(document.querySelector('.tv')!).cursor };
  });
  assert.equal(start.cursor, 'none', 'no pointer on a TV');
  assert.deepEqual(await airing(page), { channel: 'news', item: 'headlines', kind: 'card' });

  // 1, 2: the number shows, then tunes by itself after the wait.
  await page.keyboard.press('1');
  await page.keyboard.press('2');
  await page.waitForSelector('.tv-digits[data-digits="12"]');
  await onChannel(page, 'life');
  assert.equal(await page.locator('.tv-digits').count(), 0);
  // 5 and OK: at once. 99: no such channel, the box says so and stays.
  await page.keyboard.press('5');
  await page.keyboard.press('Enter');
  await onChannel(page, 'council');
  await page.keyboard.press('9');
  await page.keyboard.press('9');
  await page.keyboard.press('Enter');
  await page.waitForSelector('.tv-no-channel[data-number="99"]');
  assert.match((await page.textContent('.tv-no-channel')) ?? '', /没有 99 频道/);
  assert.equal((await airing(page))?.channel, 'council');

  // Channel up from 12 wraps to 1 (PageUp, as Chromium delivers Android's CHANNEL_UP); down from 1 wraps to 12 (IPTV's 258).
  await page.keyboard.press('1');
  await page.keyboard.press('2');
  await page.keyboard.press('Enter');
  await onChannel(page, 'life');
  await page.keyboard.press('PageUp');
  await onChannel(page, 'news');
  await remote(page, { keyCode: 258 });
  await onChannel(page, 'life');
  await remote(page, { key: 'ChannelUp', keyCode: 33 });
  await onChannel(page, 'news');

  // OK: the banner with the channel, now and next and their listed times.
  await page.keyboard.press('Enter');
  const banner = page.locator('.tv-banner[data-channel="news"]');
  await banner.waitFor();
  assert.equal(await banner.locator('.tv-banner-number').textContent(), '1');
  assert.equal(await banner.locator('.tv-banner-name').textContent(), '社区新闻');
  assert.equal(await banner.locator('.tv-banner-now .tv-banner-title').textContent(), '晚间新闻');
  assert.equal(
    await banner.locator('.tv-banner-now .tv-banner-times').textContent(),
    `${clock(hour - 1)}–${clock(hour + 2)}`,
  );
  assert.equal(await banner.locator('.tv-banner-next .tv-banner-title').textContent(), '健康讲座');
  assert.equal(
    await banner.locator('.tv-banner-next .tv-banner-times').textContent(),
    `${clock(hour + 2)}–${clock(hour + 3)}`,
  );
  assert.equal(await banner.locator('.tv-progress').count(), 1);
  // Back closes it (Backspace: an IPTV box's Back, code 8); Back on the bare channel shows it (HbbTV's 461), Tizen's 10009 closes it.
  await page.keyboard.press('Backspace');
  await banner.waitFor({ state: 'detached' });
  await remote(page, { keyCode: 461 });
  await banner.waitFor();
  await remote(page, { keyCode: 10009 });
  await banner.waitFor({ state: 'detached' });

  // The guide (HbbTV's green key): on 社区新闻's programme now; right to the next, down keeps the time.
  await remote(page, { keyCode: 404 });
  const guide = page.locator('.tv-guide');
  await guide.waitFor();
  const focus = () =>
    guide.evaluate((element: HTMLElement) => [element.dataset.focusChannel, element.dataset.focusTitle]);
  assert.deepEqual(await focus(), ['news', '晚间新闻']);
  assert.equal(await guide.locator('.tv-guide-row[data-channel]').count(), 3);
  assert.equal(await guide.locator('.tv-guide-now').count(), 3, 'a current-time line in every row');
  assert.equal(await guide.locator('.tv-guide-cell.focused').textContent(), '晚间新闻');
  await page.keyboard.press('ArrowRight');
  await page.waitForSelector('.tv-guide[data-focus-title="健康讲座"]');
  assert.match((await guide.locator('.tv-guide-detail-state').textContent()) ?? '', /尚未开始/);
  // OK on a programme not yet on air does nothing.
  await page.keyboard.press('Enter');
  await page.keyboard.press('ArrowLeft');
  await page.waitForSelector('.tv-guide[data-focus-title="晚间新闻"]');
  await page.keyboard.press('ArrowDown');
  await page.waitForSelector('.tv-guide[data-focus-channel="council"][data-focus-title="居民议事会"]');
  await page.keyboard.press('Enter');
  await guide.waitFor({ state: 'detached' });
  await onChannel(page, 'council');

  // The browser's own Back (a box whose back key the browser handles) is Back too, and the page stays:
  // it closes the banner OK showed, then shows it on the bare channel.
  await page.keyboard.press('Enter');
  const councilBanner = page.locator('.tv-banner[data-channel="council"]');
  await councilBanner.waitFor();
  await page.goBack();
  await councilBanner.waitFor({ state: 'detached' });
  await page.goBack();
  await councilBanner.waitFor();
  // The guide opened by its key name, closed by a BrowserBack key.
  await remote(page, { key: 'Guide' });
  await guide.waitFor();
  await councilBanner.waitFor({ state: 'detached' });
  await remote(page, { key: 'BrowserBack', keyCode: 166 });
  await guide.waitFor({ state: 'detached' });
  const end = await page.evaluate(() => ({
    url: window.location.href,
    mark: (window as unknown as { tvMark?: string }).tvMark,
  }));
  assert.deepEqual(end, { url: start.url, mark: 'same page' }, 'the same page, never navigated away');
  assert.equal((await airing(page))?.channel, 'council');
  assert.deepEqual(errors, []);
});

const STORM: KioskAlert = {
  id: 'rainstorm',
  test: false,
  severity: 'Extreme',
  urgency: 'Immediate',
  certainty: 'Likely',
  event: '暴雨红色预警',
  headline: '临江市气象台发布暴雨红色预警信号',
  senderName: '临江市气象台',
  description: '预计未来3小时内将出现100毫米以上降雨。',
  instruction: '居民避免外出，远离低洼地带和地下空间。',
  contact: '0571-12121',
  areaDesc: ['安和街道临江社区'],
  sent: '2026-07-01T08:30:00+08:00',
  effective: '2026-07-01T08:30:00+08:00',
  expires: null,
  locale: 'zh-Hans',
};

test('an Extreme alert takes the screen from the channel; a Moderate one is a band over the picture', async (t) => {
  const news = channelOf('news', 1, '社区新闻', { filler: [card('headlines', '今日要闻', 60)] });
  const council = channelOf('council', 5, '政务频道', { filler: [card('agenda', '议程', 60)] });
  const host = await startHost(t, tvView([news, council]));
  const { page, errors } = await startBox(t, host);
  await onChannel(page, 'news');

  host.setView(tvView([news, council], { alerts: [STORM] }));
  host.push('view-changed');
  await page.waitForSelector('.player[data-state="alert"] .alert-screen[data-alert-id="rainstorm"][data-tone="red"]');
  assert.equal(await page.locator('.tv-screen').count(), 0, 'the channel is off the screen');
  assert.match((await page.textContent('.alert-screen')) ?? '', /暴雨红色预警/);
  // The remote changes nothing under it.
  await page.keyboard.press('5');
  await page.keyboard.press('Enter');
  await remote(page, { keyCode: 404 });
  assert.equal(await page.locator('.tv-guide, .tv-digits').count(), 0);

  const moderate: KioskAlert = {
    ...STORM,
    id: 'wind',
    severity: 'Moderate',
    event: '大风黄色预警',
    headline: '大风黄色预警',
  };
  host.setView(tvView([news, council], { alerts: [moderate] }));
  host.push('view-changed');
  await page.waitForSelector('.tv-alert-band[data-alert-id="wind"]');
  await onChannel(page, 'news');
  assert.match((await page.textContent('.tv-alert-band')) ?? '', /较重.*大风黄色预警/);

  host.setView(tvView([news, council]));
  host.push('view-changed');
  await page.waitForSelector('.tv-alert-band', { state: 'detached' });
  await onChannel(page, 'news');
  assert.deepEqual(errors, []);
});

// A 1×1 PNG.
const PIXEL = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=',
  'base64',
);

test('each kind of item full screen: a notice, a missing notice as the channel card, a spotlight, an image, live', async (t) => {
  const notice = {
    id: 'notice-gas',
    kind: 'announcement' as const,
    title: '关于开展冬季入户燃气安全检查的通知',
    body: '社区定于12月5日至12月20日开展入户燃气安全检查，请居民朋友予以配合。',
    issuer: '临江社区居民委员会',
    publishAt: '2026-12-01T09:00:00+08:00',
  };
  const host = await startHost(t, tvView([]));
  const picture = host.addMedia('pixel.png', 'image/png', new Uint8Array(PIXEL));
  const only = (item: TvChannelSchedule['filler'][number]) => [item];
  const channels = [
    channelOf('notices', 1, '公告频道', {
      filler: only({ id: 'gas', kind: 'notice', noticeId: 'notice-gas', durationSec: 60 }),
    }),
    channelOf('withdrawn', 2, '旧公告', {
      filler: only({ id: 'old', kind: 'notice', noticeId: 'notice-old', durationSec: 60 }),
    }),
    channelOf('guides', 3, '办事频道', {
      filler: only({ id: 'id-card', kind: 'guide', guideId: 'g-1', durationSec: 60 }),
      spotlights: [{ guideId: 'g-1', title: '居民身份证换领', lines: ['带上旧证和户口簿', '一楼3号窗口'] }],
    }),
    channelOf('photos', 4, '图片频道', {
      filler: only({ id: 'pixel', kind: 'image', media: picture, durationSec: 60 }),
    }),
    channelOf('live', 5, '直播频道', {
      filler: only({ id: 'city', kind: 'live', url: 'http://127.0.0.1:9/live.m3u8', durationSec: 60 }),
    }),
  ];
  host.setView(tvView(channels, { notices: [notice] }));
  const { page, errors } = await startBox(t, host);
  await onChannel(page, 'notices');
  await page.waitForSelector('.tv-layer-notice .notice[data-page] .notice-title');
  assert.equal(await page.textContent('.notice[data-page] .notice-title'), notice.title);

  const tune = async (digit: string, channelId: string) => {
    await page.keyboard.press(digit);
    await page.keyboard.press('Enter');
    await onChannel(page, channelId);
  };
  await tune('2', 'withdrawn');
  assert.deepEqual(await airing(page), { channel: 'withdrawn', item: 'old', kind: 'ident' });
  assert.equal(await page.textContent('.tv-ident-number'), '2');
  assert.equal(await page.textContent('.tv-ident-name'), '旧公告');
  await tune('3', 'guides');
  assert.equal(await page.textContent('.tv-spotlight-title'), '居民身份证换领');
  await tune('4', 'photos');
  await page.waitForFunction(
    () => (document.querySelector<HTMLImageElement>('.tv-layer-image img')?.naturalWidth ?? 0) > 0,
  );
  await tune('5', 'live');
  // Native HLS where the box has it; else a card that says this box cannot show it.
  const hls = await page.evaluate(() => document.createElement('video').canPlayType('application/vnd.apple.mpegurl'));
  t.diagnostic(`native HLS in this Chromium: ${hls || 'no'}`);
  if (hls === '') assert.match((await page.textContent('.tv-message-title')) ?? '', /无法播放/);
  else await page.waitForSelector('.tv-layer-live video, .tv-message-title');
  assert.deepEqual(errors, []);
});
