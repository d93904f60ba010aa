/**
 * Runs a suite once per real backend: SQLite in a temporary file always, PostgreSQL when
 * LINLI_TEST_PG_URL is set (each run in a fresh schema, dropped afterwards). Without it the
 * PostgreSQL suites are reported as skipped, with the reason, rather than left out.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { TestContext } from 'node:test';
import { openDatabase, type DatabaseTarget } from '../src/db/open';
import type { Database } from '../src/db/database';

export interface Backend {
  name: 'sqlite' | 'postgres';
  /** Why this backend's suites cannot run here; pass as the suite's `skip` option. */
  skip?: string;
  /** A fresh, migrated, empty database; closed and removed when the test ends. */
  open(t: TestContext): Promise<Database>;
  /** A fresh target for tests that open the database themselves. */
  target(t: TestContext): Promise<DatabaseTarget>;
}

const sqlite: Backend = {
  name: 'sqlite',
  async target(t) {
    const dir = mkdtempSync(path.join(tmpdir(), 'linli-admin-'));
    t.after(() => rmSync(dir, { recursive: true, force: true }));
    return { kind: 'sqlite', file: path.join(dir, 'admin.sqlite') };
  },
  async open(t) {
    const db = await openDatabase(await this.target(t));
    t.after(() => db.close());
    return db;
  },
};

function postgres(url: string | undefined): Backend {
  return {
    name: 'postgres',
    ...(url ? {} : { skip: 'LINLI_TEST_PG_URL is not set (e.g. postgres://postgres@127.0.0.1:5432/test)' }),
    async target(t) {
      if (!url) throw new Error('LINLI_TEST_PG_URL is not set');
      const schema = `linli_test_${randomBytes(6).toString('hex')}`;
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      await admin.query(`CREATE SCHEMA ${schema}`);
      await admin.end();
      t.after(async () => {
        const cleanup = new pg.Client({ connectionString: url });
        await cleanup.connect();
        await cleanup.query(`DROP SCHEMA ${schema} CASCADE`);
        await cleanup.end();
      });
      return { kind: 'postgres', url, schema };
    },
    async open(t) {
      const db = await openDatabase(await this.target(t));
      t.after(() => db.close());
      return db;
    },
  };
}

export const backends: Backend[] = [sqlite, postgres(process.env.LINLI_TEST_PG_URL || undefined)];
