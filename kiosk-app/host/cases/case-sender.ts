/**
 * Sends the outbox to the admin server, oldest first, one at a time. A server that cannot be
 * reached (or any failure that is the kiosk's rather than the case's: its credentials, its
 * protocol) leaves the item queued and tries again after a growing pause; a case the server
 * refuses (a field, a category it does not know) is marked rejected with the server's words.
 * Asked to send while sending, it goes round once more when done, so nothing waits for the pause.
 * A case with a photo uploads the photo first, then the case naming it by its id (its SHA-256):
 * a kill between the two sends both again, and the server keeps the photo once.
 */
import { LinliError, type ErrorCode } from '@linli/protocol';
import type { Timers } from '../lifecycle/timers';
import { backoffDelayMs } from '../sync/backoff';
import type { CaseClient } from './case-client';
import type { CaseOutbox } from './case-outbox';

/** Refusals of the case itself: sending it again cannot help. */
const CASE_REFUSALS: ReadonlySet<ErrorCode> = new Set([
  'VALIDATION_FAILED',
  'CASE_CATEGORY_UNKNOWN',
  'ALREADY_EXISTS',
  'BODY_TOO_LARGE',
  // The photo: the outbox takes only JPEGs within the server's limit, so only a server with other rules says these.
  'MEDIA_TOO_LARGE',
  'MEDIA_TYPE_UNSUPPORTED',
]);

export interface CaseSender {
  /** Sends what is queued; resolves when this round (and any asked for meanwhile) is done. */
  send(): Promise<void>;
  stop(): Promise<void>;
}

export function createCaseSender(deps: {
  outbox: CaseOutbox;
  client: CaseClient;
  timers: Timers;
  log: (message: string) => void;
  /** An item was sent or rejected. */
  onChange: () => void;
  random?: () => number;
}): CaseSender {
  const { outbox, client, timers, log } = deps;
  let running: Promise<void> | undefined;
  let again = false;
  let failures = 0;
  let cancelRetry: (() => void) | undefined;
  let stopped = false;

  const uploadPhoto = async (clientId: string, sha256: string) => {
    const jpeg = outbox.photoOf(clientId);
    if (!jpeg) throw new LinliError('INTERNAL', 'The photo of a queued case is missing');
    const id = await client.uploadPhoto(jpeg);
    if (id !== sha256) throw new LinliError('SERVER_REPLY_INVALID', 'The server named the photo by another hash');
    return id;
  };

  const round = async () => {
    for (const item of outbox.queued()) {
      if (stopped) return;
      try {
        const photos = item.photo ? [await uploadPhoto(item.clientId, item.photo.sha256)] : undefined;
        const receipt = await client.submit({ ...item.input!, clientId: item.clientId, ...(photos && { photos }) });
        outbox.sent(item.clientId, receipt);
        failures = 0;
        deps.onChange();
      } catch (error) {
        const code = error instanceof LinliError ? error.code : 'INTERNAL';
        if (error instanceof LinliError && CASE_REFUSALS.has(error.code)) {
          outbox.rejected(item.clientId, { code, message: error.message });
          deps.onChange();
          continue;
        }
        // The rest waits: the next try starts again with the oldest.
        failures++;
        if (!stopped) log(`cases: ${outbox.queued().length} waiting to be sent (${code})`);
        schedule();
        return;
      }
    }
  };

  function schedule() {
    cancelRetry?.();
    cancelRetry = timers.after(backoffDelayMs(failures, deps.random, 2000, 5 * 60_000), () => {
      cancelRetry = undefined;
      void send();
    });
  }

  function send(): Promise<void> {
    if (stopped) return Promise.resolve();
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        await round();
      } while (again && !stopped);
    })().finally(() => {
      running = undefined;
    });
    return running;
  }

  return {
    send,
    async stop() {
      stopped = true;
      cancelRetry?.();
      await running;
    },
  };
}
