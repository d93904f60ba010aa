/** SQL for guides and the change log; every function runs on the connection or transaction given. */
import type { Guide, GuideCategory, GuideInput } from '@linli/protocol';
import type { Queryable, SqlValue } from './database';
import { visibleOrgClause, type OrgScope } from './scope';

interface GuideRow {
  id: string;
  version: number;
  updated_at: string;
  published: number;
  data: string;
  [column: string]: unknown;
}

function guideFromRow(row: GuideRow): Guide {
  const input = JSON.parse(row.data) as GuideInput;
  return { ...input, published: row.published === 1, version: Number(row.version), updatedAt: row.updated_at };
}

export async function findGuide(db: Queryable, id: string): Promise<Guide | undefined> {
  const row = await db.get<GuideRow>('SELECT id, version, updated_at, published, data FROM guides WHERE id = ?', [id]);
  return row && guideFromRow(row);
}

export async function listGuides(db: Queryable, filter: { category?: GuideCategory; published?: boolean; text?: string; scope?: OrgScope }): Promise<Guide[]> {
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
  if (filter.published !== undefined) {
    where.push('published = ?');
    params.push(filter.published ? 1 : 0);
  }
  if (filter.text) {
    // Title, aliases and keywords live in the JSON text; a substring match is enough for editors.
    where.push('(title LIKE ? OR id LIKE ? OR data LIKE ?)');
    const pattern = `%${filter.text.replace(/[%_]/g, '')}%`;
    params.push(pattern, pattern, pattern);
  }
  const sql = `SELECT id, version, updated_at, published, data FROM guides ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY category, id`;
  return (await db.all<GuideRow>(sql, params)).map(guideFromRow);
}

/** Writes a guide; `orgId` places a new guide in the tree and is kept when the guide is updated. */
export async function saveGuide(db: Queryable, guide: Guide, orgId: number): Promise<void> {
  const { version, updatedAt, ...input } = guide;
  await db.run(
    `INSERT INTO guides (id, category, title, published, version, updated_at, data, org_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET category = excluded.category, title = excluded.title, published = excluded.published,
       version = excluded.version, updated_at = excluded.updated_at, data = excluded.data`,
    [guide.id, guide.category, guide.title, guide.published ? 1 : 0, version, updatedAt, JSON.stringify(input), orgId],
  );
}

/** The node a guide is placed at, with its path, for permission checks. */
export async function guideOrg(db: Queryable, id: string): Promise<{ id: number; path: string } | undefined> {
  const row = await db.get<{ id: number; path: string }>('SELECT o.id, o.path FROM guides g JOIN org_nodes o ON o.id = g.org_id WHERE g.id = ?', [id]);
  return row && { id: Number(row.id), path: row.path };
}

export async function deleteGuideRow(db: Queryable, id: string): Promise<boolean> {
  return (await db.run('DELETE FROM guides WHERE id = ?', [id])).changes > 0;
}
