/**
 * SQL for manual alerts: one row each, with the office's input (JSON), where its review stands,
 * and, once issued, the CAP `sent` it was issued with and the alert that carries it.
 */
import type { ManualAlertState } from '@linli/protocol';
import type { Queryable } from './database';

export interface ManualAlertRow {
  id: string;
  org_id: number;
  /** The materialised path of `org_id` (joined). */
  org_path: string;
  state: ManualAlertState;
  /** JSON: the ManualAlertInput. */
  data: string;
  author: string;
  created_at: string;
  reviewer: string | null;
  reviewed_at: string | null;
  review_comment: string | null;
  cancelled_by: string | null;
  cancelled_at: string | null;
  sent: string | null;
  alert_id: string | null;
  [column: string]: unknown;
}

const SELECT = 'SELECT m.*, o.path AS org_path FROM manual_alerts m JOIN org_nodes o ON o.id = m.org_id';

export async function insertManualAlert(
  db: Queryable,
  row: Pick<ManualAlertRow, 'id' | 'org_id' | 'data' | 'author' | 'created_at'>,
): Promise<void> {
  await db.run(
    "INSERT INTO manual_alerts (id, org_id, state, data, author, created_at) VALUES (?, ?, 'in-review', ?, ?, ?)",
    [row.id, row.org_id, row.data, row.author, row.created_at],
  );
}

export async function findManualAlert(db: Queryable, id: string): Promise<ManualAlertRow | undefined> {
  return db.get<ManualAlertRow>(`${SELECT} WHERE m.id = ?`, [id]);
}

/** The newest `limit` rows, newest first. */
export async function recentManualAlerts(db: Queryable, limit: number): Promise<ManualAlertRow[]> {
  return db.all<ManualAlertRow>(`${SELECT} ORDER BY m.created_at DESC, m.id DESC LIMIT ?`, [limit]);
}

/**
 * Moves a row from `from` to its next state with the columns given; false when it is no longer
 * in `from` (someone else acted first), so two reviewers cannot both issue it.
 */
export async function moveManualAlert(
  db: Queryable,
  id: string,
  from: ManualAlertState,
  to: ManualAlertState,
  columns: Partial<
    Pick<ManualAlertRow, 'reviewer' | 'reviewed_at' | 'review_comment' | 'cancelled_by' | 'cancelled_at' | 'sent'>
  >,
): Promise<boolean> {
  const names = Object.keys(columns) as (keyof typeof columns)[];
  const { changes } = await db.run(
    `UPDATE manual_alerts SET state = ?${names.map((name) => `, ${name} = ?`).join('')} WHERE id = ? AND state = ?`,
    [to, ...names.map((name) => columns[name] ?? null), id, from],
  );
  return changes === 1;
}

export async function linkIssuedAlert(db: Queryable, id: string, alertId: string): Promise<void> {
  await db.run('UPDATE manual_alerts SET alert_id = ? WHERE id = ?', [alertId, id]);
}
