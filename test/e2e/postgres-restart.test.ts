/**
 * PostgreSQL restarted (immediate shutdown: crash recovery on start) while staff publish: the admin
 * server stays up, answers 503 DATABASE_UNAVAILABLE while the database is away, and is ready again
 * when it is back; writers send again what had no answer, and every guide is there once. The test
 * runs a PostgreSQL of its own (initdb in a temporary folder, its own port), never the machine's.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, execFileSync, spawnSync } from 'node:child_process';
import { promisify } from 'node:util';
import { chmodSync, chownSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { apiAs } from '../../build/scripts/admin-api';
import { startAdminServer } from '../../build/scripts/processes';
import { freePort } from './free-port';
import { guideInput } from '../../admin-server/test/fixtures';

const PASSWORD = 'Admin2026pgrestart';
const WRITERS = 4;
const GUIDES_EACH = 15;

/** Why a private PostgreSQL cannot be run here, if it cannot. */
function privatePostgres(): string | undefined {
  if (process.getuid?.() !== 0) return 'running a private PostgreSQL as its own user needs root';
  for (const tool of ['initdb', 'pg_ctl', 'runuser'])
    if (spawnSync('which', [tool]).status !== 0) return `${tool} is not installed`;
  if (spawnSync('id', ['postgres']).status !== 0) return 'there is no postgres user to run it as';
  return undefined;
}

test(
  'PostgreSQL restarted under load: the admin server rides it out, and every write is there once',
  { skip: privatePostgres(), timeout: 300_000 },
  async (t) => {
    const dir = mkdtempSync(path.join(tmpdir(), 'linli-pg-restart-'));
    // Undone last-first: the admin server, then the database, then the folder.
    const cleanups: (() => unknown)[] = [() => rmSync(dir, { recursive: true, force: true })];
    t.after(async () => {
      for (const cleanup of cleanups.reverse()) await cleanup();
    });
    // The database's own user must reach its folder through this one.
    chmodSync(dir, 0o755);
    const pgDir = path.join(dir, 'pg');
    mkdirSync(pgDir);
    const { uid, gid } = {
      uid: Number(execFileSync('id', ['-u', 'postgres'])),
      gid: Number(execFileSync('id', ['-g', 'postgres'])),
    };
    chownSync(pgDir, uid, gid);
    // Asynchronous: the writers go on sending while the database restarts.
    const asPostgres = (...args: string[]) => promisify(execFile)('runuser', ['-u', 'postgres', '--', ...args]);
    const pgPort = await freePort();
    await asPostgres('initdb', '-D', path.join(pgDir, 'data'), '-A', 'trust', '-U', 'postgres', '--no-sync');
    const pgOptions = `-p ${pgPort} -c listen_addresses=127.0.0.1 -k ${pgDir} -c fsync=off`;
    const pgCtl = (...args: string[]) =>
      asPostgres(
        'pg_ctl',
        '-D',
        path.join(pgDir, 'data'),
        '-l',
        path.join(pgDir, 'log'),
        '-o',
        pgOptions,
        '-w',
        ...args,
      );
    await pgCtl('start');
    cleanups.push(() => pgCtl('stop', '-m', 'immediate'));

    const admin = await startAdminServer({
      ...process.env,
      LINLI_DATABASE_URL: `postgres://postgres@127.0.0.1:${pgPort}/postgres`,
      LINLI_DATA_DIR: path.join(dir, 'admin'),
      LINLI_ADMIN_PORT: '0',
      LINLI_ADMIN_PASSWORD: PASSWORD,
      LINLI_LOG_LEVEL: 'fatal',
    });
    cleanups.push(() => admin.stop());
    const url = admin.ready.url!;
    const api = await apiAs(url, 'admin', PASSWORD);

    const unavailable: number[] = [];
    let acknowledged = 0;
    let quarterDone!: () => void;
    const quarter = new Promise<void>((resolve) => (quarterDone = resolve));
    /** Until the server says the database answers again (its readiness check), asked every 100 ms. */
    const ready = async () => {
      while ((await fetch(`${url}/ready`).catch(() => undefined))?.status !== 200) await sleep(100);
    };
    const writer = async (w: number) => {
      for (let i = 0; i < GUIDES_EACH; i++) {
        for (;;) {
          const reply = await api(
            'POST',
            '/guides',
            guideInput({ id: `pg-${w}-${i}`, title: `重启测试事项${w}-${i}`, published: true }),
          );
          if (reply.status === 201 || reply.status === 409) break;
          assert.equal(reply.status, 503, JSON.stringify(reply.json));
          assert.equal((reply.json as { error: { code: string } }).error.code, 'DATABASE_UNAVAILABLE');
          unavailable.push(w);
          await ready();
        }
        if (++acknowledged === (WRITERS * GUIDES_EACH) / 4) quarterDone();
      }
    };
    const restart = async () => {
      await quarter;
      await pgCtl('restart', '-m', 'immediate');
    };
    await Promise.all([...Array.from({ length: WRITERS }, (_, w) => writer(w)), restart()]);

    assert.equal(admin.child.exitCode, null, 'the admin server stayed up');
    assert.ok(unavailable.length > 0, 'writes met the restart');
    t.diagnostic(`${unavailable.length} writes answered 503 while PostgreSQL restarted`);
    const list = (await api('GET', '/guides?q=重启测试事项&limit=500')).json as unknown as {
      guides: { id: string }[];
    };
    const expected = Array.from({ length: WRITERS }, (_, w) =>
      Array.from({ length: GUIDES_EACH }, (_, i) => `pg-${w}-${i}`),
    ).flat();
    assert.deepEqual(list.guides.map((guide) => guide.id).sort(), expected.sort(), '0 lost, 0 duplicated');
  },
);
