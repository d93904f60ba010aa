/**
 * Community statistics end to end, in a real admin server and Chromium: a community files its
 * month on the form (a mistake said beside its field) and submits it; the street imports its other
 * communities from an Excel file — checked first, every problem by row and column, then clean and
 * imported — and approves all three; the district reads the street's figures rolled up and drills
 * down to its communities.
 */
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import assert from 'node:assert/strict';
import { createUser, nodesByName } from '../../build/scripts/admin-api';
import { figuresXlsx } from '../../admin-server/test/figures-sheet';
import { openAdminServer } from './admin-fixture';
import { openAdminPage, signInToAdmin } from './admin-sign-in';
import { launchChromium } from './browser';

const PASSWORD = 'e2e-figures-2026';

/** This month in Beijing: the demo's figures cover the three months before it, so this one is empty. */
function thisMonth(): string {
  return new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 7);
}

test(
  'a community files, the street imports and approves, the district reads it rolled up',
  { timeout: 240_000 },
  async (t) => {
    const admin = await openAdminServer(t, PASSWORD);
    const nodes = await nodesByName(admin.api);
    const street = nodes.get('安和街道')!;
    await createUser(admin.api, {
      username: 'lj.figures',
      displayName: '临江统计员',
      role: 'community-operator',
      orgId: nodes.get('临江社区')!.id,
      password: PASSWORD,
    });
    await createUser(admin.api, {
      username: 'anhe.figures',
      displayName: '安和统计员',
      role: 'street-admin',
      orgId: street.id,
      password: PASSWORD,
    });
    const browser = await launchChromium();
    t.after(() => browser.close());
    const month = thisMonth();
    /** The pages open on last month; one step on is this month. */
    const toThisMonth = (page: Page) => page.getByRole('button', { name: '下一期 ›' }).click();

    // 临江社区 fills its month; a figure that cannot be is said beside its field.
    const community = await signInToAdmin(browser, admin.url, 'lj.figures', PASSWORD);
    await openAdminPage(community, '数据填报');
    await toThisMonth(community);
    await community.locator('tr[data-org="临江社区"][data-state="none"]').waitFor();
    await community.getByRole('button', { name: '填报 临江社区' }).click();
    const field = (name: string) => community.getByLabel(name, { exact: true });
    await field('常住人口（人）').fill('5200.5');
    await field('60周岁以上老年人（人）').fill('1300');
    await field('户数（户）').fill('2000');
    await community.getByRole('button', { name: '提交审核' }).click();
    await community
      .locator('.field', { has: field('常住人口（人）') })
      .getByText('须为整数')
      .waitFor();
    await field('常住人口（人）').fill('5200');
    await community.getByRole('button', { name: '提交审核' }).click();
    await community.getByRole('status').filter({ hasText: '已提交，等待上级审核' }).waitFor();

    // The street imports 望湖 and 桂花 from Excel: checked first, every problem named by row and column.
    const streetPage = await signInToAdmin(browser, admin.url, 'anhe.figures', PASSWORD);
    await openAdminPage(streetPage, '数据填报');
    await toThisMonth(streetPage);
    await streetPage.getByRole('link', { name: '下载填报模板（Excel）' }).waitFor();
    const columns = ['单位代码', '单位名称', '统计期', '常住人口（人）', '60周岁以上老年人（人）', '户数（户）'];
    const codes = new Map(
      ((await admin.api('GET', '/orgs')).json.nodes as Array<{ name: string; code: string }>).map((node) => [
        node.name,
        node.code,
      ]),
    );
    const code = (name: string) => codes.get(name)!;
    const choose = (rows: unknown[][], name: string) =>
      streetPage.locator('input[type=file]').setInputFiles({
        name,
        mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        buffer: figuresXlsx(columns, rows),
      });
    await choose(
      [
        [code('望湖社区'), '望湖社区', month, 3000, '一千', 1200],
        [code('桂花社区'), '桂花社区', '2026-13', 2500, 700, 900],
      ],
      '安和街道-有误.xlsx',
    );
    const problems = streetPage.getByRole('alert');
    await problems.filter({ hasText: '第 2 行' }).waitFor();
    assert.match(await problems.innerText(), /第 2 行[\s\S]*须为数字/);
    assert.match(await problems.innerText(), /第 3 行[\s\S]*统计期[\s\S]*须为月份/);
    await choose(
      [
        [code('望湖社区'), '望湖社区', month, 3000, 900, 1200],
        [code('桂花社区'), '桂花社区', month, 2500, 700, 900],
      ],
      '安和街道.xlsx',
    );
    await streetPage.getByText('检查完毕：2 行、2 份报表、6 个数据，没有发现问题。').waitFor();
    await streetPage.getByRole('button', { name: /确认导入/ }).click();
    await streetPage.getByText('已导入 2 份报表（6 个数据），已提交上级审核。').waitFor();

    // The street approves its three communities.
    for (const name of ['临江社区', '望湖社区', '桂花社区']) {
      await streetPage.locator(`tr[data-org="${name}"][data-state="submitted"]`).waitFor();
      await streetPage.getByRole('button', { name: `填报 ${name}` }).click();
      await streetPage.getByRole('button', { name: '审核通过' }).click();
      await streetPage.getByRole('status').filter({ hasText: '已审核通过' }).waitFor();
      await streetPage.getByRole('button', { name: '‹ 返回列表' }).click();
    }
    await streetPage.locator('tr[data-org="桂花社区"][data-state="approved"]').waitFor();

    // The district reads the street rolled up, then its communities.
    const district = await signInToAdmin(browser, admin.url, 'admin', PASSWORD);
    await openAdminPage(district, '统计查询');
    await toThisMonth(district);
    const row = (id: string) => district.locator(`tr[data-indicator="${id}"]`);
    // Every community and grid that reports monthly: the demo's five communities and 临江's two grids.
    await district.getByText('已审核数据：3 / 7 个填报单位').waitFor();
    const header = await district.locator('table.figures thead th').allInnerTexts();
    const streetColumn = header.findIndex((text) => text.trim() === '安和街道');
    assert.ok(streetColumn > 2, header.join('|'));
    assert.equal((await row('population').locator('td, th').nth(streetColumn).innerText()).replace(/,/g, ''), '10700');
    assert.equal(await row('ageing-rate').locator('td, th').nth(streetColumn).innerText(), '27.1', '2900 / 10700');
    await district.getByRole('button', { name: '查看安和街道' }).click();
    await district.locator('.usage-trail [aria-current=page]', { hasText: '安和街道' }).waitFor();
    await district.getByText('已审核数据：3 / 5 个填报单位').waitFor();
    await row('population').getByRole('button', { name: '常住人口' }).click();
    await district.getByRole('img', { name: '图表：常住人口（按下级单位）' }).locator('svg').waitFor();

    // 临江社区's grids report their patrols: last month's (the demo's) shaded on the grids' own map.
    await district.getByRole('button', { name: '‹ 上一期' }).click();
    await district.getByRole('button', { name: '查看临江社区' }).click();
    await district.locator('.usage-trail [aria-current=page]', { hasText: '临江社区' }).waitFor();
    await district.locator('label', { hasText: '类别' }).locator('select').selectOption('');
    await row('grid-inspections').getByRole('button', { name: '网格巡查' }).click();
    const map = district.getByRole('img', { name: '地图：网格巡查（按网格）' });
    await map.locator('path.grid-figure').nth(1).waitFor();
    assert.equal(await map.locator('path.grid-figure').count(), 2, 'both of 临江社区 grids');
    const shades = await map
      .locator('path.grid-figure')
      .evaluateAll((paths) => paths.map((path) => path.getAttribute('fill')));
    assert.notEqual(shades[0], shades[1], 'two different figures, two shades');
    const legend = district.getByRole('list', { name: '地图：网格巡查（按网格）' });
    assert.ok((await legend.getByRole('listitem').count()) >= 3, 'the classes and 无数据 in words');
  },
);
