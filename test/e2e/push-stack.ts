/**
 * What the end-to-end tests of pushed content start from: a throwaway data folder, an admin server
 * in `<dataDir>/admin` (demo organisation, `admin` with `adminPassword`) and Chromium, all stopped
 * and removed when the test ends. Devices started with `env` pull on a timer only every 5 minutes,
 * so what reaches them within seconds came by push.
 */
import type { TestContext } from 'node:test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { startAdminServer, type LinliProcess } from '../../build/scripts/processes';
import { launchChromium } from './browser';

export interface PushStack {
  dataDir: string;
  /** The environment for the devices the test starts. */
  env: NodeJS.ProcessEnv;
  /** The admin server (a test may stop it early: offline devices) and its base URL. */
  admin: LinliProcess;
  url: string;
  browser: Browser;
}

export async function startPushStack(t: TestContext, name: string, adminPassword: string): Promise<PushStack> {
  const dataDir = mkdtempSync(path.join(tmpdir(), `linli-${name}-`));
  t.after(() => rmSync(dataDir, { recursive: true, force: true }));
  const env = { ...process.env, LINLI_LOG_LEVEL: 'warn', LINLI_PULL_INTERVAL_SEC: '300' };
  const admin = await startAdminServer({
    ...env,
    LINLI_DATA_DIR: path.join(dataDir, 'admin'),
    LINLI_ADMIN_PORT: '0',
    LINLI_ADMIN_PASSWORD: adminPassword,
  });
  t.after(() => admin.stop());
  const browser = await launchChromium();
  t.after(() => browser.close());
  return { dataDir, env, admin, url: admin.ready.url!, browser };
}
