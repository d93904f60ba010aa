/**
 * The network between a kiosk and the admin server breaks in the middle of a page of the feed,
 * three times over: real processes, a real TCP proxy that drops the link after part of the reply.
 * A page is applied whole or not at all, so the kiosk ends with every guide once and the cursor of
 * the last page, never a half page. (A file cut mid-download resumes from where it stopped:
 * kiosk-app/test/media-store.test.ts, over a real socket too.)
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import BetterSqlite3 from 'better-sqlite3';
import { apiAs } from '../../build/scripts/admin-api';
import { startAdminServer, startKiosk } from '../../build/scripts/processes';
import { startCuttingProxy } from './cutting-proxy';

const CUTS = 3;
const PASSWORD = 'Admin2026networkcut';

test('a kiosk whose link drops mid-page, 3 times, ends with every guide once', { timeout: 180_000 }, async (t) => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'linli-network-cut-'));
  const cleanups: (() => unknown)[] = [() => rmSync(dataDir, { recursive: true, force: true })];
  t.after(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });
  const env = { ...process.env, LINLI_LOG_LEVEL: 'warn' };
  const admin = await startAdminServer({
    ...env,
    LINLI_DATA_DIR: path.join(dataDir, 'admin'),
    LINLI_ADMIN_PORT: '0',
    LINLI_ADMIN_PASSWORD: PASSWORD,
  });
  cleanups.push(() => admin.stop());
  const proxy = await startCuttingProxy(new URL(admin.ready.url!), {
    request: /^GET \/api\/v1\/sync\/changes\?/,
    afterBytes: 50_000,
    times: CUTS,
  });
  cleanups.push(() => proxy.close());
  mkdirSync(path.join(dataDir, 'kiosk'));
  const kiosk = await startKiosk({
    ...env,
    LINLI_DATA_DIR: path.join(dataDir, 'kiosk'),
    LINLI_KIOSK_PORT: '0',
    LINLI_SERVER_URL: proxy.url,
    LINLI_ENROLLMENT_CODE: admin.ready.enrollmentCode!,
    LINLI_DEMO_DEVICES: '0',
    LINLI_PULL_INTERVAL_SEC: '1',
  });
  cleanups.push(() => kiosk.stop());

  const api = await apiAs(admin.ready.url!, 'admin', PASSWORD);
  const guidesServed = (await api('GET', '/guides?published=true&limit=1')).json.total as number;
  assert.ok(guidesServed > 100);
  const cache = () => {
    const db = new BetterSqlite3(path.join(dataDir, 'kiosk', 'kiosk', 'cache.sqlite'), { readonly: true });
    try {
      const ids = db.prepare('SELECT id FROM guides').all() as { id: string }[];
      const cursor = db.prepare("SELECT value FROM sync_state WHERE key = 'cursor'").get() as
        { value: string } | undefined;
      return { ids: ids.map((row) => row.id), cursor: Number(cursor?.value ?? 0) };
    } finally {
      db.close();
    }
  };
  // Until the kiosk's cache holds the whole catalogue, read every 200 ms.
  let held = cache();
  while (held.ids.length < guidesServed) {
    // Between the cuts nothing of a page that was cut may show.
    assert.ok(held.ids.length === 0 || proxy.cuts() >= CUTS, `a part of a page was applied: ${held.ids.length}`);
    await sleep(200);
    held = cache();
  }
  assert.equal(proxy.cuts(), CUTS, 'the link dropped mid-page 3 times');
  assert.equal(new Set(held.ids).size, held.ids.length, 'each guide once');
  assert.equal(held.ids.length, guidesServed, 'every guide');
  assert.ok(held.cursor > 0);
});
