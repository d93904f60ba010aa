/**
 * Runs a suite once per real backend: SQLite in a temporary file always, PostgreSQL when
 * LINLI_TEST_PG_URL is set (each run in a fresh schema, dropped afterwards).
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

function postgres(url: string): Backend {
  return {
    name: 'postgres',
    async target(t) {
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

export const backends: Backend[] = [sqlite, ...(process.env.LINLI_TEST_PG_URL ? [postgres(process.env.LINLI_TEST_PG_URL)] : [])];
