/**
 * The admin UI as different staff use it, in Chromium against a real admin server: a reviewer reads
 * what they approve, a fresh install says a notice needs a second person, clerks see only what they
 * can use, the audit trail reads in words, and a kiosk's peripherals are edited as rows.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { CSRF_HEADER, EDIT_VERSION_HEADER, etagOf } from '@linli/protocol';
import { startAdminServer } from '../../build/scripts/processes';
import { seriousViolations } from './axe';
import { launchChromium } from './browser';
import { editableGuide } from './editable-guide';
import { chooseOwnPassword } from './first-password';

const PASSWORD = 'Admin2026staff';
const GUIDE = 'zhengming-community-residence';

/** Calls the admin API as the page's signed-in user; returns status and parsed body. */
async function call<T = Record<string, unknown>>(
  page: Page,
  url: string,
  method: 'GET' | 'POST' | 'PUT' | 'PATCH',
  route: string,
  body?: unknown,
  version?: number,
): Promise<{ status: number; json: T }> {
  const { csrfToken } = await (await page.request.get(`${url}/api/v1/admin/session`)).json();
  const response = await page.request.fetch(`${url}/api/v1/admin${route}`, {
    method,
    headers: {
      [CSRF_HEADER]: csrfToken,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(version === undefined ? {} : { [EDIT_VERSION_HEADER]: etagOf(version) }),
    },
    ...(body === undefined ? {} : { data: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status(), json: (text ? JSON.parse(text) : undefined) as T };
}

async function signIn(page: Page, url: string, username: string, password: string): Promise<void> {
  await page.goto(`${url}/admin/`);
  await page.locator('input[name=username]').fill(username);
  await page.locator('input[name=password]').fill(password);
  await page.getByRole('button', { name: '登录' }).click();
  await page.getByRole('navigation', { name: '主菜单' }).waitFor();
}

test('admin UI for reviewers, clerks and auditors', { timeout: 180_000 }, async (t) => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'linli-admin-staff-'));
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
  await signIn(page, url, 'admin', PASSWORD);
  const menu = page.getByRole('navigation', { name: '主菜单' });

  await t.test('a fresh install says a notice needs a second person and opens user creation', async () => {
    const hint = page.getByRole('status').filter({ hasText: '通知需要第二个人审核' });
    await hint.waitFor();
    await hint.getByText('能审核您所写通知的只有您自己').waitFor();
    assert.deepEqual(await seriousViolations(page, false), []);
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('status').filter({ hasText: 'A notice needs a second person to approve it' }).waitFor();
    await page.getByRole('button', { name: '繁體' }).click();
    await page.getByRole('status').filter({ hasText: '通知需要第二個人審核' }).waitFor();
    await page.getByRole('button', { name: '简体' }).click();

    await hint.getByRole('button', { name: '去新建用户' }).click();
    assert.equal(await menu.getByRole('button', { name: '用户' }).getAttribute('aria-current'), 'page');
    const form = page.locator('form', { hasText: '创建用户' });
    await form.locator('input[name=username]').fill('second.reviewer');
    await form.locator('input[name=displayName]').fill('第二审核人');
    await form.locator('select[name=role]').selectOption({ label: '街道管理员' });
    await form.locator('input[name=password]').fill('Given2026second');
    await form.getByRole('button', { name: '创建用户' }).click();
    await page.locator('tr[data-username="second.reviewer"]').waitFor();
    const counted = page.waitForResponse((response) => response.url().endsWith('/notices/approvers'));
    await menu.getByRole('button', { name: '概览' }).click();
    assert.deepEqual(await (await counted).json(), { approvers: 2 });
    await page.getByText('台终端在线').waitFor();
    assert.equal(await hint.count(), 0, 'two people may approve now');
  });

  await t.test('the second person reviews a notice with its text in view', async () => {
    const created = await call(page, url, 'POST', '/notices', {
      kind: 'announcement',
      title: '临江社区停水通知',
      body: '因管道检修，12月1日停水。\n\n请居民提前储水。',
      publishAt: null,
      expireAt: null,
      targets: { orgIds: [], groupIds: [] },
    });
    assert.equal(created.status, 201, JSON.stringify(created.json));
    const id = String(created.json.id);
    assert.equal((await call(page, url, 'POST', `/notices/${id}/submit`)).status, 200);

    const reviewer = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    t.after(() => reviewer.close());
    await reviewer.goto(`${url}/admin/`);
    await reviewer.locator('input[name=username]').fill('second.reviewer');
    await reviewer.locator('input[name=password]').fill('Given2026second');
    await reviewer.getByRole('button', { name: '登录' }).click();
    await chooseOwnPassword(reviewer, 'Given2026second', 'Mine2026second');
    await reviewer.getByRole('button', { name: '通知公告' }).click();
    const row = reviewer.locator(`tr[data-notice-id="${id}"]`);
    await row.getByRole('button', { name: '审核', exact: true }).click();
    const panel = reviewer.getByRole('region', { name: '审核：临江社区停水通知' });
    const full = await panel.locator('.version-text').innerText();
    assert.match(full, /标题: 临江社区停水通知/);
    assert.match(full, /发布时间: 审核通过后/);
    assert.match(full, /请居民提前储水/);
    await panel.getByText('终端上还没有已发布的版本').waitFor();
    await panel.getByRole('button', { name: '审核通过' }).click();
    await row.getByText('已发布').waitFor();
    assert.deepEqual(await seriousViolations(reviewer, false), []);
  });

  await t.test('a reviewer reads the version under review in full and its changes, then decides', async () => {
    // An edit of a published guide, submitted for review: kiosks keep showing the published version.
    const current = editableGuide((await call(page, url, 'GET', `/guides/${GUIDE}`)).json);
    const edited = { ...current.input, fees: '免费（含复印）', published: false };
    const saved = await call(page, url, 'PUT', `/guides/${GUIDE}`, edited, current.version);
    assert.equal(saved.status, 200, JSON.stringify(saved.json));
    assert.equal((await call(page, url, 'POST', `/guides/${GUIDE}/submit`)).status, 200);

    await menu.getByRole('button', { name: '办事指南' }).click();
    await page.getByRole('searchbox', { name: '搜索指南' }).fill('社区居住证明开具');
    const row = page.locator(`tr[data-guide-id="${GUIDE}"]`);
    await row.getByText('待审核').waitFor();
    assert.equal(await row.getByRole('button', { name: '审核通过' }).count(), 0, 'no approval without reading');
    await row.getByRole('button', { name: '审核', exact: true }).click();
    const panel = page.getByRole('region', { name: '审核：社区居住证明开具' });
    await panel.getByText(`待审核的第 ${String(saved.json.version)} 版全文`).waitFor();
    const full = await panel.locator('.version-text').innerText();
    assert.match(full, /标题: 社区居住证明开具/);
    assert.match(full, /收费标准: 免费（含复印）/);
    assert.doesNotMatch(full, /[{}"]/, 'readable, not JSON');
    await panel.getByText(`与终端正在显示的第 ${current.version} 版相比`).waitFor();
    assert.deepEqual(await panel.locator('.diff-added').allInnerTexts(), ['+ 收费标准: 免费（含复印）']);
    assert.equal(await panel.locator('.diff-removed').count(), 1);
    assert.deepEqual(await seriousViolations(page, false), []);

    // Sending back needs a reason, said under the comment box.
    await panel.getByRole('button', { name: '退回' }).click();
    await panel.getByText('退回时请写明原因').waitFor();
    assert.equal(await panel.getByRole('textbox', { name: /审核意见/ }).getAttribute('aria-invalid'), 'true');
    await panel.getByRole('textbox', { name: /审核意见/ }).fill('收费标准请与物价文件核对');
    await panel.getByRole('button', { name: '退回' }).click();
    await panel.waitFor({ state: 'detached' });
    await row.getByText('草稿').waitFor();
    await row.getByText('审核意见: 收费标准请与物价文件核对').waitFor();

    // Approval names the version read: a save made while the reviewer reads is not approved blindly.
    assert.equal((await call(page, url, 'POST', `/guides/${GUIDE}/submit`)).status, 200);
    await page.getByRole('searchbox', { name: '搜索指南' }).fill('社区居住证明'); // the list is read again
    await row.getByText('待审核').waitFor();
    await row.getByRole('button', { name: '审核', exact: true }).click();
    await panel.locator('.version-text').waitFor();
    const later = editableGuide((await call(page, url, 'GET', `/guides/${GUIDE}`)).json);
    const resaved = await call(
      page,
      url,
      'PUT',
      `/guides/${GUIDE}`,
      { ...later.input, fees: '免费', published: false },
      later.version,
    );
    assert.equal(resaved.status, 200, JSON.stringify(resaved.json));
    assert.equal((await call(page, url, 'POST', `/guides/${GUIDE}/submit`)).status, 200);
    await panel.getByRole('button', { name: '审核通过' }).click();
    await page.getByRole('alert').filter({ hasText: 'EDIT_CONFLICT' }).waitFor();
    assert.equal((await call(page, url, 'GET', `/guides/${GUIDE}`)).json.state, 'in-review');
    await panel.getByRole('button', { name: '关闭' }).click();
    await row.getByText(`v${String(resaved.json.version)}`).waitFor();
    await row.getByRole('button', { name: '审核', exact: true }).click();
    await panel.getByText('收费标准: 免费').first().waitFor();
    await panel.getByRole('button', { name: '审核通过' }).click();
    await row.getByText('已发布').waitFor();
    const approved = (await call(page, url, 'GET', `/guides/${GUIDE}`)).json;
    assert.equal(approved.fees, '免费');
    assert.equal(approved.liveVersion, resaved.json.version);
  });

  await t.test('a query clerk and an auditor see no button they could not use', async () => {
    // The demo's tree: a community and the street above it.
    const tree = (
      await call<{ nodes: { id: number; level: string; parentId: number | null; name: string }[] }>(
        page,
        url,
        'GET',
        '/orgs',
      )
    ).json;
    const community = tree.nodes.find((node) => node.level === 'community')!;
    const street = tree.nodes.find((node) => node.id === community.parentId)!;
    for (const [username, role, orgId] of [
      ['lj.clerk', 'query-clerk', community.id],
      ['ah.auditor', 'auditor', street.id],
    ] as const) {
      const reply = await call(page, url, 'POST', '/users', {
        username,
        displayName: username,
        role,
        orgId,
        password: 'Clerk2026reads',
        mustChangePassword: false,
      });
      assert.equal(reply.status, 201, JSON.stringify(reply.json));
    }
    // Something to act on, were they allowed: a kiosk and a group in the community, a guide under review.
    const code = (await call(page, url, 'POST', '/enrollment-codes', { orgId: community.id, validDays: 7, maxUses: 1 }))
      .json.code as string;
    const enrolled = await fetch(`${url}/api/v1/devices/enroll`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code, name: '临江社区大厅机' }),
    });
    assert.equal(enrolled.status, 200);
    const group = await call(page, url, 'POST', '/device-groups', { orgId: community.id, name: '临江大厅' });
    assert.equal(group.status, 201, JSON.stringify(group.json));
    const guide = editableGuide((await call(page, url, 'GET', `/guides/${GUIDE}`)).json);
    await call(
      page,
      url,
      'PUT',
      `/guides/${GUIDE}`,
      { ...guide.input, fees: '不收费', published: false },
      guide.version,
    );
    assert.equal((await call(page, url, 'POST', `/guides/${GUIDE}/submit`)).status, 200);

    /** Buttons that only look, page, filter or open: nothing that changes anything. */
    const indicatorNames = (
      JSON.parse(readFileSync(new URL('../../admin-server/stats-rules/indicators.json', import.meta.url), 'utf8')) as {
        indicators: Array<{ name: string }>;
      }
    ).indicators.map((indicator) => indicator.name);
    const harmless = new Set([
      '历史版本',
      '命令与设置',
      '关闭',
      '上一页',
      '下一页',
      '清除筛选',
      '导出 JSON',
      '导出 CSV',
      '导出 Excel',
      '播放记录',
      // A channel's live stream, watched.
      '预览直播',
      // The grid map's view: what is shown, not what is changed.
      '未办结',
      '全部',
      '不限',
      '7 天内',
      '7 天以上',
      '点位',
      '热力',
      // 使用统计: the period, and the units below opened (the auditor works at 安和街道).
      '今天',
      '最近7天',
      '最近30天',
      '本月',
      '上月',
      '今年',
      '临江社区',
      '望湖社区',
      '桂花社区',
      // 统计查询: periods stepped, an indicator's units drawn as bars.
      '‹ 上一期',
      '下一期 ›',
      ...indicatorNames,
      // 统计报表: reports run and downloaded, never saved.
      '下载 CSV',
      '下载 Excel',
      '下载 PDF',
      '预览',
    ]);
    const changing = [
      '导入 JSON',
      '新建指南',
      '新建表格',
      '新建通知',
      '新建信息发布',
      '新建预警',
      '批准发布',
      '撤销预警',
      '编辑',
      '提交审核',
      '审核',
      '发布',
      '撤回',
      '删除',
    ];
    // A query clerk takes residents' cases (登记诉求); an auditor only reads them.
    for (const [username, pages, mayUse] of [
      [
        'lj.clerk',
        [
          '概览',
          '诉求办理',
          '网格地图',
          '办事指南',
          '打印表格',
          '通知公告',
          '信息发布',
          '电视频道',
          '预警信息',
          '媒体库',
          '设备',
        ],
        ['登记诉求'],
      ],
      [
        'ah.auditor',
        [
          '概览',
          '诉求办理',
          '网格地图',
          '办事指南',
          '打印表格',
          '通知公告',
          '信息发布',
          '电视频道',
          '预警信息',
          '媒体库',
          '设备',
          '使用统计',
          '统计查询',
          '统计报表',
          '指标体系',
          '审计日志',
        ],
        [],
      ],
    ] as const) {
      const clerk = await browser.newPage({ viewport: { width: 1440, height: 900 } });
      t.after(() => clerk.close());
      await signIn(clerk, url, username, 'Clerk2026reads');
      const nav = clerk.getByRole('navigation', { name: '主菜单' });
      assert.deepEqual(
        (await nav.getByRole('button').allInnerTexts()).map((text) => text.trim()),
        [...pages, '我的账号'],
        `${username}: the pages of the role`,
      );
      const landmarks: Record<string, () => Promise<void>> = {
        概览: () => clerk.locator('.cards').waitFor(),
        诉求办理: () => clerk.getByText('没有符合条件的诉求').waitFor(),
        网格地图: () => clerk.getByRole('heading', { name: '网格地图' }).waitFor(),
        办事指南: () => clerk.locator('tr[data-guide-id]').first().waitFor(),
        打印表格: () => clerk.locator('table.forms').waitFor(),
        通知公告: () => clerk.locator('table.notices tbody tr').first().waitFor(),
        信息发布: () => clerk.locator('table.signage tbody tr').first().waitFor(),
        电视频道: () => clerk.locator('tr[data-channel-id]').first().waitFor(),
        预警信息: () => clerk.getByRole('heading', { name: '人工发布预警' }).waitFor(),
        媒体库: () => clerk.getByText(/支持 PNG/).waitFor(),
        设备: () => clerk.locator('tr[data-device-id]').first().waitFor(),
        使用统计: () => clerk.getByRole('heading', { name: '每日趋势' }).waitFor(),
        统计查询: () => clerk.locator('table.figures').waitFor(),
        统计报表: () => clerk.getByRole('heading', { name: '一键月报' }).waitFor(),
        指标体系: () => clerk.getByRole('heading', { name: '社区基本情况' }).waitFor(),
        审计日志: () => clerk.locator('table.audit tbody tr').first().waitFor(),
      };
      for (const name of pages) {
        await nav.getByRole('button', { name, exact: true }).click();
        await landmarks[name]!();
        const shown = (await clerk.locator('main').locator('button:not(.card), label.button, a.button').allInnerTexts())
          .map((text) => text.trim())
          .filter((text) => !harmless.has(text) && !(mayUse as readonly string[]).includes(text));
        assert.deepEqual(shown, [], `${username} on ${name}: only buttons that look`);
        for (const text of changing)
          assert.equal(await clerk.getByRole('button', { name: text, exact: true }).count(), 0, `${name}: ${text}`);
        assert.equal(await clerk.locator('main input[type=file]').count(), 0, `${name}: no upload`);
      }
      // A kiosk's settings are shown, not offered for change; nor are its commands or group members.
      await nav.getByRole('button', { name: '设备', exact: true }).click();
      await clerk.locator('tr', { hasText: '临江社区大厅机' }).getByRole('button', { name: '命令与设置' }).click();
      const panel = clerk.getByRole('region', { name: '临江社区大厅机' });
      await panel.locator('input[name=idleSec]').waitFor();
      assert.equal(await panel.getByRole('button', { name: '重新同步' }).count(), 0);
      assert.equal(await panel.getByRole('button', { name: '保存设置' }).count(), 0);
      for (const input of await panel.locator('form.settings').locator('input, select, textarea').all())
        assert.equal(await input.isDisabled(), true, `${await input.getAttribute('name')} is read-only`);
      for (const box of await clerk.locator('input[type=checkbox]').all()) assert.equal(await box.isDisabled(), true);
      assert.deepEqual(await seriousViolations(clerk, false), []);
      await clerk.close();
    }
  });

  await t.test(
    'the audit log says actions, records and changed fields in words, filtered by kind of record',
    async () => {
      await menu.getByRole('button', { name: '审计日志' }).click();
      await page.getByRole('combobox', { name: '对象类型' }).selectOption({ label: '办事指南' });
      const onlyOf = (prefix: string) =>
        page.waitForFunction((wanted) => {
          const rows = [...document.querySelectorAll('table.audit tbody tr[data-action]')];
          return rows.length > 0 && rows.every((row) => row.getAttribute('data-action')!.startsWith(wanted));
        }, prefix);
      await onlyOf('guide.');
      const update = page.locator('tr[data-action="guide.update"]').first();
      await update.getByText('修改办事指南').waitFor();
      await update.getByText('办事指南「社区居住证明开具」').waitFor();
      await update.getByText(GUIDE).waitFor();
      await update.locator('summary').click();
      const fields = await update.locator('table.change tbody th').allInnerTexts();
      assert.ok(fields.includes('收费标准'), fields.join());
      assert.ok(!fields.includes('标题'), 'only the fields that changed');
      assert.ok(!fields.includes('fees') && !fields.some((name) => /^[a-z]/.test(name)), fields.join());
      const fees = update.locator('table.change tr[data-field=fees]');
      assert.equal((await fees.locator('td').allInnerTexts()).length, 2);
      assert.deepEqual(await seriousViolations(page, false), []);

      await page.getByRole('combobox', { name: '对象类型' }).selectOption({ label: '登录' });
      const signIns = page.locator('tr[data-action="session.sign-in"]');
      await onlyOf('session.');
      await signIns.first().getByText('登录', { exact: true }).waitFor();
      await page.getByRole('combobox', { name: '对象类型' }).selectOption({ label: '设备' });
      await onlyOf('device.');
      await page.locator('tr[data-action="device.create-group"]').getByText('新建设备组').waitFor();
      await page.locator('tr[data-action="device.create-group"]').getByText('设备组「临江大厅」').waitFor();

      await page.getByRole('button', { name: 'English' }).click();
      await page.getByRole('combobox', { name: 'Kind of record' }).selectOption({ label: 'Service guides' });
      await page.locator('tr[data-action="guide.update"]').first().getByText('Edit service guide').waitFor();
      await page.getByRole('button', { name: '繁體' }).click();
      await page.locator('tr[data-action="guide.update"]').first().getByText('修改辦事指南').waitFor();
      await page.getByRole('button', { name: '简体' }).click();
    },
  );

  await t.test("a kiosk's peripherals are rows: a driver and its fields, problems under the field", async () => {
    const deviceId = (
      await call<{ devices: { id: string; name: string }[] }>(page, url, 'GET', '/devices')
    ).json.devices.find((device) => device.name === '临江社区大厅机')!.id;
    await menu.getByRole('button', { name: '设备' }).click();
    await page.locator(`tr[data-device-id="${deviceId}"]`).getByRole('button', { name: '命令与设置' }).click();
    const panel = page.getByRole('region', { name: '临江社区大厅机' });
    const peripherals = panel.getByRole('group', { name: '外设' });
    await peripherals.waitFor();
    assert.equal(await peripherals.locator('textarea').count(), 0, 'no JSON to type');
    const control = (name: string) => peripherals.getByRole('textbox', { name, exact: true });
    const choice = (name: string) => peripherals.getByRole('combobox', { name, exact: true });

    await peripherals.getByRole('button', { name: '添加外设' }).click();
    await choice('接法（第 1 项）').selectOption({ label: '身份证阅读器 · 串口（GA 467）' });
    await control('名称（英文小写）（第 1 项）').fill('idcard');
    await choice('波特率（第 1 项）').selectOption('115200');
    await peripherals.getByRole('button', { name: '添加外设' }).click();
    await choice('接法（第 2 项）').selectOption({ label: '小票打印机 · 网络（ESC/POS）' });
    assert.equal(await control('设备路径（第 2 项）').count(), 0, "a network printer's fields only");
    await control('名称（英文小写）（第 2 项）').fill('receipt');
    await control('IP 地址（第 2 项）').fill('8.8.8.8');
    await control('端口（第 2 项）').fill('9100');
    await choice('纸宽（毫米）（第 2 项）').selectOption('80');
    await panel.getByRole('button', { name: '保存设置' }).click();
    // The reader's path is missing (the form's shape); then the printer is outside the hall's network
    // (what a push may name): each said under its field.
    const invalid = (locator: ReturnType<typeof control>) => locator.and(page.locator('[aria-invalid=true]')).waitFor();
    const describedBy = async (locator: ReturnType<typeof control>) =>
      locator.evaluate((element) => document.getElementById(element.getAttribute('aria-describedby')!)!.textContent);
    await invalid(control('设备路径（第 1 项）'));
    assert.equal(await describedBy(control('设备路径（第 1 项）')), '不能为空');
    assert.equal(await control('IP 地址（第 2 项）').getAttribute('aria-invalid'), null, 'only the field at fault');
    await panel.getByRole('alert').filter({ hasText: '外设第 1 项：缺少必填项「设备路径」' }).waitFor();
    assert.deepEqual(await seriousViolations(page, false), []);

    await control('设备路径（第 1 项）').fill('/dev/ttyUSB0');
    await panel.getByRole('button', { name: '保存设置' }).click();
    await invalid(control('IP 地址（第 2 项）'));
    assert.match((await describedBy(control('IP 地址（第 2 项）')))!, /^须为内网 IPv4 地址/);
    assert.equal(await control('端口（第 2 项）').getAttribute('aria-invalid'), null, 'only the field at fault');
    assert.equal(await control('设备路径（第 1 项）').getAttribute('aria-invalid'), null);

    await control('IP 地址（第 2 项）').fill('192.168.1.50');
    await panel.getByRole('button', { name: '保存设置' }).click();
    await panel.getByRole('status').filter({ hasText: '设置已保存' }).waitFor();
    const stored = async () =>
      (await call<{ settings: { peripherals?: unknown } }>(page, url, 'GET', `/settings/device/${deviceId}`)).json
        .settings.peripherals;
    assert.deepEqual(await stored(), {
      peripherals: [
        { id: 'idcard', driver: 'ga467-serial', path: '/dev/ttyUSB0', baudRate: 115200 },
        { id: 'receipt', driver: 'escpos-tcp', host: '192.168.1.50', port: 9100, paperWidthMm: 80 },
      ],
    });

    await peripherals.getByRole('button', { name: '删除（第 1 项）' }).click();
    assert.equal(await control('IP 地址（第 1 项）').inputValue(), '192.168.1.50', 'the other row moves up');
    await panel.getByRole('button', { name: '保存设置' }).click();
    await page.waitForFunction(
      async ([api, id]) => {
        const reply = await fetch(`${api}/settings/device/${id}`);
        return (await reply.json()).settings.peripherals?.peripherals.length === 1;
      },
      [`${url}/api/v1/admin`, deviceId],
    );

    // A street administrator keeps the kiosk's peripherals as they are while changing its other settings.
    const street = (
      await call<{ nodes: { id: number; level: string; name: string }[] }>(page, url, 'GET', '/orgs')
    ).json.nodes.find((node) => node.level === 'street' && node.name === '安和街道')!;
    assert.equal(
      (
        await call(page, url, 'POST', '/users', {
          username: 'ah.street',
          displayName: '安和街道管理员',
          role: 'street-admin',
          orgId: street.id,
          password: 'Street2026admin',
          mustChangePassword: false,
        })
      ).status,
      201,
    );
    const streetPage = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    t.after(() => streetPage.close());
    await signIn(streetPage, url, 'ah.street', 'Street2026admin');
    await streetPage.getByRole('button', { name: '设备' }).click();
    await streetPage.locator(`tr[data-device-id="${deviceId}"]`).getByRole('button', { name: '命令与设置' }).click();
    const streetPanel = streetPage.getByRole('region', { name: '临江社区大厅机' });
    const rows = streetPanel.getByRole('group', { name: '外设' });
    await rows.getByText('外设配置只能由系统管理员修改。').waitFor();
    assert.equal(await rows.getByRole('textbox', { name: 'IP 地址（第 1 项）' }).isDisabled(), true);
    assert.equal(await rows.getByRole('button', { name: '添加外设' }).count(), 0);
    await streetPanel.locator('input[name=idleSec]').fill('120');
    await streetPanel.getByRole('button', { name: '保存设置' }).click();
    await streetPanel.getByRole('status').filter({ hasText: '设置已保存' }).waitFor();
    assert.deepEqual(await stored(), {
      peripherals: [{ id: 'receipt', driver: 'escpos-tcp', host: '192.168.1.50', port: 9100, paperWidthMm: 80 }],
    });

    await page.getByRole('button', { name: 'English' }).click();
    await panel.getByRole('group', { name: 'Peripherals' }).getByRole('textbox', { name: 'IP address (1)' }).waitFor();
    await page.getByRole('button', { name: '繁體' }).click();
    await panel.getByRole('group', { name: '外接裝置' }).getByRole('textbox', { name: 'IP 位址（第 1 項）' }).waitFor();
    await page.getByRole('button', { name: '简体' }).click();
  });
});
