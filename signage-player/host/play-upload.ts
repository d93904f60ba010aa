/**
 * Sends the proof of play the player keeps to the admin server: soon after plays arrive (a short
 * wait gathers a layout's worth into one request) and on a timer, oldest first, in batches, until
 * none wait. A failed upload is tried again after a growing wait; a batch whose answer was lost is
 * sent again and the server counts it once (it keeps each device's play id once).
 */
import { PLAY_UPLOAD_MAX, type LinliError, type PlayUpload, type PlayUploadReply } from '@linli/protocol';
import type { Timers } from '../../kiosk-app/host/lifecycle/timers';
import { backoffDelayMs } from '../../kiosk-app/host/sync/backoff';
import type { PlayLog } from './play-log';

const GATHER_MS = 2000;
const RETRY_CAP_MS = 5 * 60_000;

export interface PlayUploader {
  /** New plays are in the log: upload them soon. */
  nudge(): void;
  stop(): void;
}

export function createPlayUploader(deps: {
  plays: PlayLog;
  upload: (upload: PlayUpload) => Promise<PlayUploadReply>;
  timers: Timers;
  everyMs: number;
  log: (message: string) => void;
}): PlayUploader {
  const { plays, timers } = deps;
  let running = false;
  let failures = 0;
  let stopped = false;
  let cancelWait: (() => void) | undefined;

  const waitThen = (ms: number) => {
    cancelWait?.();
    cancelWait = timers.after(ms, () => void run());
  };

  async function run(): Promise<void> {
    if (running || stopped) return;
    running = true;
    cancelWait = undefined;
    try {
      for (
        let batch = plays.unsent(PLAY_UPLOAD_MAX);
        batch.length > 0 && !stopped;
        batch = plays.unsent(PLAY_UPLOAD_MAX)
      ) {
        await deps.upload({ plays: batch });
        plays.markSent(batch.map((play) => play.playId));
      }
      failures = 0;
    } catch (error) {
      if (stopped) return;
      failures++;
      deps.log(
        `proof of play: upload failed (${(error as LinliError).code ?? 'ERROR'}), ${plays.pending()} plays kept`,
      );
      waitThen(backoffDelayMs(failures, Math.random, GATHER_MS, RETRY_CAP_MS));
    } finally {
      running = false;
    }
  }

  const cancelEvery = timers.every(deps.everyMs, () => void run());
  return {
    nudge() {
      if (!cancelWait && !running) waitThen(GATHER_MS);
    },
    stop() {
      stopped = true;
      cancelEvery();
      cancelWait?.();
    },
  };
}
