/**
 * The change feed devices pull. Tombstones are kept for a retention window longer than any
 * expected offline period; a device whose cursor falls behind the pruned range must resync.
 */
import { LinliError, SYNC_PAGE_LIMIT_DEFAULT, type ChangesPage } from '@linli/protocol';
import type { Database } from '../db/database';
import { latestSeq, pruneTombstones, readChanges } from '../db/change-log';
import { readSetting, writeSetting } from '../db/settings';
import type { Clock } from './clock';

export const TOMBSTONE_RETENTION_DAYS = 180;
const SYNC_FLOOR = 'sync_floor';

export interface SyncFeed {
  page(cursor: number, limit?: number): Promise<ChangesPage>;
  latestSeq(): Promise<number>;
  pruneTombstones(): Promise<number>;
}

export function createSyncFeed(deps: { db: Database; clock: Clock; retentionDays?: number }): SyncFeed {
  const { db, clock } = deps;
  const retentionMs = (deps.retentionDays ?? TOMBSTONE_RETENTION_DAYS) * 24 * 3600 * 1000;
  return {
    async page(cursor, limit = SYNC_PAGE_LIMIT_DEFAULT) {
      const floor = Number((await readSetting(db, SYNC_FLOOR)) ?? 0);
      if (cursor > 0 && cursor < floor) {
        throw new LinliError('RESYNC_REQUIRED', `Cursor ${cursor} is older than the retained changes (from ${floor}); start again from 0`);
      }
      if (cursor > Math.max(floor, await latestSeq(db))) {
        throw new LinliError('RESYNC_REQUIRED', `Cursor ${cursor} is ahead of this server's changes; start again from 0`);
      }
      // One more than asked tells whether another page follows without a second query.
      const changes = await readChanges(db, cursor, limit + 1);
      const hasMore = changes.length > limit;
      const pageChanges = changes.slice(0, limit);
      const nextCursor = pageChanges.length > 0 ? pageChanges[pageChanges.length - 1]!.seq : Math.max(cursor, 0);
      return { changes: pageChanges, nextCursor, hasMore };
    },
    latestSeq: () => latestSeq(db),
    async pruneTombstones() {
      return db.transaction(async (tx) => {
        const highest = await pruneTombstones(tx, new Date(clock().getTime() - retentionMs));
        if (highest > 0) await writeSetting(tx, SYNC_FLOOR, String(highest));
        return highest;
      });
    },
  };
}
