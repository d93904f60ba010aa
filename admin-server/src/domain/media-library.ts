/**
 * The media library: uploads are checked by their bytes (type, per-type size, a name that does
 * not contradict the content), stored once per SHA-256, previewed (images get a JPEG thumbnail)
 * and placed at an org node like other content. Removing an item drops the file when no other
 * item, case photo or basemap names it. Every upload and removal is audited.
 */
import {
  LinliError,
  MEDIA_MAX_BYTES,
  MEDIA_TYPES,
  type MediaItem,
  type MediaList,
  type MediaListQuery,
  type MediaMime,
  type MediaUpdate,
} from '@linli/protocol';
import { Readable } from 'node:stream';
import sharp from 'sharp';
import { blobInUse } from '../db/blob-refs';
import type { Database, SqlValue } from '../db/database';
import { visibleOrgClause } from '../db/scope';
import { thumbnailName, type BlobStore, type ReceivedFile } from '../media/blob-store';
import { sniffMime } from '../media/sniff';
import { mayRead, scopeOf, type Actor } from './actor';
import type { AuditService } from './audit';
import type { Clock } from './clock';
import { mustFindOrg } from './org-tree';

const THUMBNAIL_WIDTH = 320;

interface ItemRow {
  id: number;
  sha256: string;
  org_id: number;
  name: string;
  category: string;
  uploaded_by: string;
  uploaded_at: string;
  bytes: number;
  mime: MediaMime;
  width: number | null;
  height: number | null;
  thumbnail: number;
  [column: string]: unknown;
}

function itemView(row: ItemRow): MediaItem {
  return {
    id: Number(row.id),
    sha256: row.sha256,
    bytes: Number(row.bytes),
    mime: row.mime,
    kind: MEDIA_TYPES[row.mime].kind,
    name: row.name,
    category: row.category,
    orgId: Number(row.org_id),
    uploadedBy: row.uploaded_by,
    uploadedAt: row.uploaded_at,
    width: row.width === null ? null : Number(row.width),
    height: row.height === null ? null : Number(row.height),
    thumbnail: row.thumbnail === 1,
  };
}

/** The type the bytes say, checked against the type limits and the name's extension. */
export function checkUpload(file: Pick<ReceivedFile, 'head' | 'bytes'>, name: string): MediaMime {
  const mime = sniffMime(file.head);
  if (!mime)
    throw new LinliError(
      'MEDIA_TYPE_UNSUPPORTED',
      `"${name}" is not a PNG, JPEG, GIF, WebP, PDF, MP4 or WebM file (judged by its content)`,
    );
  const extension = /\.([a-z0-9]+)$/i.exec(name)?.[1]?.toLowerCase();
  const claimed =
    extension &&
    (Object.entries(MEDIA_TYPES) as [MediaMime, (typeof MEDIA_TYPES)[MediaMime]][]).find(([, type]) =>
      (type.extensions as readonly string[]).includes(extension),
    );
  if (claimed && claimed[0] !== mime)
    throw new LinliError('MEDIA_TYPE_UNSUPPORTED', `"${name}" is named .${extension} but its content is ${mime}`);
  const limit = MEDIA_TYPES[mime].maxBytes;
  if (file.bytes > limit)
    throw new LinliError('MEDIA_TOO_LARGE', `${mime} files may have at most ${Math.round(limit / 1024 / 1024)} MB`);
  return mime;
}

/** Uploaded images, PDFs and videos: stored once by content hash, filed per org node. */
export interface MediaLibrary {
  /** `uploadKey`: an upload sent again under the same key answers with the item the first one made. */
  upload(
    actor: Actor,
    request: { name: string; orgId?: number; category?: string; uploadKey?: string | undefined },
    body: Readable,
  ): Promise<MediaItem>;
  list(actor: Actor, query: MediaListQuery): Promise<MediaList>;
  /** Files a media item under another category (or none). */
  update(actor: Actor, id: number, change: MediaUpdate): Promise<MediaItem>;
  remove(actor: Actor, id: number): Promise<void>;
  /** What the public media route needs to serve a stored file. */
  blob(sha256: string): Promise<{ bytes: number; mime: MediaMime; thumbnail: boolean } | undefined>;
  blobs: BlobStore;
}

