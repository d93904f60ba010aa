/**
 * The peripheral worker: a process of its own that runs the peripheral manager, so a driver that crashes
 * (a native serial binding, a bug in a printer path) takes down only this process; the host
 * restarts it and the screens stay up. Started by fork (browser shell) or Electron's
 * utilityProcess; talks to the host only through peripheral-worker-messages.
 */
import { LinliError } from '@linli/protocol';
import { startPeripheralManager, type PeripheralManager } from './peripheral-manager';
import type { HostToWorker, WorkerToHost } from './peripheral-worker-messages';

interface ParentChannel {
  send(message: WorkerToHost): void;
  onMessage(listener: (message: HostToWorker) => void): void;
}

/** Electron's utility processes talk through process.parentPort; forked Node processes through process.send. */
function parentChannel(): ParentChannel {
  const parentPort = (
    process as unknown as {
      parentPort?: {
        postMessage(message: unknown): void;
        on(event: 'message', listener: (event: { data: unknown }) => void): void;
      };
    }
  ).parentPort;
  if (parentPort)
    return {
      send: (message) => parentPort.postMessage(message),
      onMessage: (listener) => parentPort.on('message', (event) => listener(event.data as HostToWorker)),
    };
  if (!process.send) throw new Error('The peripheral worker runs only as a child of the kiosk host');
  process.on('disconnect', () => process.exit(0));
  return {
    send: (message) => process.send!(message),
    onMessage: (listener) => process.on('message', (message) => listener(message as HostToWorker)),
  };
}

const parent = parentChannel();
let manager: PeripheralManager | undefined;
const running = new Map<number, AbortController>();

async function handle(message: Extract<HostToWorker, { type: 'call' }>, signal: AbortSignal): Promise<unknown> {
  if (!manager) throw new LinliError('PERIPHERAL_UNAVAILABLE', 'The peripheral worker has not started');
  switch (message.method) {
    case 'readIdCard':
      return manager.readIdCard(signal);
    case 'printReceipt':
      return manager.printReceipt(message.bytes, message.peripheralId);
    case 'printSlip':
      return manager.printSlip(message.receipt, message.peripheralId);
    case 'printDocument':
      return manager.printDocument(
        message.pdf,
        {
          title: message.title,
          signal,
          onProgress: (progress) => parent.send({ type: 'progress', id: message.id, progress }),
        },
        message.peripheralId,
      );
    case 'testPrint':
      return manager.testPrint(message.peripheralId);
  }
}

parent.onMessage((message) => {
  if (message.type === 'start') {
    manager = startPeripheralManager(message.file, (line) => parent.send({ type: 'log', line }), {
      checkEveryMs: message.checkEveryMs,
    });
    const sendHealth = () => parent.send({ type: 'health', health: manager!.health() });
    manager.onChange(sendHealth);
    manager.onScan((code) => parent.send({ type: 'scan', code }));
    sendHealth();
  } else if (message.type === 'cancel') {
    running.get(message.id)?.abort(new LinliError('ID_CARD_TIMEOUT', 'Cancelled'));
  } else {
    const controller = new AbortController();
    running.set(message.id, controller);
    handle(message, controller.signal)
      .then(
        (value) => parent.send({ type: 'result', id: message.id, value: value ?? null }),
        (error: unknown) => {
          const coded =
            error instanceof LinliError
              ? error
              : new LinliError(
                  error instanceof Error && error.name === 'TimeoutError' ? 'ID_CARD_TIMEOUT' : 'INTERNAL',
                  error instanceof Error ? error.message : String(error),
                );
          parent.send({ type: 'error', id: message.id, error: coded.toBody().error });
        },
      )
      .finally(() => running.delete(message.id));
  }
});
