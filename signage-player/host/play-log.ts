/**
 * Proof of play, kept durably on the player: each record the web player reports is written (one
 * transaction per report) to its own SQLite file, apart from the disposable content cache, until
 * the server has it.
 */
import BetterSqlite3 from 'better-sqlite3';
import type { PlayRecord } from '@linli/protocol';

export interface PlayLog {
  append(records: PlayRecord[]): void;
  /** How many records wait for the server. */
  pending(): number;
  close(): void;
}

export function openPlayLog(file: string): PlayLog {
  const db = new BetterSqlite3(file);
  db.pragma('journal_mode = WAL');
  db.exec('CREATE TABLE IF NOT EXISTS plays (seq INTEGER PRIMARY KEY AUTOINCREMENT, record TEXT NOT NULL)');
  const insert = db.prepare('INSERT INTO plays (record) VALUES (?)');
  const count = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM plays');
  return {
    append: db.transaction((records: PlayRecord[]) => {
      for (const record of records) insert.run(JSON.stringify(record));
    }),
    pending: () => count.get()!.n,
    close: () => db.close(),
  };
}
