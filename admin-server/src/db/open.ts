/** Opens and migrates the backend the configuration selects. */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Database } from './database';
import { migrate } from './migrate';
import { migrations } from './migrations';
import { openPostgres } from './postgres';
import { openSqlite } from './sqlite';

export type DatabaseTarget = { kind: 'sqlite'; file: string } | { kind: 'postgres'; url: string; schema?: string };

export async function openDatabase(target: DatabaseTarget): Promise<Database> {
  if (target.kind === 'sqlite') mkdirSync(path.dirname(target.file), { recursive: true });
  const db = target.kind === 'sqlite' ? openSqlite(target.file) : openPostgres(target.url, { schema: target.schema });
  try {
    await migrate(db, migrations);
  } catch (error) {
    await db.close();
    throw error;
  }
  return db;
}
