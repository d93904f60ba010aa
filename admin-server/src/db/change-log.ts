/**
 * The change log devices sync from. It keeps one row per entity (its latest state): a new change
 * replaces the entity's previous row under a new sequence number, so a full sync costs the size
 * of the catalogue and an incremental one the number of entities changed since the cursor.
 */
import type { Change } from '@linli/protocol';
import type { Queryable, Transaction } from './database';

export type ChangeRecord = { entity: 'guide'; id: string } & ({ op: 'upsert'; data: unknown } | { op: 'delete' });

export async function appendChange(tx: Transaction, change: ChangeRecord, at: Date): Promise<number> {
  await tx.lockChangeLog();
  await tx.run('DELETE FROM change_log WHERE entity = ? AND entity_id = ?', [change.entity, change.id]);
  const row = await tx.get<{ seq: number }>(
    'INSERT INTO change_log (entity, entity_id, op, payload, created_at) VALUES (?, ?, ?, ?, ?) RETURNING seq',
    [change.entity, change.id, change.op, change.op === 'upsert' ? JSON.stringify(change.data) : null, at.toISOString()],
  );
  return Number(row!.seq);
}

interface ChangeRow {
  seq: number;
  entity: 'guide';
  entity_id: string;
  op: 'upsert' | 'delete';
  payload: string | null;
  [column: string]: unknown;
}

export async function readChanges(db: Queryable, afterSeq: number, limit: number): Promise<Change[]> {
  const rows = await db.all<ChangeRow>(
    'SELECT seq, entity, entity_id, op, payload FROM change_log WHERE seq > ? ORDER BY seq LIMIT ?',
    [afterSeq, limit],
  );
  return rows.map((row): Change =>
    row.op === 'upsert'
      ? { seq: Number(row.seq), entity: row.entity, op: 'upsert', id: row.entity_id, data: JSON.parse(row.payload!) }
      : { seq: Number(row.seq), entity: row.entity, op: 'delete', id: row.entity_id },
  );
}

export async function latestSeq(db: Queryable): Promise<number> {
  const row = await db.get<{ seq: number | null }>('SELECT MAX(seq) AS seq FROM change_log');
  return Number(row?.seq ?? 0);
}

/** Drops tombstones older than `before`; returns the highest sequence number dropped (0 if none). */
export async function pruneTombstones(tx: Transaction, before: Date): Promise<number> {
  await tx.lockChangeLog();
  const row = await tx.get<{ seq: number | null }>("SELECT MAX(seq) AS seq FROM change_log WHERE op = 'delete' AND created_at < ?", [before.toISOString()]);
  const highest = Number(row?.seq ?? 0);
  if (highest > 0) await tx.run("DELETE FROM change_log WHERE op = 'delete' AND seq <= ?", [highest]);
  return highest;
}
