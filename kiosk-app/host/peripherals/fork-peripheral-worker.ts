/** Starts the peripheral worker as a forked Node process (the browser shell; tests). */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { HostToWorker, WorkerLink, WorkerToHost } from './peripheral-worker-messages';

/**
 * The worker's script: its source beside this file (run through tsx, as the host is), or in a
 * runtime build the bundle beside the kiosk's (build/scripts/build-runtime.ts names it).
 */
const WORKER_ENTRY =
  process.env.LINLI_PERIPHERAL_WORKER_ENTRY ?? fileURLToPath(new URL('./peripheral-worker.ts', import.meta.url));

export function forkPeripheralWorker(): WorkerLink {
  // Advanced serialization carries Uint8Array (PDFs, ESC/POS jobs) without base64.
  const child = fork(WORKER_ENTRY, [], { serialization: 'advanced', stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  return {
    pid: child.pid,
    send: (message: HostToWorker) => {
      if (child.connected) child.send(message);
    },
    onMessage: (listener) => child.on('message', (message) => listener(message as WorkerToHost)),
    onExit: (listener) => child.once('exit', (code) => listener(code)),
    kill: () => child.kill(),
  };
}
