/**
 * Basemaps (底图): the map works without internet tiles, so a node may lay an image of its own
 * under its grids (an aerial photo, a district plan) with the bounds it covers. Someone with
 * org.manage over the node uploads it (PNG, JPEG or WebP told by its bytes, 20 MB at most,
 * streamed into the media folder under its SHA-256), replaces or removes it; each is audited. A
 * user's map lies on the nearest basemap on their node's path: their node's own, else the one of
 * the closest node above them.
 */
import {
  BASEMAP_MAX_BYTES,
  BasemapBounds,
  LinliError,
  basemapBoundsProblems,
  parseWith,
  type BasemapMime,
  type BasemapReply,
  type BasemapView,
} from '@linli/protocol';
import { Readable } from 'node:stream';
import { blobInUse } from '../db/blob-refs';
import type { Database } from '../db/database';
import { findOrg, type StoredOrgNode } from '../db/org-store';
import type { BlobStore } from '../media/blob-store';
import { receiveStillImage } from '../media/receive-image';
import { mayRead, type Actor } from './actor';
import type { AuditService } from './audit';
import type { Clock } from './clock';
import { mustFindOrg } from './org-tree';

export interface Basemaps {
  /** The basemap the actor's map lies on: the nearest on their node's path, or none. */
  nearest(actor: Actor): Promise<BasemapReply>;
  /** A node's basemap image, for someone who may read the node (theirs, one above them or below). */
  image(actor: Actor, orgId: number): Promise<{ body: Readable; mime: BasemapMime; bytes: number; sha256: string }>;
  /**
   * Lays `body` (the image, streamed) under a node's map at `bounds` (south, west, north, east; read
   * once the actor is authorised with org.manage over the node), replacing what it had.
   */
  upload(actor: Actor, orgId: number, bounds: Record<string, unknown>, body: unknown): Promise<BasemapView>;
  /** Takes a node's basemap away: the map lies on the one above it again, if any. */
  remove(actor: Actor, orgId: number): Promise<void>;
}

interface BasemapRow {
  org_id: number;
  sha256: string;
  mime: BasemapMime;
  bytes: number;
  south: number;
  west: number;
  north: number;
  east: number;
  uploaded_at: string;
  uploaded_by: string;
  org_name: string;
  [column: string]: unknown;
}

const SELECT_BASEMAPS = `SELECT b.*, o.name AS org_name FROM basemap_overlays b JOIN org_nodes o ON o.id = b.org_id`;

const viewOf = (row: BasemapRow): BasemapView => ({
  orgId: Number(row.org_id),
  orgName: row.org_name,
  bounds: { south: Number(row.south), west: Number(row.west), north: Number(row.north), east: Number(row.east) },
  mime: row.mime,
  bytes: Number(row.bytes),
  sha256: row.sha256,
  uploadedAt: row.uploaded_at,
  uploadedBy: row.uploaded_by,
});

const targetOf = (node: StoredOrgNode) => ({
  type: 'basemap',
  id: String(node.id),
  orgId: node.id,
  orgPath: node.path,
});

