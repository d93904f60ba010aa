/** The admin UI's organisation tree, user accounts, audit trail and account page in Chromium, against a real server. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startAdminServer } from '../../build/scripts/processes';
import { authenticatorCode } from './authenticator';
import { seriousViolations } from './axe';
import { signInOn } from './admin-sign-in';
import { launchChromium } from './browser';
import { chooseOwnPassword } from './first-password';

const PASSWORD = 'Admin2026ui';
const STREET_PASSWORD = 'Street2026ui';
/** What the street administrator chooses at first sign-in. */
const STREET_OWN_PASSWORD = 'Street2026own';

test('admin UI: organisation tree, users, audit trail and two-step sign-in', { timeout: 120_000 }, async (t) => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'linli-admin-org-'));
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
  const page = await browser.newPage();
  page.on('dialog', (dialog) => void dialog.accept());
  await signInOn(page, url, 'admin', PASSWORD);

  await t.test('a street is added under the district; a wrong code is explained as it is typed', async () => {
    await page.getByRole('button', { name: '组织机构' }).click();
    const tree = page.getByRole('navigation', { name: '组织机构' });
    await tree.getByRole('button', { name: /临江市安和区/ }).click();
    const form = page.locator('form', { hasText: '添加下级街道' });
    await form.locator('input[name=name]').fill('测试街道');
    await form.locator('input[name=code]').fill('33018800');
    await form.getByRole('alert').filter({ hasText: '应为 12 位数字' }).waitFor();
    assert.equal(await form.getByRole('button', { name: '保存' }).isDisabled(), true);
    await form.locator('input[name=code]').fill('330199005000');
    await form.getByRole('alert').filter({ hasText: '应以上级代码 330188 开头' }).waitFor();
    await form.locator('input[name=code]').fill('330188005000');
    await form.getByRole('button', { name: '保存' }).click();
    await tree.getByRole('button', { name: /测试街道/ }).waitFor();
    await page.locator('h2', { hasText: '测试街道' }).waitFor();
    const community = page.locator('form', { hasText: '添加下级社区' });
    await community.locator('input[name=name]').fill('测试社区');
    await community.locator('input[name=code]').fill('330188005001');
    await community.getByRole('button', { name: '保存' }).click();
    await tree.getByRole('button', { name: /测试社区/ }).waitFor();
    assert.deepEqual(await seriousViolations(page, false), []);
  });

  await t.test('streets and communities are imported from a spreadsheet after a dry run', async () => {
    const bad = path.join(dataDir, 'bad-tree.csv');
    writeFileSync(bad, '上级代码,名称,代码\n330188,导入街道,330188006000\n330188006000,错码社区,330188007001\n');
    const panel = page.locator('.editor', { hasText: '从 Excel / CSV 导入' });
    await panel.locator('input[type=file]').setInputFiles(bad);
    await panel.getByRole('alert').filter({ hasText: 'IMPORT_INVALID' }).waitFor();
    assert.match(await panel.getByRole('alert').innerText(), /第 3 行 · 代码：/);
    const good = path.join(dataDir, 'tree.csv');
    writeFileSync(good, '上级代码,名称,代码\n330188,导入街道,330188006000\n330188006000,导入社区,330188006001\n');
    await panel.locator('input[type=file]').setInputFiles(good);
    await panel.getByRole('status').filter({ hasText: '检查通过：共 2 行，将新增 2' }).waitFor();
    assert.equal(
      await page
        .getByRole('navigation', { name: '组织机构' })
        .getByRole('button', { name: /导入社区/ })
        .count(),
      0,
      'the dry run wrote nothing',
    );
    await panel.getByRole('button', { name: '确认导入 tree.csv' }).click();
    await page
      .getByRole('navigation', { name: '组织机构' })
      .getByRole('button', { name: /导入社区/ })
      .waitFor();
  });

  await t.test('a street administrator is created with a password that meets the rules', async () => {
    await page.getByRole('button', { name: '用户' }).click();
    await page
      .getByRole('navigation', { name: '组织机构' })
      .getByRole('button', { name: /测试街道/ })
      .click();
    const form = page.locator('form', { hasText: '新建用户' });
    await form.locator('input[name=username]').fill('test.street');
    await form.locator('input[name=displayName]').fill('测试街道管理员');
    await form.locator('select[name=role]').selectOption('street-admin');
    await form.locator('input[name=password]').fill('short1');
    await form.getByRole('alert').filter({ hasText: '至少需要 10 个字符' }).waitFor();
    await form.locator('input[name=password]').fill(STREET_PASSWORD);
    await form.getByRole('button', { name: '创建用户' }).click();
    await page.getByRole('status').filter({ hasText: '已创建用户 test.street' }).waitFor();
    await page
      .locator('tr[data-username="test.street"]')
      .getByRole('cell', { name: '街道管理员', exact: true })
      .waitFor();
    assert.deepEqual(await seriousViolations(page, false), []);
  });

  await t.test('the street administrator sees only their street, and the trail of what happened there', async () => {
    await page.getByRole('button', { name: '退出登录' }).click();
    await signInOn(page, url, 'test.street', STREET_PASSWORD);
    await chooseOwnPassword(page, STREET_PASSWORD, STREET_OWN_PASSWORD);
    await page.getByRole('button', { name: '组织机构' }).click();
    const tree = page.getByRole('navigation', { name: '组织机构' });
    await tree.getByRole('button', { name: /测试社区/ }).waitFor();
    assert.equal(await tree.getByText('安和街道').count(), 0, 'other streets stay hidden');
    assert.equal(
      await tree.getByRole('button', { name: /临江市安和区/ }).count(),
      0,
      'the district above is shown but not selectable',
    );

    await page.getByRole('button', { name: '审计日志' }).click();
    const created = page.locator('tr[data-action="user.create"]').first();
    await created.waitFor();
    await created.getByText('详情').or(created.locator('summary')).first().click();
    await created.getByText('测试街道管理员').first().waitFor();
    await page.locator('tr[data-action="session.sign-in"]').first().waitFor();
    const csv = await page.request.get(`${url}/api/v1/admin/audit/export`);
    assert.match(await csv.text(), /user\.create/);
    assert.deepEqual(await seriousViolations(page, false), []);
  });

  await t.test(
    'two-step sign-in is set up from the account page with a QR code, then asked for at sign-in',
    async () => {
      await page.getByRole('button', { name: '我的账号' }).click();
      await page.getByText('未开启两步验证').waitFor();
      const start = page.locator('form', { hasText: '开启两步验证' });
      await start.locator('input[name=currentPassword]').fill(STREET_OWN_PASSWORD);
      await start.getByRole('button', { name: '开启两步验证' }).click();
      await page.locator('.qr svg').waitFor();
      const secret = (await page.locator('form', { hasText: '确认开启' }).locator('code').innerText()).trim();
      const confirm = page.locator('form', { hasText: '确认开启' });
      await confirm.locator('input[name=code]').fill('000000');
      await confirm.getByRole('button', { name: '确认开启' }).click();
      await page.getByRole('alert').filter({ hasText: 'TOTP_WRONG' }).waitFor();
      // The authenticator app's code for the key shown beside the QR code.
      await confirm.locator('input[name=code]').fill(authenticatorCode(secret, new Date()));
      await confirm.getByRole('button', { name: '确认开启' }).click();
      await page.getByText('已开启两步验证').waitFor();

      // The street administrator signs in again and is asked for the code; the next step's code (a code is accepted once).
      await page.getByRole('button', { name: '退出登录' }).click();
      await page.locator('input[name=username]').fill('test.street');
      await page.locator('input[name=password]').fill(STREET_OWN_PASSWORD);
      await page.getByRole('button', { name: '登录', exact: true }).click();
      const code = page.locator('input[name=totp]');
      await code.waitFor();
      assert.equal(
        await page.getByRole('button', { name: '退出登录' }).count(),
        0,
        'not signed in on the password alone',
      );
      await code.fill(authenticatorCode(secret, new Date(Date.now() + 30_000)));
      await page.getByRole('button', { name: '登录', exact: true }).click();
      await page.getByRole('button', { name: '退出登录' }).waitFor();
      await page.getByRole('button', { name: 'English' }).click();
      await page.getByRole('button', { name: 'My account' }).waitFor();
      await page.getByRole('button', { name: '繁體' }).click();
      await page.getByRole('button', { name: '審計日誌' }).waitFor();
    },
  );
});
