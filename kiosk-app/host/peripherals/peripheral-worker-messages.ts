/**
 * What the kiosk host and its peripheral worker (the process that owns the serial ports, sockets and
 * spooler jobs) say to each other. Messages travel by structured clone, so PDFs and ESC/POS jobs
 * go as Uint8Array.
 */
import type { Receipt } from '@linli/device-drivers/receipt-printer/receipt-layout';
import type { ErrorBody, PeripheralHealth, PeripheralsFile } from '@linli/protocol';
import type { PrintProgress as JobProgress } from '@linli/device-drivers/document-printer/document-printer';

export interface WorkerStart {
  type: 'start';
  file: PeripheralsFile;
  checkEveryMs: number;
}

export type WorkerCall =
  | { method: 'readIdCard' }
  | { method: 'printReceipt'; bytes: Uint8Array; peripheralId?: string }
  | { method: 'printSlip'; receipt: Receipt; peripheralId?: string }
  | { method: 'printDocument'; pdf: Uint8Array; title: string; peripheralId?: string }
  | { method: 'testPrint'; peripheralId: string };

export type HostToWorker = WorkerStart | ({ type: 'call'; id: number } & WorkerCall) | { type: 'cancel'; id: number };

export type WorkerToHost =
  | { type: 'health'; health: PeripheralHealth[] }
  | { type: 'scan'; code: string }
  | { type: 'log'; line: string }
  | { type: 'progress'; id: number; progress: JobProgress }
  | { type: 'result'; id: number; value: unknown }
  | { type: 'error'; id: number; error: ErrorBody['error'] };

/** The link to a worker process, whatever started it (Node's fork, Electron's utilityProcess). */
export interface WorkerLink {
  send(message: HostToWorker): void;
  onMessage(listener: (message: WorkerToHost) => void): void;
  onExit(listener: (code: number | null) => void): void;
  kill(): void;
  readonly pid: number | undefined;
}

export type SpawnPeripheralWorker = () => WorkerLink;