export function createBasemaps(deps: { db: Database; clock: Clock; audit: AuditService; blobs: BlobStore }): Basemaps {
  const { db, clock, audit, blobs } = deps;

  const rowAt = (orgId: number) => db.get<BasemapRow>(`${SELECT_BASEMAPS} WHERE b.org_id = ?`, [orgId]);
  /** A file no longer named anywhere leaves the folder. */
  const dropIfUnused = async (sha256: string) => {
    if (!(await blobInUse(db, sha256))) await blobs.remove(sha256);
  };

  return {
    async nearest(actor) {
      // The path `/1/4/9/` names the node and each node above it.
      const ids = actor.orgPath.split('/').filter(Boolean).map(Number);
      const rows = await db.all<BasemapRow>(
        `${SELECT_BASEMAPS} WHERE b.org_id IN (${ids.map(() => '?').join(', ')})`,
        ids,
      );
      const nearest = rows.sort((a, b) => ids.indexOf(Number(b.org_id)) - ids.indexOf(Number(a.org_id)))[0];
      return { basemap: nearest ? viewOf(nearest) : null };
    },

    async image(actor, orgId) {
      const node = await findOrg(db, orgId);
      const row = node && mayRead(actor, node.path) ? await rowAt(orgId) : undefined;
      if (!row) throw new LinliError('NOT_FOUND', `No basemap at ${orgId}`);
      return { body: blobs.read(row.sha256), mime: row.mime, bytes: Number(row.bytes), sha256: row.sha256 };
    },

    async upload(actor, orgId, query, body) {
      const node = await mustFindOrg(db, orgId);
      await audit.authorize(actor, 'org.manage', 'basemap.upload', targetOf(node));
      const given = Object.fromEntries(
        (['south', 'west', 'north', 'east'] as const)
          .filter((key) => query[key] !== undefined)
          .map((key) => [key, query[key]]),
      );
      const bounds = parseWith(BasemapBounds, given);
      const problems = basemapBoundsProblems(bounds);
      if (problems.length > 0)
        throw new LinliError('VALIDATION_FAILED', `${problems[0]!.path}: ${problems[0]!.message}`, problems);
      if (!(body instanceof Readable))
        throw new LinliError('CONTENT_TYPE_UNSUPPORTED', 'Send the image itself as the body', [
          { path: 'body', message: 'must be a PNG, JPEG or WebP image' },
        ]);
      const { file, mime } = await receiveStillImage(blobs, body, BASEMAP_MAX_BYTES, 'A basemap');
      const at = clock().toISOString();
      const before = await db.transaction(async (tx) => {
        const previous = await tx.get<BasemapRow>(`${SELECT_BASEMAPS} WHERE b.org_id = ?`, [orgId]);
        await tx.run(
          `INSERT INTO basemap_overlays (org_id, sha256, mime, bytes, south, west, north, east, uploaded_at, uploaded_by)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT (org_id) DO UPDATE SET sha256 = excluded.sha256, mime = excluded.mime, bytes = excluded.bytes,
             south = excluded.south, west = excluded.west, north = excluded.north, east = excluded.east,
             uploaded_at = excluded.uploaded_at, uploaded_by = excluded.uploaded_by`,
          [
            orgId,
            file.sha256,
            mime,
            file.bytes,
            bounds.south,
            bounds.west,
            bounds.north,
            bounds.east,
            at,
            actor.username,
          ],
        );
        const summary = (view: Pick<BasemapView, 'sha256' | 'bytes' | 'bounds'>) => ({
          name: node.name,
          sha256: view.sha256,
          bytes: view.bytes,
          ...view.bounds,
        });
        await audit.record(tx, actor, 'basemap.upload', targetOf(node), {
          ...(previous && { before: summary(viewOf(previous)) }),
          after: summary({ sha256: file.sha256, bytes: file.bytes, bounds }),
        });
        return previous;
      });
      if (before && before.sha256 !== file.sha256) await dropIfUnused(before.sha256);
      return viewOf((await rowAt(orgId))!);
    },

    async remove(actor, orgId) {
      const node = await mustFindOrg(db, orgId);
      await audit.authorize(actor, 'org.manage', 'basemap.delete', targetOf(node));
      const before = await db.transaction(async (tx) => {
        const previous = await tx.get<BasemapRow>(`${SELECT_BASEMAPS} WHERE b.org_id = ?`, [orgId]);
        if (!previous) throw new LinliError('NOT_FOUND', `${node.name} has no basemap`);
        await tx.run('DELETE FROM basemap_overlays WHERE org_id = ?', [orgId]);
        await audit.record(tx, actor, 'basemap.delete', targetOf(node), {
          before: { name: node.name, sha256: previous.sha256, bytes: Number(previous.bytes) },
        });
        return previous;
      });
      await dropIfUnused(before.sha256);
    },
  };
}
