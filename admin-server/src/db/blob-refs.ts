/**
 * The media folder holds the files of the media library, of cases' photos, of basemaps and of app releases, each
 * once by its SHA-256: a file may leave the folder only when none of them names it any more.
 */
import type { Queryable } from './database';

export async function blobInUse(db: Queryable, sha256: string): Promise<boolean> {
  const row = await db.get<{ n: number }>(
    `SELECT (SELECT COUNT(*) FROM media_blobs WHERE sha256 = ?) + (SELECT COUNT(*) FROM case_photo_blobs WHERE sha256 = ?)
          + (SELECT COUNT(*) FROM basemap_overlays WHERE sha256 = ?) + (SELECT COUNT(*) FROM release_files WHERE sha256 = ?) AS n`,
    [sha256, sha256, sha256, sha256],
  );
  return Number(row?.n ?? 0) > 0;
}