export function createMediaLibrary(deps: {
  db: Database;
  clock: Clock;
  audit: AuditService;
  blobs: BlobStore;
}): MediaLibrary {
  const { db, clock, audit, blobs } = deps;
  const select =
    'SELECT i.id, i.sha256, i.org_id, i.name, i.category, i.uploaded_by, i.uploaded_at, b.bytes, b.mime, b.width, b.height, b.thumbnail FROM media_items i JOIN media_blobs b ON b.sha256 = i.sha256';

  /** Size and a preview for images; other kinds are shown with an icon. */
  async function describe(
    file: ReceivedFile,
    mime: MediaMime,
  ): Promise<{ width: number | null; height: number | null; thumbnail: boolean }> {
    if (MEDIA_TYPES[mime].kind !== 'image') return { width: null, height: null, thumbnail: false };
    try {
      const image = sharp(file.tempPath, { animated: false });
      const { width, height } = await image.metadata();
      await image
        .rotate()
        .resize({ width: THUMBNAIL_WIDTH, withoutEnlargement: true })
        .jpeg({ quality: 80 })
        .toBuffer()
        .then((jpeg) => blobs.put(thumbnailName(file.sha256), Readable.from([jpeg])));
      return { width: width ?? null, height: height ?? null, thumbnail: true };
    } catch {
      throw new LinliError('MEDIA_TYPE_UNSUPPORTED', 'The image could not be read; it may be damaged');
    }
  }

  return {
    async upload(
      actor: Actor,
      request: { name: string; orgId?: number; category?: string; uploadKey?: string | undefined },
      body: Readable,
    ): Promise<MediaItem> {
      const node = await mustFindOrg(db, request.orgId ?? actor.orgId);
      const target = { type: 'media', id: '-', orgId: node.id, orgPath: node.path };
      await audit.authorize(actor, 'content.edit', 'media.upload', target);
      const file = await blobs.receive(body, MEDIA_MAX_BYTES);
      try {
        const mime = checkUpload(file, request.name);
        const known = await db.get<{ sha256: string }>('SELECT sha256 FROM media_blobs WHERE sha256 = ?', [
          file.sha256,
        ]);
        // "Already in the library" only when the uploader can see a copy: other streets' files stay unknown.
        const visible = visibleOrgClause('org_id', scopeOf(actor));
        const seen = await db.get<{ n: number }>(
          `SELECT COUNT(*) AS n FROM media_items WHERE sha256 = ? AND ${visible.sql}`,
          [file.sha256, ...visible.params],
        );
        const described = known ? undefined : await describe(file, mime);
        await blobs.commit(file);
        const now = clock().toISOString();
        const stored = await db.transaction(async (tx) => {
          const earlier =
            request.uploadKey === undefined
              ? undefined
              : await tx.get<{ id: number }>('SELECT id FROM media_items WHERE uploaded_by = ? AND upload_key = ?', [
                  actor.username,
                  request.uploadKey,
                ]);
          if (earlier) return { id: Number(earlier.id), again: true };
          if (described) {
            await tx.run(
              'INSERT INTO media_blobs (sha256, bytes, mime, width, height, thumbnail, created_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (sha256) DO NOTHING',
              [file.sha256, file.bytes, mime, described.width, described.height, described.thumbnail ? 1 : 0, now],
            );
          }
          const row = await tx.get<{ id: number }>(
            'INSERT INTO media_items (sha256, org_id, name, category, uploaded_by, uploaded_at, upload_key) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id',
            [
              file.sha256,
              node.id,
              request.name,
              request.category?.trim() ?? '',
              actor.username,
              now,
              request.uploadKey ?? null,
            ],
          );
          await audit.record(
            tx,
            actor,
            'media.upload',
            { ...target, id: file.sha256 },
            {
              after: {
                name: request.name,
                category: request.category?.trim() ?? '',
                sha256: file.sha256,
                bytes: file.bytes,
                mime,
              },
            },
          );
          return { id: Number(row!.id), again: false };
        });
        const item = await db.get<ItemRow>(`${select} WHERE i.id = ?`, [stored.id]);
        // A retry answers as the first upload did: that one found no copy, or it would say so itself.
        return { ...itemView(item!), duplicate: !stored.again && Number(seen?.n ?? 0) > 0 };
      } catch (error) {
        await blobs.discard(file);
        throw error;
      }
    },

    async list(actor: Actor, query: MediaListQuery): Promise<MediaList> {
      await audit.authorize(actor, 'content.view', 'media.list', {
        type: 'media',
        id: '-',
        orgId: actor.orgId,
        orgPath: actor.orgPath,
      });
      const visible = visibleOrgClause('i.org_id', scopeOf(actor));
      const where = [visible.sql];
      const params: SqlValue[] = [...visible.params];
      if (query.q?.trim()) {
        where.push('i.name LIKE ?');
        params.push(`%${query.q.trim().replace(/[%_]/g, '')}%`);
      }
      if (query.category !== undefined) {
        where.push('i.category = ?');
        params.push(query.category.trim());
      }
      if (query.kind) {
        const mimes = Object.entries(MEDIA_TYPES)
          .filter(([, type]) => type.kind === query.kind)
          .map(([mime]) => mime);
        where.push(`b.mime IN (${mimes.map(() => '?').join(', ')})`);
        params.push(...mimes);
      }
      const clause = `WHERE ${where.join(' AND ')}`;
      const total = await db.get<{ n: number }>(
        `SELECT COUNT(*) AS n FROM media_items i JOIN media_blobs b ON b.sha256 = i.sha256 ${clause}`,
        params,
      );
      const rows = await db.all<ItemRow>(
        `${select} ${clause} ORDER BY i.uploaded_at DESC, i.id DESC LIMIT ? OFFSET ?`,
        [...params, query.limit ?? 50, query.offset ?? 0],
      );
      const categories = await db.all<{ category: string }>(
        `SELECT DISTINCT i.category FROM media_items i WHERE ${visible.sql} AND i.category <> '' ORDER BY i.category`,
        visible.params,
      );
      return {
        items: rows.map(itemView),
        total: Number(total?.n ?? 0),
        categories: categories.map((row) => row.category),
      };
    },

    /** Files a media item under another category (or none). */
    async update(actor: Actor, id: number, change: MediaUpdate): Promise<MediaItem> {
      const row = await db.get<ItemRow>(`${select} WHERE i.id = ?`, [id]);
      const node = row && (await mustFindOrg(db, Number(row.org_id)));
      if (!row || !node) throw new LinliError('NOT_FOUND', `No media item ${id}`);
      const target = { type: 'media', id: row.sha256, orgId: node.id, orgPath: node.path };
      await audit.authorizeChange(actor, 'content.edit', 'media.update', target);
      const next = { ...row, category: change.category.trim() };
      await db.transaction(async (tx) => {
        await tx.run('UPDATE media_items SET category = ? WHERE id = ?', [next.category, id]);
        await audit.record(tx, actor, 'media.update', target, { before: itemView(row), after: itemView(next) });
      });
      return itemView(next);
    },

    async remove(actor: Actor, id: number): Promise<void> {
      const row = await db.get<ItemRow>(`${select} WHERE i.id = ?`, [id]);
      const node = row && (await mustFindOrg(db, Number(row.org_id)));
      if (!row || !node) throw new LinliError('NOT_FOUND', `No media item ${id}`);
      const target = { type: 'media', id: row.sha256, orgId: node.id, orgPath: node.path };
      await audit.authorizeChange(actor, 'content.edit', 'media.delete', target);
      const orphaned = await db.transaction(async (tx) => {
        await tx.run('DELETE FROM media_items WHERE id = ?', [id]);
        await audit.record(tx, actor, 'media.delete', target, { before: itemView(row) });
        const others = await tx.get<{ n: number }>('SELECT COUNT(*) AS n FROM media_items WHERE sha256 = ?', [
          row.sha256,
        ]);
        if (Number(others?.n ?? 0) > 0) return false;
        // The last copy of a file that notices, forms or signage still name stays, or devices could never fetch it.
        const users = await tx.all<{ title: string; path: string }>(
          `SELECT n.title, o.path FROM notices n JOIN org_nodes o ON o.id = n.org_id WHERE n.data LIKE ?
           UNION ALL SELECT f.title, o.path FROM forms f JOIN org_nodes o ON o.id = f.org_id WHERE f.data LIKE ?
           UNION ALL SELECT s.title, o.path FROM signage_publications s JOIN org_nodes o ON o.id = s.org_id WHERE s.data LIKE ?`,
          [`%${row.sha256}%`, `%${row.sha256}%`, `%${row.sha256}%`],
        );
        if (users.length > 0) {
          // Only a title the actor may read is named.
          const named = users.find((user) => mayRead(actor, user.path));
          throw new LinliError(
            'MEDIA_IN_USE',
            named
              ? `${row.name} is still used by 「${named.title}」`
              : `${row.name} is still used by content of another organisation`,
          );
        }
        await tx.run('DELETE FROM media_blobs WHERE sha256 = ?', [row.sha256]);
        // The same bytes may also be a case's photo or a basemap, which keep the file.
        return !(await blobInUse(tx, row.sha256));
      });
      if (orphaned) await blobs.remove(row.sha256);
    },

    /** What the public media route needs to serve a stored file. */
    async blob(sha256: string): Promise<{ bytes: number; mime: MediaMime; thumbnail: boolean } | undefined> {
      const row = await db.get<{ bytes: number; mime: MediaMime; thumbnail: number }>(
        'SELECT bytes, mime, thumbnail FROM media_blobs WHERE sha256 = ?',
        [sha256],
      );
      return row && { bytes: Number(row.bytes), mime: row.mime, thumbnail: row.thumbnail === 1 };
    },
    blobs,
  };
}
