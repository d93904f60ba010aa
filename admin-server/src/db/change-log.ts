/**
 * The change log devices sync from. It keeps one row per entity (its latest state): a new change
 * replaces the entity's previous row under a new sequence number, so a full sync costs the size
 * of the catalog and an incremental one the number of entities changed since the cursor. Each
 * row carries its target keys and its reach (see domain/targeting.ts).
 */
import type { Change, SyncEntity } from '@linli/protocol';
import { widenReach, type TargetKey } from '../domain/targeting';
import type { Queryable, Transaction } from './database';

/** `targets` null = every device. */
export type ChangeRecord = { entity: SyncEntity; id: string; targets?: TargetKey[] | null } & (
  { op: 'upsert'; data: unknown } | { op: 'delete' }
);

export interface LoggedChange {
  change: Change;
  targets: TargetKey[] | null;
  reach: TargetKey[] | null;
}

const parseKeys = (text: string | null): TargetKey[] | null =>
  text === null ? null : (JSON.parse(text) as TargetKey[]);

export async function appendChange(tx: Transaction, change: ChangeRecord, at: Date): Promise<number> {
  await tx.lockChangeLog();
  const previous = await tx.get<{ reach: string | null; targets: string | null }>(
    'SELECT reach, targets FROM change_log WHERE entity = ? AND entity_id = ?',
    [change.entity, change.id],
  );
  const priorReach = previous ? widenReach(parseKeys(previous.reach), parseKeys(previous.targets)) : null;
  // A tombstone goes to every device that may hold a copy, and to nobody else.
  const targets = change.op === 'delete' ? (priorReach ?? null) : (change.targets ?? null);
  const reach = widenReach(priorReach, targets);
  await tx.run('DELETE FROM change_log WHERE entity = ? AND entity_id = ?', [change.entity, change.id]);
  const row = await tx.get<{ seq: number }>(
    'INSERT INTO change_log (entity, entity_id, op, payload, created_at, targets, reach) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING seq',
    [
      change.entity,
      change.id,
      change.op,
      change.op === 'upsert' ? JSON.stringify(change.data) : null,
      at.toISOString(),
      targets === null ? null : JSON.stringify(targets),
      JSON.stringify(reach),
    ],
  );
  return Number(row!.seq);
}

/**
 * Sends an entity's current row again under a new sequence number, with `extraReach` added —
 * used when a device's groups change, so it receives (or drops) what the change affects.
 */
export async function reannounce(
  tx: Transaction,
  entity: SyncEntity,
  id: string,
  extraReach: TargetKey[],
  at: Date,
): Promise<number> {
  await tx.lockChangeLog();
  const row = await tx.get<ChangeRow>('SELECT * FROM change_log WHERE entity = ? AND entity_id = ?', [entity, id]);
  if (!row) return 0;
  await tx.run('DELETE FROM change_log WHERE entity = ? AND entity_id = ?', [entity, id]);
  const inserted = await tx.get<{ seq: number }>(
    'INSERT INTO change_log (entity, entity_id, op, payload, created_at, targets, reach) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING seq',
    [
      entity,
      id,
      row.op,
      row.payload,
      at.toISOString(),
      row.targets,
      JSON.stringify(widenReach(parseKeys(row.reach), extraReach)),
    ],
  );
  return Number(inserted!.seq);
}

/** Removes an entity's entry without a tombstone: for one-off entries (commands) once they are done. */
export async function dropChange(tx: Transaction, entity: SyncEntity, id: string): Promise<void> {
  await tx.lockChangeLog();
  await tx.run('DELETE FROM change_log WHERE entity = ? AND entity_id = ?', [entity, id]);
}

interface ChangeRow {
  seq: number;
  entity: SyncEntity;
  entity_id: string;
  op: 'upsert' | 'delete';
  payload: string | null;
  targets: string | null;
  reach: string | null;
  [column: string]: unknown;
}

export async function readChanges(db: Queryable, afterSeq: number, limit: number): Promise<LoggedChange[]> {
  const rows = await db.all<ChangeRow>(
    'SELECT seq, entity, entity_id, op, payload, targets, reach FROM change_log WHERE seq > ? ORDER BY seq LIMIT ?',
    [afterSeq, limit],
  );
  return rows.map((row) => ({
    change: (row.op === 'upsert'
      ? { seq: Number(row.seq), entity: row.entity, op: 'upsert', id: row.entity_id, data: JSON.parse(row.payload!) }
      : { seq: Number(row.seq), entity: row.entity, op: 'delete', id: row.entity_id }) as Change,
    targets: parseKeys(row.targets),
    reach: parseKeys(row.reach),
  }));
}

/** The entries of one entity type that are live now (upserts), with their targets: to send them again changed. */
export async function currentUpserts(db: Queryable, entity: SyncEntity): Promise<LoggedChange[]> {
  const rows = await db.all<ChangeRow>(
    "SELECT seq, entity, entity_id, op, payload, targets, reach FROM change_log WHERE entity = ? AND op = 'upsert' ORDER BY seq",
    [entity],
  );
  return rows.map((row) => ({
    change: { seq: Number(row.seq), entity, op: 'upsert', id: row.entity_id, data: JSON.parse(row.payload!) } as Change,
    targets: parseKeys(row.targets),
    reach: parseKeys(row.reach),
  }));
}

/** Entities whose feed row targets or reached `key` (to send again when an audience changes). */
export async function entitiesTouching(db: Queryable, key: TargetKey): Promise<{ entity: SyncEntity; id: string }[]> {
  const pattern = `%${JSON.stringify(key)}%`;
  const rows = await db.all<{ entity: SyncEntity; entity_id: string }>(
    'SELECT entity, entity_id FROM change_log WHERE targets LIKE ? OR reach LIKE ?',
    [pattern, pattern],
  );
  return rows.map((row) => ({ entity: row.entity, id: row.entity_id }));
}

export async function latestSeq(db: Queryable): Promise<number> {
  const row = await db.get<{ seq: number | null }>('SELECT MAX(seq) AS seq FROM change_log');
  return Number(row?.seq ?? 0);
}

/** Drops tombstones older than `before`; returns the highest sequence number dropped (0 if none). */
export async function pruneTombstones(tx: Transaction, before: Date): Promise<number> {
  await tx.lockChangeLog();
  const row = await tx.get<{ seq: number | null }>(
    "SELECT MAX(seq) AS seq FROM change_log WHERE op = 'delete' AND created_at < ?",
    [before.toISOString()],
  );
  const highest = Number(row?.seq ?? 0);
  if (highest > 0) await tx.run("DELETE FROM change_log WHERE op = 'delete' AND seq <= ?", [highest]);
  return highest;
}
