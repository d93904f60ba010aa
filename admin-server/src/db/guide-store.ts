/** SQL for guides and their saved versions; every function runs on the connection or transaction given. */
import type { GuideCategory, GuideInput, GuideVersion, GuideView, ReviewState } from '@linli/protocol';
import type { Queryable, SqlValue } from './database';
import { visibleOrgClause, type OrgScope } from './scope';

/** A guide's row: the newest saved version's content and where the review stands. */
export interface GuideRow {
  id: string;
  org_id: number;
  category: GuideCategory;
  title: string;
  state: ReviewState;
  version: number;
  live_version: number | null;
  editor: string;
  reviewer: string | null;
  review_comment: string | null;
  updated_at: string;
  data: string;
  [column: string]: unknown;
}

const COLUMNS = 'id, org_id, category, title, state, version, live_version, editor, reviewer, review_comment, updated_at, data';

export function guideView(row: GuideRow): GuideView {
  const liveVersion = row.live_version === null ? null : Number(row.live_version);
  return {
    ...(JSON.parse(row.data) as GuideInput), published: liveVersion !== null, version: Number(row.version), updatedAt: row.updated_at,
    state: row.state, liveVersion, editor: row.editor, reviewer: row.reviewer, reviewComment: row.review_comment,
  };
}

export async function findGuide(db: Queryable, id: string): Promise<GuideRow | undefined> {
  return db.get<GuideRow>(`SELECT ${COLUMNS} FROM guides WHERE id = ?`, [id]);
}

export async function listGuides(db: Queryable, filter: { category?: GuideCategory; published?: boolean; state?: ReviewState; text?: string; scope?: OrgScope }): Promise<GuideRow[]> {
  const where: string[] = [];
  const params: SqlValue[] = [];
  if (filter.scope) {
    const clause = visibleOrgClause('org_id', filter.scope);
    where.push(clause.sql);
    params.push(...clause.params);
  }
  if (filter.category) {
    where.push('category = ?');
    params.push(filter.category);
  }
  if (filter.published !== undefined) where.push(filter.published ? 'live_version IS NOT NULL' : 'live_version IS NULL');
  if (filter.state) {
    where.push('state = ?');
    params.push(filter.state);
  }
  if (filter.text) {
    // Title, aliases and keywords live in the JSON text; a substring match is enough for editors.
    where.push('(title LIKE ? OR id LIKE ? OR data LIKE ?)');
    const pattern = `%${filter.text.replace(/[%_]/g, '')}%`;
    params.push(pattern, pattern, pattern);
  }
  return db.all<GuideRow>(`SELECT ${COLUMNS} FROM guides ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY category, id`, params);
}

/** Writes a guide's row; the node a guide was placed at is kept when it is updated. */
export async function saveGuideRow(db: Queryable, row: GuideRow): Promise<void> {
  await db.run(
    `INSERT INTO guides (${COLUMNS}, published) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET category = excluded.category, title = excluded.title, state = excluded.state, version = excluded.version,
       live_version = excluded.live_version, editor = excluded.editor, reviewer = excluded.reviewer, review_comment = excluded.review_comment,
       updated_at = excluded.updated_at, data = excluded.data, published = excluded.published`,
    [row.id, row.org_id, row.category, row.title, row.state, row.version, row.live_version, row.editor, row.reviewer, row.review_comment, row.updated_at, row.data, row.live_version === null ? 0 : 1],
  );
}

export async function insertGuideVersion(db: Queryable, row: GuideRow): Promise<void> {
  await db.run('INSERT INTO guide_versions (guide_id, version, saved_at, saved_by, data) VALUES (?, ?, ?, ?, ?)', [row.id, row.version, row.updated_at, row.editor, row.data]);
}

/** Every saved version, newest first. */
export async function listGuideVersions(db: Queryable, id: string): Promise<GuideVersion[]> {
  const rows = await db.all<{ version: number; saved_at: string; saved_by: string; data: string }>(
    'SELECT version, saved_at, saved_by, data FROM guide_versions WHERE guide_id = ? ORDER BY version DESC', [id]);
  return rows.map((row) => ({ version: Number(row.version), savedAt: row.saved_at, savedBy: row.saved_by, ...(JSON.parse(row.data) as GuideInput) }));
}

/** The node a guide is placed at, with its path, for permission checks. */
export async function guideOrg(db: Queryable, id: string): Promise<{ id: number; path: string } | undefined> {
  const row = await db.get<{ id: number; path: string }>('SELECT o.id, o.path FROM guides g JOIN org_nodes o ON o.id = g.org_id WHERE g.id = ?', [id]);
  return row && { id: Number(row.id), path: row.path };
}

export async function deleteGuideRow(db: Queryable, id: string): Promise<void> {
  await db.run('DELETE FROM guide_versions WHERE guide_id = ?', [id]);
  await db.run('DELETE FROM guides WHERE id = ?', [id]);
}
