/**
 * Starts the kiosk host's peripheral worker as an Electron utility process: Node without the
 * RunAsNode fuse, its crash isolated from the main process and the window.
 */
import { utilityProcess } from 'electron';
import type {
  HostToWorker,
  SpawnPeripheralWorker,
  WorkerToHost,
} from '../../host/peripherals/peripheral-worker-messages';

export function utilityPeripheralWorker(entry: string): SpawnPeripheralWorker {
  return () => {
    const child = utilityProcess.fork(entry, [], { serviceName: 'Linli peripheral worker', stdio: 'inherit' });
    return {
      get pid() {
        return child.pid;
      },
      send: (message: HostToWorker) => child.postMessage(message),
      onMessage: (listener) => child.on('message', (message: unknown) => listener(message as WorkerToHost)),
      onExit: (listener) => child.once('exit', (code) => listener(code)),
      kill: () => void child.kill(),
    };
  };
}
