/**
 * 计费机构 in the admin UI, against a real admin server and Chromium: the system administrator pastes
 * the documented example with a misspelt field and is told, under the file, which field; text that
 * is not JSON is said before anything is sent; the example opened from disk (its secret an
 * ${env:NAME} the server has) connects 阳光水务 for 安和街道; a second water utility for the same
 * street is refused next to the node; the stored file is shown and offered for replacing; and
 * disconnected, the utility leaves the list. No utility answers: nothing here asks one.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CLIENT_SECRET, exampleFor, originWhereNobodyListens } from '../../admin-server/test/sunshine-water';
import { apiAs, nodesByName } from '../../build/scripts/admin-api';
import { startAdminServer } from '../../build/scripts/processes';
import { signInToAdmin } from './admin-sign-in';
import { seriousViolations } from './axe';
import { launchChromium } from './browser';

const ADMIN_PASSWORD = 'Admin2026utilities';

test(
  'a system administrator connects a utility by its file, is shown its mistakes by field, views and disconnects it',
  { timeout: 120_000 },
  async (t) => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'linli-admin-bill-providers-'));
    t.after(() => rmSync(dataDir, { recursive: true, force: true }));
    const admin = await startAdminServer({
      ...process.env,
      LINLI_DATA_DIR: dataDir,
      LINLI_ADMIN_PORT: '0',
      LINLI_LOG_LEVEL: 'warn',
      LINLI_ADMIN_PASSWORD: ADMIN_PASSWORD,
      // The example's clientSecret is ${env:SUNSHINE_WATER_CLIENT_SECRET}: without it the file is refused.
      SUNSHINE_WATER_CLIENT_SECRET: CLIENT_SECRET,
    });
    t.after(() => admin.stop());
    const url = admin.ready.url!;
    const anhe = (await nodesByName(await apiAs(url, 'admin', ADMIN_PASSWORD))).get('安和街道')!;
    const nobody = { origin: await originWhereNobodyListens() };
    const fileOf = (config: object) => JSON.stringify(config, null, 2);

    const browser = await launchChromium();
    t.after(() => browser.close());
    const page = await signInToAdmin(browser, url, 'admin', ADMIN_PASSWORD);
    let saves = 0;
    page.on('request', (request) => {
      if (request.method() === 'PUT' && request.url().endsWith('/bill-providers')) saves++;
    });
    await page.getByRole('navigation', { name: '主菜单' }).getByRole('button', { name: '计费机构' }).click();
    await page.getByText('还没有接入计费机构').waitFor();
    const form = page.getByRole('form', { name: '接入计费机构' });
    const node = form.getByLabel('服务范围（所选机构及下级）');
    const file = form.getByLabel('配置文件（JSON）');
    const connect = form.getByRole('button', { name: '连接' });
    const fileProblems = form.locator('#bill-provider-file-problems');

    // Not JSON: said under the file, and nothing is sent.
    await node.selectOption(String(anhe.id));
    await file.fill('{ "id": "sunshine-water", ');
    await connect.click();
    await fileProblems.filter({ hasText: '内容不是有效的 JSON' }).waitFor();
    assert.equal(saves, 0, 'text that is not JSON is not sent');

    // A misspelt field: the server's check names it under the file, by where it is in the file.
    await file.fill(fileOf(exampleFor(nobody, (config) => Object.assign(config, { timeout: 5000 }))));
    await connect.click();
    await fileProblems.filter({ hasText: '/timeout' }).waitFor();
    assert.match(await fileProblems.innerText(), /计费机构配置有误[\s\S]*\/timeout：不是此文件的字段/);
    assert.equal(await file.getAttribute('aria-invalid'), 'true');
    assert.equal(await node.getAttribute('aria-invalid'), null, 'the node is not what is wrong');
    assert.deepEqual(await seriousViolations(page, false), []);

    // Fixed, and opened from disk rather than pasted: connected for 安和街道.
    const example = fileOf(exampleFor(nobody));
    await form
      .getByLabel('或从本地文件读取（.json）')
      .setInputFiles({ name: 'sunshine-water.json', mimeType: 'application/json', buffer: Buffer.from(example) });
    // The browser reads the file in its own time: wait until it is in the box.
    await page.waitForFunction(
      (expected) => (document.querySelector('textarea[name=config]') as HTMLTextAreaElement | null)?.value === expected,
      example,
    );
    assert.equal(await file.inputValue(), example, 'the file read into the box');
    await connect.click();
    await page.getByRole('status').filter({ hasText: '「阳光水务」已连接，安和街道及下级的自助机即可查缴' }).waitFor();
    const row = page.locator('table.bill-providers tr[data-provider-id="sunshine-water"]');
    assert.match(
      await row.innerText(),
      /阳光水务[\s\S]*水费[\s\S]*安和街道[\s\S]*http:\/\/127\.0\.0\.1:\d+\/api[\s\S]*OAuth2 客户端凭据[\s\S]*正常[\s\S]*admin/,
    );
    assert.equal(await file.inputValue(), '', 'the form is ready for the next one');

    // A second water utility for the same street: refused next to the node.
    await node.selectOption(String(anhe.id));
    await file.fill(fileOf(exampleFor(nobody, (config) => Object.assign(config, { id: 'sunshine-twin' }))));
    await connect.click();
    await form.locator('.field-error', { hasText: '安和街道已接入同类的「阳光水务」（sunshine-water）' }).waitFor();
    assert.equal(await node.getAttribute('aria-invalid'), 'true');
    assert.equal(await fileProblems.count(), 0, 'nothing is wrong in the file');

    // The stored file, its secret still the reference; offered for replacing on its node.
    await row.getByRole('button', { name: '查看配置' }).click();
    const stored = page.getByLabel('「阳光水务」的配置文件（写入文件的密钥显示为 ******）');
    assert.match(await stored.inputValue(), /"clientSecret": "\$\{env:SUNSHINE_WATER_CLIENT_SECRET\}"/);
    assert.equal(await row.getByRole('button', { name: '查看配置' }).getAttribute('aria-expanded'), 'true');
    await row.getByRole('button', { name: '替换配置' }).click();
    const replacing = page.getByRole('form', { name: '替换「阳光水务」的配置' });
    assert.equal(await replacing.getByLabel('服务范围（所选机构及下级）').inputValue(), String(anhe.id));
    assert.equal(await replacing.getByLabel('配置文件（JSON）').inputValue(), await stored.inputValue());
    await replacing.getByRole('button', { name: '取消' }).click();
    await page.getByRole('form', { name: '接入计费机构' }).waitFor();

    // Disconnected once confirmed (signInToAdmin accepts every confirmation): the row leaves.
    const confirmation = new Promise<string>((resolve) => page.once('dialog', (dialog) => resolve(dialog.message())));
    await row.getByRole('button', { name: '断开' }).click();
    assert.match(await confirmation, /^确定断开「阳光水务」吗？安和街道及下级的自助机将不能再向它查询和缴费/);
    await page.getByRole('status').filter({ hasText: '已断开「阳光水务」' }).waitFor();
    await row.waitFor({ state: 'detached' });
    await page.getByText('还没有接入计费机构').waitFor();
  },
);
