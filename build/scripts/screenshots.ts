// `npm run screenshots`: renders every kiosk screen in normal and elder mode, portrait
// (1080×1920) and landscape (1920×1080), into docs/screenshots/kiosk/ for people to look at.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Page } from 'playwright-core';
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

async function screensOf(page: Page, prefix: string, elderMode: boolean): Promise<void> {
  if (!elderMode) await shoot(page, `${prefix}-attract`);
  await page.locator('.attract').click();
  await page.locator('.tile').first().waitFor();
  if (elderMode) await page.getByRole('button', { name: '长辈模式' }).click();
  await shoot(page, `${prefix}-home`);
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
const system = await startLinli({
  env: { ...process.env, LINLI_DATA_DIR: dataDir, LINLI_ADMIN_PORT: '0', LINLI_KIOSK_PORT: '0', LINLI_LOG_LEVEL: 'warn', LINLI_IDLE_SEC: '10', LINLI_IDLE_WARNING_SEC: '5' },
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
  rmSync(dataDir, { recursive: true, force: true });
}
