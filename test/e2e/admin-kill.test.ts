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
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { CSRF_HEADER, IDEMPOTENCY_KEY_HEADER } from '@linli/protocol';
import { startAdminServer, type LinliProcess } from '../../build/scripts/processes';
import { guideInput } from '../../admin-server/test/fixtures';

const PASSWORD = 'Admin2026killed';
const GUIDES = 16;
const FILES = 16;
const KILLS = 6;

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

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
    const base = `http://127.0.0.1:${port}/api/v1/admin`;
    let server: LinliProcess = await startAdminServer(env);
    t.after(() => server.stop());
    // Resolved while the server is up; a kill replaces it until the restarted server is ready.
    let up: Promise<void> = Promise.resolve();

    const login = await fetch(`${base}/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: PASSWORD }),
    });
    const session = {
      cookie: String(login.headers.get('set-cookie')).split(';')[0]!,
      [CSRF_HEADER]: ((await login.json()) as { csrfToken: string }).csrfToken,
    };

    /** Sends until the server answers below 500; a connection cut by the kill is waited out. */
    async function untilAnswered(send: () => Promise<Response>): Promise<Response> {
      for (;;) {
        const reply = await send().catch(() => undefined);
        if (reply && reply.status < 500) return reply;
        await up;
      }
    }

    const publishes = async () => {
      for (let i = 0; i < GUIDES; i++) {
        const reply = await untilAnswered(() =>
          fetch(`${base}/guides`, {
            method: 'POST',
            headers: { ...session, 'content-type': 'application/json' },
            body: JSON.stringify(guideInput({ id: `fault-guide-${i}`, title: `故障测试事项${i}`, published: true })),
          }),
        );
        // ALREADY_EXISTS: an earlier try was stored, its answer lost to a kill.
        assert.ok(reply.status === 201 || reply.status === 409, `guide ${i}: ${reply.status} ${await reply.text()}`);
      }
    };
    const uploads = async () => {
      for (let i = 0; i < FILES; i++) {
        const key = randomUUID();
        const pdf = Buffer.concat([Buffer.from(`%PDF-1.4\n% fault file ${i}\n`), randomBytes(200_000)]);
        const reply = await untilAnswered(() =>
          fetch(`${base}/media?name=fault-file-${i}.pdf`, {
            method: 'POST',
            headers: { ...session, 'content-type': 'application/octet-stream', [IDEMPOTENCY_KEY_HEADER]: key },
            body: pdf,
          }),
        );
        assert.equal(reply.status, 201, `file ${i}: ${await reply.text()}`);
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

    const guides = (await (await fetch(`${base}/guides?q=故障测试事项&limit=200`, { headers: session })).json()) as {
      guides: { id: string; published: boolean }[];
    };
    const guideIds = guides.guides.map((guide) => guide.id).sort();
    assert.deepEqual(
      guideIds,
      Array.from({ length: GUIDES }, (_, i) => `fault-guide-${i}`).sort(),
      '0 lost, 0 duplicated',
    );
    assert.ok(guides.guides.every((guide) => guide.published));
    const media = (await (await fetch(`${base}/media?q=fault-file&limit=200`, { headers: session })).json()) as {
      items: { name: string }[];
    };
    assert.deepEqual(
      media.items.map((item) => item.name).sort(),
      Array.from({ length: FILES }, (_, i) => `fault-file-${i}.pdf`).sort(),
      '0 lost, 0 duplicated',
    );
  },
);
