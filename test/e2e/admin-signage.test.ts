/**
 * 信息发布 in the admin UI, against a real admin server in Chromium: a community operator builds a
 * main-ticker layout, resizes its zones by dragging (an overlap is said next to the zone until it
 * is resolved), gives the main zone a text and the ticker a line, schedules the layout on weekday
 * mornings, sees in the preview what the screen shows at a chosen moment (the real web player in
 * the frame), and submits; the street administrator approves it, and the publication is live.
 * Then two screens upload plays and the operator reads them in 播放记录: rows and totals for the
 * last 7 days, a backwards period refused under its field, a screen filter, and the CSV export.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { SIGNAGE_GRID, type PlayRecord, type SignageView } from '@linli/protocol';
import { startAdminServer } from '../../build/scripts/processes';
import { apiAs, enrolledPlayer, enrollmentCode } from '../../build/scripts/admin-api';
import { seriousViolations } from './axe';
import { signInToAdmin } from './admin-sign-in';
import { launchChromium } from './browser';

const ADMIN_PASSWORD = 'Admin2026screens';
const PASSWORD = 'Linjiang-2026-screens';
const TITLE = '临江社区大厅屏';
const MAIN_TEXT = '临江社区服务站今日办理医保缴费';
const TICKER_TEXT = '欢迎来到临江社区 · 办事请先取号';

/** Drags a zone's edge handle by whole cells down (negative: up), as a mouse would. */
async function dragEdge(page: Page, zoneId: string, handle: 'n' | 's', cellsDown: number): Promise<void> {
  // The mouse acts on what is in view.
  await page.locator('.layout-canvas').scrollIntoViewIfNeeded();
  const canvas = (await page.locator('.layout-canvas').boundingBox())!;
  const grip = (await page.locator(`.zone-box[data-zone-id="${zoneId}"] .handle-${handle}`).boundingBox())!;
  const x = grip.x + grip.width / 2;
  const y = grip.y + grip.height / 2;
  await page.mouse.move(x, y);
  await page.mouse.down();
  await page.mouse.move(x, y + (cellsDown * canvas.height) / SIGNAGE_GRID, { steps: 6 });
  await page.mouse.up();
}

