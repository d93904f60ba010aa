/**
 * Waiting for a card while a screen asks for one. A card left lying on the reader is reported
 * once: the reader remembers (as a one-way hash, in memory) the last card it reported until that
 * card has left the field.
 */
import { createHash } from 'node:crypto';
import { LinliError, type IdCardData } from '@linli/protocol';
import type { IdCardReader } from './id-card-reader';

/** Pure presence bookkeeping: is this card new, or the one reported before and never removed? */
export function createCardPresence() {
  let lastReported: string | undefined;
  return {
    /** Call with the card key in the field (or undefined for none); true when it should be reported. */
    observe(key: string | undefined): boolean {
      if (key === undefined || key === lastReported) {
        lastReported = key;
        return false;
      }
      lastReported = key;
      return true;
    },
    forget() {
      lastReported = undefined;
    },
  };
}
export type CardPresence = ReturnType<typeof createCardPresence>;

export function cardKey(card: IdCardData): string {
  return createHash('sha256').update(`${card.cardType}|${card.idNumber}`).digest('hex');
}

export interface WaitOptions {
  signal: AbortSignal;
  intervalMs?: number;
  /** Transient failures (card half in the field, a garbled frame) tolerated in a row. */
  maxConsecutiveFailures?: number;
  /** The wait between polls (a timer by default); tests pass one that tells when it waits. */
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
}

/** Polls until a new card is read; rejects on abort, on a dead reader, or on repeated read failures. */
export async function waitForNewCard(
  reader: IdCardReader,
  presence: CardPresence,
  options: WaitOptions,
): Promise<IdCardData> {
  const intervalMs = options.intervalMs ?? 300;
  const maxFailures = options.maxConsecutiveFailures ?? 3;
  let failures = 0;
  for (;;) {
    options.signal.throwIfAborted();
    try {
      const card = await reader.readCard();
      failures = 0;
      if (presence.observe(card ? cardKey(card) : undefined)) return card!;
    } catch (error) {
      const transient =
        error instanceof LinliError && (error.code === 'ID_CARD_READ_FAILED' || error.code === 'DEVICE_PROTOCOL_ERROR');
      if (!transient || ++failures >= maxFailures) throw error;
    }
    await (options.sleep ?? sleep)(intervalMs, options.signal);
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
