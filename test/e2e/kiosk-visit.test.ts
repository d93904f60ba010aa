/**
 * Private visits in Chromium against the browser shell: the attract screen takes the first touch,
 * 结束办理 and the idle countdown wipe the visit, and elder mode changes what residents see.
 * The tests share one stack; the page's clock is the test's, so idle times pass at once.
 */
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { openKiosk, reloadKiosk, searchFor, sharedByFile, startVisit } from './kiosk-fixture';

// The kiosk's default visit timing: a warning after 90 s without a touch, 15 s to answer it.
const IDLE_MS = 90_000;
const WARNING_MS = 15_000;

const file = sharedByFile();
let stack: Awaited<ReturnType<typeof openKiosk>>;
before(async () => {
  stack = await openKiosk(file, { clock: true });
});

async function visitLooksFresh(page: Page): Promise<void> {
  await page.locator('.tile').first().waitFor();
  assert.equal(await page.getByRole('searchbox').inputValue(), '');
  assert.equal(await page.getByRole('button', { name: '简体' }).getAttribute('aria-pressed'), 'true');
  assert.equal(await page.locator('.kiosk-root').getAttribute('data-elder'), 'false');
  assert.deepEqual(await page.evaluate(() => [sessionStorage.length, localStorage.length]), [0, 0]);
}

test(
  'kiosk visits: wake without click-through, wipe on 结束办理 and on idle, elder mode',
  { timeout: 60_000 },
  async (t) => {
    const { page } = stack;
    await reloadKiosk(page, stack.kioskUrl);

    await t.test('the touch that wakes the kiosk does not reach the tile beneath it', async () => {
      await page.locator('.attract').click({ position: { x: 150, y: 280 } });
      await page.locator('.tile').first().waitFor();
      assert.equal(await page.locator('.list-heading').count(), 0, 'still on the home screen, no category opened');
      const smallest = await page.evaluate(() =>
        Math.min(...[...document.querySelectorAll('button')].map((b) => b.getBoundingClientRect().height)),
      );
      assert.ok(smallest >= 48, `every touch target at least 48 px high (smallest ${smallest}px)`);
    });

    await t.test('结束办理 wipes the visit: text, language, elder mode, page, storage', async () => {
      await searchFor(page, '社保');
      await page.getByRole('button', { name: '繁體' }).click();
      await page.getByRole('button', { name: '長輩模式' }).click();
      await page.locator('.guide-row').first().click();
      await page.locator('.guide-page h1').waitFor();
      await page.evaluate(() => sessionStorage.setItem('draft', '张三 13800000000'));
      await page.getByRole('button', { name: '結束辦理' }).click();
      await page.locator('.attract').waitFor();
      // Said a moment, in the visit's language.
      await page.getByText('已清除您的信息，感謝使用').waitFor();
      await page.clock.fastForward(5500);
      await page.getByText('已清除您的信息，感謝使用').waitFor({ state: 'detached' });
      assert.equal(await page.locator('.guide-page').count(), 0);
      await startVisit(page);
      await visitLooksFresh(page);
    });

    await t.test('after the idle time a countdown asks 是否继续办理; 继续办理 keeps the visit', async () => {
      await searchFor(page, '低保');
      await page.clock.fastForward(IDLE_MS - 5000);
      const dialog = page.getByRole('alertdialog', { name: '是否继续办理？' });
      assert.equal(await dialog.count(), 0, 'no warning before the idle time is up');
      await page.clock.fastForward(5500);
      await dialog.waitFor();
      assert.match(await dialog.innerText(), /\d 秒后将结束本次办理/);
      await dialog.getByRole('button', { name: '继续办理' }).click();
      await dialog.waitFor({ state: 'detached' });
      assert.equal(await page.getByRole('searchbox').inputValue(), '低保', 'the visit went on');
    });

    await t.test('left alone, the visit ends by itself and the next resident sees nothing of it', async () => {
      await page.clock.fastForward(IDLE_MS + WARNING_MS + 500);
      await page.locator('.attract').waitFor();
      await startVisit(page);
      await visitLooksFresh(page);
    });

    await t.test('elder mode: large text and targets, two tiles a row, no summaries in lists', async () => {
      await page.getByRole('button', { name: '长辈模式' }).click();
      const sizes = await page.evaluate(() => {
        const px = (selector: string, property: 'fontSize' | 'lineHeight' | 'height') =>
          parseFloat(getComputedStyle(document.querySelector(selector)!)[property]);
        const columns = getComputedStyle(document.querySelector('.tiles')!).gridTemplateColumns.split(' ').length;
        const buttons = [...document.querySelectorAll('button')].map((button) => button.getBoundingClientRect().height);
        return {
          body: px('.kiosk', 'fontSize'),
          lineHeight: px('.kiosk', 'lineHeight') / px('.kiosk', 'fontSize'),
          tile: px('.tile-name', 'fontSize'),
          columns,
          smallestButton: Math.min(...buttons),
        };
      });
      assert.ok(sizes.body >= 24, `body text ${sizes.body}px`);
      assert.ok(sizes.lineHeight >= 1.3, `line height ${sizes.lineHeight}`);
      assert.ok(sizes.tile >= 30, `tile text ${sizes.tile}px`);
      assert.equal(sizes.columns, 2);
      assert.ok(sizes.smallestButton >= 60, `smallest target ${sizes.smallestButton}px`);
      await searchFor(page, '社保');
      assert.equal(await page.locator('.guide-summary').count(), 0);
      await page.locator('.guide-row').first().click();
      const heading = await page
        .locator('.guide-page h2')
        .first()
        .evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
      assert.ok(heading >= 30, `heading ${heading}px`);
      await page
        .getByRole('button', { name: /朗读|停止朗读/ })
        .first()
        .waitFor();
    });
  },
);

