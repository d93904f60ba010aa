/** SQLite backend (better-sqlite3, WAL). The default: zero set-up, one file under the data dir. */
import BetterSqlite3 from 'better-sqlite3';
import type { Database, Queryable, SqlValue, Transaction } from './database';

export function openSqlite(file: string): Database {
  const db = new BetterSqlite3(file);
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');

  const queries: Queryable = {
    all: async <T>(sql: string, params: SqlValue[] = []) => db.prepare(sql).all(...params) as T[],
    get: async <T>(sql: string, params: SqlValue[] = []) => db.prepare(sql).get(...params) as T | undefined,
    run: async (sql: string, params: SqlValue[] = []) => ({ changes: db.prepare(sql).run(...params).changes }),
  };

  // better-sqlite3 is synchronous but our transactions are async functions, so other requests
  // could run between their awaits on the same connection. A queue keeps them out.
  let queue: Promise<unknown> = Promise.resolve();
  const exclusive = <T>(work: () => Promise<T>): Promise<T> => {
    const result = queue.then(work, work);
    queue = result.catch(() => undefined);
    return result;
  };

  const tx: Transaction = { ...queries, lockChangeLog: async () => undefined };

  return {
    dialect: 'sqlite',
    all: (sql, params) => exclusive(() => queries.all(sql, params)),
    get: (sql, params) => exclusive(() => queries.get(sql, params)),
    run: (sql, params) => exclusive(() => queries.run(sql, params)),
    transaction: (work) =>
      exclusive(async () => {
        db.exec('BEGIN IMMEDIATE');
        try {
          const result = await work(tx);
          db.exec('COMMIT');
          return result;
        } catch (error) {
          db.exec('ROLLBACK');
          throw error;
        }
      }),
    execScript: (sql) => exclusive(async () => void db.exec(sql)),
    close: () => exclusive(async () => void db.close()),
  };
}
