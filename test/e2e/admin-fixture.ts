/**
 * An admin server of its own for one test (demo content, a temporary data folder, a free port),
 * signed in as its administrator through the API; both stop and go after the test.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { apiAs } from '../../build/scripts/admin-api';
import { startAdminServer } from '../../build/scripts/processes';
import type { Owner } from './kiosk-fixture';

export async function openAdminServer(t: Owner, password: string, env: Record<string, string> = {}) {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'linli-admin-e2e-'));
  t.after(() => rmSync(dataDir, { recursive: true, force: true }));
  const admin = await startAdminServer({
    ...process.env,
    ...env,
    LINLI_DATA_DIR: dataDir,
    LINLI_ADMIN_PORT: '0',
    LINLI_LOG_LEVEL: 'warn',
    LINLI_ADMIN_PASSWORD: password,
  });
  t.after(() => admin.stop());
  const url = admin.ready.url!;
  return { url, api: await apiAs(url, 'admin', password) };
}
