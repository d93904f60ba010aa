/**
 * SQL for the organisation tree. Each node stores its materialised path (`/1/4/9/`, ids from
 * the root down to itself), so "this node and everything below" is one prefix match.
 */
import type { OrgLevel, OrgNode } from '@linli/protocol';
import type { Queryable } from './database';

export interface OrgRow {
  id: number;
  parent_id: number | null;
  level: OrgLevel;
  name: string;
  code: string;
  path: string;
  [column: string]: unknown;
}

export type StoredOrgNode = OrgNode & { path: string };

export function orgFromRow(row: OrgRow): StoredOrgNode {
  return {
    id: Number(row.id),
    parentId: row.parent_id === null ? null : Number(row.parent_id),
    level: row.level,
    name: row.name,
    code: row.code,
    path: row.path,
  };
}

export async function findOrg(db: Queryable, id: number): Promise<StoredOrgNode | undefined> {
  const row = await db.get<OrgRow>('SELECT * FROM org_nodes WHERE id = ?', [id]);
  return row && orgFromRow(row);
}

export async function findOrgByCode(db: Queryable, code: string): Promise<StoredOrgNode | undefined> {
  const row = await db.get<OrgRow>('SELECT * FROM org_nodes WHERE code = ?', [code]);
  return row && orgFromRow(row);
}

export async function findRootOrg(db: Queryable): Promise<StoredOrgNode | undefined> {
  const row = await db.get<OrgRow>('SELECT * FROM org_nodes WHERE parent_id IS NULL ORDER BY id LIMIT 1');
  return row && orgFromRow(row);
}

/** The nodes at and below `path`, parents before children. */
export async function listSubtree(db: Queryable, path: string): Promise<StoredOrgNode[]> {
  const rows = await db.all<OrgRow>('SELECT * FROM org_nodes WHERE path LIKE ? ORDER BY path', [`${path}%`]);
  return rows.map(orgFromRow);
}

/** The node ids of a materialised path, root first ('/1/4/9/' → [1, 4, 9]). */
export function pathIds(path: string): number[] {
  return path.split('/').filter(Boolean).map(Number);
}

/** The nodes from the one at `fromPath` down to the one at `path` (a drill-down's way back), root first. */
export async function trailTo(db: Queryable, path: string, fromPath: string): Promise<OrgNodeRef[]> {
  return (await listByIds(db, pathIds(path)))
    .filter((step) => step.path.startsWith(fromPath))
    .map((step) => ({ id: step.id, name: step.name, level: step.level }));
}

export type OrgNodeRef = { id: number; name: string; level: OrgLevel };

export async function listByIds(db: Queryable, ids: number[]): Promise<StoredOrgNode[]> {
  if (ids.length === 0) return [];
  const rows = await db.all<OrgRow>(
    `SELECT * FROM org_nodes WHERE id IN (${ids.map(() => '?').join(', ')}) ORDER BY path`,
    ids,
  );
  return rows.map(orgFromRow);
}

export async function insertOrg(
  db: Queryable,
  node: { parentId: number | null; parentPath: string; level: OrgLevel; name: string; code: string },
  at: Date,
): Promise<StoredOrgNode> {
  // The path holds the node's own id, known only after the insert.
  const row = await db.get<{ id: number }>(
    'INSERT INTO org_nodes (parent_id, level, name, code, path, created_at) VALUES (?, ?, ?, ?, ?, ?) RETURNING id',
    [node.parentId, node.level, node.name, node.code, '', at.toISOString()],
  );
  const id = Number(row!.id);
  const path = `${node.parentPath}${id}/`;
  await db.run('UPDATE org_nodes SET path = ? WHERE id = ?', [path, id]);
  return { id, parentId: node.parentId, level: node.level, name: node.name, code: node.code, path };
}

export async function updateOrg(db: Queryable, id: number, fields: { name: string; code: string }): Promise<void> {
  await db.run('UPDATE org_nodes SET name = ?, code = ? WHERE id = ?', [fields.name, fields.code, id]);
}

export async function deleteOrg(db: Queryable, id: number): Promise<void> {
  await db.run('DELETE FROM org_nodes WHERE id = ?', [id]);
}

/** What still hangs on a node: child nodes, users, devices, content, connected utilities, its basemap and its hall. */
export async function countDependents(db: Queryable, id: number): Promise<number> {
  const row = await db.get<{ n: number }>(
    `SELECT (SELECT COUNT(*) FROM org_nodes WHERE parent_id = ?) + (SELECT COUNT(*) FROM admin_users WHERE org_id = ?)
          + (SELECT COUNT(*) FROM devices WHERE org_id = ?) + (SELECT COUNT(*) FROM guides WHERE org_id = ?)
          + (SELECT COUNT(*) FROM bill_providers WHERE org_id = ?) + (SELECT COUNT(*) FROM basemap_overlays WHERE org_id = ?)
          + (SELECT COUNT(*) FROM queue_halls WHERE org_id = ?) AS n`,
    [id, id, id, id, id, id, id],
  );
  return Number(row?.n ?? 0);
}
