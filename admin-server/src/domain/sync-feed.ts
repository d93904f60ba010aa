/**
 * The change feed devices pull. Tombstones are kept for a retention window longer than any
 * expected offline period; a device whose cursor falls behind the pruned range must resync.
 */
import { LinliError, PROTOCOL_VERSION, SYNC_PAGE_LIMIT_DEFAULT, type ChangesPage } from '@linli/protocol';
import type { Database } from '../db/database';
import { latestSeq, pruneTombstones, readChanges } from '../db/change-log';
import { readSetting, writeSetting } from '../db/settings';
import type { Clock } from './clock';
import { deliveryFor, sendsEntity, type Audience } from './targeting';

export const TOMBSTONE_RETENTION_DAYS = 180;
const SYNC_FLOOR = 'sync_floor';

export interface SyncFeed {
  /**
   * The changes after `cursor` meant for `audience` that a device of its kind uses and of
   * `protocol` understands; entries for others are skipped but passed.
   */
  page(audience: Audience, cursor: number, limit?: number, protocol?: number): Promise<ChangesPage>;
  latestSeq(): Promise<number>;
  pruneTombstones(): Promise<number>;
}

export function createSyncFeed(deps: { db: Database; clock: Clock; retentionDays?: number }): SyncFeed {
  const { db, clock } = deps;
  const retentionMs = (deps.retentionDays ?? TOMBSTONE_RETENTION_DAYS) * 24 * 3600 * 1000;
  return {
    async page(audience, cursor, limit = SYNC_PAGE_LIMIT_DEFAULT, protocol = PROTOCOL_VERSION) {
      const floor = Number((await readSetting(db, SYNC_FLOOR)) ?? 0);
      if (cursor > 0 && cursor < floor) {
        throw new LinliError(
          'RESYNC_REQUIRED',
          `Cursor ${cursor} is older than the retained changes (from ${floor}); start again from 0`,
        );
      }
      if (cursor > Math.max(floor, await latestSeq(db))) {
        throw new LinliError(
          'RESYNC_REQUIRED',
          `Cursor ${cursor} is ahead of this server's changes; start again from 0`,
        );
      }
      const changes: ChangesPage['changes'] = [];
      let scanned = cursor;
      // Read in batches until the page is full or the log ends; the cursor moves past what was
      // skipped, so a device never reads another audience's entries twice.
      for (;;) {
        const batch = await readChanges(db, scanned, limit + 1);
        for (const entry of batch) {
          if (changes.length === limit) return { changes, nextCursor: scanned, hasMore: true };
          scanned = entry.change.seq;
          if (!sendsEntity(audience.kind, protocol, entry.change.entity)) continue;
          const delivery = deliveryFor(entry, audience);
          if (delivery === 'as-is') changes.push(entry.change);
          else if (delivery === 'tombstone')
            changes.push({
              seq: entry.change.seq,
              entity: entry.change.entity,
              op: 'delete',
              id: entry.change.id,
            } as ChangesPage['changes'][number]);
        }
        if (batch.length <= limit) return { changes, nextCursor: Math.max(scanned, 0), hasMore: false };
      }
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
