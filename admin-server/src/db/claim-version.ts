/**
 * Optimistic concurrency for every versioned table: locks a row for the rest of the transaction if
 * it is still at `version`; false when a newer version was saved. On PostgreSQL a concurrent
 * writer waits here for the first to commit and then finds the version moved on; SQLite runs
 * writers one at a time.
 */
import type { Queryable } from './database';

/** The tables with a version column; names come from this list, never from input. */
export type VersionedTable =
  | 'guides'
  | 'forms'
  | 'notices'
  | 'signage_publications'
  | 'queue_halls'
  | 'tv_channels'
  | 'indicator_catalogues'
  | 'indicator_reports';

export async function claimVersion(
  db: Queryable,
  table: VersionedTable,
  id: string,
  version: number,
): Promise<boolean> {
  const { changes } = await db.run(`UPDATE ${table} SET version = version WHERE id = ? AND version = ?`, [id, version]);
  return changes === 1;
}
