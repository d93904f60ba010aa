/**
 * SQL for content that goes through review with saved versions: guides, printable forms, notices,
 * signage publications and TV channels share one table shape (`guides`/`guide_versions`,
 * `forms`/`form_versions`, `notices`/`notice_versions`, `signage_publications`/
 * `signage_publication_versions`, `tv_channels`/`tv_channel_versions`). Every
 * function runs on the connection or transaction given.
 */
import { GUIDE_CATEGORIES, type ReviewState } from '@linli/protocol';
import { claimVersion } from './claim-version';
import type { Queryable, SqlValue } from './database';
import { visibleOrgClause, type OrgScope } from './scope';

export type ContentKind = 'guide' | 'form' | 'notice' | 'signage' | 'tv-channel';

/** A row: the newest saved version's content (`data`, JSON) and where the review stands. */
export interface ContentRow {
  id: string;
  org_id: number;
  category: string;
  title: string;
  state: ReviewState;
  version: number;
  live_version: number | null;
  author: string;
  editor: string;
  reviewer: string | null;
  review_comment: string | null;
  updated_at: string;
  data: string;
  [column: string]: unknown;
}

/** How rows read back to the API: the stored content plus the review fields. */
export function reviewFields(row: ContentRow) {
  const liveVersion = row.live_version === null ? null : Number(row.live_version);
  return {
    published: liveVersion !== null,
    version: Number(row.version),
    updatedAt: row.updated_at,
    state: row.state,
    liveVersion,
    author: row.author,
    editor: row.editor,
    reviewer: row.reviewer,
    reviewComment: row.review_comment,
  };
}

export interface SavedVersionRow {
  version: number;
  savedAt: string;
  savedBy: string;
  data: string;
}

export interface ContentFilter {
  category?: string;
  published?: boolean;
  state?: ReviewState;
  text?: string;
  scope?: OrgScope;
  /** Only items placed in the subtree of this org node (none, when there is no such node). */
  subtreeOf?: number;
}
export interface ContentPage {
  offset: number;
  limit: number;
}

const COLUMNS =
  'id, org_id, category, title, state, version, live_version, author, editor, reviewer, review_comment, updated_at, data';
/** Guides and forms list in the kiosk's tile order of categories, so editors see content as residents do. */
const CATEGORY_ORDER = `CASE category ${GUIDE_CATEGORIES.map((category, index) => `WHEN '${category}' THEN ${index}`).join(' ')} END, id`;
/** TV channels list by their number, as the line-up reads. */
const CHANNEL_ORDER = 'category, id';
/** Notices and signage list newest change first, as a notice board reads. */
const NEWEST_FIRST = 'updated_at DESC, id';

function whereOf(filter: ContentFilter): { sql: string; params: SqlValue[] } {
  const where: string[] = [];
  const params: SqlValue[] = [];
  if (filter.scope) {
    const clause = visibleOrgClause('org_id', filter.scope);
    where.push(clause.sql);
    params.push(...clause.params);
  }
  if (filter.subtreeOf !== undefined) {
    where.push("org_id IN (SELECT id FROM org_nodes WHERE path LIKE (SELECT path FROM org_nodes WHERE id = ?) || '%')");
    params.push(filter.subtreeOf);
  }
  if (filter.category) {
    where.push('category = ?');
    params.push(filter.category);
  }
  if (filter.published !== undefined)
    where.push(filter.published ? 'live_version IS NOT NULL' : 'live_version IS NULL');
  if (filter.state) {
    where.push('state = ?');
    params.push(filter.state);
  }
  if (filter.text) {
    // Titles, aliases and keywords live in the JSON text; a substring match is enough for editors.
    where.push('(title LIKE ? OR id LIKE ? OR data LIKE ?)');
    const pattern = `%${filter.text.replace(/[%_]/g, '')}%`;
    params.push(pattern, pattern, pattern);
  }
  return { sql: where.length ? `WHERE ${where.join(' AND ')}` : '', params };
}

