/**
 * The kiosk's outbox of residents' cases: its own SQLite file (not the content cache, which may be
 * thrown away and rebuilt at any time). A submission is written here — durably, before anything is
 * sent — under its clientId, the idempotency key the server knows it by; a kill at any moment
 * leaves it either absent (the resident was never told it was taken) or stored (it is sent after
 * the restart, and a second send returns the same case). What the resident said is deleted the
 * moment the server has taken or refused it; the row keeps only the outcome the screen shows.
 *
 * A photo taken with the kiosk's camera is stored with its case, in the same transaction (a BLOB
 * in its own table, so listing the outbox never reads it), and deleted with the case's words.
 * Deleted must mean gone from the file, not only from the tables: secure_delete overwrites freed
 * content with zeros, and a TRUNCATE checkpoint after each answer (and at open, for one cut short by a kill)
 * empties the write-ahead log, which would otherwise keep the frames the photo was written in.
 * No VACUUM: it rewrites the whole file while holding it, and the zeroed pages are reused anyway.
 */
import { createHash } from 'node:crypto';
import BetterSqlite3 from 'better-sqlite3';
import {
  CASE_PHOTO_MAX_BYTES,
  LinliError,
  type CaseAddresses,
  type CaseCatalogue,
  type CaseInput,
  type CaseNature,
  type CaseSubmission,
} from '@linli/protocol';

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
  /** The photo waiting with the case (its id on the server is its SHA-256); gone once the server answered. */
  photo: { sha256: string; bytes: number } | undefined;
}

export interface CaseOutbox {
  /**
   * Stores a case (and its photo, a JPEG of at most CASE_PHOTO_MAX_BYTES) in one transaction.
   * A photo over the limit is MEDIA_TOO_LARGE, one that is not a JPEG MEDIA_TYPE_UNSUPPORTED: nothing is stored then.
   */
  add(item: { clientId: string; input: CaseInput; queuedAt: string; photo?: Uint8Array }): void;
  /** Waiting for the server, oldest first. */
  queued(): OutboxItem[];
  get(clientId: string): OutboxItem | undefined;
  /** The photo's bytes while its case waits. */
  photoOf(clientId: string): Buffer | undefined;
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
  `CREATE TABLE outbox_photos (
     client_id TEXT PRIMARY KEY REFERENCES outbox (client_id),
     sha256 TEXT NOT NULL,
     bytes INTEGER NOT NULL,
     jpeg BLOB NOT NULL
   );`,
];

/** Every JPEG starts with SOI and a marker. */
const isJpeg = (bytes: Uint8Array) => bytes.length > 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff;

function checkPhoto(photo: Uint8Array): void {
  if (photo.length > CASE_PHOTO_MAX_BYTES)
    throw new LinliError(
      'MEDIA_TOO_LARGE',
      `A photo is ${Math.round(CASE_PHOTO_MAX_BYTES / 1024 / 1024)} MB at most; this one is ${photo.length} bytes`,
      [{ path: '/photo', message: `larger than ${CASE_PHOTO_MAX_BYTES} bytes` }],
    );
  if (!isJpeg(photo))
    throw new LinliError('MEDIA_TYPE_UNSUPPORTED', 'The kiosk takes photos as JPEG', [
      { path: '/photo', message: 'not a JPEG' },
    ]);
}

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
  photo_sha256: string | null;
  photo_bytes: number | null;
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
  photo: row.photo_sha256 ? { sha256: row.photo_sha256, bytes: row.photo_bytes ?? 0 } : undefined,
});

