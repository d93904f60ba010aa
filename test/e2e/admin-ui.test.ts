/** The admin UI in Chromium against a real admin server process. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CSRF_HEADER, PROTOCOL_VERSION, PROTOCOL_VERSION_HEADER, deviceAuthorization } from '@linli/protocol';
import { startAdminServer } from '../../build/scripts/processes';
import { launchChromium } from './browser';
import { editableGuide } from './editable-guide';

const PASSWORD = 'admin-ui-password';

test('admin UI: sign in, create, publish, import, delete, switch language', { timeout: 120_000 }, async (t) => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'linli-admin-ui-'));
  t.after(() => rmSync(dataDir, { recursive: true, force: true }));
  const admin = await startAdminServer({
    ...process.env,
    LINLI_DATA_DIR: dataDir,
    LINLI_ADMIN_PORT: '0',
    LINLI_LOG_LEVEL: 'warn',
    LINLI_API_DOCS: 'on',
    LINLI_ADMIN_PASSWORD: PASSWORD,
  });
  t.after(() => admin.stop());
  const url = admin.ready.url!;
  const browser = await launchChromium();
  t.after(() => browser.close());
  const page = await browser.newPage();
  page.on('dialog', (dialog) => void dialog.accept());

  await page.goto(`${url}/admin/`);
  await page.locator('input[name=password]').fill('wrong-password');
  await page.getByRole('button', { name: '登录' }).click();
  await page.getByRole('alert').filter({ hasText: '用户名或密码错误' }).waitFor();
  await page.locator('input[name=password]').fill(PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
  await page.getByRole('button', { name: '办事指南' }).click();
  await page.getByText('共 169 条').waitFor();

  await t.test('a new guide is created as a draft and published from the list', async () => {
    await page.getByRole('button', { name: '新建指南' }).click();
    await page.locator('input[name=id]').fill('test-new-guide');
    await page.locator('input[name=title]').fill('测试新增事项');
    const materials = page.getByRole('group', { name: '申请材料' });
    await materials.getByRole('textbox', { name: '材料名称（第 1 项）' }).fill('居民身份证');
    await materials.getByRole('textbox', { name: '份数（第 1 项）' }).fill('原件1份');
    await materials.getByRole('button', { name: '添加材料' }).click();
    await materials.getByRole('textbox', { name: '材料名称（第 2 项）' }).fill('户口簿');
    await materials.getByRole('textbox', { name: '份数（第 2 项）' }).fill('复印件1份');
    await materials.getByRole('textbox', { name: '备注（第 2 项）' }).fill('本人页');
    await materials.getByRole('checkbox', { name: '必需（第 2 项）' }).uncheck();
    const steps = page.getByRole('group', { name: '办理流程' });
    await steps.getByRole('textbox', { name: '步骤（第 1 项）' }).fill('提交申请');
    await steps.getByRole('textbox', { name: '说明（第 1 项）' }).fill('到窗口提交');
    await steps.getByRole('button', { name: '添加步骤' }).click();
    await steps.getByRole('textbox', { name: '步骤（第 2 项）' }).fill('领取结果');
    await page.locator('input[name=officeName]').fill('安和街道便民服务中心');
    await page.locator('input[name=address]').fill('安和路88号');
    await page.getByRole('button', { name: '保存草稿' }).click();
    await page.getByRole('searchbox', { name: '搜索指南' }).fill('测试新增');
    const row = page.locator('tr[data-guide-id="test-new-guide"]');
    await row.getByText('草稿').waitFor();
    await row.getByRole('button', { name: '发布' }).click();
    await row.getByText('已发布').waitFor();
    const stored = await (await page.request.get(`${url}/api/v1/admin/guides/test-new-guide`)).json();
    assert.deepEqual(stored.materials, [
      { name: '居民身份证', copies: '原件1份', required: true },
      { name: '户口簿', copies: '复印件1份', note: '本人页', required: false },
    ]);
    assert.deepEqual(stored.steps, [
      { title: '提交申请', detail: '到窗口提交' },
      { title: '领取结果', detail: '' },
    ]);
  });

  await t.test(
    'a draft edit of a published guide keeps the live version; history shows the change and rolls back',
    async () => {
      const row = page.locator('tr[data-guide-id="test-new-guide"]');
      await row.getByRole('button', { name: '编辑' }).click();
      await page.locator('input[name=title]').fill('测试新增事项（修订）');
      await page.getByRole('button', { name: '保存草稿' }).click();
      await page.getByRole('status').filter({ hasText: '终端仍显示原已发布的版本' }).waitFor();
      await row.getByText('终端正在显示第 1 版').waitFor();
      await row.getByRole('button', { name: '历史版本' }).click();
      const history = page.getByRole('region', { name: '历史版本' });
      await history.getByText('第 1 版 → 第 2 版的修改').waitFor();
      assert.equal(await history.locator('.diff-removed').first().textContent(), '− 标题: 测试新增事项');
      assert.equal(await history.locator('.diff-added').first().textContent(), '+ 标题: 测试新增事项（修订）');
      await history.getByRole('button', { name: /^v1 · admin/ }).click();
      await history.getByRole('button', { name: '以第 1 版内容新建草稿' }).click();
      await page.getByRole('status').filter({ hasText: '已按第 1 版新建草稿' }).waitFor();
      const stored = await (await page.request.get(`${url}/api/v1/admin/guides/test-new-guide`)).json();
      assert.deepEqual(
        [stored.version, stored.title, stored.state, stored.liveVersion],
        [3, '测试新增事项', 'draft', 1],
      );
    },
  );

  await t.test("a save over someone else's newer version is refused and said; nothing of theirs is lost", async () => {
    const row = page.locator('tr[data-guide-id="test-new-guide"]');
    await row.getByRole('button', { name: '编辑' }).click();
    await page.locator('input[name=title]').fill('测试新增事项（我的修改）');
    // Meanwhile a colleague saves version 4 over the version 3 this editor opened.
    const { csrfToken } = await (await page.request.get(`${url}/api/v1/admin/session`)).json();
    const current = await (await page.request.get(`${url}/api/v1/admin/guides/test-new-guide`)).json();
    const { version, input } = editableGuide(current);
    assert.equal(version, 3, 'the editor opened version 3');
    const theirs = await page.request.put(`${url}/api/v1/admin/guides/test-new-guide`, {
      headers: { [CSRF_HEADER]: csrfToken, 'if-match': '"3"' },
      data: { ...input, title: '测试新增事项（同事的修改）', published: false },
    });
    assert.equal(theirs.status(), 200);
    await page.getByRole('button', { name: '保存草稿' }).click();
    await page.getByRole('alert').filter({ hasText: '别人已保存了更新的版本' }).waitFor();
    await page.getByRole('alert').filter({ hasText: 'EDIT_CONFLICT' }).waitFor();
    await page.getByRole('button', { name: '取消' }).click();
    const stored = await (await page.request.get(`${url}/api/v1/admin/guides/test-new-guide`)).json();
    assert.deepEqual([stored.version, stored.title], [4, '测试新增事项（同事的修改）']);
  });

  await t.test('an empty title is refused with the field named, and nothing is saved', async () => {
    await page.getByRole('button', { name: '新建指南' }).click();
    await page.locator('input[name=id]').fill('no-title');
    await page.locator('input[name=officeName]').fill('窗口');
    await page.locator('input[name=address]').fill('地址');
    await page.getByRole('button', { name: '保存并发布' }).click();
    await page.getByRole('alert').filter({ hasText: '标题：不能为空' }).waitFor();
    await page.getByRole('button', { name: '取消' }).click();
    assert.equal((await page.request.get(`${url}/api/v1/admin/guides/no-title`)).status(), 404);
  });

  await t.test('a bad import file is rejected whole, naming the entry and field; a good one imports', async () => {
    const bad = path.join(dataDir, 'bad.json');
    writeFileSync(
      bad,
      JSON.stringify({ format: 'linli-guides', formatVersion: 1, guides: [{ id: 'x-1', category: 'astrology' }] }),
    );
    await page.locator('input[type=file]').setInputFiles(bad);
    await page.getByRole('alert').filter({ hasText: 'IMPORT_INVALID' }).waitFor();
    assert.match(await page.getByRole('alert').innerText(), /指南第 1 项（x-1） · 分类：/);

    const exported = await (await page.request.get(`${url}/api/v1/admin/guides/export`)).json();
    exported.guides[0].title = `${exported.guides[0].title}（导入修改）`;
    const good = path.join(dataDir, 'good.json');
    writeFileSync(good, JSON.stringify(exported));
    await page.locator('input[type=file]').setInputFiles(good);
    await page.getByRole('status').filter({ hasText: '导入完成：新增 0，更新 1' }).waitFor();
  });

  await t.test('deleting a guide removes it after confirmation', async () => {
    await page.getByRole('searchbox', { name: '搜索指南' }).fill('测试新增');
    await page.locator('tr[data-guide-id="test-new-guide"]').getByRole('button', { name: '删除' }).click();
    await page.locator('tr[data-guide-id="test-new-guide"]').waitFor({ state: 'detached' });
    assert.equal((await page.request.get(`${url}/api/v1/admin/guides/test-new-guide`)).status(), 404);
  });

  await t.test(
    "the devices page shows the enrollment code and each kiosk's device health; English and Traditional switch the UI",
    async () => {
      const { deviceId, secret } = await (
        await fetch(`${url}/api/v1/devices/enroll`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ code: admin.ready.enrollmentCode, name: '安和社区一楼' }),
        })
      ).json();
      const peripherals = [
        {
          id: 'receipt',
          kind: 'receipt-printer',
          driver: 'escpos-tcp',
          state: 'paper-out',
          since: '2026-11-28T08:00:00.000Z',
        },
        {
          id: 'idcard',
          kind: 'id-card-reader',
          driver: 'ga467-serial',
          state: 'ok',
          since: '2026-11-28T08:00:00.000Z',
        },
      ];
      const beat = await fetch(`${url}/api/v1/devices/heartbeat`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: deviceAuthorization(deviceId, secret),
          [PROTOCOL_VERSION_HEADER]: String(PROTOCOL_VERSION),
        },
        body: JSON.stringify({ appVersion: '0.1.0', cursor: 0, uptimeSec: 1, peripherals }),
      });
      assert.equal(beat.status, 204);
      await page.getByRole('button', { name: '设备' }).click();
      await page.getByText(admin.ready.enrollmentCode!).waitFor();
      await page.getByText('receipt: 缺纸').waitFor();
      assert.equal(
        await page.getByText('receipt: 缺纸').getAttribute('class'),
        'warn',
        'a device needing attention stands out',
      );
      await page.getByText('idcard: 正常').waitFor();
      await page.getByRole('button', { name: 'English' }).click();
      await page.getByRole('button', { name: 'Service guides' }).waitFor();
      await page.getByRole('button', { name: '繁體' }).click();
      await page.getByRole('button', { name: '辦事指南' }).waitFor();
    },
  );

  await t.test(
    'the media library uploads with progress, shows previews and refuses a file whose name lies',
    async () => {
      const { default: sharp } = await import('sharp');
      const photo = path.join(dataDir, '社区活动照片.png');
      writeFileSync(
        photo,
        await sharp({ create: { width: 800, height: 600, channels: 3, background: '#2f6f4f' } })
          .png()
          .toBuffer(),
      );
      const fake = path.join(dataDir, '通知.pdf');
      writeFileSync(
        fake,
        await sharp({ create: { width: 10, height: 10, channels: 3, background: '#000' } })
          .png()
          .toBuffer(),
      );
      await page.getByRole('button', { name: '简体' }).click();
      await page.getByRole('button', { name: '媒体库' }).click();
      // The photo's first upload reaches the server, but its reply is lost on the way back: the page
      // sends it again under the same key, and the server answers with the item it made.
      const keys: string[] = [];
      await page.route(/\/api\/v1\/admin\/media\?name=%E7%A4%BE/, async (route) => {
        keys.push(route.request().headers()['idempotency-key'] ?? '');
        if (keys.length > 1) return route.continue();
        await route.fetch();
        await route.abort('connectionreset');
      });
      await page.locator('input[type=file][multiple]').setInputFiles([photo, fake]);
      await page.getByRole('status').filter({ hasText: '已上传 2 个文件' }).waitFor();
      await page.unrouteAll();
      assert.equal(keys.length, 2, 'sent again once');
      assert.match(keys[0]!, /^[0-9a-f]{32}$/);
      assert.equal(keys[1], keys[0], 'under the same key');
      assert.doesNotMatch(
        await page.getByRole('status').filter({ hasText: '已上传 2 个文件' }).innerText(),
        /与已有文件相同/,
        'one item, not a copy of itself',
      );
      await page.getByRole('alert').filter({ hasText: 'MEDIA_TYPE_UNSUPPORTED' }).waitFor();
      const card = page.locator('.media-card', { hasText: '社区活动照片.png' });
      await card.getByText('800×600').waitFor();
      // decode() waits for the image to arrive, then tells its real size.
      const thumbnail = await card
        .locator('img')
        .evaluate((img: HTMLImageElement) => img.decode().then(() => img.naturalWidth));
      assert.equal(thumbnail, 320);

      await card.getByRole('combobox', { name: '分类: 社区活动照片.png' }).fill('活动照片');
      await card.getByRole('combobox', { name: '分类: 社区活动照片.png' }).press('Enter');
      await page.getByRole('status').filter({ hasText: '分类已保存' }).waitFor();
      await page.getByRole('combobox', { name: '分类', exact: true }).selectOption('活动照片');
      await page.waitForFunction(() => document.querySelectorAll('.media-card').length === 1);
      assert.equal(await page.locator('.media-card a').textContent(), '社区活动照片.png');
    },
  );

  await t.test('API docs are served with the OpenAPI document', async () => {
    const spec = await (await fetch(`${url}/docs/json`)).json();
    assert.equal(spec.openapi.startsWith('3'), true);
    assert.ok(spec.paths['/api/v1/sync/changes'] && spec.paths['/api/v1/admin/guides/import']);
    assert.equal((await fetch(`${url}/docs`, { redirect: 'follow' })).status, 200);
    assert.match((await fetch(`${url}/admin/`)).headers.get('content-security-policy') ?? '', /script-src 'self'/);
  });
});
