/**
 * Sends what an event outbox keeps to the admin server: soon after records arrive (a short wait
 * gathers several into one request) and on a timer, oldest first, in batches, until none wait. A
 * failed upload is tried again after a growing wait; a batch whose answer was lost is sent again
 * and the server counts it once (it keeps each device's record id once). A batch the server
 * refuses as invalid is dropped (logged by count): sending it again cannot help, and it would hold
 * up everything after it.
 */
import type { ErrorCode, LinliError } from '@linli/protocol';
import type { Timers } from '../lifecycle/timers';
import { backoffDelayMs } from '../sync/backoff';
import type { EventOutbox } from './event-outbox';

const GATHER_MS = 2000;
const RETRY_CAP_MS = 5 * 60_000;
const REFUSALS: ReadonlySet<ErrorCode> = new Set(['VALIDATION_FAILED', 'BODY_TOO_LARGE']);

export interface BatchUploader {
  /** New records are in the outbox: upload them soon. */
  nudge(): void;
  /** Uploads what waits now; resolves when done or failed (a failure waits for its retry). */
  flush(): Promise<void>;
  stop(): void;
}

export function createBatchUploader<T>(deps: {
  /** What the log lines call the records, e.g. 'proof of play'. */
  name: string;
  outbox: EventOutbox<T>;
  idOf: (record: T) => string;
  maxBatch: number;
  upload: (batch: T[]) => Promise<unknown>;
  timers: Timers;
  everyMs: number;
  log: (message: string) => void;
}): BatchUploader {
  const { outbox, timers } = deps;
  let running: Promise<void> | undefined;
  let failures = 0;
  let stopped = false;
  let cancelWait: (() => void) | undefined;

  const waitThen = (ms: number) => {
    cancelWait?.();
    cancelWait = timers.after(ms, () => void run());
  };

  async function sendAll(): Promise<void> {
    cancelWait = undefined;
    try {
      for (
        let batch = outbox.unsent(deps.maxBatch);
        batch.length > 0 && !stopped;
        batch = outbox.unsent(deps.maxBatch)
      ) {
        try {
          await deps.upload(batch);
        } catch (error) {
          if (!REFUSALS.has((error as LinliError).code)) throw error;
          deps.log(`${deps.name}: ${batch.length} refused by the server (${(error as LinliError).code}), dropped`);
        }
        outbox.markSent(batch.map(deps.idOf));
      }
      failures = 0;
    } catch (error) {
      if (stopped) return;
      failures++;
      deps.log(`${deps.name}: upload failed (${(error as LinliError).code ?? 'ERROR'}), ${outbox.pending()} kept`);
      waitThen(backoffDelayMs(failures, Math.random, GATHER_MS, RETRY_CAP_MS));
    }
  }

  function run(): Promise<void> {
    if (stopped) return Promise.resolve();
    running ??= sendAll().finally(() => {
      running = undefined;
    });
    return running;
  }

  const cancelEvery = timers.every(deps.everyMs, () => void run());
  return {
    nudge() {
      if (!cancelWait && !running) waitThen(GATHER_MS);
    },
    flush: run,
    stop() {
      stopped = true;
      cancelEvery();
      cancelWait?.();
    },
  };
}
