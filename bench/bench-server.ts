/**
 * A fresh admin-server process for one bench run, on SQLite (its own file in a temporary data
 * folder: what `npm start` runs) or PostgreSQL (a database made for the run on the machine's
 * server, or LINLI_BENCH_PG_URL's): stopped, and its data removed, after `work`. No demo content.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { startAdminServer } from '../build/scripts/processes';

export type BenchDatabase = 'sqlite' | 'postgres';
export type BenchAdminServer = Awaited<ReturnType<typeof startAdminServer>>;

export const BENCH_PG_URL = process.env.LINLI_BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** The PostgreSQL server named without its credentials, for a result that says it was skipped. */
export const benchPgServer = () => BENCH_PG_URL.replace(/\/\/[^@]*@/, '//');

export async function withBenchAdminServer<T>(
  database: BenchDatabase,
  /** More of the server's settings: its administrator's password, a simulator on. */
  env: Record<string, string>,
  work: (admin: BenchAdminServer, url: string) => Promise<T>,
): Promise<T> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'linli-bench-'));
  const dbName = `linli_bench_${randomBytes(6).toString('hex')}`;
  const pgAdmin = async (sql: string) => {
    const client = new pg.Client({ connectionString: BENCH_PG_URL });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  if (database === 'postgres') await pgAdmin(`CREATE DATABASE ${dbName}`);
  try {
    const admin = await startAdminServer({
      ...process.env,
      LINLI_DATA_DIR: dataDir,
      LINLI_ADMIN_PORT: '0',
      LINLI_LOG_LEVEL: 'warn',
      LINLI_DEMO_CONTENT: 'off',
      ...env,
      ...(database === 'postgres' && {
        LINLI_DATABASE_URL: new URL(dbName, BENCH_PG_URL.replace(/[^/]*$/, '')).href,
      }),
    });
    try {
      return await work(admin, admin.ready.url!);
    } finally {
      await admin.stop();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
    if (database === 'postgres') await pgAdmin(`DROP DATABASE ${dbName}`);
  }
}
