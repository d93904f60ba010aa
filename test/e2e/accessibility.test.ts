/**
 * axe-core over every kiosk screen in normal and elder mode: no serious or critical violations.
 * Elder mode also runs the enhanced-contrast rule (7:1). On the same screens, elder mode makes
 * every piece of text larger than it is in normal mode, and none under 24 px.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { seriousViolations } from './axe';
import { openKiosk, searchFor, startVisit } from './kiosk-fixture';

/** The font size of each kind of visible text on the page, by where it sits (its classes up the tree). */
function textSizes(page: Page): Promise<Record<string, number>> {
  return page.evaluate(() => {
    const sizes: Record<string, number> = {};
    const describe = (element: Element) => {
      const path: string[] = [];
      for (let at: Element | null = element; at && !at.classList.contains('kiosk-root'); at = at.parentElement)
        path.unshift(`${at.tagName.toLowerCase()}${[...at.classList].map((name) => `.${name}`).join('')}`);
      return path.slice(-3).join(' > ');
    };
    for (const element of document.querySelectorAll('.kiosk-root *')) {
      const text = [...element.childNodes].some((node) => node.nodeType === Node.TEXT_NODE && node.textContent!.trim());
      const box = element.getBoundingClientRect();
      if (!text || box.width === 0 || box.height === 0) continue;
      const key = describe(element);
      const size = parseFloat(getComputedStyle(element).fontSize);
      sizes[key] = Math.min(sizes[key] ?? Infinity, size);
    }
    return sizes;
  });
}

test(
  'every kiosk screen passes axe-core in normal and elder mode, and elder mode makes all text larger',
  { timeout: 120_000 },
  async (t) => {
    // The page's clock is the test's: the idle warning comes when the test moves time on.
    const { page } = await openKiosk(t, { clock: true });
    const sizes: Record<'normal' | 'elder', Record<string, Record<string, number>>> = { normal: {}, elder: {} };
    for (const elderMode of [false, true]) {
      const mode = elderMode ? 'elder' : 'normal';
      const check = async (screen: string) => {
        assert.deepEqual(await seriousViolations(page, elderMode), [], `${screen} (${mode})`);
        sizes[mode][screen] = await textSizes(page);
      };
      if (!elderMode) await check('attract screen');
      await startVisit(page);
      if (elderMode) await page.getByRole('button', { name: '长辈模式' }).click();
      await check('home');
      await page.getByRole('button', { name: /查缴水电气/ }).click();
      await page.locator('.bill-utility').first().waitFor();
      await check('bills: the utilities');
      await page.locator('.bill-utility').first().click();
      await page.locator('.digit-pad-keys').waitFor();
      await check('bills: the account number pad');
      await page.getByRole('button', { name: '首页' }).click();
      // The demo district's hall gives tickets at every hour.
      await page.getByRole('button', { name: /排队取号/ }).click();
      await page.locator('.queue-business').first().waitFor();
      await check('queue: the businesses');
      await page.getByRole('button', { name: '首页' }).click();
      await searchFor(page, '社保');
      await check('search results');
      await page.getByRole('searchbox').click();
      await page.locator('.osk').getByRole('button', { name: 's', exact: true }).click();
      await page.locator('.osk-candidates button').first().waitFor();
      await check('on-screen keyboard with candidates');
      await page
        .locator('.osk')
        .getByRole('button', { name: /收起键盘/ })
        .click();
      await searchFor(page, 'qqxxzz');
      await check('no results');
      await page.getByRole('searchbox').fill('');
      await page.locator('.tile-category').first().click();
      await page.locator('.list-heading').waitFor();
      await check('category list');
      await page.locator('.guide-row').first().click();
      await page.locator('.guide-page h1').waitFor();
      await check('guide page');
      await page.getByRole('button', { name: '繁體' }).click();
      await page.getByRole('heading', { name: '申請材料' }).waitFor();
      await check('guide page in Traditional');
      await page.getByRole('button', { name: 'English' }).click();
      await page.getByRole('heading', { name: 'Documents to bring' }).waitFor();
      await check('guide page in English');
      await page.getByRole('button', { name: '简体' }).click();
      // The default idle time, 90 s (twice that in elder mode), then into the 15 s countdown.
      await page.clock.fastForward((elderMode ? 180 : 90) * 1000 + 500);
      await page.getByRole('alertdialog').waitFor();
      await check('idle warning');
      await page.getByRole('button', { name: '结束办理' }).last().click();
      await page.locator('.attract').waitFor();
      await page.getByText('已清除您的信息，感谢使用').waitFor();
      await check('visit ended: information cleared');
    }
    const smaller: string[] = [];
    const tooSmall: string[] = [];
    for (const [screen, elder] of Object.entries(sizes.elder)) {
      for (const [where, size] of Object.entries(elder)) {
        const normal = sizes.normal[screen]?.[where];
        if (normal !== undefined && size < normal) smaller.push(`${screen}: ${where} ${normal} → ${size} px`);
        if (size < 24) tooSmall.push(`${screen}: ${where} ${size} px`);
      }
    }
    assert.deepEqual(smaller, [], 'elder mode never makes text smaller');
    assert.deepEqual(tooSmall, [], 'elder-mode text is 24 px or more');
    assert.ok(Object.keys(sizes.elder).length >= 9, 'every screen compared');
  },
);
