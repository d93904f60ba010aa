/** A receipt printer as the kiosk runs it: kept connected over TCP, serial or USB, status checked. */
import type { PeripheralConfig } from '@linli/protocol';
import { createReceiptPrinter, type ReceiptPrinter } from '@linli/device-drivers/receipt-printer/receipt-printer';
import type { PaperWidthMm } from '@linli/device-drivers/receipt-printer/receipt-layout';
import type { ByteTransport } from '@linli/device-drivers/transport/byte-transport';
import { openFileTransport } from '@linli/device-drivers/transport/file-transport';
import { openSerialTransport } from '@linli/device-drivers/transport/serial-transport';
import { openTcpTransport } from '@linli/device-drivers/transport/tcp-transport';
import { superviseConnection, type HealthReport } from './connection-supervisor';

type ReceiptPrinterConfig = Extract<PeripheralConfig, { driver: 'escpos-tcp' | 'escpos-serial' | 'escpos-usb' }>;

export interface ReceiptPrinterPeripheral {
  readonly paperWidthMm: PaperWidthMm;
  print(bytes: Uint8Array): Promise<void>;
  stop(): Promise<void>;
}

function openTransport(config: ReceiptPrinterConfig): Promise<ByteTransport> {
  switch (config.driver) {
    case 'escpos-tcp':
      return openTcpTransport(config.host, config.port ?? 9100);
    case 'escpos-serial':
      return openSerialTransport(config.path, config.baudRate ?? 9600);
    case 'escpos-usb':
      return openFileTransport(config.path);
  }
}

interface Connection {
  printer: ReceiptPrinter;
  onClose: ByteTransport['onClose'];
  close(): Promise<void>;
}

export function startReceiptPrinter(
  config: ReceiptPrinterConfig,
  checkEveryMs: number,
  onHealth: (report: HealthReport) => void,
): ReceiptPrinterPeripheral {
  const paperWidthMm = config.paperWidthMm ?? 80;
  const supervisor = superviseConnection<Connection>({
    open: async () => {
      const transport = await openTransport(config);
      const printer = createReceiptPrinter(transport, { paperWidthMm, name: config.id });
      return { printer, onClose: transport.onClose, close: () => printer.close() };
    },
    check: async ({ printer }) => {
      const status = await printer.status();
      if (status.paperOut) return { state: 'paper-out' };
      if (status.coverOpen) return { state: 'error', detail: 'cover open', code: 'COVER_OPEN' };
      if (status.cutterError) return { state: 'error', detail: 'cutter error', code: 'CUTTER_ERROR' };
      if (status.unrecoverableError)
        return { state: 'error', detail: 'unrecoverable error', code: 'UNRECOVERABLE_ERROR' };
      if (!status.online) return { state: 'error', detail: 'offline', code: 'PRINTER_OFFLINE' };
      return { state: 'ok', ...(status.paperNearEnd ? { detail: 'paper near end', code: 'PAPER_NEAR_END' } : {}) };
    },
    checkEveryMs,
    onHealth,
  });
  return {
    paperWidthMm,
    async print(bytes) {
      const connection = await supervisor.connected(`Receipt printer ${config.id}`);
      try {
        await connection.printer.print(bytes);
      } finally {
        // Success or not, the health shown next reflects what the printer says now.
        void supervisor.checkNow();
      }
    },
    stop: () => supervisor.stop(),
  };
}
