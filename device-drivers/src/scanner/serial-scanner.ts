/** A barcode/QR scanner on a serial port: one event per scanned code. */
import type { ByteTransport } from '../transport/byte-transport';
import { createListeners } from '../transport/byte-transport';
import { createScanLineDecoder } from './scan-line-decoder';

export interface SerialScanner {
  readonly description: string;
  onScan(listener: (code: string) => void): () => void;
  onClose(listener: (error?: Error) => void): () => void;
  close(): Promise<void>;
}

export function createSerialScanner(transport: ByteTransport): SerialScanner {
  const decoder = createScanLineDecoder();
  const scans = createListeners<[string]>();
  transport.onData((chunk) => {
    for (const event of decoder.push(chunk)) if (event.kind === 'code') scans.emit(event.code);
  });
  return {
    description: transport.description,
    onScan: scans.add,
    onClose: (listener) => transport.onClose(listener),
    close: () => transport.close(),
  };
}
