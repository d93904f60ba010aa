/**
 * The web player in Chromium, against a fake host (fake-player-host.ts): what a viewer of the
 * screen would notice. Zones where the grid puts them at three screen sizes, a long notice paged
 * with nothing clipped and a ticker moving; a pushed schedule on screen at once with unchanged
 * zones keeping their place; video after video without a black frame, and a video that will not
 * start given up after 5 s; PDF pages in turn with no empty frame, sharp at 1080p and 4K, and a
 * PDF that cannot be read shown as its card and reported; an emergency alert taking the screen and
 * giving it back; proof of play; the idle screen and the screen off. Waits are for DOM state and
 * events, never for time.
 * One browser serves every test.
 */
import { after, before, test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import {
  presetLayout,
  type KioskAlert,
  type Layout,
  type LayoutPreset,
  type MediaRef,
  type Orientation,
  type PlayerNotice,
  type PlayerView,
  type PlaylistItem,
  type SignageSchedule,
  type Transition,
} from '@linli/protocol';
import { launchChromium } from '../../../test/e2e/browser';
import { startFakePlayerHost } from './fake-player-host';
import type { RendererBundle } from '../../../kiosk-app/shells/common/renderer-assets';
import { buildPlayerPage } from '../../shells/browser/player-page';
import { openPlayerPage, SCREENS } from './player-page';
import { recordTestVideos } from './test-videos';
import { A4, cjkTestPdf, corruptPdf } from './test-pdfs';

let browser: Browser;
let bundle: RendererBundle;
before(async () => {
  [bundle, browser] = await Promise.all([buildPlayerPage(['https://www.gov.cn']), launchChromium()]);
});
after(() => browser.close());

const DEVICE_NAME = '临江社区服务站 · 大厅屏';
const TICKER_TEXT = '社区服务站今日开放时间 8:30—17:30，欢迎居民前来办理业务。';

const NOTICE: PlayerNotice = {
  id: 'notice-gas',
  kind: 'announcement',
  title: '关于开展冬季入户燃气安全检查的通知',
  issuer: '安和街道临江社区居民委员会',
  publishAt: '2026-12-01T09:00:00+08:00',
  body: [
    '为进一步做好辖区居民冬季取暖安全工作，切实保障人民群众生命财产安全，社区定于12月5日至12月20日开展入户燃气安全检查。届时工作人员将佩戴工作证上门，请居民朋友予以配合。',
    '检查内容包括：燃气管道及阀门是否老化、燃气灶具是否使用熄火保护装置、连接软管是否超过使用年限、室内通风是否良好等。对检查中发现的隐患，工作人员将当场告知并指导整改。',
    '温馨提示：燃气安全检查不收取任何费用，不推销任何产品。如有人以检查为名推销产品或收取费用，请立即拨打社区电话0571-88886666举报。',
    '冬季是燃气事故的高发期，请大家养成良好的用气习惯：用气时不离人，用完关闭阀门；发现燃气泄漏，切勿开关电器、拨打电话，应立即打开门窗通风，到室外安全地点拨打燃气公司抢修电话。',
    '检查期间家中无人的住户，可与社区预约检查时间。预约方式：工作日8:30至17:30到社区服务站一楼大厅登记，或拨打社区电话预约；行动不便的老年人可由网格员上门登记。',
    '检查结束后，社区将汇总检查情况并在本屏及社区公告栏公布整改进度，欢迎居民监督。',
    '感谢广大居民的理解与支持！',
  ].join('\n\n'),
};

const RAINSTORM: KioskAlert = {
  id: 'rainstorm',
  test: false,
  severity: 'Extreme',
  urgency: 'Immediate',
  certainty: 'Likely',
  event: '暴雨红色预警',
  headline: '临江市气象台发布暴雨红色预警信号',
  senderName: '临江市气象台',
  description: '预计未来3小时内临江社区将出现100毫米以上降雨，并伴有雷电和短时大风，低洼地区积涝风险极高。',
  instruction: '停止集会、停课、停业（除特殊行业外）；居民避免外出，远离低洼地带和地下空间。',
  contact: '0571-12121',
  areaDesc: ['安和街道临江社区'],
  sent: '2026-07-01T08:30:00+08:00',
  effective: '2026-07-01T08:30:00+08:00',
  expires: null,
  locale: 'zh-Hans',
};

const DRILL: KioskAlert = {
  ...RAINSTORM,
  id: 'drill',
  test: true,
  severity: 'Minor',
  event: '应急疏散演练',
  headline: '临江社区应急疏散演练',
  senderName: '安和街道应急管理办公室',
  description: '今日上午10时进行应急疏散演练。',
  instruction: null,
};

const text = (id: string, words: string, durationSec: number): PlaylistItem => ({
  id,
  kind: 'text',
  text: words,
  durationSec,
});

const video = (id: string, media: MediaRef, transition: Transition): PlaylistItem => ({
  id,
  kind: 'video',
  media,
  lengthSec: 1.5,
  transition,
});

const pdf = (id: string, media: MediaRef, pageCount: number, pageSec = 1): PlaylistItem => ({
  id,
  kind: 'pdf',
  media,
  pageCount,
  pageSec,
});

function layoutOf(
  preset: LayoutPreset,
  orientation: Orientation,
  id: string,
  playlists: Record<string, PlaylistItem[]>,
): Layout {
  const layout = presetLayout(preset, orientation, id);
  for (const zone of layout.zones) zone.playlist = playlists[zone.id] ?? [];
  return layout;
}

function scheduleOf(layouts: Layout[], extra: Partial<SignageSchedule> = {}): SignageSchedule {
  return { timeZone: 'Asia/Shanghai', layouts, entries: [], defaultLayoutId: layouts[0]!.id, ...extra };
}

function viewOf(schedule: SignageSchedule | null, extra: Partial<PlayerView> = {}): PlayerView {
  return {
    deviceName: DEVICE_NAME,
    profile: 'signage',
    tvChannels: [],
    online: true,
    lastSyncAt: null,
    publication: schedule && { id: 'publication-7', version: 7, title: '大厅屏', schedule },
    notices: [NOTICE],
    alerts: [],
    webOrigins: [],
    serverOffsetMs: 0,
    ...extra,
  };
}

/** A host serving `view` and a page on it, both closed when the test ends; the test ends with no page errors. */
async function startPlayer(
  t: TestContext,
  view: PlayerView,
  screen: { width: number; height: number } = SCREENS.landscape,
) {
  const host = await startFakePlayerHost(bundle, view);
  const player = await openPlayerPage(browser, host, screen);
  t.after(async () => {
    await player.close();
    await host.close();
  });
  return { host, ...player };
}

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

function assertBox(actual: Box | undefined, expected: Box, what: string) {
  assert.ok(actual, `${what}: no box`);
  for (const side of ['x', 'y', 'width', 'height'] as const) {
    assert.ok(
      Math.abs(actual[side] - expected[side]) <= 1,
      `${what} ${side}: ${actual[side]}, expected ${expected[side]}`,
    );
  }
}

test('a main + ticker layout at 1920×1080, 1080×1920 and 3840×2160: zones where the grid says, the notice paged with nothing clipped, the ticker moving', async (t) => {
  for (const [name, screen] of Object.entries(SCREENS)) {
    const orientation = screen.height > screen.width ? 'portrait' : 'landscape';
    const layout = layoutOf('main-ticker', orientation, 'hall', {
      main: [{ id: 'notice', kind: 'notice', noticeId: NOTICE.id, durationSec: 2 }],
      ticker: [{ id: 'ticker', kind: 'ticker', text: TICKER_TEXT, durationSec: 60 }],
    });
    const { page, errors } = await startPlayer(t, viewOf(scheduleOf([layout])), screen);
    await page.waitForSelector('.layer.shown .notice[data-page]');

    const boxes = await page.evaluate(() =>
      Object.fromEntries(
        [...document.querySelectorAll<HTMLElement>('.zone')].map((zone) => {
          const { x, y, width, height } = zone.getBoundingClientRect();
          return [zone.dataset.zoneId, { x, y, width, height }];
        }),
      ),
    );
    const row = screen.height / 12;
    assertBox(boxes.main, { x: 0, y: 0, width: screen.width, height: 11 * row }, `${name} main`);
    assertBox(boxes.ticker, { x: 0, y: 11 * row, width: screen.width, height: row }, `${name} ticker`);

    // Every page in turn: on screen, inside its zone, its text not overflowing; together the whole notice.
    const foot = await page.textContent('.layer.shown .notice .notice-foot');
    const pageCount = Number(foot?.split('/')[1]);
    assert.ok(pageCount >= 2, `${name}: the long notice should need pages, it has ${pageCount}`);
    const pageTexts: string[] = [];
    for (let index = 0; index < pageCount; index++) {
      const handle = await page.waitForFunction((wanted) => {
        const sheet = document.querySelector<HTMLElement>('.layer.shown .notice:not(.measuring)');
        if (sheet?.dataset.page !== String(wanted)) return null;
        const body = sheet.querySelector('.notice-body')!;
        const zone = sheet.closest('.zone')!.getBoundingClientRect();
        const box = sheet.getBoundingClientRect();
        return {
          bodyFits: body.scrollHeight <= body.clientHeight,
          sheetFits: sheet.scrollHeight <= sheet.clientHeight,
          insideZone:
            box.left >= zone.left && box.right <= zone.right && box.top >= zone.top && box.bottom <= zone.bottom,
          visible: getComputedStyle(sheet).visibility === 'visible',
          title: sheet.querySelector('.notice-title, .notice-title-again')?.textContent,
          text: body.textContent ?? '',
        };
      }, index);
      const sheet = (await handle.jsonValue())!;
      assert.ok(sheet.bodyFits && sheet.sheetFits, `${name} page ${index + 1}: text overflows`);
      assert.ok(sheet.insideZone && sheet.visible, `${name} page ${index + 1}: not on screen inside its zone`);
      assert.equal(sheet.title, NOTICE.title);
      pageTexts.push(sheet.text);
    }
    assert.equal(pageTexts.join('').replace(/\s/g, ''), NOTICE.body.replace(/\s/g, ''), `${name}: text lost in paging`);

    const ticker = await page.evaluate(() => {
      const strip = document.querySelector('.ticker-strip')!;
      return {
        shift: new DOMMatrix(getComputedStyle(strip).transform).m41,
        covers: strip.getBoundingClientRect().width >= strip.closest('.zone')!.getBoundingClientRect().width,
        text: strip.querySelector('.ticker-copy')?.textContent,
      };
    });
    assert.equal(ticker.text, TICKER_TEXT);
    assert.ok(ticker.covers, `${name}: the ticker's copies leave part of its zone empty`);
    await page.waitForFunction(
      (before) =>
        Math.abs(new DOMMatrix(getComputedStyle(document.querySelector('.ticker-strip')!).transform).m41 - before) > 10,
      ticker.shift,
    );
    assert.deepEqual(errors, []);
  }
});

test('a schedule pushed by the host is on screen at once; a zone whose playlist did not change keeps its place', async (t) => {
  const side = [text('side-1', '第一条', 1), text('side-2', '第二条', 60)];
  const hall = (main: PlaylistItem[]) => layoutOf('main-side', 'landscape', 'hall', { main, side });
  const { host, page, errors } = await startPlayer(t, viewOf(scheduleOf([hall([text('welcome', '欢迎光临', 60)])])));
  await page.waitForSelector('.zone[data-zone-id="side"][data-item-id="side-2"]');
  await page.evaluate(() => {
    document.querySelector<HTMLElement>('.zone[data-zone-id="side"] .layer.shown')!.dataset.testMark = 'kept';
  });

  const news = [text('news', '今日社区新闻', 60)];
  host.setView(viewOf(scheduleOf([hall(news)])));
  host.push('view-changed');
  await page.waitForSelector('.zone[data-zone-id="main"][data-item-id="news"]');
  const sideNow = await page.evaluate(() => {
    const zone = document.querySelector<HTMLElement>('.zone[data-zone-id="side"]')!;
    return { item: zone.dataset.itemId, mark: zone.querySelector<HTMLElement>('.layer.shown')?.dataset.testMark };
  });
  assert.deepEqual(sideNow, { item: 'side-2', mark: 'kept' }, 'the side zone started again');

  const board = layoutOf('full', 'landscape', 'board', { main: [text('guide', '办事指南', 60)] });
  const entries = [{ id: 'board-now', layoutId: 'board', priority: 10, createdAt: new Date().toISOString() }];
  host.setView(viewOf(scheduleOf([hall(news), board], { entries })));
  host.push('view-changed');
  await page.waitForSelector('.layout[data-layout-id="board"] .zone[data-item-id="guide"] .layer.shown');
  assert.equal(await page.locator('.layout[data-layout-id="hall"]').count(), 0);
  assert.deepEqual(errors, []);
});

test('video after video: the next one loads behind and comes to the front after its first frame, so no black frame shows', async (t) => {
  const { host, page, errors } = await startPlayer(t, viewOf(null));
  const [warm, cool] = await recordTestVideos(page, [10, 200], 2);
  const first = host.addMedia('first.webm', 'video/webm', warm!);
  const second = host.addMedia('second.webm', 'video/webm', cool!);
  host.setView(
    viewOf(
      scheduleOf([
        layoutOf('full', 'landscape', 'cinema', { main: [video('v1', first, 'none'), video('v2', second, 'fade')] }),
      ]),
    ),
  );
  host.push('view-changed');
  await page.waitForSelector('.zone[data-item-id="v1"]');

  // Every animation frame: what the zone shows on top, drawn small, must not be black.
  await page.evaluate(() => {
    const zone = document.querySelector('.zone[data-zone-id="main"]')!;
    const videos = [...zone.querySelectorAll('video')];
    // Frames each video presented since it was last told to play.
    const presented = new Map(videos.map((element) => [element, 0]));
    for (const element of videos) {
      element.addEventListener('play', () => presented.set(element, 0));
      const count = () => {
        presented.set(element, presented.get(element)! + 1);
        element.requestVideoFrameCallback(count);
      };
      element.requestVideoFrameCallback(count);
    }
    const canvas = document.createElement('canvas');
    canvas.width = 16;
    canvas.height = 9;
    const context = canvas.getContext('2d', { willReadFrequently: true })!;
    const watch = {
      samples: 0,
      blackFrames: 0,
      videoElements: videos.length,
      switches: [] as { to: string; framesShownBefore: number }[],
    };
    (window as unknown as { videoWatch: typeof watch }).videoWatch = watch;
    const onTop = () =>
      videos
        .filter((element) => getComputedStyle(element).visibility === 'visible')
        .sort((a, b) => Number(getComputedStyle(b).zIndex) - Number(getComputedStyle(a).zIndex))[0];
    let top = onTop();
    const sample = () => {
      const visible = onTop();
      if (visible && visible !== top) {
        watch.switches.push({ to: visible.dataset.itemId ?? '', framesShownBefore: presented.get(visible) ?? 0 });
        top = visible;
      }
      let black = !visible || visible.readyState < HTMLMediaElement.HAVE_CURRENT_DATA;
      if (visible && !black) {
        context.drawImage(visible, 0, 0, 16, 9);
        const pixels = context.getImageData(0, 0, 16, 9).data;
        let brightest = 0;
        for (let index = 0; index < pixels.length; index += 4) {
          brightest = Math.max(brightest, pixels[index]!, pixels[index + 1]!, pixels[index + 2]!);
        }
        black = brightest < 32;
      }
      watch.samples += 1;
      if (black) watch.blackFrames += 1;
      requestAnimationFrame(sample);
    };
    requestAnimationFrame(sample);
  });
  await page.waitForFunction(
    () => (window as unknown as { videoWatch: { switches: unknown[] } }).videoWatch.switches.length >= 2,
  );
  const watch = await page.evaluate(
    () =>
      (
        window as unknown as {
          videoWatch: {
            samples: number;
            blackFrames: number;
            videoElements: number;
            switches: { to: string; framesShownBefore: number }[];
          };
        }
      ).videoWatch,
  );
  assert.equal(watch.videoElements, 2, 'a zone with videos has two video elements');
  assert.deepEqual(
    watch.switches.slice(0, 2).map((each) => each.to),
    ['v2', 'v1'],
  );
  for (const each of watch.switches) {
    assert.ok(each.framesShownBefore >= 1, `${each.to} came to the front before presenting a frame`);
  }
  assert.ok(watch.samples > 60, `only ${watch.samples} frames sampled`);
  assert.equal(watch.blackFrames, 0, `${watch.blackFrames} black frames in ${watch.samples}`);
  assert.deepEqual(errors, []);
});

test('a video that has not started within 5 s is skipped: the zone moves on, and the host hears of it in the next alive beat', async (t) => {
  const { host, page, errors, warnings } = await startPlayer(t, viewOf(null));
  const stalled = host.addStalledMedia('stalled.webm', 'video/webm');
  const main = [{ ...video('stalled', stalled, 'none'), lengthSec: 30 }, text('after', '下一项', 60)];
  const ticker: PlaylistItem[] = [{ id: 'ticker', kind: 'ticker', text: TICKER_TEXT, durationSec: 60 }];
  const shownAt = Date.now();
  host.setView(viewOf(scheduleOf([layoutOf('main-ticker', 'landscape', 'hall', { main, ticker })])));
  host.push('view-changed');
  await page.waitForSelector('.zone[data-item-id="after"] .layer.shown', { timeout: 10_000 });
  const waitedMs = Date.now() - shownAt;
  assert.ok(waitedMs >= 5000 && waitedMs < 8000, `moved on after ${waitedMs} ms`);
  assert.ok(warnings.includes('video-start-timeout stalled'), `warnings: ${warnings.join('; ')}`);
  // Brought forward by the skip, so well before the next regular beat.
  const beat = await host.waitForBeat((each) => each.skipped.length > 0, 3000);
  assert.deepEqual(beat.skipped, ['stalled']);
  assert.equal(beat.moving, true, 'the ticker runs: the screen should be moving');
  assert.equal(host.beats[0]?.moving, false, 'the first beat, before anything played, says still');
  assert.deepEqual(errors, []);
});

test('an emergency alert takes the whole screen in its severity colour; the playlists pause under it and go on when it clears', async (t) => {
  const schedule = scheduleOf([
    layoutOf('full', 'landscape', 'hall', { main: [text('first', '社区活动', 60), text('second', '第二项', 60)] }),
  ]);
  const { host, page, errors } = await startPlayer(t, viewOf(schedule));
  await page.waitForSelector('.zone[data-item-id="first"]');

  const alertScreen = () =>
    page.evaluate(() => {
      const screen = document.querySelector('.alert-screen')!;
      const { x, y, width, height } = screen.getBoundingClientRect();
      const content = document.querySelector('.alert-content')!.getBoundingClientRect();
      return {
        box: { x, y, width, height },
        background: getComputedStyle(screen).backgroundColor,
        text: screen.textContent ?? '',
        textOnScreen:
          content.top >= 0 && content.bottom <= innerHeight && content.left >= 0 && content.right <= innerWidth,
        layouts: document.querySelectorAll('.layout').length,
      };
    });

  host.setView(viewOf(schedule, { alerts: [RAINSTORM, DRILL] }));
  host.push('view-changed');
  await page.waitForSelector('.alert-screen[data-alert-id="rainstorm"]');
  const extreme = await alertScreen();
  assertBox(extreme.box, { x: 0, y: 0, ...SCREENS.landscape }, 'alert');
  assert.equal(extreme.background, 'rgb(179, 38, 30)');
  for (const part of [
    RAINSTORM.event,
    RAINSTORM.headline,
    RAINSTORM.description!,
    RAINSTORM.instruction!,
    RAINSTORM.senderName,
    '特别严重',
    '另有 1 条预警',
  ]) {
    assert.ok(extreme.text.includes(part), `the alert screen lacks ${part}`);
  }
  assert.ok(!extreme.text.includes('测试'));
  assert.ok(extreme.textOnScreen, 'the alert text runs off the screen');
  assert.equal(extreme.layouts, 0, 'the layout is still on screen under the alert');

  host.setView(viewOf(schedule, { alerts: [DRILL] }));
  host.push('view-changed');
  await page.waitForSelector('.alert-screen[data-alert-id="drill"]');
  const drill = await alertScreen();
  assert.equal(drill.background, 'rgb(28, 95, 168)');
  assert.ok(drill.text.includes('测试') && drill.text.includes(DRILL.headline));

  host.setView(viewOf(schedule));
  host.push('view-changed');
  // The first item had most of its minute left: it is back, not the next one.
  await page.waitForSelector('.zone[data-item-id="first"] .layer.shown');
  assert.equal(await page.locator('.alert-screen').count(), 0);
  assert.deepEqual(errors, []);
});

test('proof of play: every item that leaves the screen is reported with its ids and the time it was on screen', async (t) => {
  const began = Date.now();
  const schedule = scheduleOf([
    layoutOf('main-ticker', 'landscape', 'pop', {
      main: [text('p1', '第一项', 1), text('p2', '第二项', 1)],
      ticker: [{ id: 'news-ticker', kind: 'ticker', text: TICKER_TEXT, durationSec: 60 }],
    }),
  ]);
  const { host, page, errors } = await startPlayer(t, viewOf(schedule));
  const records = await host.waitForPlayed((played) =>
    ['p1', 'p2'].every((id) => played.some((each) => each.itemId === id)),
  );
  for (const record of records.filter((each) => each.zoneId === 'main')) {
    assert.equal(record.publicationId, 'publication-7');
    assert.equal(record.layoutId, 'pop');
    assert.ok(['p1', 'p2'].includes(record.itemId));
    const onScreenMs = Date.parse(record.endedAt) - Date.parse(record.startedAt);
    // The first play starts when the page first paints, a little after its item's start.
    assert.ok(
      onScreenMs > 500 && onScreenMs < 1500,
      `${record.itemId} on screen ${onScreenMs} ms, its item lasts 1000`,
    );
    assert.ok(Date.parse(record.startedAt) >= began);
  }

  // Leaving the page ends what is still on screen: the ticker's play is reported on the way out.
  const leaving = Date.now();
  await page.goto('about:blank');
  const all = await host.waitForPlayed((played) => played.some((each) => each.itemId === 'news-ticker'));
  const ticker = all.find((each) => each.itemId === 'news-ticker')!;
  assert.equal(ticker.zoneId, 'ticker');
  assert.ok(Date.parse(ticker.startedAt) <= Date.parse(records[0]!.startedAt) + 500);
  assert.ok(Date.parse(ticker.endedAt) >= leaving && Date.parse(ticker.endedAt) <= Date.now());
  assert.deepEqual(errors, []);
});

test("before any publication the screen shows its name, the clock and 等待发布内容; outside operating hours it is black, by the admin server's clock", async (t) => {
  const { host, page, errors } = await startPlayer(t, viewOf(null));
  const idle = await page.evaluate(() => ({
    text: document.querySelector('.idle-screen')?.textContent ?? '',
    clock: document.querySelector('.idle-screen .clock-lines')?.getAttribute('aria-label') ?? '',
  }));
  assert.ok(idle.text.includes(DEVICE_NAME) && idle.text.includes('等待发布内容'));
  assert.match(idle.clock, /^\d{4}年\d{1,2}月\d{1,2}日 星期[一二三四五六日] \d{2}:\d{2}$/);

  // Operating hours that begin two hours from now (on the screen's clock, every day of the week).
  const now = Date.now();
  const hour = Number(
    new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Shanghai', hour: '2-digit', hourCycle: 'h23' }).format(now),
  );
  const clock = (hours: number) => `${String(hours % 24).padStart(2, '0')}:00`;
  const operatingHours = [{ weekdays: [1, 2, 3, 4, 5, 6, 7], from: clock(hour + 2), to: clock(hour + 3) }];
  const cinema = layoutOf('full', 'landscape', 'hall', { main: [text('closed', '闭馆', 60)] });
  host.setView(viewOf(scheduleOf([cinema], { operatingHours })));
  host.push('view-changed');
  await page.waitForSelector('.player[data-state="off"]');
  const off = await page.evaluate(() => {
    const player = document.querySelector('.player')!;
    return {
      children: player.children.length,
      background: getComputedStyle(player).backgroundColor,
      text: document.body.innerText.trim(),
    };
  });
  assert.deepEqual(off, { children: 0, background: 'rgb(0, 0, 0)', text: '' });

  // The admin server's clock is about two and a half hours ahead of this box's, at half past the
  // hour the hall opens (Shanghai's hours begin with UTC's): by the server's time the hall is open,
  // and the screen follows the server.
  const serverOffsetMs = now - (now % 3600_000) + 2.5 * 3600_000 - now;
  host.setView({ ...viewOf(scheduleOf([cinema], { operatingHours })), serverOffsetMs });
  host.push('view-changed');
  await page.waitForSelector('.player[data-state="playing"]');
  assert.ok((await page.evaluate(() => document.body.innerText)).includes('闭馆'));
  assert.deepEqual(errors, []);
});

/** What a PDF zone showed, frame by frame (recorded in the page by watchPdfZone). */
interface PdfWatch {
  samples: number;
  /** Frames in which the zone showed nothing, or a PDF layer with no page drawn in it. */
  emptyFrames: number;
  /** The pages drawn on screen, in the order they came. */
  pages: string[];
  /**
   * Per page, when it came: the canvas drawn small (RGBA 16×16), its size and its zone's in device
   * pixels, when it came on screen and when it began to be drawn (performance.now()).
   */
  firstSeen: Record<
    string,
    {
      pixels: number[];
      canvas: [number, number];
      zone: [number, number];
      fit: string;
      shownAt: number;
      drawnAt: number;
    }
  >;
}

/** Records, every animation frame, what the main zone shows while it shows a PDF (window.pdfWatch). */
function watchPdfZone() {
  const watch: PdfWatch = { samples: 0, emptyFrames: 0, pages: [], firstSeen: {} };
  const onScreen: HTMLCanvasElement[] = [];
  Object.assign(window, { pdfWatch: watch, pdfCanvases: onScreen });
  // When each canvas began to be drawn (pdf.js asks a canvas for its context first).
  const drawnAt = new Map<HTMLCanvasElement, number>();
  const prototype = HTMLCanvasElement.prototype as unknown as { getContext: (...args: unknown[]) => unknown };
  const getContext = prototype.getContext;
  prototype.getContext = function (this: HTMLCanvasElement, ...args: unknown[]) {
    if (!drawnAt.has(this)) drawnAt.set(this, performance.now());
    return getContext.apply(this, args);
  };
  const small = document.createElement('canvas');
  small.width = small.height = 16;
  const context = small.getContext('2d', { willReadFrequently: true })!;
  let started = false;
  const sample = () => {
    requestAnimationFrame(sample);
    const zone = document.querySelector<HTMLElement>('.zone[data-zone-id="main"]');
    const shown = zone?.querySelector<HTMLElement>('.layer.shown');
    if (shown) started = true;
    if (!zone || !started) return;
    if (shown && !shown.classList.contains('layer-pdf')) return;
    watch.samples += 1;
    const sheet = shown?.querySelector<HTMLElement>('.pdf-sheet');
    const canvas = sheet?.querySelector('canvas');
    if (!sheet || !canvas || canvas.width === 0) {
      watch.emptyFrames += 1;
      return;
    }
    context.clearRect(0, 0, 16, 16);
    context.drawImage(canvas, 0, 0, 16, 16);
    const pixels = Array.from(context.getImageData(0, 0, 16, 16).data);
    if (!pixels.some((value, index) => index % 4 === 3 && value > 0)) watch.emptyFrames += 1;
    const page = sheet.dataset.page ?? '';
    if (watch.pages.at(-1) === page) return;
    watch.pages.push(page);
    onScreen.push(canvas);
    const box = zone.getBoundingClientRect();
    watch.firstSeen[page] = {
      pixels,
      canvas: [canvas.width, canvas.height],
      zone: [box.width * devicePixelRatio, box.height * devicePixelRatio],
      fit: getComputedStyle(canvas).objectFit,
      shownAt: performance.now(),
      drawnAt: drawnAt.get(canvas) ?? Number.NaN,
    };
  };
  requestAnimationFrame(sample);
}

/** The darkest pixel (mean of its channels, 0–255) in rows `from`…`to` of a 16×16 drawing. */
function darkestInRows(pixels: number[], from: number, to: number): number {
  let darkest = 255;
  for (let index = from * 16 * 4; index < (to + 1) * 16 * 4; index += 4) {
    darkest = Math.min(darkest, (pixels[index]! + pixels[index + 1]! + pixels[index + 2]!) / 3);
  }
  return darkest;
}

/** Mean difference per colour channel between two small drawings. */
function pixelDifference(a: number[], b: number[]): number {
  let sum = 0;
  for (let index = 0; index < a.length; index++) if (index % 4 !== 3) sum += Math.abs(a[index]! - b[index]!);
  return sum / ((a.length * 3) / 4);
}

/** Portrait A4 in a landscape zone: as tall as the zone in device pixels, so as sharp as the screen. */
function assertSharp(what: string, [width, height]: [number, number], [, zoneHeight]: [number, number]) {
  assert.ok(Math.abs(height - zoneHeight) <= 1, `${what}: ${height} px tall, its zone ${zoneHeight}`);
  const expectedWidth = (zoneHeight * A4.width) / A4.height;
  assert.ok(Math.abs(width - expectedWidth) <= 1, `${what}: ${width} px wide, expected ${expectedWidth}`);
}

test('a Chinese PDF plays as pages: page 1, then page 2 after its seconds, each drawn before its turn so the zone is never empty; contained and sharp at 1080p, drawn again at 4K when the window grows; its canvases freed when it leaves', async (t) => {
  const { host, page, errors, warnings } = await startPlayer(t, viewOf(null));
  const requests: string[] = [];
  page.on('requestfinished', (request) => requests.push(new URL(request.url()).pathname));
  const notice = await cjkTestPdf([
    { text: '社区通知 第一页', font: 'embedded', band: [0.75, 0.15, 0.18] },
    // A font not in the file: drawn only if the host serves pdf.js its CMaps.
    { text: '办事指南 第二页', font: 'not-embedded', band: [0.1, 0.4, 0.75] },
  ]);
  const media = host.addMedia('社区通知.pdf', 'application/pdf', notice);
  const board = (main: PlaylistItem[]) => viewOf(scheduleOf([layoutOf('full', 'landscape', 'board', { main })]));
  await page.evaluate(watchPdfZone);
  // The text first: pdf.js loads while it shows, as it does on a screen whose layout has PDFs.
  host.setView(board([text('before', '请看通知', 1), pdf('pdf', media, 2), text('after', '下一项', 60)]));
  host.push('view-changed');
  await page.waitForSelector('.zone[data-item-id="after"] .layer.shown');
  await page.waitForFunction(() => document.querySelector('.layer-pdf') === null);

  const watch = await page.evaluate(() => (window as unknown as { pdfWatch: PdfWatch }).pdfWatch);
  assert.deepEqual(watch.pages, ['0', '1'], 'pages on screen');
  assert.equal(watch.emptyFrames, 0, `${watch.emptyFrames} empty frames in ${watch.samples}`);
  assert.ok(watch.samples > 30, `only ${watch.samples} frames sampled`);
  const [first, second] = [watch.firstSeen['0']!, watch.firstSeen['1']!];
  assert.ok(pixelDifference(first.pixels, second.pixels) > 10, 'page 2 looks like page 1');
  // Each page's line of Chinese is drawn on white paper (page 2's only with the host's CMaps).
  for (const [index, seen] of [first, second].entries()) {
    assert.ok(darkestInRows(seen.pixels, 6, 8) < 128, `page ${index + 1}: its line of text is missing`);
    assert.ok(darkestInRows(seen.pixels, 11, 15) > 240, `page ${index + 1}: not on white paper`);
  }
  // Page 2 was drawn soon after page 1 came, not at its own turn (then it would have been late).
  const drawnAfterMs = second.drawnAt - first.shownAt;
  const turnAfterMs = second.shownAt - first.shownAt;
  assert.ok(
    drawnAfterMs < turnAfterMs / 2,
    `page 2 drawn ${drawnAfterMs} ms after page 1 came, shown after ${turnAfterMs}`,
  );
  assertSharp('page 1', first.canvas, first.zone);
  assertSharp('page 2', second.canvas, second.zone);
  assert.ok(first.fit === 'contain' && second.fit === 'contain');
  // Every canvas that was on screen is emptied once the item has left (its memory goes at once).
  const widths = await page.evaluate(() =>
    (window as unknown as { pdfCanvases: HTMLCanvasElement[] }).pdfCanvases.map((canvas) => canvas.width),
  );
  assert.deepEqual(widths, [0, 0], 'canvases left drawn');
  // pdf.js's files came from the player host, the CMap for the font not in the file included.
  for (const file of ['/pdfjs/pdf.worker.min.mjs', '/pdfjs/cmaps/UniGB-UCS2-H.bcmap'])
    assert.ok(requests.includes(file), `${file} not served; requests: ${requests.join(', ')}`);

  // The window grows to 4K under a page on screen: the page is drawn again at 4K, the old drawing
  // staying until the new one is done.
  host.setView(board([pdf('poster', media, 1, 60)]));
  host.push('view-changed');
  await page.waitForSelector('.zone[data-item-id="poster"] .layer.shown .pdf-sheet canvas');
  await page.setViewportSize(SCREENS.uhd);
  const uhd = await page.waitForFunction(() => {
    const canvas = document.querySelector<HTMLCanvasElement>('.layer.shown .pdf-sheet canvas');
    const zone = document.querySelector('.zone')!.getBoundingClientRect();
    if (!canvas || canvas.height < 2000) return null;
    return {
      canvas: [canvas.width, canvas.height],
      zone: [zone.width * devicePixelRatio, zone.height * devicePixelRatio],
    };
  });
  const { canvas, zone } = (await uhd.jsonValue())!;
  assertSharp('4K', canvas as [number, number], zone as [number, number]);
  const { emptyFrames } = await page.evaluate(() => (window as unknown as { pdfWatch: PdfWatch }).pdfWatch);
  assert.equal(emptyFrames, 0, 'an empty frame while the page was drawn again');
  assert.deepEqual(
    warnings.filter((each) => each.startsWith('pdf-')),
    [],
  );
  assert.deepEqual(errors, []);
});

test('a PDF that cannot be read, or lacks a page, shows the card naming the file for its time; the host hears of it in the next alive beat', async (t) => {
  const { host, page, errors, warnings } = await startPlayer(t, viewOf(null));
  const broken = host.addMedia('损坏的通知.pdf', 'application/pdf', corruptPdf());
  const onePage = await cjkTestPdf([{ text: '只有一页', font: 'embedded', band: [0.2, 0.6, 0.3] }]);
  const short = host.addMedia('只有一页.pdf', 'application/pdf', onePage);
  const layout = layoutOf('main-side', 'landscape', 'hall', {
    main: [pdf('broken', broken, 2), text('after-main', '下一项', 60)],
    side: [text('side-before', '公告', 1), pdf('short', short, 2), text('after-side', '下一项', 60)],
  });
  const shownAt = Date.now();
  host.setView(viewOf(scheduleOf([layout])));
  host.push('view-changed');

  const card = await page.waitForSelector('.zone[data-zone-id="main"] .layer.shown .pdf-card');
  assert.equal(await card.$eval('.pdf-name', (element) => element.textContent), '损坏的通知.pdf');
  // The side zone's PDF draws its one page, then shows the card for the page it does not have.
  await page.waitForSelector('.zone[data-zone-id="side"] .layer.shown .pdf-sheet[data-page="0"] canvas');
  const sideCard = await page.waitForSelector('.zone[data-zone-id="side"] .layer.shown .pdf-card');
  assert.equal(await sideCard.$eval('.pdf-page', (element) => element.textContent), '第 2 页 / 共 2 页');

  // The broken PDF keeps its two seconds, then the zone moves on.
  await page.waitForSelector('.zone[data-zone-id="main"][data-item-id="after-main"] .layer.shown');
  const waitedMs = Date.now() - shownAt;
  assert.ok(waitedMs >= 2000 && waitedMs < 4000, `moved on after ${waitedMs} ms`);

  const reported = () => host.beats.flatMap((beat) => beat.unreadable ?? []);
  await host.waitForBeat(() => reported().includes('broken') && reported().includes('short'), 5000);
  assert.deepEqual(reported().sort(), ['broken', 'short'], 'each play is reported once');
  // Which page of the corrupt file is first said unreadable depends on how soon it is drawn.
  assert.ok(
    warnings.some((warning) => warning.startsWith('pdf-unreadable broken ')),
    `warnings: ${warnings.join('; ')}`,
  );
  assert.ok(warnings.includes('pdf-unreadable short 2'), `warnings: ${warnings.join('; ')}`);
  assert.deepEqual(errors, []);
});
