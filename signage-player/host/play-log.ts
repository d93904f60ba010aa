/**
 * Proof of play, kept durably on the player until the admin server has it: each play the web
 * player reports is written (one transaction per report) to its own SQLite file, apart from the
 * disposable content cache. A play id already held is not written again (the page sends again
 * what it has no answer for), and plays leave only once the server has answered for them.
 */
import BetterSqlite3 from 'better-sqlite3';
import type { PlayRecord } from '@linli/protocol';

export interface PlayLog {
  /** Stores the plays, each id once; returns how many were new. */
  append(records: PlayRecord[]): number;
  /** The oldest plays not yet on the server, at most `limit`. */
  unsent(limit: number): PlayRecord[];
  /** The server has these: they may go. */
  markSent(playIds: string[]): void;
  /** How many plays wait for the server. */
  pending(): number;
  close(): void;
}

export function openPlayLog(file: string): PlayLog {
  const db = new BetterSqlite3(file);
  db.pragma('journal_mode = WAL');
  // FULL: a play the host has answered for must survive a power cut, not only a crash.
  db.pragma('synchronous = FULL');
  db.exec(`CREATE TABLE IF NOT EXISTS plays (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    play_id TEXT NOT NULL UNIQUE,
    record TEXT NOT NULL
  )`);
  const insert = db.prepare('INSERT INTO plays (play_id, record) VALUES (?, ?) ON CONFLICT (play_id) DO NOTHING');
  const selectUnsent = db.prepare<[number], { record: string }>('SELECT record FROM plays ORDER BY seq LIMIT ?');
  const remove = db.prepare('DELETE FROM plays WHERE play_id = ?');
  const count = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM plays');
  return {
    append: db.transaction((records: PlayRecord[]) =>
      records.reduce((added, record) => added + insert.run(record.playId, JSON.stringify(record)).changes, 0),
    ),
    unsent: (limit) => selectUnsent.all(limit).map((row) => JSON.parse(row.record) as PlayRecord),
    markSent: db.transaction((playIds: string[]) => {
      for (const playId of playIds) remove.run(playId);
    }),
    pending: () => count.get()!.n,
    close: () => db.close(),
  };
}