test(
  'data that cannot be loaded is said next to where it belongs, and 重试 loads it',
  { timeout: 60_000 },
  async () => {
    const { page, kioskUrl } = stack;
    await reloadKiosk(page, kioskUrl);
    await startVisit(page);
    // The host answers the search with a failure (as while it restarts), then recovers.
    let failing = true;
    await page.route('**/bridge/searchGuides', (route) =>
      failing
        ? route.fulfill({
            status: 500,
            contentType: 'application/json',
            body: JSON.stringify({ error: { code: 'INTERNAL', message: 'restarting' } }),
          })
        : route.continue(),
    );
    await page.getByRole('searchbox').fill('社保');
    const failed = page.getByRole('alert').filter({ hasText: '没能加载，请重试' });
    await failed.waitFor();
    assert.equal(await page.locator('.guide-row').count(), 0, 'no results of another query in its place');
    failing = false;
    await failed.getByRole('button', { name: '重试' }).click();
    await page.locator('.result-count[data-query="社保"]').waitFor();
    assert.ok((await page.locator('.guide-row').count()) > 0);
    await page.unroute('**/bridge/searchGuides');
  },
);

test(
  'the page cannot be escaped: menus, selection, drag, zoom, pop-ups, print, outside links',
  { timeout: 60_000 },
  async () => {
    const { page, kioskUrl } = stack;
    await reloadKiosk(page, kioskUrl);
    await startVisit(page);
    const blocked = await page.evaluate(() => {
      const fire = (target: EventTarget, event: Event) => {
        target.dispatchEvent(event);
        return event.defaultPrevented;
      };
      const tile = document.querySelector('.tile')!;
      const input = document.querySelector('input[type=search]')!;
      const link = document.createElement('a');
      link.href = 'https://www.example.org/';
      link.textContent = 'outside';
      document.querySelector('main')!.append(link);
      return {
        contextMenu: fire(tile, new MouseEvent('contextmenu', { bubbles: true, cancelable: true })),
        selectTile: fire(tile, new Event('selectstart', { bubbles: true, cancelable: true })),
        selectInput: fire(input, new Event('selectstart', { bubbles: true, cancelable: true })),
        drag: fire(tile, new DragEvent('dragstart', { bubbles: true, cancelable: true })),
        drop: fire(document.body, new DragEvent('drop', { bubbles: true, cancelable: true })),
        ctrlWheelZoom: fire(
          tile,
          new WheelEvent('wheel', { bubbles: true, cancelable: true, ctrlKey: true, deltaY: -100 }),
        ),
        printKey: fire(
          document.body,
          new KeyboardEvent('keydown', { bubbles: true, cancelable: true, key: 'p', ctrlKey: true }),
        ),
        devtoolsKey: fire(document.body, new KeyboardEvent('keydown', { bubbles: true, cancelable: true, key: 'F12' })),
        reloadKey: fire(document.body, new KeyboardEvent('keydown', { bubbles: true, cancelable: true, key: 'F5' })),
        outsideLink: fire(link, new MouseEvent('click', { bubbles: true, cancelable: true })),
        windowOpen: window.open('https://www.example.org/') === null,
        print: window.print() === undefined,
        viewport: document.querySelector('meta[name=viewport]')!.getAttribute('content'),
        touchAction: getComputedStyle(document.body).touchAction,
      };
    });
    assert.deepEqual(blocked, {
      contextMenu: true,
      selectTile: true,
      selectInput: false,
      drag: true,
      drop: true,
      ctrlWheelZoom: true,
      printKey: true,
      devtoolsKey: true,
      reloadKey: true,
      outsideLink: true,
      windowOpen: true,
      print: true,
      viewport: 'width=device-width, initial-scale=1, user-scalable=no',
      touchAction: 'manipulation',
    });
    assert.equal(page.url(), `${kioskUrl}/`, 'still on the kiosk page');
    assert.equal(page.context().pages().length, 1, 'no pop-up window');
  },
);

