// `npm run screenshots`: renders every kiosk screen in normal and elder mode, portrait
// (1080×1920) and landscape (1920×1080), into docs/screenshots/kiosk/ for people to look at.
// The device screens use npm start's simulated devices and a cups-pdf queue as the A4 printer.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { addCupsPdfQueue } from '../../device-drivers/test/cups-fixture';
import { startDemoDevices } from './demo-devices';
import { startLinli } from './processes';

const outDir = path.resolve(import.meta.dirname, '../../docs/screenshots/kiosk');
const viewports = { portrait: { width: 1080, height: 1920 }, landscape: { width: 1920, height: 1080 } };

async function settle(page: Page): Promise<void> {
  await page.waitForTimeout(400);
}

async function shoot(page: Page, name: string): Promise<void> {
  await settle(page);
  await page.screenshot({ path: path.join(outDir, `${name}.png`) });
  console.log(`  ${name}.png`);
}

/** 读取身份证, 打印表格 and the maintenance screen, against the simulated devices. */
async function deviceScreensOf(page: Page, prefix: string): Promise<void> {
  await page.getByRole('button', { name: /读取身份证/ }).click();
  await page.getByText(/仅用于本次办理/).waitFor();
  await shoot(page, `${prefix}-id-card-consent`);
  await page.getByRole('button', { name: '同意并读卡' }).click();
  await page.getByText('已读取证件信息').waitFor({ timeout: 15_000 });
  await shoot(page, `${prefix}-id-card-shown`);
  await page.getByRole('button', { name: '完成' }).click();

  await page.getByRole('button', { name: /打印表格/ }).click();
  await page.getByRole('button', { name: /居住证明申请表/ }).waitFor();
  await shoot(page, `${prefix}-forms`);
  await page.getByRole('button', { name: /居住证明申请表/ }).click();
  const answers = { 现居住地址: '北京市东城区交道口南大街12号', 何时开始在此居住: '2019年5月', '房屋性质（自有/租住/借住）': '租住', 申请事由: '孩子明年上小学，需要开具居住证明。', '证明用于何处（如：子女入学）': '子女入学' };
  for (const [label, value] of Object.entries(answers)) await page.getByLabel(label).fill(value);
  await page.getByLabel('联系电话').click();
  for (const digit of '13800138000') await page.locator('.osk').getByRole('button', { name: digit, exact: true }).click();
  await shoot(page, `${prefix}-form-questions`);
  await page.locator('.osk').getByRole('button', { name: /收起键盘/ }).click();
  await page.getByRole('button', { name: '打印', exact: true }).click();
  await page.getByRole('status').filter({ hasText: '打印完成' }).waitFor({ timeout: 60_000 });
  await shoot(page, `${prefix}-form-printed`);
  await page.getByRole('button', { name: '完成' }).click();

  const title = (await page.locator('.app-title').boundingBox())!;
  await page.mouse.move(title.x + 10, title.y + 10);
  await page.mouse.down();
  await page.waitForTimeout(3300);
  await page.mouse.up();
  await page.getByText('请输入维护密码').waitFor();
  for (const digit of '2468') await page.locator('.pin-keys').getByRole('button', { name: digit, exact: true }).click();
  await shoot(page, `${prefix}-maintenance-pin`);
  await page.getByRole('button', { name: '进入' }).click();
  await page.locator('.device-row').first().waitFor();
  await shoot(page, `${prefix}-maintenance`);
  await page.getByRole('button', { name: '首页' }).click();
}

async function screensOf(page: Page, prefix: string, elderMode: boolean): Promise<void> {
  if (!elderMode) await shoot(page, `${prefix}-attract`);
  await page.locator('.attract').click();
  await page.locator('.tile').first().waitFor();
  if (elderMode) await page.getByRole('button', { name: '长辈模式' }).click();
  await shoot(page, `${prefix}-home`);
  await deviceScreensOf(page, prefix);
  await page.getByRole('searchbox').click();
  for (const letter of 'shebao') await page.locator('.osk').getByRole('button', { name: letter, exact: true }).click();
  await page.locator('.osk-candidates button').first().waitFor();
  await shoot(page, `${prefix}-keyboard`);
  await page.locator('.osk-candidates').getByRole('button', { name: '社保', exact: true }).click();
  await page.locator('.guide-row').first().waitFor();
  await shoot(page, `${prefix}-search`);
  await page.locator('.osk').getByRole('button', { name: /收起键盘/ }).click();
  await page.getByRole('searchbox').fill('');
  await page.locator('.tile-minimum-living').click();
  await page.locator('.list-heading').waitFor();
  await shoot(page, `${prefix}-category`);
  await page.locator('.guide-row').first().click();
  await page.locator('.guide-page h1').waitFor();
  await shoot(page, `${prefix}-guide`);
  await page.getByRole('alertdialog').waitFor({ timeout: 60_000 });
  await shoot(page, `${prefix}-idle-warning`);
  await page.getByRole('button', { name: '结束办理' }).last().click();
  await page.locator('.attract').waitFor();
}

const dataDir = mkdtempSync(path.join(tmpdir(), 'linli-screenshots-'));
mkdirSync(outDir, { recursive: true });
const a4 = await addCupsPdfQueue('LinliScreenshots');
const devices = await startDemoDevices(dataDir, { a4Queue: a4.queue });
const system = await startLinli({
  env: {
    ...process.env,
    LINLI_DATA_DIR: dataDir,
    LINLI_ADMIN_PORT: '0',
    LINLI_KIOSK_PORT: '0',
    LINLI_LOG_LEVEL: 'warn',
    LINLI_IDLE_SEC: '10',
    LINLI_IDLE_WARNING_SEC: '5',
    LINLI_DEVICES_FILE: devices.file,
    LINLI_DEVICE_CHECK_SEC: '2',
  },
});
const browser = await chromium.launch({
  executablePath: process.env.LINLI_CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
  for (const [orientation, viewport] of Object.entries(viewports)) {
    const page = await browser.newPage({ viewport });
    await page.goto(`${system.kioskUrl}/`);
    await page.locator('.attract').waitFor();
    for (const elderMode of [false, true]) await screensOf(page, `${orientation}-${elderMode ? 'elder' : 'normal'}`, elderMode);
    await page.close();
  }
  console.log(`Screenshots in ${outDir}`);
} finally {
  await browser.close();
  await system.stop();
  await devices.stop();
  await a4.remove();
  rmSync(dataDir, { recursive: true, force: true });
}
