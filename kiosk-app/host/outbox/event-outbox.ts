/**
 * Records kept durably on a device until the admin server has them (proof of play, usage events):
 * its own SQLite file, apart from the disposable content cache. A record is stored once by its id
 * (whoever hands it over may hand it over again), and leaves only once the server has answered
 * for it, oldest first.
 */
import BetterSqlite3 from 'better-sqlite3';

export interface EventOutbox<T> {
  /** Stores the records, each id once; returns how many were new. */
  append(records: T[]): number;
  /** The oldest records not yet on the server, at most `limit`. */
  unsent(limit: number): T[];
  /** The server has these (or refused them for good): they may go. */
  markSent(ids: string[]): void;
  /** How many records wait for the server. */
  pending(): number;
  close(): void;
}

export function openEventOutbox<T>(
  file: string,
  options: {
    idOf: (record: T) => string;
    /**
     * FULL where the device has answered for a record (a play the page was told is kept), so it
     * must survive a power cut; NORMAL where losing the last moments to one costs a count or two.
     */
    synchronous: 'FULL' | 'NORMAL';
  },
): EventOutbox<T> {
  const db = new BetterSqlite3(file);
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${options.synchronous}`);
  db.exec(`CREATE TABLE IF NOT EXISTS outbox (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    id TEXT NOT NULL UNIQUE,
    record TEXT NOT NULL
  )`);
  const insert = db.prepare('INSERT INTO outbox (id, record) VALUES (?, ?) ON CONFLICT (id) DO NOTHING');
  const selectUnsent = db.prepare<[number], { record: string }>('SELECT record FROM outbox ORDER BY seq LIMIT ?');
  const remove = db.prepare('DELETE FROM outbox WHERE id = ?');
  const count = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM outbox');
  return {
    append: db.transaction((records: T[]) =>
      records.reduce((added, record) => added + insert.run(options.idOf(record), JSON.stringify(record)).changes, 0),
    ),
    unsent: (limit) => selectUnsent.all(limit).map((row) => JSON.parse(row.record) as T),
    markSent: db.transaction((ids: string[]) => {
      for (const id of ids) remove.run(id);
    }),
    pending: () => count.get()!.n,
    close: () => db.close(),
  };
}
