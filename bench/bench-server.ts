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

/** Runs one statement on the bench's PostgreSQL server (databases are made and dropped this way). */
async function pgAdmin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: BENCH_PG_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** A new, empty database on the bench's PostgreSQL server: its URL, and how to drop it. */
export async function benchPgDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `linli_bench_${randomBytes(6).toString('hex')}`;
  await pgAdmin(`CREATE DATABASE ${name}`);
  return {
    url: new URL(name, BENCH_PG_URL.replace(/[^/]*$/, '')).href,
    drop: () => pgAdmin(`DROP DATABASE ${name}`),
  };
}

export async function withBenchAdminServer<T>(
  database: BenchDatabase,
  /** More of the server's settings: its administrator's password, a simulator on. */
  env: Record<string, string>,
  work: (admin: BenchAdminServer, url: string) => Promise<T>,
): Promise<T> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'linli-bench-'));
  const pgDatabase = database === 'postgres' ? await benchPgDatabase() : undefined;
  try {
    const admin = await startAdminServer({
      ...process.env,
      LINLI_DATA_DIR: dataDir,
      LINLI_ADMIN_PORT: '0',
      LINLI_LOG_LEVEL: 'warn',
      LINLI_DEMO_CONTENT: 'off',
      ...env,
      ...(pgDatabase && { LINLI_DATABASE_URL: pgDatabase.url }),
    });
    try {
      return await work(admin, admin.ready.url!);
    } finally {
      await admin.stop();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
    await pgDatabase?.drop();
  }
}
