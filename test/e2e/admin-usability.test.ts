/**
 * The admin UI for office staff, in Chromium against a real admin server: the grouped sidebar, errors
 * under the field they are about, the guide editor's rows and generated id, and the devices page in words.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Locator } from 'playwright-core';
import { CSRF_HEADER, PROTOCOL_VERSION, PROTOCOL_VERSION_HEADER, deviceAuthorization } from '@linli/protocol';
import { startAdminServer } from '../../build/scripts/processes';
import { seriousViolations } from './axe';
import { launchChromium } from './browser';

const PASSWORD = 'Admin2026usable';
const FORMS_DIR = path.resolve(import.meta.dirname, '../../device-drivers/forms');

/** What a control's aria-describedby points at, as read out after its name. */
function description(control: Locator): Promise<string> {
  return control.evaluate((element) =>
    (element.getAttribute('aria-describedby') ?? '')
      .split(/\s+/)
      .filter(Boolean)
      .map((id) => document.getElementById(id)?.textContent?.trim() ?? `(no #${id})`)
      .join(' '),
  );
}

/** Waits until the server's answer marks the control, then says what is written under it. */
async function problemUnder(control: Locator): Promise<string> {
  await control.and(control.page().locator('[aria-invalid=true]')).waitFor();
  return description(control);
}

