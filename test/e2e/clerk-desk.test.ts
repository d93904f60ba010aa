/**
 * The clerk desk in Chromium: the kiosk app in its desk profile on a community PC, enrolled at
 * 临江社区 of the demo district. A query clerk signs in with their admin account (a wrong password
 * is said under it), chooses a PIN, records a consultation in the 咨询台账 (the resident masked),
 * prints a form prefilled from the ID card (reader simulator on a real pty) through a private
 * CUPS queue, checks a water bill for the resident, and sees each in today's counts; the desk locks
 * on 暂离锁定 and after 5 minutes away, and the PIN opens it again.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DEMO_CARDS } from '../../device-drivers/src/id-card/demo-cards';
import { addCupsPdfQueue } from '../../device-drivers/test/cups-fixture';
import { apiAs, createUser, enrollmentCode, nodesByName } from '../../build/scripts/admin-api';
import { startAdminServer, startKiosk } from '../../build/scripts/processes';
import { seriousViolations } from './axe';
import { launchChromium } from './browser';
import { simulatedCardReader } from './card-reader-fixture';

const ADMIN_PASSWORD = 'Admin2026desk';
const CLERK_PASSWORD = 'Clerk2026linjiang';

test(
  'a clerk serves at the community desk: ledger, a prefilled form, a bill, counts, lock and PIN',
  { timeout: 240_000 },
  async (t) => {
    const queue = await addCupsPdfQueue('LinliE2eDesk');
    t.after(() => queue.remove());
    const { reader, devicesFile } = await simulatedCardReader(t, [
      { id: 'a4', driver: 'system-printer', printer: queue.queue, server: queue.server },
    ]);
    const dataDir = mkdtempSync(path.join(tmpdir(), 'linli-desk-e2e-'));
    t.after(() => rmSync(dataDir, { recursive: true, force: true }));
    const env = { ...process.env, LINLI_DATA_DIR: dataDir, LINLI_LOG_LEVEL: 'warn' };
    const admin = await startAdminServer({ ...env, LINLI_ADMIN_PORT: '0', LINLI_ADMIN_PASSWORD: ADMIN_PASSWORD });
    t.after(() => admin.stop());
    const api = await apiAs(admin.ready.url!, 'admin', ADMIN_PASSWORD);
    const linjiang = (await nodesByName(api)).get('临江社区')!;
    await createUser(api, {
      username: 'wangli',
      displayName: '王丽',
      role: 'query-clerk',
      orgId: linjiang.id,
      password: CLERK_PASSWORD,
    });
    const kiosk = await startKiosk({
      ...env,
      LINLI_KIOSK_PORT: '0',
      LINLI_SERVER_URL: admin.ready.url!,
      LINLI_ENROLLMENT_CODE: await enrollmentCode(api, linjiang.id),
      LINLI_DEVICE_NAME: '临江社区查询电脑',
      LINLI_APP_PROFILE: 'desk',
      LINLI_DEVICES_FILE: devicesFile,
      LINLI_DEVICE_CHECK_SEC: '2',
    });
    t.after(() => kiosk.stop());
    const browser = await launchChromium();
    t.after(() => browser.close());
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    await page.addInitScript('window.__name = (fn) => fn');
    await page.clock.install();
    await page.goto(`${kiosk.ready.url}/`);
    const noViolations = async (screen: string) => assert.deepEqual(await seriousViolations(page, false), [], screen);
    const counts = page.locator('.desk-counts [data-count="mine"]');

    // Sign-in: no attract screen; a wrong password is said under the password.
    await page.getByRole('heading', { name: '查询员登录' }).waitFor();
    assert.equal(await page.locator('.attract').count(), 0);
    await noViolations('desk: sign-in');
    await page.getByLabel('用户名').fill('wangli');
    await page.getByLabel('密码').fill('not the password');
    await page.getByRole('button', { name: '登录' }).click();
    assert.equal(await page.locator('#desk-password-error').innerText(), '用户名或密码不正确');
    await page.getByLabel('密码').fill(CLERK_PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();

    // The PIN for breaks, twice.
    await page.getByRole('heading', { name: '设置暂离密码' }).waitFor();
    await page.getByLabel('暂离密码', { exact: true }).fill('2580');
    await page.getByLabel('再输入一次').fill('2581');
    await page.getByRole('button', { name: '保存并开始服务' }).click();
    assert.equal(await page.locator('#desk-pin-again-error').innerText(), '两次输入的密码不一样');
    await page.getByLabel('再输入一次').fill('2580');
    await page.getByRole('button', { name: '保存并开始服务' }).click();
    await page.locator('.desk-clerk', { hasText: '王丽 · 临江社区' }).waitFor();
    await counts.filter({ hasText: '我今天：咨询 0（当场解答 0，转办 0），打印 0' }).waitFor();

    // 咨询台账: a blank topic is said under it; a consultation is recorded, the resident masked.
    await page.getByRole('button', { name: '咨询台账' }).click();
    await page.getByRole('button', { name: '记入台账' }).click();
    assert.equal(await page.locator('#ledger-topic-error').innerText(), '请填写咨询事项');
    await page.getByLabel('咨询事项').fill('咨询城乡居民医保缴费档次');
    await page.getByLabel('类别').selectOption({ label: '医疗保险' });
    await page.getByLabel('居民姓名（选填）').fill('张小三');
    await page.getByLabel('联系电话（选填）').fill('13812345678');
    await page.getByRole('button', { name: '记入台账' }).click();
    await page.getByText('已记入台账').waitFor();
    const row = page.locator('.ledger-recent tr').first();
    assert.match(await row.innerText(), /医疗保险\s+咨询城乡居民医保缴费档次\s+当场解答\s+张\*三 138\*\*\*\*5678/);
    await counts.filter({ hasText: '我今天：咨询 1（当场解答 1，转办 0），打印 0' }).waitFor();
    await noViolations('desk: the ledger');

    // A form prefilled from the resident's ID card, printed through the private CUPS queue.
    await page.getByRole('button', { name: '为居民办理' }).click();
    await page.getByRole('button', { name: /打印表格/ }).click();
    await page.getByRole('button', { name: /居住证明申请表/ }).click();
    await page.getByRole('button', { name: '同意并读卡' }).click();
    reader.placeCard(DEMO_CARDS.resident);
    await page.getByText('已读取证件信息').waitFor();
    await page.getByRole('button', { name: '完成' }).click();
    await page.getByText('将填入 张*三 的身份证信息').waitFor();
    await page.getByLabel('现居住地址').fill('临江市安和区和平路120号3栋2单元501室');
    await page
      .getByRole('group', { name: /开始在此居住的日期/ })
      .getByRole('button', { name: '今天' })
      .click();
    await page.getByRole('radio', { name: '租住' }).click();
    await page.getByLabel('申请事由').fill('孩子明年上小学，需要开具居住证明。');
    await page.getByLabel('证明用于何处（如：子女入学）').fill('子女入学');
    await page.getByLabel('联系电话').fill('13812345678');
    await page.getByRole('button', { name: '预览表格' }).click();
    await page.getByRole('button', { name: '打印', exact: true }).click();
    await page
      .getByRole('status')
      .filter({ hasText: '打印完成，请在打印机出纸口取走表格' })
      .waitFor({ timeout: 60_000 });
    const output = await queue.waitForLatestOutput();
    const text = execFileSync('pdftotext', [output, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
    for (const expected of ['居住证明申请表', '张小三', '子女入学']) assert.ok(text.includes(expected), expected);
    await counts.filter({ hasText: '打印 1' }).waitFor();

    // The resident's water bill, asked on their behalf.
    await page.getByRole('button', { name: '首页' }).click();
    await page.getByRole('button', { name: /查缴水电气/ }).click();
    await page.getByRole('button', { name: /水费/ }).click();
    for (const digit of '1000010001')
      await page.locator('.digit-pad-keys').getByRole('button', { name: digit, exact: true }).click();
    await page.getByRole('button', { name: '查询', exact: true }).click();
    await page.locator('.bill-view').waitFor();

    // 暂离锁定: the resident's screens are wiped; a wrong PIN is said with the tries left.
    await page.getByRole('button', { name: '暂离锁定' }).click();
    await page.getByRole('heading', { name: '王丽 已暂离，本机已锁定' }).waitFor();
    await noViolations('desk: locked');
    await page.getByLabel('暂离密码', { exact: true }).fill('1111');
    await page.getByRole('button', { name: '解锁' }).click();
    assert.equal(await page.locator('#desk-unlock-pin-error').innerText(), '暂离密码不正确，还可以再试 2 次');
    await page.getByLabel('暂离密码', { exact: true }).fill('2580');
    await page.getByRole('button', { name: '解锁' }).click();
    await page.locator('.desk-clerk').waitFor();
    assert.equal(await page.locator('.bill-view').count(), 0, 'the bill went with the lock');

    // Five minutes away: locked by itself.
    await page.clock.fastForward('05:01');
    await page.getByRole('heading', { name: '王丽 已暂离，本机已锁定' }).waitFor();
    await page.getByLabel('暂离密码', { exact: true }).fill('2580');
    await page.getByRole('button', { name: '解锁' }).click();
    await page.getByRole('button', { name: '退出登录' }).click();
    await page.getByRole('heading', { name: '查询员登录' }).waitFor();
  },
);