test(
  'an operator lays out, fills, schedules and previews a screen; a second person approves it',
  { timeout: 180_000 },
  async (t) => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'linli-admin-signage-'));
    t.after(() => rmSync(dataDir, { recursive: true, force: true }));
    const admin = await startAdminServer({
      ...process.env,
      LINLI_DATA_DIR: dataDir,
      LINLI_ADMIN_PORT: '0',
      LINLI_LOG_LEVEL: 'warn',
      LINLI_ADMIN_PASSWORD: ADMIN_PASSWORD,
    });
    t.after(() => admin.stop());
    const url = admin.ready.url!;
    const browser = await launchChromium();
    t.after(() => browser.close());

    const system = await apiAs(url, 'admin', ADMIN_PASSWORD);
    const nodes = (await system('GET', '/orgs')).json.nodes as { id: number; name: string }[];
    const user = async (username: string, role: string, orgName: string) => {
      const orgId = nodes.find((node) => node.name === orgName)!.id;
      const created = await system('POST', '/users', {
        username,
        displayName: username,
        role,
        orgId,
        password: PASSWORD,
        mustChangePassword: false,
      });
      assert.equal(created.status, 201, JSON.stringify(created.json));
    };
    await user('linjiang.op', 'community-operator', '临江社区');
    await user('anhe.admin', 'street-admin', '安和街道');

    const editor = await signInToAdmin(browser, url, 'linjiang.op', PASSWORD);
    let id = '';

    await t.test('a main-ticker layout, its zones resized by dragging, an overlap said beside the zone', async () => {
      await editor.getByRole('button', { name: '信息发布' }).click();
      await editor.getByRole('button', { name: '新建信息发布' }).click();
      await editor.locator('input[name=title]').fill(TITLE);
      await editor.getByRole('checkbox', { name: '临江社区' }).check();
      await editor.locator('select[name=preset]').selectOption('main-ticker');
      await editor.getByRole('button', { name: '套用版式' }).click();
      await editor.locator('input[name=layoutName]').fill('大厅');
      const ticker = editor.locator('.zone-box[data-zone-id="ticker"]');
      const main = editor.locator('.zone-box[data-zone-id="main"]');
      await ticker.waitFor();

      // The ticker's top edge up a row first: it now overlaps the main zone, which is said at once.
      await dragEdge(editor, 'ticker', 'n', -1);
      await editor.locator('.zone-problems').getByText('与区域 main 重叠').waitFor();
      assert.equal(await ticker.getAttribute('class'), 'zone-box selected has-problem');
      // The main zone's bottom edge up a row resolves it.
      await dragEdge(editor, 'main', 's', -1);
      await editor.locator('.zone-problems').waitFor({ state: 'detached' });
      assert.match((await main.locator('.zone-body').getAttribute('aria-label'))!, /宽 12 格、高 10 格/);
      assert.match((await ticker.locator('.zone-body').getAttribute('aria-label'))!, /第 11 行起，宽 12 格、高 2 格/);

      // The keyboard does the same: Shift+← narrows the selected zone, Shift+→ widens it again.
      await main.locator('.zone-body').focus();
      await editor.keyboard.press('Shift+ArrowLeft');
      assert.match((await main.locator('.zone-body').getAttribute('aria-label'))!, /宽 11 格/);
      await editor.keyboard.press('Shift+ArrowRight');
      assert.match((await main.locator('.zone-body').getAttribute('aria-label'))!, /宽 12 格/);
    });

    await t.test(
      'the main zone gets a text and a clock (dragged above it), the ticker a line (its empty text refused under the field first)',
      async () => {
        await editor.locator('.zone-box[data-zone-id="main"] .zone-body').click();
        const mainList = editor.getByRole('group', { name: '区域 main 的播放列表' });
        await mainList.locator('select[name=itemKind]').selectOption('text');
        await mainList.getByRole('button', { name: '添加内容' }).click();
        await mainList.getByRole('textbox', { name: '文字（第 1 项）' }).fill(MAIN_TEXT);
        // A clock after it, then dragged by its handle to the top: the text is second now.
        await mainList.locator('select[name=itemKind]').selectOption('clock');
        await mainList.getByRole('button', { name: '添加内容' }).click();
        const rows = mainList.locator('.row-item');
        await rows.nth(1).locator('.drag-handle').dragTo(rows.nth(0));
        assert.deepEqual(await mainList.locator('.item-kind').allInnerTexts(), ['时钟', '文字']);
        assert.equal(await mainList.getByRole('textbox', { name: '文字（第 2 项）' }).inputValue(), MAIN_TEXT);

        await editor.locator('.zone-box[data-zone-id="ticker"] .zone-body').click();
        const tickerList = editor.getByRole('group', { name: '区域 ticker 的播放列表' });
        await tickerList.locator('select[name=itemKind]').selectOption('ticker');
        await tickerList.getByRole('button', { name: '添加内容' }).click();
        // Saved with the ticker's text still empty: the server's problem is said under that field.
        await editor.getByRole('button', { name: '保存', exact: true }).click();
        const tickerText = tickerList.getByRole('textbox', { name: '字幕文字（第 1 项）' });
        await tickerList.locator('.field-error', { hasText: '不能为空' }).waitFor();
        assert.equal(await tickerText.getAttribute('aria-invalid'), 'true');
        await tickerText.fill(TICKER_TEXT);
        assert.match(
          (await editor.locator('.zone-box[data-zone-id="ticker"] .zone-body').getAttribute('aria-label'))!,
          /^ticker · 1 项：/,
        );
      },
    );

    await t.test('a weekday entry shows on the calendar; the preview shows the screen at a chosen moment', async () => {
      await editor.getByRole('button', { name: '添加排期' }).click();
      const form = editor.getByRole('region', { name: '排期 1' });
      await form.locator('input[name=entry-window-from]').fill('08:00');
      await form.locator('input[name=entry-window-to]').fill('12:00');
      await form.getByRole('button', { name: '完成' }).click();
      const blocks = editor.locator('.calendar-block[data-entry-id="entry-1"]');
      assert.equal(await blocks.count(), 5, 'one block on each weekday');
      assert.match(
        (await blocks.first().getAttribute('aria-label'))!,
        /^排期 1 · 优先级 10：周一 08:00–12:00；大厅；周一至周五 08:00–12:00；优先级 10$/,
      );

      // 2026-05-04 is a Monday: the entry puts the layout there.
      const preview = editor.getByRole('complementary', { name: '预览' });
      await preview.locator('input[name=previewAt]').fill('2026-05-04T10:00');
      await preview.getByRole('status').getByText('该时刻显示：大厅（由排期 1 决定）').waitFor();
      const screen = editor.frameLocator('.player-preview iframe');
      // The player's clock runs from the chosen moment: the main zone's first item, the clock, reads it.
      await screen.locator('.zone[data-zone-id="main"] [aria-label="2026年5月4日 星期一 10:00"]').waitFor();
      await screen.locator('.zone[data-zone-id="ticker"]', { hasText: '欢迎来到临江社区' }).waitFor();
      // On the Saturday the same layout shows as the default.
      await preview.locator('input[name=previewAt]').fill('2026-05-09T10:00');
      await preview.getByRole('status').getByText('该时刻显示：大厅（默认布局）').waitFor();

      assert.deepEqual(await seriousViolations(editor, false), []);
    });

    await t.test('saved as a draft and submitted; its own editor may not approve it', async () => {
      await editor.getByRole('button', { name: '保存', exact: true }).click();
      const row = editor.locator('tr', { hasText: TITLE });
      await row.getByText('草稿').waitFor();
      id = (await row.getAttribute('data-signage-id'))!;
      await row.getByRole('button', { name: '提交审核' }).click();
      await row.getByText('待审核').waitFor();
      assert.equal(await row.getByRole('button', { name: '审核', exact: true }).count(), 0);
      assert.deepEqual(await seriousViolations(editor, false), []);
    });

    await t.test('the street administrator approves it and it is live', async () => {
      const reviewer = await signInToAdmin(browser, url, 'anhe.admin', PASSWORD);
      await reviewer.getByRole('button', { name: '信息发布' }).click();
      const row = reviewer.locator(`tr[data-signage-id="${id}"]`);
      await row.getByRole('button', { name: '审核', exact: true }).click();
      const review = reviewer.getByRole('region', { name: `审核：${TITLE}` });
      await review.getByText(TICKER_TEXT).first().waitFor();
      await review.getByRole('button', { name: '审核通过' }).click();
      await row.getByText('已发布').waitFor();

      const street = await apiAs(url, 'anhe.admin', PASSWORD);
      const stored = (await street('GET', `/signage/${id}`)).json as unknown as SignageView;
      assert.equal(stored.state, 'approved');
      assert.equal(stored.liveVersion, stored.version);
      const [layout] = stored.schedule.layouts;
      assert.deepEqual(
        layout!.zones.map(({ id: zone, x, y, w, h, playlist }) => [
          zone,
          x,
          y,
          w,
          h,
          playlist.map((item) => item.kind),
        ]),
        [
          ['main', 0, 0, 12, 10, ['clock', 'text']],
          ['ticker', 0, 10, 12, 2, ['ticker']],
        ],
      );
      assert.deepEqual(
        stored.schedule.entries.map(({ layoutId, weekdays, window }) => ({ layoutId, weekdays, window })),
        [{ layoutId: layout!.id, weekdays: [1, 2, 3, 4, 5], window: { from: '08:00', to: '12:00' } }],
      );
      await reviewer.close();
    });

    await t.test(
      'plays two screens uploaded show in 播放记录 with totals; a backwards period, a screen filter and the CSV follow',
      async () => {
        const linjiang = nodes.find((node) => node.name === '临江社区')!.id;
        const hall = await enrolledPlayer(url, await enrollmentCode(system, linjiang), '临江社区大厅屏');
        const corridor = await enrolledPlayer(url, await enrollmentCode(system, linjiang), '临江社区走廊屏');
        const { schedule } = (await system('GET', `/signage/${id}`)).json as unknown as SignageView;
        const layout = schedule.layouts[0]!;
        const itemOf = (kind: string) => layout.zones[0]!.playlist.find((item) => item.kind === kind)!.id;
        // Three hours ago is within the last 7 days (Beijing) whenever the test runs; ten days ago is not.
        const start = Date.now() - 3 * 3_600_000;
        let n = 0;
        const play =
          (publicationId: string, layoutId: string, zoneId: string, itemId: string) =>
          (atMs: number, seconds: number): PlayRecord => ({
            playId: `e2e-play-${++n}`,
            publicationId,
            layoutId,
            zoneId,
            itemId,
            startedAt: new Date(atMs).toISOString(),
            endedAt: new Date(atMs + seconds * 1000).toISOString(),
          });
        const text = play(id, layout.id, 'main', itemOf('text'));
        const clock = play(id, layout.id, 'main', itemOf('clock'));
        await hall.uploadPlays([
          text(start, 1200),
          text(start + 1_200_000, 1200),
          text(start + 2_400_000, 1200),
          clock(start + 3_600_000, 61),
          clock(start + 3_661_000, 61),
          text(Date.now() - 10 * 86_400_000, 600),
        ]);
        // A publication deleted since it played.
        await corridor.uploadPlays([play('gone-publication', 'lobby', 'ticker', 'line')(start, 3723)]);

        await editor.getByRole('button', { name: '播放记录' }).click();
        const report = editor.getByRole('region', { name: '播放记录' });
        const table = report.getByRole('table', { name: '播放记录' });
        const rows = () =>
          table
            .locator('tbody tr')
            .evaluateAll((trs) =>
              trs.map((tr) => [0, 1, 4, 5].map((cell) => (tr.children[cell] as HTMLElement).innerText)),
            );
        const totals = table.locator('tfoot tr');
        await totals.getByText('2小时4分5秒').waitFor();
        assert.equal(await report.getByRole('button', { name: '最近7天' }).getAttribute('aria-pressed'), 'true');
        assert.deepEqual(
          (await rows()).sort(),
          [
            ['临江社区大厅屏', TITLE, '2', '2分2秒'],
            ['临江社区大厅屏', TITLE, '3', '1小时'],
            ['临江社区走廊屏', '已删除', '1', '1小时2分3秒'],
          ],
          'the play of ten days ago is not in the last 7 days',
        );
        assert.deepEqual(await totals.locator('td.number').allInnerTexts(), ['6', '2小时4分5秒']);

        // The last day before the first: the server's refusal is said under that date, and nothing else is shown.
        const from = await report.locator('input[name=from]').inputValue();
        const to = report.locator('input[name=to]');
        await to.fill('2020-01-01');
        await report.locator('.field-error', { hasText: '不能早于开始日期' }).waitFor();
        assert.equal(await to.getAttribute('aria-invalid'), 'true');
        assert.equal(await table.count(), 0);
        await report.getByRole('button', { name: '最近7天' }).click();
        await totals.getByText('2小时4分5秒').waitFor();
        assert.equal(await report.locator('input[name=from]').inputValue(), from);

        // One screen: the table and its totals follow.
        await report.locator('select[name=deviceId]').selectOption({ label: '临江社区走廊屏' });
        await totals.getByText('1小时2分3秒').waitFor();
        assert.deepEqual(await rows(), [['临江社区走廊屏', '已删除', '1', '1小时2分3秒']]);
        const startedAt = new Date(start).toLocaleString('sv-SE', { timeZone: 'Asia/Shanghai' });
        assert.equal(await table.locator('tbody td').nth(6).innerText(), startedAt, 'first start in Beijing time');

        // The export link carries the same filters: the CSV has that screen's row only.
        const [download] = await Promise.all([
          editor.waitForEvent('download'),
          report.getByRole('link', { name: '导出 CSV' }).click(),
        ]);
        assert.match(download.suggestedFilename(), /^linli-proof-of-play-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.csv$/);
        const csv = readFileSync((await download.path())!, 'utf8').replace(/^\uFEFF/, '');
        const [header, ...lines] = csv.trim().split('\r\n');
        assert.match(header!, /^屏幕,屏幕编号,节目,节目编号,布局,区域,内容,播放次数,播放时长（秒）/);
        assert.deepEqual(
          lines.map((line) => line.split(',').slice(0, 9)),
          [['临江社区走廊屏', corridor.deviceId, '', 'gone-publication', 'lobby', 'ticker', 'line', '1', '3723']],
        );
        assert.deepEqual(await seriousViolations(editor, false), []);
      },
    );
  },
);
