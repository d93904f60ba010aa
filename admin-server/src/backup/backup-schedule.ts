/**
 * Scheduled backups: once a day from the configured Beijing time on, a backup into the backup
 * folder (linli-backup-YYYY-MM-DD.tar.gz), the oldest beyond the number kept removed. With several
 * instances on one database, the first to claim the day (a settings row) makes it; a backup that
 * fails gives its claim back, so the next check tries again.
 */
import { randomUUID } from 'node:crypto';
import { readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { Queryable } from '../db/database';
import type { DatabaseTarget } from '../db/open';
import { settingOnce } from '../db/settings';
import { beijingMinute } from '../bills/beijing-time';
import type { Clock } from '../domain/clock';
import type { BlobStore } from '../media/blob-store';
import { writeBackup, type BackupManifest } from './backup';

const BACKUP_FILE = /^linli-backup-(\d{4}-\d{2}-\d{2})\.tar\.gz$/;

export interface BackupSchedule {
  /** Makes today's backup when its time has come and no instance has made it; what it made, if anything. */
  runDue(): Promise<{ file: string; manifest: BackupManifest; removed: string[] } | undefined>;
}

export function createBackupSchedule(deps: {
  db: Queryable;
  target: DatabaseTarget;
  blobs: BlobStore;
  /** Where the backups are kept. */
  dir: string;
  /** From this Beijing time of day ('HH:MM'). */
  at: string;
  /** How many daily backups are kept. */
  keep: number;
  clock: Clock;
}): BackupSchedule {
  const instance = randomUUID();
  /** The day this instance claimed last: it makes each day's backup once. */
  let claimedDay: string | undefined;
  return {
    async runDue() {
      const now = deps.clock();
      const [date, time] = beijingMinute(now).split(' ') as [string, string];
      if (time < deps.at || claimedDay === date) return undefined;
      const claim = `backup:${date}`;
      if ((await settingOnce(deps.db, claim, instance)) !== instance) return undefined;
      claimedDay = date;
      const file = path.join(deps.dir, `linli-backup-${date}.tar.gz`);
      try {
        const manifest = await writeBackup({ target: deps.target, blobs: deps.blobs, file, now: deps.clock });
        const kept = readdirSync(deps.dir)
          .filter((name) => BACKUP_FILE.test(name))
          .sort()
          .reverse();
        const removed = kept.slice(deps.keep);
        for (const name of removed) rmSync(path.join(deps.dir, name), { force: true });
        return { file, manifest, removed };
      } catch (error) {
        claimedDay = undefined;
        await deps.db.run('DELETE FROM settings WHERE key = ? AND value = ?', [claim, instance]);
        throw error;
      }
    },
  };
}
