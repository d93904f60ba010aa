/**
 * Service usage end to end, in real processes and Chromium: a resident's visit at a community's
 * kiosk (a search that finds nothing, a guide opened, elder mode) reaches the street's 使用统计
 * page and rolls up to the district; the street's administrator drills down to the community; the
 * district's editor adds the words nobody found as an alias of the district's guide, and the kiosk
 * finds the guide by them.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { UsageSummary } from '@linli/protocol';
import { createUser, enrollmentCode, nodesByName } from '../../build/scripts/admin-api';
import { startKiosk } from '../../build/scripts/processes';
import { openAdminServer } from './admin-fixture';
import { openAdminPage, signInToAdmin } from './admin-sign-in';
import { launchChromium } from './browser';
import { resultTitles, searchFor, startVisit } from './kiosk-fixture';

const PASSWORD = 'e2e-usage-2026';
const MISS = '宠物';
const DOG_GUIDE = '养犬登记（犬证办理）';

test(
  'kiosk use reaches the street dashboard, rolls up, and a missed search becomes an alias',
  { timeout: 240_000 },
  async (t) => {
    const admin = await openAdminServer(t, PASSWORD);
    const nodes = await nodesByName(admin.api);
    const street = nodes.get('安和街道')!;
    const community = nodes.get('临江社区')!;
    await createUser(admin.api, {
      username: 'anhe.stats',
      displayName: '安和统计员',
      role: 'street-admin',
      orgId: street.id,
      password: PASSWORD,
    });
    const kioskDir = mkdtempSync(path.join(tmpdir(), 'linli-usage-kiosk-'));
    t.after(() => rmSync(kioskDir, { recursive: true, force: true }));
    const kiosk = await startKiosk({
      ...process.env,
      LINLI_DATA_DIR: kioskDir,
      LINLI_LOG_LEVEL: 'warn',
      LINLI_KIOSK_PORT: '0',
      LINLI_SERVER_URL: admin.url,
      LINLI_ENROLLMENT_CODE: await enrollmentCode(admin.api, community.id),
    });
    t.after(() => kiosk.stop());
    const browser = await launchChromium();
    t.after(() => browser.close());

    // A resident at the community's kiosk.
    const kioskPage = await browser.newPage({ viewport: { width: 1080, height: 1920 } });
    await kioskPage.goto(`${kiosk.ready.url}/`);
    await startVisit(kioskPage);
    await kioskPage.getByRole('button', { name: '长辈模式' }).click();
    assert.deepEqual(await searchFor(kioskPage, MISS), []);
    assert.equal((await searchFor(kioskPage, '犬证'))[0], DOG_GUIDE);
    await kioskPage.locator('.guide-row').first().click();
    await kioskPage.locator('.guide-page h1', { hasText: DOG_GUIDE }).waitFor();
    await kioskPage.getByRole('button', { name: '结束办理' }).click();
    await kioskPage.locator('.attract').waitFor();

    // The kiosk sends its events soon after the visit; the district sees them under the street.
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    const districtView = async () =>
      (await admin.api('GET', `/usage/summary?from=${today}&to=${today}`)).json as unknown as UsageSummary;
    // Polled: the kiosk's upload happens in its host, out of the browser's sight.
    let rolled = await districtView();
    for (const deadline = Date.now() + 30_000; rolled.totals['elder-mode'] < 1; rolled = await districtView()) {
      assert.ok(Date.now() < deadline, `the visit never reached the server: ${JSON.stringify(rolled.totals)}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    assert.equal(rolled.totals.visit, 1);
    assert.equal(rolled.children.find((child) => child.name === '安和街道')?.totals.visit, 1);
    assert.equal(rolled.children.find((child) => child.name === '江滨街道')?.totals.visit, 0);

    // The street's administrator reads their street today (the demo's weeks of use end yesterday),
    // then the community.
    const page = await signInToAdmin(browser, admin.url, 'anhe.stats', PASSWORD);
    await openAdminPage(page, '使用统计');
    await page.locator('.usage-trail', { hasText: '安和街道' }).waitFor();
    await page.getByRole('button', { name: '今天' }).click();
    const figure = (name: string, value: string) =>
      page
        .locator('.usage-figure', { hasText: name })
        .locator('.figure', { hasText: new RegExp(`^${value}$`) })
        .waitFor();
    await figure('服务人次', '1');
    await figure('查询次数', '2');
    await figure('适老模式', '1');
    assert.ok(await page.getByRole('img', { name: '图表：每日趋势' }).locator('svg').isVisible());
    await page.getByRole('button', { name: '查看临江社区' }).click();
    await page.locator('.usage-trail [aria-current=page]', { hasText: '临江社区' }).waitFor();
    await figure('指南浏览', '1');
    await figure('身份证读取', '0');

    // The district's editor, who owns the guides, drills down district → street → community and
    // adds the words nobody found as an alias: one step, published at once (they review content).
    const editor = await signInToAdmin(browser, admin.url, 'admin', PASSWORD);
    await openAdminPage(editor, '使用统计');
    await editor.getByRole('button', { name: '查看安和街道' }).click();
    await editor.getByRole('button', { name: '查看临江社区' }).click();
    await editor.locator('.usage-trail [aria-current=page]', { hasText: '临江社区' }).waitFor();
    // Its count adds the demo's weeks of made-up searches this month to the resident's.
    const miss = editor.locator('.usage-misses tr', { hasText: MISS });
    await miss.getByRole('button', { name: '加为别名…' }).click();
    await miss.getByRole('searchbox', { name: '查找指南' }).fill('犬');
    await miss.getByRole('button', { name: `加到「${DOG_GUIDE}」` }).click();
    await editor
      .getByRole('status')
      .filter({ hasText: `已把「${MISS}」加为「${DOG_GUIDE}」的别名` })
      .waitFor();

    // The kiosk gets the guide on its feed and finds it by the words residents used.
    // The results on screen reload when the kiosk's catalog changes.
    await startVisit(kioskPage);
    await searchFor(kioskPage, MISS);
    await kioskPage.waitForFunction(
      (title) =>
        document.querySelector('.guide-row:not(.nothing-found .guide-row) .guide-title')?.textContent === title,
      DOG_GUIDE,
    );
    assert.equal((await resultTitles(kioskPage))[0], DOG_GUIDE);
  },
);