test('admin UI for office staff', { timeout: 150_000 }, async (t) => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'linli-admin-usable-'));
  t.after(() => rmSync(dataDir, { recursive: true, force: true }));
  const admin = await startAdminServer({
    ...process.env,
    LINLI_DATA_DIR: dataDir,
    LINLI_ADMIN_PORT: '0',
    LINLI_LOG_LEVEL: 'warn',
    LINLI_ADMIN_PASSWORD: PASSWORD,
  });
  t.after(() => admin.stop());
  const url = admin.ready.url!;
  const browser = await launchChromium();
  t.after(() => browser.close());
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  page.on('dialog', (dialog) => void dialog.accept());
  await page.goto(`${url}/admin/`);
  await page.locator('input[name=password]').fill(PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
  const menu = page.getByRole('navigation', { name: '主菜单' });
  await menu.waitFor();

  await t.test(
    'the sidebar groups every page under 为民服务, 内容, 终端 and 系统, in the chosen language',
    async () => {
      const group = (name: string) => menu.getByRole('region', { name });
      const names = async (name: string) =>
        (await group(name).getByRole('button').allTextContents()).map((text) => text.trim());
      assert.deepEqual(await names('为民服务'), ['窗口叫号', '排队叫号', '诉求办理', '网格地图']);
      assert.deepEqual(await names('内容'), [
        '办事指南',
        '打印表格',
        '通知公告',
        '信息发布',
        '电视频道',
        '预警信息',
        '媒体库',
      ]);
      assert.deepEqual(await names('终端'), ['设备', '版本发布']);
      assert.deepEqual(await names('统计分析'), ['使用统计', '统计查询', '统计报表', '数据填报', '指标体系']);
      assert.deepEqual(await names('系统'), ['组织机构', '用户', '计费机构', '工作日历', '审计日志', '我的账号']);
      assert.equal(await menu.getByRole('button', { name: '概览' }).getAttribute('aria-current'), 'page');

      // Every page opens from the sidebar, is marked as the open one, and stays open across a reload.
      const landmarks: [string, () => Promise<void>][] = [
        ['窗口叫号', () => page.getByRole('heading', { name: '窗口叫号' }).waitFor()],
        ['排队叫号', () => page.getByRole('button', { name: '新建服务大厅' }).waitFor()],
        ['诉求办理', () => page.getByRole('button', { name: '登记诉求' }).waitFor()],
        ['网格地图', () => page.getByRole('heading', { name: '网格地图' }).waitFor()],
        ['办事指南', () => page.getByRole('button', { name: '新建指南' }).waitFor()],
        ['打印表格', () => page.getByRole('button', { name: '新建表格' }).waitFor()],
        ['通知公告', () => page.getByRole('button', { name: '新建通知' }).waitFor()],
        ['信息发布', () => page.getByRole('button', { name: '新建信息发布' }).waitFor()],
        ['电视频道', () => page.getByRole('button', { name: '新建频道' }).waitFor()],
        ['预警信息', () => page.getByRole('button', { name: '新建预警' }).waitFor()],
        ['媒体库', () => page.getByText('上传文件').first().waitFor()],
        ['设备', () => page.getByRole('heading', { name: '注册码' }).waitFor()],
        ['版本发布', () => page.getByRole('form', { name: '发布新版本' }).waitFor()],
        ['使用统计', () => page.getByRole('heading', { name: '每日趋势' }).waitFor()],
        ['统计查询', () => page.locator('table.figures').waitFor()],
        ['统计报表', () => page.getByRole('heading', { name: '设计新报表' }).waitFor()],
        ['数据填报', () => page.getByRole('link', { name: '下载填报模板（Excel）' }).waitFor()],
        ['指标体系', () => page.getByRole('heading', { name: '社区基本情况' }).waitFor()],
        ['组织机构', () => page.getByRole('navigation', { name: '组织机构' }).waitFor()],
        ['用户', () => page.getByRole('heading', { name: /及下级的用户/ }).waitFor()],
        ['计费机构', () => page.getByRole('form', { name: '接入计费机构' }).waitFor()],
        ['工作日历', () => page.getByRole('heading', { name: '工作日历' }).waitFor()],
        ['审计日志', () => page.getByRole('link', { name: '导出 CSV' }).waitFor()],
        ['我的账号', () => page.getByRole('heading', { name: '修改密码' }).waitFor()],
      ];
      for (const [name, shown] of landmarks) {
        await menu.getByRole('button', { name, exact: true }).click();
        await shown();
        assert.equal(await menu.getByRole('button', { name, exact: true }).getAttribute('aria-current'), 'page');
        assert.equal(await menu.locator('[aria-current=page]').count(), 1, `${name}: one page is marked`);
      }
      await menu.getByRole('button', { name: '办事指南' }).click();
      await page.reload();
      await page.getByRole('button', { name: '新建指南' }).waitFor();
      assert.equal(await menu.getByRole('button', { name: '办事指南' }).getAttribute('aria-current'), 'page');
      assert.deepEqual(await seriousViolations(page, false), []);

      await page.getByRole('button', { name: 'English' }).click();
      const english = page.getByRole('navigation', { name: 'Main menu' });
      await english.getByRole('region', { name: 'Content' }).getByRole('button', { name: 'Service guides' }).waitFor();
      await english.getByRole('region', { name: 'Kiosks' }).getByRole('button', { name: 'Devices' }).waitFor();
      await english.getByRole('region', { name: 'System' }).getByRole('button', { name: 'Audit log' }).waitFor();
      await page.getByRole('button', { name: '繁體' }).click();
      const traditional = page.getByRole('navigation', { name: '主選單' });
      await traditional.getByRole('region', { name: '內容' }).getByRole('button', { name: '辦事指南' }).waitFor();
      await traditional.getByRole('region', { name: '終端' }).waitFor();
      await traditional.getByRole('region', { name: '系統' }).getByRole('button', { name: '組織機構' }).waitFor();
      await page.getByRole('button', { name: '简体' }).click();
      await menu.waitFor();
    },
  );

  await t.test('a problem the server finds is said under the field it is about, besides the summary', async () => {
    const signIn = await browser.newPage();
    await signIn.goto(`${url}/admin/`);
    await signIn.locator('input[name=password]').fill('not-the-password');
    await signIn.getByRole('button', { name: '登录' }).click();
    await signIn.getByRole('alert').filter({ hasText: '用户名或密码错误' }).waitFor();
    assert.equal(await problemUnder(signIn.locator('input[name=password]')), '用户名或密码错误');
    await signIn.close();

    await menu.getByRole('button', { name: '办事指南' }).click();
    await page.getByRole('button', { name: '新建指南' }).click();
    await page.locator('input[name=id]').fill('no-title-yet');
    await page.locator('input[name=officeName]').fill('窗口');
    await page.locator('input[name=address]').fill('地址');
    await page.getByRole('button', { name: '保存草稿' }).click();
    assert.equal(await problemUnder(page.locator('input[name=title]')), '不能为空');
    await page.getByRole('alert').filter({ hasText: '标题：不能为空' }).waitFor();
    assert.equal(await page.locator('textarea[name=summary]').getAttribute('aria-invalid'), null, 'only the title');
    assert.deepEqual(await seriousViolations(page, false), []);
    await page.getByRole('button', { name: '取消' }).click();

    // A notice's attachment deleted from the media library while the notice is being written.
    const { csrfToken } = await (await page.request.get(`${url}/api/v1/admin/session`)).json();
    const { default: sharp } = await import('sharp');
    const png = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#2f6f4f' } })
      .png()
      .toBuffer();
    const uploaded = await page.request.post(`${url}/api/v1/admin/media?name=${encodeURIComponent('活动海报.png')}`, {
      headers: { [CSRF_HEADER]: csrfToken, 'content-type': 'application/octet-stream' },
      data: png,
    });
    assert.equal(uploaded.status(), 201, await uploaded.text());
    const { id: mediaId } = await uploaded.json();
    await menu.getByRole('button', { name: '通知公告' }).click();
    await page.getByRole('button', { name: '新建通知' }).click();
    await page.locator('input[name=title]').fill('停水通知');
    await page.locator('textarea[name=body]').fill('明日停水。');
    await page.getByRole('checkbox', { name: /活动海报\.png/ }).check();
    const removed = await page.request.delete(`${url}/api/v1/admin/media/${mediaId}`, {
      headers: { [CSRF_HEADER]: csrfToken },
    });
    assert.equal(removed.status(), 204);
    await page.getByRole('button', { name: '保存', exact: true }).click();
    const attachments = page.getByRole('group', { name: '附件（来自媒体库）' });
    assert.equal(await problemUnder(attachments), '媒体库中没有该文件（可能已被删除），请重新选择');
    await page.getByRole('alert').filter({ hasText: '附件：媒体库中没有该文件' }).waitFor();
    await page.getByRole('button', { name: '取消' }).click();

    // A form whose definition names an id the server does not accept.
    const definition = path.join(dataDir, 'bad.form.json');
    writeFileSync(definition, JSON.stringify({ id: 'Bad Id', title: '坏表格', fields: [] }));
    await menu.getByRole('button', { name: '打印表格' }).click();
    await page.getByRole('button', { name: '新建表格' }).click();
    await page.locator('input[name=definition]').setInputFiles(definition);
    await page
      .locator('input[type=file][accept*=pdf]')
      .setInputFiles(path.join(FORMS_DIR, 'residence-certificate.pdf'));
    await page.waitForFunction(
      () => (document.querySelector('select[name=template]') as HTMLSelectElement | null)?.value !== '',
    );
    await page.getByRole('button', { name: '保存草稿' }).click();
    assert.match(await problemUnder(page.locator('input[name=definition]')), /格式不正确/);
    assert.equal(await page.locator('select[name=template]').getAttribute('aria-invalid'), null);
    await page.getByRole('button', { name: '取消' }).click();

    await menu.getByRole('button', { name: '用户' }).click();
    const form = page.locator('form', { hasText: '创建用户' });
    await form.locator('input[name=username]').fill('admin');
    await form.locator('input[name=displayName]').fill('名'.repeat(41));
    await form.locator('input[name=password]').fill('Valid2026pass');
    await form.getByRole('button', { name: '创建用户' }).click();
    assert.equal(await problemUnder(form.locator('input[name=displayName]')), '不能超过 40 个字');
    assert.equal(await form.locator('input[name=username]').getAttribute('aria-invalid'), null);
    await form.locator('input[name=displayName]').fill('重名用户');
    await form.getByRole('button', { name: '创建用户' }).click();
    assert.equal(await problemUnder(form.locator('input[name=username]')), '已被占用，请换一个');
    assert.equal(await form.locator('input[name=displayName]').getAttribute('aria-invalid'), null);
    await page.getByRole('alert').filter({ hasText: 'ALREADY_EXISTS' }).waitFor();
  });

  await t.test(
    'a guide is written in rows; its id is spelt from the title; a repeated title is warned about, not refused',
    async () => {
      await menu.getByRole('button', { name: '办事指南' }).click();
      await page.getByRole('button', { name: '新建指南' }).click();
      const title = page.locator('input[name=title]');
      const id = page.locator('input[name=id]');
      const warning = page.getByRole('status').filter({ hasText: '已有' });
      await title.fill('社区居住证明开具');
      await warning.filter({ hasText: '已有同名指南「社区居住证明开具」（zhengming-community-residence）' }).waitFor();
      await title.fill('社区居住证明开具补办');
      await warning.filter({ hasText: '已有标题相近的指南「社区居住证明开具」' }).waitFor();
      await title.fill('测试材料排序');
      await warning.waitFor({ state: 'detached' });
      await page.waitForFunction(
        () => document.querySelector<HTMLInputElement>('input[name=id]')?.value === 'ce-shi-cai-liao-pai-xu',
      );

      const materials = page.getByRole('group', { name: '申请材料' });
      const name = (n: number) => materials.getByRole('textbox', { name: `材料名称（第 ${n} 项）` });
      await name(1).fill('居民身份证');
      await materials.getByRole('button', { name: '添加材料' }).click();
      await name(2).fill('户口簿');
      await materials.getByRole('checkbox', { name: '必需（第 2 项）' }).uncheck();
      await materials.getByRole('button', { name: '添加材料' }).click();
      await name(3).fill('近期照片');
      await materials.getByRole('textbox', { name: '份数（第 3 项）' }).fill('2张');
      await materials.getByRole('button', { name: '添加材料' }).click(); // left empty: dropped on save
      await materials.getByRole('button', { name: '上移（第 3 项）' }).click();
      assert.equal(await name(2).inputValue(), '近期照片');
      assert.equal(await materials.getByRole('button', { name: '上移（第 1 项）' }).isDisabled(), true);
      await materials.getByRole('button', { name: '删除（第 1 项）' }).click();
      assert.equal(await name(1).inputValue(), '近期照片');

      const steps = page.getByRole('group', { name: '办理流程' });
      await steps.getByRole('textbox', { name: '步骤（第 1 项）' }).fill('领取结果');
      await steps.getByRole('button', { name: '添加步骤' }).click();
      await steps.getByRole('textbox', { name: '步骤（第 2 项）' }).fill('提交申请');
      await steps.getByRole('textbox', { name: '说明（第 2 项）' }).fill('到窗口提交');
      await steps.getByRole('button', { name: '下移（第 1 项）' }).click();
      await page.locator('input[name=officeName]').fill('安和街道便民服务中心');
      await page.locator('input[name=address]').fill('安和路88号');
      // Beside the form, the kiosk's own guide page shows what is typed so far, in elder mode too.
      const preview = page.frameLocator('.kiosk-preview iframe');
      await preview.locator('.guide-page h1', { hasText: '测试材料排序' }).waitFor();
      await preview.locator('.guide-page', { hasText: '安和路88号' }).waitFor();
      assert.deepEqual(await preview.locator('.material-name').allInnerTexts(), ['近期照片', '户口簿']);
      await page
        .getByRole('complementary', { name: '查询机上的样子' })
        .getByRole('checkbox', { name: '长辈模式' })
        .check();
      await preview.locator('.kiosk-root[data-elder="true"] .guide-page').waitFor();
      assert.deepEqual(await seriousViolations(page, false), []);
      await page.getByRole('button', { name: '保存草稿' }).click();
      await page.getByRole('status').filter({ hasText: '已保存为草稿' }).waitFor();
      const stored = await (await page.request.get(`${url}/api/v1/admin/guides/ce-shi-cai-liao-pai-xu`)).json();
      assert.deepEqual(stored.materials, [
        { name: '近期照片', copies: '2张', required: true },
        { name: '户口簿', required: false },
      ]);
      assert.deepEqual(stored.steps, [
        { title: '提交申请', detail: '到窗口提交' },
        { title: '领取结果', detail: '' },
      ]);

      // The same title again: warned, the next free id offered, and a row's problem said in that row.
      await page.getByRole('button', { name: '新建指南' }).click();
      await title.fill('测试材料排序');
      await warning.filter({ hasText: '已有同名指南「测试材料排序」（ce-shi-cai-liao-pai-xu）' }).waitFor();
      await page.waitForFunction(
        () => document.querySelector<HTMLInputElement>('input[name=id]')?.value === 'ce-shi-cai-liao-pai-xu-2',
      );
      await id.fill('my-own-id');
      await title.fill('测试材料排序二');
      await materials.getByRole('textbox', { name: '份数（第 1 项）' }).fill('1份');
      await page.locator('input[name=officeName]').fill('窗口');
      await page.locator('input[name=address]').fill('地址');
      await page.getByRole('button', { name: '保存草稿' }).click();
      assert.equal(await problemUnder(name(1)), '不能为空');
      await page.getByRole('alert').filter({ hasText: '申请材料第 1 项 · 材料名称：不能为空' }).waitFor();
      assert.equal(await id.inputValue(), 'my-own-id', 'an id the user typed is kept');
      await page.getByRole('button', { name: '取消' }).click();

      await page.getByRole('button', { name: 'English' }).click();
      await page.getByRole('button', { name: 'New guide' }).click();
      await page.getByRole('group', { name: 'Materials' }).getByRole('button', { name: 'Add material' }).waitFor();
      await page.getByRole('checkbox', { name: 'Required (1)' }).waitFor();
      await page.getByRole('button', { name: '繁體' }).click();
      await page.getByRole('group', { name: '申請材料' }).getByRole('button', { name: '新增材料' }).waitFor();
      await page.getByRole('button', { name: '取消' }).click();
      await page.getByRole('button', { name: '简体' }).click();
    },
  );

  await t.test('the devices page names peripherals in words and says when a filter hides every kiosk', async () => {
    const { deviceId, secret } = await (
      await fetch(`${url}/api/v1/devices/enroll`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ code: admin.ready.enrollmentCode, name: '安和社区一楼' }),
      })
    ).json();
    const since = '2026-11-28T08:00:00.000Z';
    const beat = await fetch(`${url}/api/v1/devices/heartbeat`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: deviceAuthorization(deviceId, secret),
        [PROTOCOL_VERSION_HEADER]: String(PROTOCOL_VERSION),
      },
      body: JSON.stringify({
        appVersion: '0.1.0',
        cursor: 0,
        uptimeSec: 1,
        peripherals: [
          { id: 'receipt', kind: 'receipt-printer', driver: 'escpos-tcp', state: 'paper-out', since },
          { id: 'idcard', kind: 'id-card-reader', driver: 'ga467-serial', state: 'ok', since },
          { id: 'a4', kind: 'a4-printer', driver: 'system-printer', state: 'ok', since },
          { id: 'scan', kind: 'scanner', driver: 'keyboard-wedge-scanner', state: 'ok', since },
        ],
      }),
    });
    assert.equal(beat.status, 204);
    await menu.getByRole('button', { name: '设备' }).click();
    const row = page.locator(`tr[data-device-id="${deviceId}"]`);
    await row.getByText('小票打印机 · receipt: 缺纸').waitFor();
    for (const text of ['身份证阅读器 · idcard: 正常', 'A4打印机 · a4: 正常', '扫码器 · scan: 正常'])
      await row.getByText(text).waitFor();

    const search = page.getByRole('searchbox', { name: '搜索终端名称或编号' });
    const state = page.getByRole('combobox', { name: '状态' });
    await state.selectOption({ label: '需处理' });
    await row.waitFor();
    await search.fill('二楼');
    const empty = page.getByRole('status').filter({ hasText: '没有符合筛选条件的终端。' });
    await empty.waitFor();
    assert.equal(await page.locator('table.devices').count(), 0, 'no empty table');
    await empty.getByRole('button', { name: '清除筛选' }).click();
    await row.waitFor();
    assert.equal(await search.inputValue(), '');
    await state.selectOption({ label: '已停用' });
    await empty.waitFor();
    await state.selectOption({ label: '全部终端' });
    assert.deepEqual(await seriousViolations(page, false), []);

    await page.getByRole('button', { name: 'English' }).click();
    await row.getByText('Receipt printer · receipt: Paper out').waitFor();
    await page.getByRole('button', { name: '繁體' }).click();
    await row.getByText('身分證閱讀器 · idcard: 正常').waitFor();
    await page.getByRole('button', { name: '简体' }).click();
  });

  await t.test(
    'a user an administrator created chooses their own password at first sign-in, before anything else',
    async () => {
      await menu.getByRole('button', { name: '用户' }).click();
      const form = page.locator('form', { hasText: '创建用户' });
      await form.getByText('新用户首次登录时须改用自己的密码。').waitFor();
      await form.locator('input[name=username]').fill('first.clerk');
      await form.locator('input[name=displayName]').fill('首次查询员');
      await form.locator('input[name=password]').fill('Given2026pass');
      await form.getByRole('button', { name: '创建用户' }).click();
      await page.locator('tr[data-username="first.clerk"]', { hasText: '待设置新密码' }).waitFor();

      const clerk = await browser.newPage({ viewport: { width: 1280, height: 800 } });
      t.after(() => clerk.close());
      await clerk.goto(`${url}/admin/`);
      await clerk.locator('input[name=username]').fill('first.clerk');
      await clerk.locator('input[name=password]').fill('Given2026pass');
      await clerk.getByRole('button', { name: '登录' }).click();
      await clerk.getByRole('heading', { name: '请设置您自己的密码' }).waitFor();
      assert.equal(await clerk.getByRole('navigation', { name: '主菜单' }).count(), 0, 'nothing else until then');
      assert.equal(await clerk.getByRole('heading', { name: /两步验证/ }).count(), 0, 'only the password');
      await clerk.locator('input[name=currentPassword]').first().fill('Given2026pass');
      await clerk.locator('input[name=newPassword]').fill('Mine2026clerk');
      await clerk.getByRole('button', { name: '保存' }).click();
      await clerk.getByRole('navigation', { name: '主菜单' }).waitFor();
      assert.deepEqual(await seriousViolations(clerk, false), []);
    },
  );
});
