/**
 * Forward-only migrations. Each version runs in its own transaction together with its row in
 * `schema_migrations`; a database whose newest version is unknown to this code is refused.
 */
import { LinliError } from '@linli/protocol';
import type { Database } from './database';

/** Column types that differ between the dialects. */
export interface DialectTypes {
  serialKey: string;
  bigint: string;
  binary: string;
}

export const dialectTypes: Record<Database['dialect'], DialectTypes> = {
  sqlite: { serialKey: 'INTEGER PRIMARY KEY AUTOINCREMENT', bigint: 'INTEGER', binary: 'BLOB' },
  postgres: { serialKey: 'BIGSERIAL PRIMARY KEY', bigint: 'BIGINT', binary: 'BYTEA' },
};

export interface Migration {
  version: number;
  name: string;
  sql: (types: DialectTypes) => string;
}

export function assertOrdered(migrations: Migration[]): void {
  migrations.forEach((migration, index) => {
    if (migration.version !== index + 1)
      throw new Error(`migration ${migration.name} has version ${migration.version}, expected ${index + 1}`);
  });
}

export async function migrate(
  db: Database,
  migrations: Migration[],
  now: () => Date = () => new Date(),
): Promise<{ from: number; to: number }> {
  assertOrdered(migrations);
  await db.execScript(
    'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)',
  );
  const row = await db.get<{ version: number | null }>('SELECT MAX(version) AS version FROM schema_migrations');
  const current = Number(row?.version ?? 0);
  const latest = migrations.length;
  if (current > latest) {
    throw new LinliError(
      'DATABASE_TOO_NEW',
      `The database is at schema version ${current}; this Linli knows versions up to ${latest}. Upgrade Linli.`,
    );
  }
  for (const migration of migrations.slice(current)) {
    await db.transaction(async (tx) => {
      for (const statement of splitStatements(migration.sql(dialectTypes[db.dialect]))) await tx.run(statement);
      await tx.run('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)', [
        migration.version,
        migration.name,
        now().toISOString(),
      ]);
    });
  }
  return { from: current, to: latest };
}

/** Our migration scripts hold plain DDL, so splitting on `;` at line ends is safe. */
function splitStatements(sql: string): string[] {
  return sql
    .split(/;\s*$/m)
    .map((statement) => statement.trim())
    .filter(Boolean);
}
