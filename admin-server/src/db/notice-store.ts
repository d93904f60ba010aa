/** SQL for notices and their saved versions. */
import type { NoticeInput, NoticeListQuery, NoticeState, NoticeVersion, NoticeView } from '@linli/protocol';
import type { Queryable, SqlValue } from './database';
import { visibleOrgClause, type OrgScope } from './scope';

export interface NoticeRow {
  id: string;
  org_id: number;
  state: NoticeState;
  version: number;
  live_version: number | null;
  author: string;
  editor: string;
  reviewer: string | null;
  review_comment: string | null;
  title: string;
  updated_at: string;
  data: string;
  [column: string]: unknown;
}

export function noticeView(row: NoticeRow): NoticeView {
  return {
    id: row.id,
    orgId: Number(row.org_id),
    state: row.state,
    version: Number(row.version),
    liveVersion: row.live_version === null ? null : Number(row.live_version),
    author: row.author,
    editor: row.editor,
    reviewer: row.reviewer,
    reviewComment: row.review_comment,
    updatedAt: row.updated_at,
    ...(JSON.parse(row.data) as NoticeInput),
  };
}

export async function findNotice(db: Queryable, id: string): Promise<NoticeRow | undefined> {
  return db.get<NoticeRow>('SELECT * FROM notices WHERE id = ?', [id]);
}

export async function listNotices(
  db: Queryable,
  scope: OrgScope,
  query: NoticeListQuery & { subtreePath?: string },
): Promise<{ rows: NoticeRow[]; total: number }> {
  const visible = visibleOrgClause('org_id', scope);
  const where = [visible.sql];
  const params: SqlValue[] = [...visible.params];
  if (query.state) {
    where.push('state = ?');
    params.push(query.state);
  }
  if (query.q) {
    where.push('title LIKE ?');
    params.push(`%${query.q.replace(/[%_]/g, '')}%`);
  }
  if (query.subtreePath) {
    where.push('org_id IN (SELECT id FROM org_nodes WHERE path LIKE ?)');
    params.push(`${query.subtreePath}%`);
  }
  const clause = `FROM notices WHERE ${where.join(' AND ')}`;
  const total = await db.get<{ n: number }>(`SELECT COUNT(*) AS n ${clause}`, params);
  const rows = await db.all<NoticeRow>(`SELECT * ${clause} ORDER BY updated_at DESC, id LIMIT ? OFFSET ?`, [
    ...params,
    query.limit ?? 50,
    query.offset ?? 0,
  ]);
  return { rows, total: Number(total?.n ?? 0) };
}

export async function insertNotice(db: Queryable, row: NoticeRow): Promise<void> {
  await db.run(
    'INSERT INTO notices (id, org_id, state, version, live_version, author, editor, reviewer, review_comment, title, updated_at, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    [
      row.id,
      row.org_id,
      row.state,
      row.version,
      row.live_version,
      row.author,
      row.editor,
      row.reviewer,
      row.review_comment,
      row.title,
      row.updated_at,
      row.data,
    ],
  );
}

export async function updateNotice(db: Queryable, row: NoticeRow): Promise<void> {
  await db.run(
    'UPDATE notices SET state = ?, version = ?, live_version = ?, editor = ?, reviewer = ?, review_comment = ?, title = ?, updated_at = ?, data = ? WHERE id = ?',
    [
      row.state,
      row.version,
      row.live_version,
      row.editor,
      row.reviewer,
      row.review_comment,
      row.title,
      row.updated_at,
      row.data,
      row.id,
    ],
  );
}

export async function deleteNotice(db: Queryable, id: string): Promise<void> {
  await db.run('DELETE FROM notice_versions WHERE notice_id = ?', [id]);
  await db.run('DELETE FROM notices WHERE id = ?', [id]);
}

export async function insertVersion(
  db: Queryable,
  id: string,
  version: number,
  savedBy: string,
  savedAt: string,
  data: string,
): Promise<void> {
  await db.run('INSERT INTO notice_versions (notice_id, version, saved_at, saved_by, data) VALUES (?, ?, ?, ?, ?)', [
    id,
    version,
    savedAt,
    savedBy,
    data,
  ]);
}

export async function listVersions(db: Queryable, id: string): Promise<NoticeVersion[]> {
  const rows = await db.all<{ version: number; saved_at: string; saved_by: string; data: string }>(
    'SELECT version, saved_at, saved_by, data FROM notice_versions WHERE notice_id = ? ORDER BY version DESC',
    [id],
  );
  return rows.map((row) => ({
    version: Number(row.version),
    savedAt: row.saved_at,
    savedBy: row.saved_by,
    ...(JSON.parse(row.data) as NoticeInput),
  }));
}
