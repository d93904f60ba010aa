/**
 * axe-core over every kiosk screen in normal and elder mode: no serious or critical violations.
 * Elder mode also runs the enhanced-contrast rule (7:1).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { seriousViolations } from './axe';
import { openKiosk, searchFor, startVisit } from './kiosk-fixture';

test('every kiosk screen passes axe-core in normal and elder mode', { timeout: 120_000 }, async (t) => {
  // The page's clock is the test's: the idle warning comes when the test moves time on.
  const { page } = await openKiosk(t, { clock: true });
  for (const elderMode of [false, true]) {
    const mode = elderMode ? 'elder' : 'normal';
    const check = async (screen: string) =>
      assert.deepEqual(await seriousViolations(page, elderMode), [], `${screen} (${mode})`);
    if (!elderMode) await check('attract screen');
    await startVisit(page);
    if (elderMode) await page.getByRole('button', { name: '长辈模式' }).click();
    await check('home');
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
    await page.locator('.tile').first().click();
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
  }
});
