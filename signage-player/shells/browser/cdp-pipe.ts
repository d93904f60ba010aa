/**
 * A small Chrome DevTools Protocol client over Chromium's `--remote-debugging-pipe`.
 *
 * Wire format: Chromium reads commands on its fd 3 and writes replies and events on its fd 4. Each
 * message is one JSON text followed by a NUL byte (JSON text never contains a raw NUL, so the byte
 * cannot occur inside a message). A command is `{id, method, params, sessionId?}`; its reply
 * carries the same `id` and `result` or `error: {code, message}`; an event carries `method` and
 * `params` and no `id`. With `sessionId` a command goes to a target attached in flatten mode
 * (Target.attachToTarget {flatten: true}), and that target's events come back with it.
 *
 * Only what the screen browser needs: commands with a deadline, and event listeners.
 */
import type { Readable, Writable } from 'node:stream';
import { LinliError } from '@linli/protocol';
import { SYSTEM_TIMERS, type Timers } from '../../../kiosk-app/host/lifecycle/timers';

const NUL = 0;
/**
 * The longest message read: a screenshot of a busy 4K screen is a PNG of some 20 MB, base64 in
 * JSON. Anything longer is not a reply we asked for.
 */
export const MAX_CDP_MESSAGE_BYTES = 64 * 1024 * 1024;
/** How long a command may take (a screenshot of a 4K screen on a slow box included). */
const COMMAND_TIMEOUT_MS = 20_000;

/**
 * Cuts a byte stream into NUL-terminated messages, whatever the chunking (a message split over
 * chunks, a multi-byte character split at a chunk's end, several messages in one chunk). Throws
 * once more than `maxBytes` arrive without a NUL.
 */
export function createNulSplitter(
  onMessage: (text: string) => void,
  maxBytes = MAX_CDP_MESSAGE_BYTES,
): (chunk: Buffer) => void {
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  return (chunk) => {
    let start = 0;
    for (let end = chunk.indexOf(NUL); end !== -1; end = chunk.indexOf(NUL, start)) {
      pending.push(chunk.subarray(start, end));
      // Decoded only once whole, so a character split between chunks comes out right.
      const text = Buffer.concat(pending).toString('utf8');
      pending = [];
      pendingBytes = 0;
      start = end + 1;
      onMessage(text);
    }
    if (start < chunk.length) {
      pendingBytes += chunk.length - start;
      if (pendingBytes > maxBytes)
        throw new LinliError('INTERNAL', `A DevTools message is longer than ${maxBytes} bytes`);
      pending.push(chunk.subarray(start));
    }
  };
}

/** One DevTools command's message, NUL included. */
export function encodeCdpCommand(id: number, method: string, params: object, sessionId?: string): Buffer {
  const command = sessionId === undefined ? { id, method, params } : { id, method, params, sessionId };
  return Buffer.from(`${JSON.stringify(command)}\0`, 'utf8');
}

type EventListener = (params: Record<string, unknown>, sessionId: string | undefined) => void;

export interface CdpConnection {
  /** A command's result; rejects with INTERNAL on an error reply, after the deadline or once closed. */
  send<T = Record<string, unknown>>(method: string, params?: object, sessionId?: string): Promise<T>;
  /** Calls `listener` for every event named `method` until the returned function is called. */
  on(method: string, listener: EventListener): () => void;
  /** Rejects every command still waiting and sends no more; called when the browser is gone. */
  close(reason: string): void;
}

interface Waiting {
  method: string;
  resolve: (result: Record<string, unknown>) => void;
  reject: (error: Error) => void;
  cancelTimeout: () => void;
}

interface CdpMessage {
  id?: number;
  method?: string;
  params?: Record<string, unknown>;
  result?: Record<string, unknown>;
  error?: { message?: string };
  sessionId?: string;
}

/** Speaks CDP over the pipe pair: `toBrowser` is Chromium's fd 3, `fromBrowser` its fd 4. */
export function connectCdp(deps: {
  toBrowser: Writable;
  fromBrowser: Readable;
  timers?: Timers;
  commandTimeoutMs?: number;
}): CdpConnection {
  const timers = deps.timers ?? SYSTEM_TIMERS;
  const timeoutMs = deps.commandTimeoutMs ?? COMMAND_TIMEOUT_MS;
  const waiting = new Map<number, Waiting>();
  const listeners = new Map<string, Set<EventListener>>();
  let lastId = 0;
  let closedBecause: string | undefined;

  const settle = (id: number) => {
    const entry = waiting.get(id);
    if (!entry) return undefined;
    waiting.delete(id);
    entry.cancelTimeout();
    return entry;
  };

  const dispatch = (text: string) => {
    let message: CdpMessage;
    try {
      message = JSON.parse(text) as CdpMessage;
    } catch {
      return close('the browser sent a DevTools message that is not JSON');
    }
    if (typeof message.id === 'number') {
      const entry = settle(message.id);
      if (!entry) return;
      if (message.error)
        entry.reject(new LinliError('INTERNAL', `${entry.method}: ${message.error.message ?? 'failed'}`));
      else entry.resolve(message.result ?? {});
      return;
    }
    if (typeof message.method !== 'string') return;
    for (const listener of listeners.get(message.method) ?? []) listener(message.params ?? {}, message.sessionId);
  };

  const split = createNulSplitter(dispatch);
  const onData = (chunk: Buffer) => {
    try {
      split(chunk);
    } catch (error) {
      close((error as Error).message);
    }
  };
  const onEnd = () => close('the browser closed its DevTools pipe');
  deps.fromBrowser.on('data', onData);
  deps.fromBrowser.once('end', onEnd);
  // A pipe error is followed by the process ending; the waiting commands fail on close.
  deps.fromBrowser.on('error', () => undefined);
  deps.toBrowser.on('error', () => undefined);

  function close(reason: string): void {
    if (closedBecause !== undefined) return;
    closedBecause = reason;
    deps.fromBrowser.off('data', onData);
    deps.fromBrowser.off('end', onEnd);
    for (const id of [...waiting.keys()]) settle(id)?.reject(new LinliError('INTERNAL', `Screen browser: ${reason}`));
    listeners.clear();
  }

  return {
    send<T>(method: string, params: object = {}, sessionId?: string): Promise<T> {
      if (closedBecause !== undefined)
        return Promise.reject(new LinliError('INTERNAL', `Screen browser: ${closedBecause}`));
      const id = ++lastId;
      return new Promise<T>((resolve, reject) => {
        const cancelTimeout = timers.after(timeoutMs, () =>
          settle(id)?.reject(new LinliError('INTERNAL', `${method}: no answer from the browser in ${timeoutMs} ms`)),
        );
        waiting.set(id, {
          method,
          resolve: resolve as (result: Record<string, unknown>) => void,
          reject,
          cancelTimeout,
        });
        deps.toBrowser.write(encodeCdpCommand(id, method, params, sessionId));
      });
    },
    on(method, listener) {
      const set = listeners.get(method) ?? new Set<EventListener>();
      listeners.set(method, set);
      set.add(listener);
      return () => void set.delete(listener);
    },
    close,
  };
}
