/**
 * A device's anonymous usage events (使用统计), kept in their own outbox file (`usage.sqlite`) until
 * the admin server has them and sent in batches soon after they arrive and on the pull timer; and
 * the minutes the device runs, counted every ten. Kiosks (their residents' uses, counted by
 * countUsage) and signage players (their plays) both record through it.
 */
import path from 'node:path';
import { USAGE_UPLOAD_MAX, uuidV7, type UsageEvent, type UsageKind, type UsageUploadReply } from '@linli/protocol';
import type { Timers } from '../lifecycle/timers';
import { createBatchUploader } from '../outbox/batch-upload';
import { openEventOutbox } from '../outbox/event-outbox';

/** How often a device counts the minutes it ran (usage statistics: uptime). */
export const UPTIME_EVERY_MINUTES = 10;

export interface UsageRecorder {
  /** Keeps the events and sends them soon. */
  record(events: UsageEvent[]): void;
  /** One event of `kind` now, its id made here (`value`: how many, or the minutes). */
  count(kind: UsageKind, value?: number): void;
  /** Counts the minutes the device runs, every ten; returns the stop. */
  countUptime(): () => void;
  /** Events not yet on the server. */
  pending(): number;
  /** Stops sending (the outbox keeps what is left for the next start). */
  stopSending(): void;
  close(): void;
}

const usageIdOf = (event: UsageEvent) => event.id;

export function createUsageRecorder(deps: {
  dataDir: string;
  upload: (events: UsageEvent[]) => Promise<UsageUploadReply>;
  timers: Timers;
  clock: () => Date;
  everyMs: number;
  log: (message: string) => void;
}): UsageRecorder {
  // NORMAL: a power cut may cost the last moment's counts, not a resident's anything.
  const outbox = openEventOutbox<UsageEvent>(path.join(deps.dataDir, 'usage.sqlite'), {
    idOf: usageIdOf,
    synchronous: 'NORMAL',
  });
  const uploader = createBatchUploader({
    name: 'usage',
    outbox,
    idOf: usageIdOf,
    maxBatch: USAGE_UPLOAD_MAX,
    upload: deps.upload,
    timers: deps.timers,
    everyMs: deps.everyMs,
    log: deps.log,
  });
  const record = (events: UsageEvent[]) => {
    if (outbox.append(events) > 0) uploader.nudge();
  };
  const count = (kind: UsageKind, value?: number) =>
    record([{ id: uuidV7(), kind, at: deps.clock().toISOString(), ...(value !== undefined && { value }) }]);
  return {
    record,
    count,
    countUptime: () =>
      deps.timers.every(UPTIME_EVERY_MINUTES * 60_000, () => count('uptime-minutes', UPTIME_EVERY_MINUTES)),
    pending: () => outbox.pending(),
    stopSending: () => uploader.stop(),
    close: () => outbox.close(),
  };
}
