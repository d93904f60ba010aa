/**
 * The receipt printer driver: a thin shell over a ByteTransport. It asks the printer's real-time
 * status before and after a job and never reports a job as done that the printer did not get.
 * What the bytes mean lives in printer-status.ts; this file only does the talking and the waiting.
 */
import { LinliError } from '@linli/protocol';
import { createByteQueue } from '../transport/byte-queue';
import type { ByteTransport } from '../transport/byte-transport';
import {
  combineStatus,
  needsErrorCause,
  notReadyReason,
  parseStatusReply,
  statusRequestCommand,
  type ReceiptPrinterStatus,
  type StatusReplies,
  type StatusRequestKind,
} from './printer-status';
import type { PaperWidthMm } from './receipt-layout';

export type { ReceiptPrinterStatus } from './printer-status';

export interface ReceiptPrinterOptions {
  paperWidthMm: PaperWidthMm;
  /** Names the printer in error messages (e.g. its peripheral id); defaults to the transport's description. */
  name?: string;
  /** How long to wait for each status byte when idle. */
  replyTimeoutMs?: number;
  /**
   * How long to wait for the status byte right after a job. Longer: a serial printer with a full
   * receive buffer reads the request only after it has printed part of the job.
   */
  confirmTimeoutMs?: number;
}

export interface ReceiptPrinter {
  readonly name: string;
  readonly paperWidthMm: PaperWidthMm;
  /** Asks DLE EOT 1, 2 and 4 (and 3 when 2 reports an error). */
  status(): Promise<ReceiptPrinterStatus>;
  /** Checks the printer is ready, sends the job, then confirms the printer is still there and fine. */
  print(bytes: Uint8Array): Promise<void>;
  close(): Promise<void>;
}

const DEFAULT_REPLY_TIMEOUT_MS = 1500;
const DEFAULT_CONFIRM_TIMEOUT_MS = 15000;
/**
 * Received bytes kept for the status request being asked. Its reply is the first byte after the
 * request and each request starts afresh, so a few bytes are plenty; later ones (a printer that
 * chatters unasked, or floods the link) are dropped rather than held.
 */
const RECEIVED_BYTES_KEPT = 64;

export function createReceiptPrinter(transport: ByteTransport, options: ReceiptPrinterOptions): ReceiptPrinter {
  const name = options.name ?? transport.description;
  const replyTimeoutMs = options.replyTimeoutMs ?? DEFAULT_REPLY_TIMEOUT_MS;
  const confirmTimeoutMs = options.confirmTimeoutMs ?? DEFAULT_CONFIRM_TIMEOUT_MS;

  const received = createByteQueue(RECEIVED_BYTES_KEPT);
  let waitingForByte: (() => void) | undefined;
  let closed: { error?: Error } | undefined;

  const stopData = transport.onData((chunk) => {
    received.append(chunk);
    waitingForByte?.();
  });
  const stopClose = transport.onClose((error) => {
    closed = { error };
    waitingForByte?.();
  });

  const closedError = () =>
    new LinliError(
      'PERIPHERAL_UNAVAILABLE',
      `Receipt printer ${name} disconnected${closed?.error ? `: ${closed.error.message}` : ''}`,
    );

  function nextByte(timeoutMs: number): Promise<number> {
    return new Promise<number>((resolve, reject) => {
      const settle = () => {
        if (received.length > 0) {
          const byte = received.bytes()[0]!;
          received.consume(1);
          finish();
          resolve(byte);
        } else if (closed) {
          finish();
          reject(closedError());
        }
      };
      const timer = setTimeout(() => {
        finish();
        reject(
          new LinliError(
            'PERIPHERAL_UNAVAILABLE',
            `Receipt printer ${name} does not answer (no status reply in ${timeoutMs} ms)`,
          ),
        );
      }, timeoutMs);
      const finish = () => {
        clearTimeout(timer);
        waitingForByte = undefined;
      };
      waitingForByte = settle;
      settle();
    });
  }

  async function ask<K extends StatusRequestKind>(kind: K, timeoutMs: number): Promise<StatusReplies[K]> {
    if (closed) throw closedError();
    // Anything already here is stale (a reply that came after an earlier timeout, or noise).
    received.clear();
    await transport.write(statusRequestCommand(kind));
    return parseStatusReply(kind, await nextByte(timeoutMs));
  }

  async function readStatus(timeoutMs: number): Promise<ReceiptPrinterStatus> {
    const printer = await ask(1, timeoutMs);
    const offlineCause = await ask(2, timeoutMs);
    const rollPaper = await ask(4, timeoutMs);
    const errorCause = needsErrorCause(offlineCause) ? await ask(3, timeoutMs) : undefined;
    return combineStatus({ printer, offlineCause, rollPaper, ...(errorCause ? { errorCause } : {}) });
  }

  /** Sends the job, failing as soon as the link goes away rather than when the write gives up. */
  function writeJob(bytes: Uint8Array): Promise<void> {
    if (closed) return Promise.reject(closedError());
    return new Promise<void>((resolve, reject) => {
      const stop = transport.onClose(() => reject(closedError()));
      transport.write(bytes).then(resolve, reject).finally(stop);
    });
  }

  const jobFailed = (cause: unknown) => {
    const reason = (cause instanceof Error ? cause.message : String(cause)).replace(`Receipt printer ${name} `, '');
    return new LinliError('PRINT_FAILED', `Receipt printer ${name} did not take the whole job (${reason})`);
  };

  // One conversation at a time: a status request must never land inside a job being written, and
  // replies are matched to requests by order.
  let queue: Promise<unknown> = Promise.resolve();
  function exclusive<T>(work: () => Promise<T>): Promise<T> {
    const result = queue.then(work);
    queue = result.catch(() => undefined);
    return result;
  }

  return {
    name,
    paperWidthMm: options.paperWidthMm,
    status: () => exclusive(() => readStatus(replyTimeoutMs)),
    print: (bytes) =>
      exclusive(async () => {
        const before = await readStatus(replyTimeoutMs);
        const notReady = notReadyReason(before, name);
        if (notReady) throw notReady;
        let after: ReceiptPrinterStatus;
        try {
          await writeJob(bytes);
          after = await readStatus(confirmTimeoutMs);
        } catch (error) {
          throw jobFailed(error);
        }
        const failedDuringJob = notReadyReason(after, name);
        if (failedDuringJob) {
          // Paper and cover keep their own codes so the kiosk can tell the person what to fix.
          const code = failedDuringJob.code === 'PERIPHERAL_UNAVAILABLE' ? 'PRINT_FAILED' : failedDuringJob.code;
          throw new LinliError(
            code,
            `${failedDuringJob.message}; it stopped during the job, so the receipt may be incomplete`,
          );
        }
      }),
    close: async () => {
      await queue;
      stopData();
      stopClose();
      await transport.close();
    },
  };
}
