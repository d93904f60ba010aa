/**
 * The host's side of the peripheral worker: the same PeripheralManager the screens use, but the peripherals
 * live in a separate process. If that process dies, pending calls fail with a clear error, every
 * peripheral shows "restarting", and the worker is started again with backoff; the host and the
 * screens it serves keep running. A new devices file (pushed by the admin server) restarts the
 * worker with it.
 */
import {
  LinliError,
  PERIPHERAL_KIND_OF_DRIVER,
  errorFromBody,
  type PeripheralHealth,
  type PeripheralsFile,
} from '@linli/protocol';
import { backoffDelayMs } from '../sync/backoff';
import type { PeripheralManager } from './peripheral-manager';
import type { SpawnPeripheralWorker, WorkerCall, WorkerLink, WorkerToHost } from './peripheral-worker-messages';
import { createPdfFontLoader } from './pdf-font-loader';
import { wedgeScannerSettings } from './peripherals-file';

export interface PeripheralServiceOptions {
  spawn: SpawnPeripheralWorker;
  checkEveryMs: number;
  log: (message: string) => void;
  now?: () => Date;
  random?: () => number;
  /** A worker that ran this long before dying starts its backoff afresh. */
  stableAfterMs?: number;
}

interface Pending {
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
  onProgress?: (progress: Extract<WorkerToHost, { type: 'progress' }>['progress']) => void;
}

export interface PeripheralService extends PeripheralManager {
  /** Stops the worker and starts one with `file`; calls still pending fail as on a crash. */
  reconfigure(file: PeripheralsFile): void;
}

export function startPeripheralService(
  initialFile: PeripheralsFile,
  options: PeripheralServiceOptions,
): PeripheralService {
  let file = initialFile;
  const now = options.now ?? (() => new Date());
  const changeListeners = new Set<() => void>();
  const scanListeners = new Set<(code: string) => void>();
  const pending = new Map<number, Pending>();
  const pdfFonts = createPdfFontLoader();
  let nextId = 1;
  let link: WorkerLink | undefined;
  let stopping = false;
  let failures = 0;
  let startedAt = 0;
  let restartTimer: NodeJS.Timeout | undefined;

  const everyPeripheral = (state: PeripheralHealth['state'], detail?: string): PeripheralHealth[] =>
    file.peripherals.map((config) => ({
      id: config.id,
      kind: PERIPHERAL_KIND_OF_DRIVER[config.driver],
      driver: config.driver,
      state,
      ...(detail ? { detail } : {}),
      since: now().toISOString(),
    }));
  let health = everyPeripheral('starting');
  const setHealth = (next: PeripheralHealth[]) => {
    health = next;
    changeListeners.forEach((listener) => listener());
  };
  const failPending = (message: string) => {
    for (const call of pending.values()) call.reject(new LinliError('PERIPHERAL_UNAVAILABLE', message));
    pending.clear();
  };

  function onMessage(message: WorkerToHost) {
    switch (message.type) {
      case 'health':
        return setHealth(message.health);
      case 'scan':
        return scanListeners.forEach((listener) => listener(message.code));
      case 'log':
        return options.log(message.line);
      case 'progress':
        return pending.get(message.id)?.onProgress?.(message.progress);
      case 'result':
      case 'error': {
        const call = pending.get(message.id);
        pending.delete(message.id);
        if (message.type === 'result') call?.resolve(message.value);
        else call?.reject(errorFromBody({ error: message.error }) ?? new LinliError('INTERNAL', message.error.message));
      }
    }
  }

  function start() {
    if (stopping || file.peripherals.length === 0) return;
    const worker = options.spawn();
    link = worker;
    startedAt = Date.now();
    worker.onMessage(onMessage);
    worker.onExit((code) => {
      if (link !== worker) return;
      link = undefined;
      failPending('The peripheral service stopped; it is restarting');
      if (stopping) return;
      options.log(`peripheral worker exited (code ${code}); restarting`);
      setHealth(everyPeripheral('starting', 'peripheral service restarting'));
      failures = Date.now() - startedAt > (options.stableAfterMs ?? 60_000) ? 1 : failures + 1;
      restartTimer = setTimeout(start, backoffDelayMs(failures, options.random, 500, 30_000));
    });
    worker.send({ type: 'start', file, checkEveryMs: options.checkEveryMs });
  }

  function call<T>(
    request: WorkerCall,
    extras: { signal?: AbortSignal; onProgress?: Pending['onProgress'] } = {},
  ): Promise<T> {
    const worker = link;
    if (!worker)
      return Promise.reject(new LinliError('PERIPHERAL_UNAVAILABLE', 'The peripheral service is restarting'));
    const id = nextId++;
    return new Promise<T>((resolve, reject) => {
      const { signal } = extras;
      const onAbort = () => {
        worker.send({ type: 'cancel', id });
        pending.delete(id);
        reject(signal!.reason);
      };
      pending.set(id, {
        resolve: (value) => (signal?.removeEventListener('abort', onAbort), resolve(value as T)),
        reject: (error) => (signal?.removeEventListener('abort', onAbort), reject(error)),
        ...(extras.onProgress ? { onProgress: extras.onProgress } : {}),
      });
      if (signal?.aborted) return onAbort();
      signal?.addEventListener('abort', onAbort, { once: true });
      worker.send({ type: 'call', id, ...request });
    });
  }

  start();
  return {
    health: () => health,
    onChange(listener) {
      changeListeners.add(listener);
      return () => changeListeners.delete(listener);
    },
    has: (kind) => file.peripherals.some((config) => PERIPHERAL_KIND_OF_DRIVER[config.driver] === kind),
    wedgeScanner: () => wedgeScannerSettings(file),
    readIdCard: (signal) => {
      if (!file.peripherals.some((config) => config.driver === 'ga467-serial'))
        return Promise.reject(new LinliError('PERIPHERAL_UNKNOWN', 'No ID card reader is configured on this kiosk'));
      return call({ method: 'readIdCard' }, { signal });
    },
    printReceipt: (bytes, peripheralId) =>
      call({ method: 'printReceipt', bytes, ...(peripheralId ? { peripheralId } : {}) }),
    printSlip: (receipt, peripheralId) =>
      call({ method: 'printSlip', receipt, ...(peripheralId ? { peripheralId } : {}) }),
    printDocument: (pdf, request, peripheralId) =>
      call(
        { method: 'printDocument', pdf, title: request.title, ...(peripheralId ? { peripheralId } : {}) },
        {
          ...(request.signal ? { signal: request.signal } : {}),
          ...(request.onProgress ? { onProgress: request.onProgress } : {}),
        },
      ),
    testPrint: (peripheralId) => call({ method: 'testPrint', peripheralId }),
    pdfFonts,
    onScan(listener) {
      scanListeners.add(listener);
      return () => scanListeners.delete(listener);
    },
    reconfigure(next) {
      file = next;
      const old = link;
      // Cleared first, so the old worker's exit is not taken for a crash.
      link = undefined;
      clearTimeout(restartTimer);
      old?.kill();
      failPending('The peripherals are being set up again');
      failures = 0;
      options.log('devices file replaced; restarting the peripheral worker');
      setHealth(everyPeripheral('starting'));
      start();
    },
    async stop() {
      stopping = true;
      clearTimeout(restartTimer);
      link?.kill();
    },
  };
}