export function openCaseOutbox(file: string, clock: () => Date = () => new Date()): CaseOutbox {
  const db = new BetterSqlite3(file);
  db.pragma('journal_mode = WAL');
  // A submission the screen called taken must survive a power cut: every commit reaches the disk.
  db.pragma('synchronous = FULL');
  // What is deleted is overwritten, not only unlinked from the tables (photos, the resident's words).
  db.pragma('secure_delete = ON');
  const version = db.pragma('user_version', { simple: true }) as number;
  for (let next = version; next < MIGRATIONS.length; next++)
    db.transaction(() => {
      db.exec(MIGRATIONS[next]!);
      db.pragma(`user_version = ${next + 1}`);
    })();

  const insert = db.prepare(
    "INSERT INTO outbox (client_id, nature, category, queued_at, input, state) VALUES (?, ?, ?, ?, ?, 'queued') ON CONFLICT (client_id) DO NOTHING",
  );
  const insertPhoto = db.prepare(
    'INSERT INTO outbox_photos (client_id, sha256, bytes, jpeg) VALUES (?, ?, ?, ?) ON CONFLICT (client_id) DO NOTHING',
  );
  const withPhoto = `SELECT outbox.*, outbox_photos.sha256 AS photo_sha256, outbox_photos.bytes AS photo_bytes
       FROM outbox LEFT JOIN outbox_photos USING (client_id)`;
  const queued = db.prepare(`${withPhoto} WHERE state = 'queued' ORDER BY queued_at, client_id`);
  const one = db.prepare(`${withPhoto} WHERE client_id = ?`);
  const photoBytes = db.prepare('SELECT jpeg FROM outbox_photos WHERE client_id = ?').pluck();
  const markSent = db.prepare(
    `UPDATE outbox SET state = 'sent', input = NULL, tracking = ?, code = ?, received_at = ?, reply_by = ?, duplicate = ?,
       answered_at = ? WHERE client_id = ? AND state = 'queued'`,
  );
  const markRejected = db.prepare(
    `UPDATE outbox SET state = 'rejected', input = NULL, error_code = ?, error_message = ?, answered_at = ?
      WHERE client_id = ? AND state = 'queued'`,
  );
  const dropPhoto = db.prepare('DELETE FROM outbox_photos WHERE client_id = ?');
  // A photo whose case is no longer queued (none should be: they go in one transaction).
  const dropStrayPhotos = db.prepare(
    "DELETE FROM outbox_photos WHERE client_id NOT IN (SELECT client_id FROM outbox WHERE state = 'queued')",
  );
  /** Empties the write-ahead log into the (zeroed) file: no frame of deleted content stays readable. */
  const wipeLog = () => db.pragma('wal_checkpoint(TRUNCATE)');
  const answered = (clientId: string, mark: () => void) => {
    db.transaction(() => {
      mark();
      dropPhoto.run(clientId);
    })();
    wipeLog();
  };
  dropStrayPhotos.run();
  wipeLog();
  const forget = db.prepare("DELETE FROM outbox WHERE state <> 'queued' AND answered_at < ?");
  const readKept = db.prepare('SELECT value FROM kept WHERE key = ?');
  const writeKept = db.prepare(
    'INSERT INTO kept (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
  );

  return {
    add({ clientId, input, queuedAt, photo }) {
      if (photo) checkPhoto(photo);
      db.transaction(() => {
        insert.run(clientId, input.nature, input.category, queuedAt, JSON.stringify(input));
        if (photo)
          insertPhoto.run(clientId, createHash('sha256').update(photo).digest('hex'), photo.length, Buffer.from(photo));
      })();
    },
    queued: () => (queued.all() as Row[]).map(itemOf),
    get(clientId) {
      const row = one.get(clientId) as Row | undefined;
      return row && itemOf(row);
    },
    photoOf: (clientId) => (photoBytes.get(clientId) as Buffer | undefined) ?? undefined,
    sent(clientId, receipt) {
      answered(clientId, () =>
        markSent.run(
          receipt.tracking,
          receipt.code,
          receipt.receivedAt,
          receipt.replyBy,
          receipt.duplicate ? 1 : 0,
          clock().toISOString(),
          clientId,
        ),
      );
    },
    rejected(clientId, error) {
      answered(clientId, () => markRejected.run(error.code, error.message, clock().toISOString(), clientId));
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
