/** Starts an admin server, an enrolled kiosk and Chromium for one test; everything stops after it. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestContext } from 'node:test';
import type { Page } from 'playwright-core';
import { startAdminServer, startKiosk } from '../../build/scripts/processes';
import { launchChromium } from './browser';

export async function openKiosk(t: TestContext, options: { kioskEnv?: Record<string, string>; adminEnv?: Record<string, string>; viewport?: { width: number; height: number } } = {}) {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'linli-kiosk-e2e-'));
  t.after(() => rmSync(dataDir, { recursive: true, force: true }));
  const env = { ...process.env, LINLI_DATA_DIR: dataDir, LINLI_LOG_LEVEL: 'warn' };
  const admin = await startAdminServer({ ...env, ...options.adminEnv, LINLI_ADMIN_PORT: '0' });
  t.after(() => admin.stop());
  const kiosk = await startKiosk({ ...env, ...options.kioskEnv, LINLI_KIOSK_PORT: '0', LINLI_SERVER_URL: admin.ready.url!, LINLI_ENROLLMENT_CODE: admin.ready.enrollmentCode! });
  t.after(() => kiosk.stop());
  const browser = await launchChromium();
  t.after(() => browser.close());
  const page = await browser.newPage({ viewport: options.viewport ?? { width: 1280, height: 900 } });
  // tsx compiles these tests with esbuild's keepNames, which wraps functions declared inside
  // page.evaluate() callbacks in a `__name` helper that does not exist in the page.
  await page.addInitScript('window.__name = (fn) => fn');
  await page.goto(`${kiosk.ready.url}/`);
  await page.locator('.attract').waitFor();
  return { page, browser, kioskUrl: kiosk.ready.url!, adminUrl: admin.ready.url! };
}

/** Starts a visit from the attract screen and waits for the home screen's categories. */
export async function startVisit(page: Page): Promise<void> {
  await page.locator('.attract').click();
  await page.locator('.tile').first().waitFor();
  await page.waitForFunction(() => !document.querySelector('.tile-count')?.textContent?.startsWith('0'));
}

export async function resultTitles(page: Page): Promise<string[]> {
  return page.locator('.guide-row .guide-title').allInnerTexts();
}

export async function searchFor(page: Page, query: string): Promise<string[]> {
  const box = page.getByRole('searchbox', { name: /搜索|Search/ });
  await box.fill(query);
  await page.waitForFunction((q) => document.querySelector('.result-count') !== null && (document.querySelector('input[type=search]') as HTMLInputElement).value === q, query);
  await page.waitForTimeout(150);
  return resultTitles(page);
}
