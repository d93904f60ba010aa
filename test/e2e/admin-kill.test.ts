/**
 * An admin server killed (SIGKILL) 6 times while staff publish guides and upload files: the
 * client sends each again until it has an answer — a guide under the id it chose, a file under the
 * idempotency key it chose — so afterwards every guide and every file is there exactly once: 0 lost,
 * 0 duplicated. A real admin server process on SQLite, restarted on the same data after each kill.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { IDEMPOTENCY_KEY_HEADER } from '@linli/protocol';
import { apiAs, type AdminApi } from '../../build/scripts/admin-api';
import { startAdminServer, type LinliProcess } from '../../build/scripts/processes';
import { freePort } from './free-port';
import { guideInput } from '../../admin-server/test/fixtures';

const PASSWORD = 'Admin2026killed';
const GUIDES = 16;
const FILES = 16;
const KILLS = 6;

test(
  'an admin server killed 6 times during publishes and uploads loses none and doubles none',
  { timeout: 300_000 },
  async (t) => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'linli-admin-kill-'));
    t.after(() => rmSync(dataDir, { recursive: true, force: true }));
    const port = await freePort();
    const env = {
      ...process.env,
      LINLI_DATA_DIR: dataDir,
      LINLI_ADMIN_PORT: String(port),
      LINLI_ADMIN_PASSWORD: PASSWORD,
      LINLI_LOG_LEVEL: 'warn',
    };
    const url = `http://127.0.0.1:${port}`;
    let server: LinliProcess = await startAdminServer(env);
    t.after(() => server.stop());
    // Resolved while the server is up; a kill replaces it until the restarted server is ready.
    let up: Promise<void> = Promise.resolve();

    const api = await apiAs(url, 'admin', PASSWORD);

    /** Sends until the server answers below 500; a connection cut by the kill is waited out. */
    async function untilAnswered(send: () => ReturnType<AdminApi>): ReturnType<AdminApi> {
      for (;;) {
        const reply = await send().catch(() => undefined);
        if (reply && reply.status < 500) return reply;
        await up;
      }
    }

    const publishes = async () => {
      for (let i = 0; i < GUIDES; i++) {
        const reply = await untilAnswered(() =>
          api('POST', '/guides', guideInput({ id: `fault-guide-${i}`, title: `故障测试事项${i}`, published: true })),
        );
        // ALREADY_EXISTS: an earlier try was stored, its answer lost to a kill.
        assert.ok(
          reply.status === 201 || reply.status === 409,
          `guide ${i}: ${reply.status} ${JSON.stringify(reply.json)}`,
        );
      }
    };
    const uploads = async () => {
      for (let i = 0; i < FILES; i++) {
        const key = randomUUID();
        const pdf = Buffer.concat([Buffer.from(`%PDF-1.4\n% fault file ${i}\n`), randomBytes(200_000)]);
        const reply = await untilAnswered(() =>
          api('POST', `/media?name=fault-file-${i}.pdf`, pdf, { [IDEMPOTENCY_KEY_HEADER]: key }),
        );
        assert.equal(reply.status, 201, `file ${i}: ${JSON.stringify(reply.json)}`);
      }
    };
    const kills = async () => {
      for (let kill = 0; kill < KILLS; kill++) {
        // When the kill lands is the test's randomness, not a wait for some state.
        await sleep(150 + Math.random() * 400);
        let ready!: () => void;
        up = new Promise((resolve) => (ready = resolve));
        await server.kill();
        server = await startAdminServer(env);
        ready();
      }
    };
    const work = Promise.all([publishes(), uploads()]);
    await Promise.all([work, kills()]);
    await work;

    const guides = (await api('GET', '/guides?q=故障测试事项&limit=200')).json as unknown as {
      guides: { id: string; published: boolean }[];
    };
    const guideIds = guides.guides.map((guide) => guide.id).sort();
    assert.deepEqual(
      guideIds,
      Array.from({ length: GUIDES }, (_, i) => `fault-guide-${i}`).sort(),
      '0 lost, 0 duplicated',
    );
    assert.ok(guides.guides.every((guide) => guide.published));
    const media = (await api('GET', '/media?q=fault-file&limit=200')).json as unknown as {
      items: { name: string }[];
    };
    assert.deepEqual(
      media.items.map((item) => item.name).sort(),
      Array.from({ length: FILES }, (_, i) => `fault-file-${i}.pdf`).sort(),
      '0 lost, 0 duplicated',
    );
  },
);
