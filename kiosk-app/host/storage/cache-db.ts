/**
 * The kiosk's content cache (SQLite, WAL). Disposable: it can always be rebuilt from the server.
 * Every sync page is applied in one transaction together with its cursor, so an interrupted
 * sync leaves the cache on its last complete state.
 */
import BetterSqlite3 from 'better-sqlite3';
import type { Change, Guide } from '@linli/protocol';

/** One entry per schema version, applied in order and recorded in PRAGMA user_version. */
const MIGRATIONS = [
  `CREATE TABLE guides (id TEXT PRIMARY KEY, category TEXT NOT NULL, data TEXT NOT NULL);
   CREATE INDEX guides_category ON guides (category);
   CREATE TABLE sync_state (key TEXT PRIMARY KEY, value TEXT NOT NULL);`,
];

export interface CacheDb {
  cursor(): number;
  lastSyncAt(): string | null;
  /** Applies one page of changes and stores its cursor atomically. */
  applyPage(changes: Change[], nextCursor: number, at: Date): void;
  /** Replaces the whole catalogue (after a resync) atomically. */
  replaceAll(guides: Guide[], cursor: number, at: Date): void;
  markSynced(at: Date): void;
  allGuides(): Guide[];
  guide(id: string): Guide | undefined;
  close(): void;
}

export function openCacheDb(file: string): CacheDb {
  const db = new BetterSqlite3(file);
  db.pragma('journal_mode = WAL');
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version > MIGRATIONS.length) {
    db.close();
    throw new Error(`kiosk cache ${file} has schema ${version}, newer than this app (${MIGRATIONS.length}); delete it to rebuild`);
  }
  for (let next = version; next < MIGRATIONS.length; next++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[next]!);
      db.pragma(`user_version = ${next + 1}`);
    })();
  }

  const readState = db.prepare<[string], { value: string }>('SELECT value FROM sync_state WHERE key = ?');
  const writeState = db.prepare('INSERT INTO sync_state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');
  const upsert = db.prepare('INSERT INTO guides (id, category, data) VALUES (?, ?, ?) ON CONFLICT (id) DO UPDATE SET category = excluded.category, data = excluded.data');
  const remove = db.prepare('DELETE FROM guides WHERE id = ?');
  const selectOne = db.prepare<[string], { data: string }>('SELECT data FROM guides WHERE id = ?');
  const selectAll = db.prepare<[], { data: string }>('SELECT data FROM guides ORDER BY id');

  const saveCursor = (cursor: number, at: Date) => {
    writeState.run('cursor', String(cursor));
    writeState.run('last_sync_at', at.toISOString());
  };

  return {
    cursor: () => Number(readState.get('cursor')?.value ?? 0),
    lastSyncAt: () => readState.get('last_sync_at')?.value ?? null,
    applyPage: db.transaction((changes: Change[], nextCursor: number, at: Date) => {
      for (const change of changes) {
        if (change.op === 'upsert') upsert.run(change.id, change.data.category, JSON.stringify(change.data));
        else remove.run(change.id);
      }
      saveCursor(nextCursor, at);
    }),
    replaceAll: db.transaction((guides: Guide[], cursor: number, at: Date) => {
      db.exec('DELETE FROM guides');
      for (const guide of guides) upsert.run(guide.id, guide.category, JSON.stringify(guide));
      saveCursor(cursor, at);
    }),
    markSynced: (at) => void writeState.run('last_sync_at', at.toISOString()),
    allGuides: () => selectAll.all().map((row) => JSON.parse(row.data) as Guide),
    guide: (id) => {
      const row = selectOne.get(id);
      return row && (JSON.parse(row.data) as Guide);
    },
    close: () => db.close(),
  };
}