test('the on-screen keyboard types pinyin, letters and digits into the search field', { timeout: 60_000 }, async () => {
  const { page } = stack;
  await reloadKiosk(page, stack.kioskUrl);
  await startVisit(page);
  const box = page.getByRole('searchbox');
  await box.click();
  const keyboard = page.getByRole('group', { name: '屏幕键盘' });
  await keyboard.waitFor();
  for (const letter of 'shebao') await keyboard.getByRole('button', { name: letter, exact: true }).click();
  const candidates = page.getByRole('group', { name: '候选词' });
  await candidates.getByRole('button', { name: '社保', exact: true }).click();
  assert.equal(await box.inputValue(), '社保');
  await page.locator('.guide-row').first().waitFor();
  assert.equal(await page.locator('.guide-row').first().getAttribute('data-category'), 'social-security');
  assert.equal(
    await page.evaluate(() => document.activeElement?.getAttribute('type')),
    'search',
    'the field kept focus',
  );

  await keyboard.getByRole('button', { name: /切换到数字/ }).click();
  for (const digit of '123') await keyboard.getByRole('button', { name: digit, exact: true }).click();
  assert.equal(await box.inputValue(), '社保123');
  for (let i = 0; i < 3; i++) await keyboard.getByRole('button', { name: '退格' }).click();
  assert.equal(await box.inputValue(), '社保');
  await keyboard.getByRole('button', { name: '收起键盘' }).click();
  await keyboard.waitFor({ state: 'detached' });
});

test(
  'a portrait screen used top to bottom: the header and the bottom bar stay in view on every screen, 返回 goes back the way the resident came',
  { timeout: 60_000 },
  async (t) => {
    const { page } = stack;
    await page.setViewportSize({ width: 1080, height: 1920 });
    t.after(() => page.setViewportSize({ width: 1280, height: 900 }));
    await reloadKiosk(page, stack.kioskUrl);
    const attract = page.locator('.attract');
    assert.match(await attract.locator('.attract-time').innerText(), /^\d\d:\d\d$/, 'the time');
    assert.match(await attract.locator('.attract-date').innerText(), /\d+年\d+月\d+日星期./, 'the date');
    // The attract screen asks the host for 热门事项 after it shows; wait for the list, then count it.
    await attract.locator('.attract-popular li').nth(5).waitFor();
    assert.equal(await attract.locator('.attract-popular li').count(), 6, '热门事项 for passers-by');
    await startVisit(page);

    const bar = page.getByRole('navigation', { name: '办理操作' });
    const back = bar.getByRole('button', { name: '返回' });
    /** The header at the top and the four controls at the bottom, in view wherever the page is scrolled. */
    const frameInView = async (where: string) => {
      const [header, controls] = [await page.locator('.topbar').boundingBox(), await bar.boundingBox()];
      assert.equal(header?.y, 0, `${where}: the header is at the top`);
      assert.equal(Math.round(controls!.y + controls!.height), 1920, `${where}: the bar is at the bottom`);
      const names = (await bar.getByRole('button').allInnerTexts()).map((text) => text.split('\n')[0]);
      assert.deepEqual(names, ['返回', '首页', '长辈模式', '结束办理']);
    };
    const scrollToEnd = () => page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));

    await frameInView('home');
    assert.equal(await page.locator('.popular-guide').count(), 6, '热门事项 on the home screen');
    assert.ok(await back.isDisabled(), 'nowhere to go back to from home');
    await searchFor(page, '社保');
    await back.click();
    assert.equal(await page.getByRole('searchbox').inputValue(), '', '返回 from results clears the search');
    await page.locator('.tile-minimum-living').click();
    await page.locator('.guide-row').nth(12).waitFor();
    await page.locator('.guide-row').nth(12).scrollIntoViewIfNeeded();
    const listScroll = await page.evaluate(() => window.scrollY);
    assert.ok(listScroll > 0, 'the list was scrolled');
    await page.locator('.guide-row').nth(12).click();
    await page.locator('.guide-page h1').waitFor();
    assert.equal(await page.evaluate(() => window.scrollY), 0, 'a guide opens at its top');
    await scrollToEnd();
    await frameInView('the end of a long guide');
    await back.click();
    await page.getByRole('heading', { name: '社会救助' }).waitFor();
    await page.waitForFunction((y) => window.scrollY === y, listScroll);
    await frameInView('category list');
    await back.click();
    await page.locator('.tile').first().waitFor();
    assert.ok(await back.isDisabled());

    await bar.getByRole('button', { name: '长辈模式' }).click();
    assert.match(
      await bar.getByRole('button', { name: /长辈模式/ }).innerText(),
      /长辈模式\s+已开启/,
      'the switch says it is on',
    );
    await frameInView('home in elder mode');
  },
);
