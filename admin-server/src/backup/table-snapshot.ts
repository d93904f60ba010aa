/**
 * Every table of the admin database as it was at one instant, read in batches: on SQLite from a
 * copy made with SQLite's online backup API (the server keeps running and writing meanwhile), on
 * PostgreSQL inside one repeatable-read, read-only transaction, through a cursor. And the catalogue
 * facts a restore needs: which table refers to which, and the serial columns.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import type { Database, Queryable, Row } from '../db/database';
import type { DatabaseTarget } from '../db/open';
import { openPostgres } from '../db/postgres';
import { openSqlite } from '../db/sqlite';

export const BATCH_ROWS = 1000;
/**
 * Not backed up as rows: the migrations' own record (a restored database has the code's), and the
 * database media store's files, which a backup carries as its media entries, as it does a folder's.
 */
export const NOT_BACKED_UP = new Set(['schema_migrations', 'stored_files', 'stored_file_parts']);

export interface TableSnapshot {
  /** The tables, each after the tables it refers to (a restore inserts in this order). */
  tables: string[];
  /** Calls `onBatch` with the table's rows, in its primary key's order, a batch at a time. */
  rows(table: string, onBatch: (rows: Row[]) => Promise<void>): Promise<void>;
}

/** The tables of a database, each after those its foreign keys name (self-references aside). */
export async function tablesInOrder(db: Queryable, dialect: Database['dialect']): Promise<string[]> {
  const names = (
    dialect === 'sqlite'
      ? await db.all<{ name: string }>(
          "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
        )
      : await db.all<{ name: string }>(
          "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name",
        )
  )
    .map((row) => row.name)
    .filter((name) => !NOT_BACKED_UP.has(name));
  const parents = new Map<string, Set<string>>(names.map((name) => [name, new Set()]));
  if (dialect === 'sqlite') {
    for (const name of names)
      for (const key of await db.all<{ table: string }>(`SELECT "table" FROM pragma_foreign_key_list(?)`, [name]))
        if (key.table !== name) parents.get(name)!.add(key.table);
  } else {
    for (const key of await db.all<{ child: string; parent: string }>(
      `SELECT c.relname AS child, p.relname AS parent FROM pg_constraint k
         JOIN pg_class c ON c.oid = k.conrelid JOIN pg_class p ON p.oid = k.confrelid
        WHERE k.contype = 'f' AND k.connamespace = current_schema()::regnamespace`,
    ))
      if (key.child !== key.parent) parents.get(key.child)?.add(key.parent);
  }
  const ordered: string[] = [];
  const visit = (name: string, path: string[]) => {
    if (ordered.includes(name)) return;
    if (path.includes(name)) throw new Error(`foreign keys form a cycle: ${[...path, name].join(' → ')}`);
    for (const parent of parents.get(name) ?? []) visit(parent, [...path, name]);
    ordered.push(name);
  };
  for (const name of names) visit(name, []);
  return ordered;
}

/** A PostgreSQL table's primary key columns, for a stable order (parents before children in a self-referring table). */
async function primaryKey(db: Queryable, table: string): Promise<string[]> {
  return (
    await db.all<{ name: string }>(
      `SELECT a.attname AS name FROM pg_index i
         JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey)
        WHERE i.indrelid = ?::regclass AND i.indisprimary ORDER BY array_position(i.indkey, a.attnum)`,
      [table],
    )
  ).map((row) => row.name);
}

/** A table or column name as an SQL identifier (both backends quote with double quotes). */
export const quoted = (name: string) => `"${name.replace(/"/g, '""')}"`;

/**
 * Runs `work` on a snapshot of the database `target` names, then lets it go (the SQLite copy is
 * removed; the PostgreSQL transaction ends).
 */
export async function withTableSnapshot<T>(
  target: DatabaseTarget,
  work: (snapshot: TableSnapshot) => Promise<T>,
): Promise<T> {
  if (target.kind === 'sqlite') {
    const dir = mkdtempSync(path.join(tmpdir(), 'linli-snapshot-'));
    try {
      const copy = path.join(dir, 'admin.sqlite');
      const source = new BetterSqlite3(target.file, { readonly: true, fileMustExist: true });
      try {
        await source.backup(copy);
      } finally {
        source.close();
      }
      const db = openSqlite(copy);
      try {
        return await work({
          tables: await tablesInOrder(db, 'sqlite'),
          async rows(table, onBatch) {
            // By rowid: insertion order (an integer key's own order), paged without an offset's cost.
            for (let after = Number.MIN_SAFE_INTEGER; ;) {
              const batch = await db.all<Row & { linli_rowid: number }>(
                `SELECT rowid AS linli_rowid, * FROM ${quoted(table)} WHERE rowid > ? ORDER BY rowid LIMIT ${BATCH_ROWS}`,
                [after],
              );
              if (batch.length === 0) return;
              after = batch.at(-1)!.linli_rowid;
              await onBatch(batch.map(({ linli_rowid: _rowid, ...row }) => row));
            }
          },
        });
      } finally {
        await db.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  const db = openPostgres(target.url, { schema: target.schema });
  try {
    return await db.transaction(async (tx) => {
      await tx.run('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY');
      return work({
        tables: await tablesInOrder(tx, 'postgres'),
        async rows(table, onBatch) {
          const order = (await primaryKey(tx, table)).map(quoted).join(', ');
          await tx.run(
            `DECLARE linli_rows NO SCROLL CURSOR FOR SELECT * FROM ${quoted(table)}${order ? ` ORDER BY ${order}` : ''}`,
          );
          try {
            for (;;) {
              const batch = await tx.all(`FETCH ${BATCH_ROWS} FROM linli_rows`);
              if (batch.length === 0) return;
              await onBatch(batch);
            }
          } finally {
            await tx.run('CLOSE linli_rows');
          }
        },
      });
    });
  } finally {
    await db.close();
  }
}
