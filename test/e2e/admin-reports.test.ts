/**
 * 统计报表 end to end, in a real admin server (its demo kiosks' 60 days of use) and Chromium: the
 * street's statistician designs a report of its communities' use last month, previews its chart and
 * table, meets a mistake beside its field, saves it as a monthly report, and downloads it as Excel
 * (read back by our XLSX reader) and as PDF (read by pdftotext); the one-click monthly report of the
 * street comes as a PDF too.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { createUser, nodesByName } from '../../build/scripts/admin-api';
import { xlsxRows } from '../../admin-server/test/xlsx-rows';
import { openAdminServer } from './admin-fixture';
import { openAdminPage, signInToAdmin } from './admin-sign-in';
import { launchChromium } from './browser';

const PASSWORD = 'e2e-reports-2026';

async function downloaded(page: Page, link: ReturnType<Page['getByRole']>): Promise<{ name: string; file: string }> {
  const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
  return { name: download.suggestedFilename(), file: (await download.path())! };
}

test(
  'a street designs, previews and saves a monthly report, then downloads it as Excel and PDF',
  { timeout: 240_000 },
  async (t) => {
    const admin = await openAdminServer(t, PASSWORD);
    const nodes = await nodesByName(admin.api);
    await createUser(admin.api, {
      username: 'anhe.reports',
      displayName: '安和统计员',
      role: 'street-admin',
      orgId: nodes.get('安和街道')!.id,
      password: PASSWORD,
    });
    const browser = await launchChromium();
    t.after(() => browser.close());
    const page = await signInToAdmin(browser, admin.url, 'anhe.reports', PASSWORD);
    await openAdminPage(page, '统计报表');

    // The builder starts with last month's visits and searches by unit; the name is the first field.
    const builder = page.locator('.report-builder');
    const name = builder.getByLabel('报表名称');
    await name.fill('');
    await builder.getByRole('button', { name: '保存', exact: true }).click();
    await builder
      .locator('div.field', { has: page.getByLabel('报表名称') })
      .locator('.field-error', { hasText: '不能为空' })
      .waitFor();
    await name.fill('安和各社区月度服务');
    await builder.getByLabel('表格打印').check();
    await builder.getByLabel('按月自动生成').check();
    await builder.getByRole('button', { name: '预览' }).click();
    const preview = builder.locator('.report-view');
    await preview.locator('.chart svg').waitFor();
    const table = preview.locator('table.report-table');
    await table.locator('th[scope="row"]', { hasText: '临江社区' }).waitFor();
    assert.deepEqual(await table.locator('thead th').allInnerTexts(), [
      '单位',
      '服务人次（次）',
      '查询次数（次）',
      '表格打印（次）',
    ]);
    await table.locator('tr.total', { hasText: '安和街道（合计）' }).waitFor();

    await builder.getByRole('button', { name: '保存', exact: true }).click();
    await page.getByRole('status').filter({ hasText: '已保存「安和各社区月度服务」' }).waitFor();
    const saved = page.locator('.saved-report', { hasText: '安和各社区月度服务' });
    await saved.getByText('按月').waitFor();

    // Excel: one sheet, the header with units, a row per community and the total last.
    const xlsx = await downloaded(page, saved.getByRole('link', { name: '下载 Excel' }));
    assert.match(xlsx.name, /^linli-report-\d+-\d{4}-\d{2}-01-\d{4}-\d{2}-\d{2}\.xlsx$/);
    const sheet = xlsxRows(readFileSync(xlsx.file));
    assert.deepEqual(sheet[0], ['单位', '服务人次（次）', '查询次数（次）', '表格打印（次）']);
    const rows = sheet.slice(1);
    assert.ok(
      rows.some((row) => row[0] === '临江社区' && Number(row[1]) > 0),
      JSON.stringify(rows),
    );
    const total = rows.at(-1)!;
    assert.equal(total[0], '安和街道（合计）');
    assert.equal(
      Number(total[1]),
      rows.slice(0, -1).reduce((sum, row) => sum + Number(row[1]), 0),
      'the street is the sum of its communities',
    );

    // PDF: A4 with the title, the period and the communities, as pdftotext reads it.
    const pdf = await downloaded(page, saved.getByRole('link', { name: '下载 PDF' }));
    assert.match(execFileSync('pdfinfo', [pdf.file], { encoding: 'utf8' }), /A4/);
    const text = execFileSync('pdftotext', [pdf.file, '-'], { encoding: 'utf8' });
    for (const expected of ['安和各社区月度服务', '安和街道 ·', '临江社区', '安和街道（合计）', '表格打印（次）'])
      assert.ok(text.includes(expected), `the PDF says ${expected}`);

    // The one-click monthly report of the street.
    const monthly = page.locator('section[aria-labelledby="reports-monthly"]');
    const monthlyPdf = await downloaded(page, monthly.getByRole('link', { name: '下载 PDF' }));
    const monthlyText = execFileSync('pdftotext', [monthlyPdf.file, '-'], { encoding: 'utf8' });
    for (const expected of ['工作月报', '服务概况', '各单位服务情况', '每日服务人次与查询', '临江社区'])
      assert.ok(monthlyText.includes(expected), `the monthly report says ${expected}`);
  },
);
