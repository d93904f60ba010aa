/**
 * The kiosk's outbox of residents' cases: its own SQLite file (not the content cache, which may be
 * thrown away and rebuilt at any time). A submission is written here — durably, before anything is
 * sent — under its clientId, the idempotency key the server knows it by; a kill at any moment
 * leaves it either absent (the resident was never told it was taken) or stored (it is sent after
 * the restart, and a second send returns the same case). What the resident said is deleted the
 * moment the server has taken or refused it; the row keeps only the outcome the screen shows.
 */
import BetterSqlite3 from 'better-sqlite3';
import type { CaseAddresses, CaseCatalogue, CaseInput, CaseNature, CaseSubmission } from '@linli/protocol';

export interface KeptLists {
  catalogue: CaseCatalogue;
  addresses: CaseAddresses;
}

export interface OutboxItem {
  clientId: string;
  nature: CaseNature;
  category: string;
  queuedAt: string;
  /** What is sent; gone once the server answered. */
  input: CaseInput | undefined;
  state: CaseSubmission['state'];
  tracking: string | undefined;
  /** The ticket's code (its QR code opens the status page). */
  code: string | undefined;
  receivedAt: string | undefined;
  replyBy: string | undefined;
  duplicate: boolean;
  error: { code: string; message: string } | undefined;
}

export interface CaseOutbox {
  add(item: { clientId: string; input: CaseInput; queuedAt: string }): void;
  /** Waiting for the server, oldest first. */
  queued(): OutboxItem[];
  get(clientId: string): OutboxItem | undefined;
  sent(
    clientId: string,
    receipt: { tracking: string; code: string; receivedAt: string; replyBy: string; duplicate: boolean },
  ): void;
  rejected(clientId: string, error: { code: string; message: string }): void;
  /** Outcomes older than `before` are dropped (the tickets they were for are long printed). */
  forgetAnsweredBefore(before: string): void;
  /** What the server last gave of the screen's lists (categories, addresses), for a kiosk offline. */
  kept<K extends keyof KeptLists>(name: K): KeptLists[K] | undefined;
  keep<K extends keyof KeptLists>(name: K, value: KeptLists[K]): void;
  close(): void;
}

const MIGRATIONS = [
  `CREATE TABLE outbox (
     client_id TEXT PRIMARY KEY,
     nature TEXT NOT NULL,
     category TEXT NOT NULL,
     queued_at TEXT NOT NULL,
     input TEXT,
     state TEXT NOT NULL,
     tracking TEXT,
     code TEXT,
     received_at TEXT,
     reply_by TEXT,
     duplicate INTEGER NOT NULL DEFAULT 0,
     error_code TEXT,
     error_message TEXT,
     answered_at TEXT
   );
   CREATE TABLE kept (key TEXT PRIMARY KEY, value TEXT NOT NULL);`,
];

type Row = {
  client_id: string;
  nature: CaseNature;
  category: string;
  queued_at: string;
  input: string | null;
  state: CaseSubmission['state'];
  tracking: string | null;
  code: string | null;
  received_at: string | null;
  reply_by: string | null;
  duplicate: number;
  error_code: string | null;
  error_message: string | null;
};

const itemOf = (row: Row): OutboxItem => ({
  clientId: row.client_id,
  nature: row.nature,
  category: row.category,
  queuedAt: row.queued_at,
  input: row.input ? (JSON.parse(row.input) as CaseInput) : undefined,
  state: row.state,
  tracking: row.tracking ?? undefined,
  code: row.code ?? undefined,
  receivedAt: row.received_at ?? undefined,
  replyBy: row.reply_by ?? undefined,
  duplicate: row.duplicate === 1,
  error: row.error_code ? { code: row.error_code, message: row.error_message ?? '' } : undefined,
});

export function openCaseOutbox(file: string, clock: () => Date = () => new Date()): CaseOutbox {
  const db = new BetterSqlite3(file);
  db.pragma('journal_mode = WAL');
  // A submission the screen called taken must survive a power cut: every commit reaches the disk.
  db.pragma('synchronous = FULL');
  const version = db.pragma('user_version', { simple: true }) as number;
  for (let next = version; next < MIGRATIONS.length; next++)
    db.transaction(() => {
      db.exec(MIGRATIONS[next]!);
      db.pragma(`user_version = ${next + 1}`);
    })();

  const insert = db.prepare(
    "INSERT INTO outbox (client_id, nature, category, queued_at, input, state) VALUES (?, ?, ?, ?, ?, 'queued') ON CONFLICT (client_id) DO NOTHING",
  );
  const queued = db.prepare("SELECT * FROM outbox WHERE state = 'queued' ORDER BY queued_at, client_id");
  const one = db.prepare('SELECT * FROM outbox WHERE client_id = ?');
  const markSent = db.prepare(
    `UPDATE outbox SET state = 'sent', input = NULL, tracking = ?, code = ?, received_at = ?, reply_by = ?, duplicate = ?,
       answered_at = ? WHERE client_id = ? AND state = 'queued'`,
  );
  const markRejected = db.prepare(
    `UPDATE outbox SET state = 'rejected', input = NULL, error_code = ?, error_message = ?, answered_at = ?
      WHERE client_id = ? AND state = 'queued'`,
  );
  const forget = db.prepare("DELETE FROM outbox WHERE state <> 'queued' AND answered_at < ?");
  const readKept = db.prepare('SELECT value FROM kept WHERE key = ?');
  const writeKept = db.prepare(
    'INSERT INTO kept (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
  );

  return {
    add({ clientId, input, queuedAt }) {
      insert.run(clientId, input.nature, input.category, queuedAt, JSON.stringify(input));
    },
    queued: () => (queued.all() as Row[]).map(itemOf),
    get(clientId) {
      const row = one.get(clientId) as Row | undefined;
      return row && itemOf(row);
    },
    sent(clientId, receipt) {
      markSent.run(
        receipt.tracking,
        receipt.code,
        receipt.receivedAt,
        receipt.replyBy,
        receipt.duplicate ? 1 : 0,
        clock().toISOString(),
        clientId,
      );
    },
    rejected(clientId, error) {
      markRejected.run(error.code, error.message, clock().toISOString(), clientId);
    },
    forgetAnsweredBefore(before) {
      forget.run(before);
    },
    kept(name) {
      const row = readKept.get(name) as { value: string } | undefined;
      return row && JSON.parse(row.value);
    },
    keep(name, value) {
      writeKept.run(name, JSON.stringify(value));
    },
    close: () => db.close(),
  };
}