export function contentStore(kind: ContentKind) {
  // Table names come from this fixed map, never from input.
  const { table, versions, key, order } = (
    {
      guide: { table: 'guides', versions: 'guide_versions', key: 'guide_id', order: CATEGORY_ORDER },
      form: { table: 'forms', versions: 'form_versions', key: 'form_id', order: CATEGORY_ORDER },
      notice: { table: 'notices', versions: 'notice_versions', key: 'notice_id', order: NEWEST_FIRST },
      signage: {
        table: 'signage_publications',
        versions: 'signage_publication_versions',
        key: 'publication_id',
        order: NEWEST_FIRST,
      },
      'tv-channel': { table: 'tv_channels', versions: 'tv_channel_versions', key: 'channel_id', order: CHANNEL_ORDER },
    } as const
  )[kind];
  return {
    async find(db: Queryable, id: string): Promise<ContentRow | undefined> {
      return db.get<ContentRow>(`SELECT ${COLUMNS} FROM ${table} WHERE id = ?`, [id]);
    },

    /** The rows the filter selects, a page of them when `page` is given. */
    async list(db: Queryable, filter: ContentFilter, page?: ContentPage): Promise<ContentRow[]> {
      const where = whereOf(filter);
      const paging = page ? ' LIMIT ? OFFSET ?' : '';
      return db.all<ContentRow>(
        `SELECT ${COLUMNS} FROM ${table} ${where.sql} ORDER BY ${order}${paging}`,
        page ? [...where.params, page.limit, page.offset] : where.params,
      );
    },

    async count(db: Queryable, filter: ContentFilter): Promise<number> {
      const where = whereOf(filter);
      return Number(
        (await db.get<{ n: number }>(`SELECT COUNT(*) AS n FROM ${table} ${where.sql}`, where.params))?.n ?? 0,
      );
    },

    /** Writes a row; the node an item was placed at and its author are kept when it is updated. */
    async save(db: Queryable, row: ContentRow): Promise<void> {
      await db.run(
        `INSERT INTO ${table} (${COLUMNS}, published) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET category = excluded.category, title = excluded.title, state = excluded.state, version = excluded.version,
           live_version = excluded.live_version, editor = excluded.editor, reviewer = excluded.reviewer, review_comment = excluded.review_comment,
           updated_at = excluded.updated_at, data = excluded.data, published = excluded.published`,
        [
          row.id,
          row.org_id,
          row.category,
          row.title,
          row.state,
          row.version,
          row.live_version,
          row.author,
          row.editor,
          row.reviewer,
          row.review_comment,
          row.updated_at,
          row.data,
          row.live_version === null ? 0 : 1,
        ],
      );
    },

    async insertVersion(db: Queryable, row: ContentRow): Promise<void> {
      await db.run(`INSERT INTO ${versions} (${key}, version, saved_at, saved_by, data) VALUES (?, ?, ?, ?, ?)`, [
        row.id,
        row.version,
        row.updated_at,
        row.editor,
        row.data,
      ]);
    },

    /** Every saved version, newest first. */
    async listVersions(db: Queryable, id: string): Promise<SavedVersionRow[]> {
      const rows = await db.all<{ version: number; saved_at: string; saved_by: string; data: string }>(
        `SELECT version, saved_at, saved_by, data FROM ${versions} WHERE ${key} = ? ORDER BY version DESC`,
        [id],
      );
      return rows.map((row) => ({
        version: Number(row.version),
        savedAt: row.saved_at,
        savedBy: row.saved_by,
        data: row.data,
      }));
    },

    /** One saved version's content, or undefined. */
    async version(db: Queryable, id: string, version: number): Promise<string | undefined> {
      const row = await db.get<{ data: string }>(`SELECT data FROM ${versions} WHERE ${key} = ? AND version = ?`, [
        id,
        version,
      ]);
      return row?.data;
    },

    /** The node an item is placed at, with its path, for permission checks. */
    async org(db: Queryable, id: string): Promise<{ id: number; path: string } | undefined> {
      const row = await db.get<{ id: number; path: string }>(
        `SELECT o.id, o.path FROM ${table} c JOIN org_nodes o ON o.id = c.org_id WHERE c.id = ?`,
        [id],
      );
      return row && { id: Number(row.id), path: row.path };
    },

    /** Locks the item if it is still at `version` (claim-version.ts). */
    claim: (db: Queryable, id: string, version: number) => claimVersion(db, table, id, version),

    async remove(db: Queryable, id: string): Promise<void> {
      await db.run(`DELETE FROM ${versions} WHERE ${key} = ?`, [id]);
      await db.run(`DELETE FROM ${table} WHERE id = ?`, [id]);
    },
  };
}
export type ContentStore = ReturnType<typeof contentStore>;
