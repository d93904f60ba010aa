/**
 * Starts an admin server, an enrolled kiosk and Chromium, owned by one test or shared by the tests
 * of one file; everything stops after its owner.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after } from 'node:test';
import type { Page } from 'playwright-core';
import { startAdminServer, startKiosk } from '../../build/scripts/processes';
import { launchChromium } from './browser';

/** What owns a stack: a test (its TestContext) or a file (`sharedByFile`). */
export interface Owner {
  after(stop: () => unknown): void;
}

/**
 * An owner for a stack the tests of one file share: what is registered with it stops, last first,
 * after the file's last test. Call it at the top of the file.
 */
export function sharedByFile(): Owner {
  const stops: (() => unknown)[] = [];
  after(async () => {
    for (const stop of stops.reverse()) await stop();
  });
  return { after: (stop) => void stops.push(stop) };
}

export interface KioskOptions {
  kioskEnv?: Record<string, string>;
  adminEnv?: Record<string, string>;
  viewport?: { width: number; height: number };
  /** Puts the page's clock under the test's control (page.clock.fastForward) for idle and hold times. */
  clock?: boolean;
}

export async function openKiosk(t: Owner, options: KioskOptions = {}) {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'linli-kiosk-e2e-'));
  t.after(() => rmSync(dataDir, { recursive: true, force: true }));
  const env = { ...process.env, LINLI_DATA_DIR: dataDir, LINLI_LOG_LEVEL: 'warn' };
  const admin = await startAdminServer({ ...env, ...options.adminEnv, LINLI_ADMIN_PORT: '0' });
  t.after(() => admin.stop());
  const kiosk = await startKiosk({
    ...env,
    ...options.kioskEnv,
    LINLI_KIOSK_PORT: '0',
    LINLI_SERVER_URL: admin.ready.url!,
    LINLI_ENROLLMENT_CODE: admin.ready.enrollmentCode!,
  });
  t.after(() => kiosk.stop());
  const browser = await launchChromium();
  t.after(() => browser.close());
  const page = await browser.newPage({ viewport: options.viewport ?? { width: 1280, height: 900 } });
  // tsx compiles these tests with esbuild's keepNames, which wraps functions declared inside
  // page.evaluate() callbacks in a `__name` helper that does not exist in the page.
  await page.addInitScript('window.__name = (fn) => fn');
  if (options.clock) await page.clock.install();
  await page.goto(`${kiosk.ready.url}/`);
  await page.locator('.attract').waitFor();
  return { page, browser, kioskUrl: kiosk.ready.url!, adminUrl: admin.ready.url! };
}

/** Loads the kiosk page afresh, as after a restart: no visit, the attract screen. */
export async function reloadKiosk(page: Page, kioskUrl: string): Promise<void> {
  await page.goto(`${kioskUrl}/`);
  await page.locator('.attract').waitFor();
}

/** Starts a visit from the attract screen and waits for the home screen's categories. */
export async function startVisit(page: Page): Promise<void> {
  await page.locator('.attract').click();
  await page.locator('.tile-category').first().waitFor();
  await page.waitForFunction(() => !document.querySelector('.tile-category .tile-count')?.textContent?.startsWith('0'));
}

export async function resultTitles(page: Page): Promise<string[]> {
  // The guides offered when nothing was found are suggestions, not results.
  return page.locator('.guide-row:not(.nothing-found .guide-row) .guide-title').allInnerTexts();
}

/** Types a query and returns the titles found, once the results on screen answer that query. */
export async function searchFor(page: Page, query: string): Promise<string[]> {
  await page.getByRole('searchbox', { name: /搜索|Search/ }).fill(query);
  await page.waitForFunction(
    (q) => (document.querySelector('.result-count') as HTMLElement | null)?.dataset.query === q,
    query,
  );
  return resultTitles(page);
}
