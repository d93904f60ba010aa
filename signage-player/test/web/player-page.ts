/**
 * Opens the web player in Chromium for tests and screenshots: a fresh context at the screen size
 * asked for, on a FakePlayerHost's page, with the page's errors collected so a test can insist
 * there were none. Share one browser (test/e2e/browser.ts) across a file's tests.
 */
import type { Browser, Page } from 'playwright-core';
import type { FakePlayerHost } from './fake-player-host';

export interface PlayerPage {
  page: Page;
  /** Uncaught errors in the page so far. */
  errors: Error[];
  /** What the page warned about on its console (`video-start-timeout v1`, …). */
  warnings: string[];
  close(): Promise<void>;
}

export const SCREENS = {
  landscape: { width: 1920, height: 1080 },
  portrait: { width: 1080, height: 1920 },
  uhd: { width: 3840, height: 2160 },
} as const;

export async function openPlayerPage(
  browser: Browser,
  host: FakePlayerHost,
  viewport: { width: number; height: number } = SCREENS.landscape,
): Promise<PlayerPage> {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  // tsx (esbuild, keepNames) wraps functions in page.evaluate() callbacks in a `__name` helper the page lacks.
  await page.addInitScript('window.__name = (fn) => fn');
  const errors: Error[] = [];
  const warnings: string[] = [];
  page.on('pageerror', (error) => errors.push(error));
  page.on('console', (message) => {
    if (message.type() === 'warning') warnings.push(message.text());
  });
  await page.goto(host.url);
  await page.waitForSelector('.player:not([data-state="loading"])');
  return { page, errors, warnings, close: () => context.close() };
}
