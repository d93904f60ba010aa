/**
 * The kiosk's peripherals, from its devices file: each one opened at start, kept connected and
 * checked, with a health state the bridge, the maintenance screen and the heartbeat report.
 */
import {
  LinliError,
  PERIPHERAL_KIND_OF_DRIVER,
  type IdCardData,
  type PeripheralConfig,
  type PeripheralHealth,
  type PeripheralKind,
  type PeripheralsFile,
} from '@linli/protocol';
import type { HealthReport } from './connection-supervisor';
import type { CjkFonts } from '@linli/device-drivers/pdf-forms/cjk-fonts';
import { testPagePdf } from '@linli/device-drivers/pdf-forms/test-page';
import { layoutReceipt, testReceipt, type Receipt } from '@linli/device-drivers/receipt-printer/receipt-layout';
import {
  startDocumentPrinter,
  type DocumentPrinterPeripheral,
  type DocumentPrintRequest,
} from './document-printer-peripheral';
import { startIdCardPeripheral, type IdCardPeripheral } from './id-card-peripheral';
import { createPdfFontLoader } from './pdf-font-loader';
import { wedgeScannerSettings, type WedgeScannerSettings } from './peripherals-file';
import { startReceiptPrinter, type ReceiptPrinterPeripheral } from './receipt-printer-peripheral';
import { startSerialScanner } from './scanner-peripheral';

export interface PeripheralManager {
  health(): PeripheralHealth[];
  onChange(listener: () => void): () => void;
  has(kind: PeripheralKind): boolean;
  /** Keyboard-wedge scanners are told apart from typing in the renderer, with these settings. */
  wedgeScanner(): WedgeScannerSettings | undefined;
  readIdCard(signal: AbortSignal): Promise<IdCardData>;
  /** Sends ESC/POS bytes to the (first, or named) receipt printer. */
  printReceipt(bytes: Uint8Array, peripheralId?: string): Promise<void>;
  /** Lays a receipt out for the (first, or named) receipt printer's paper and prints it. */
  printSlip(receipt: Receipt, peripheralId?: string): Promise<void>;
  /** Prints a PDF on the (first, or named) A4 printer and follows the job until it is on paper. */
  printDocument(pdf: Uint8Array, request: DocumentPrintRequest, peripheralId?: string): Promise<void>;
  /** The fonts PDFs are filled with, loaded once on first use. */
  pdfFonts(): Promise<CjkFonts>;
  /** The maintenance screen's test page on one printer. */
  testPrint(peripheralId: string): Promise<void>;
  onScan(listener: (code: string) => void): () => void;
  stop(): Promise<void>;
}

interface Running {
  config: PeripheralConfig;
  health: PeripheralHealth;
  idCard?: IdCardPeripheral;
  receipt?: ReceiptPrinterPeripheral;
  document?: DocumentPrinterPeripheral;
  stop(): Promise<void>;
}

const DEFAULT_BAUD = 115200;
const DEFAULT_SCANNER_BAUD = 9600;

export interface PeripheralManagerOptions {
  /** How often an idle peripheral is asked how it is; also how soon a silent unplug is noticed. */
  checkEveryMs?: number;
  now?: () => Date;
}

export function startPeripheralManager(
  file: PeripheralsFile,
  log: (message: string) => void,
  options: PeripheralManagerOptions = {},
): PeripheralManager {
  const now = options.now ?? (() => new Date());
  const checkEveryMs = options.checkEveryMs ?? 20_000;
  const changeListeners = new Set<() => void>();
  const scanListeners = new Set<(code: string) => void>();
  const running: Running[] = [];

  for (const config of file.peripherals) {
    const entry: Running = {
      config,
      health: {
        id: config.id,
        kind: PERIPHERAL_KIND_OF_DRIVER[config.driver],
        driver: config.driver,
        state: 'starting',
        since: now().toISOString(),
      },
      stop: async () => undefined,
    };
    const onHealth = (report: HealthReport) => {
      const { health } = entry;
      if (health.state === report.state && health.detail === report.detail && health.code === report.code) return;
      const changedState = health.state !== report.state;
      if (changedState)
        log(`peripheral ${config.id}: ${health.state} → ${report.state}${report.detail ? ` (${report.detail})` : ''}`);
      const { detail: _previous, code: _previousCode, ...rest } = health;
      entry.health = {
        ...rest,
        state: report.state,
        ...(report.detail ? { detail: report.detail } : {}),
        ...(report.code ? { code: report.code } : {}),
        since: changedState ? now().toISOString() : health.since,
      };
      changeListeners.forEach((listener) => listener());
    };
    running.push(entry);
    switch (config.driver) {
      case 'ga467-serial': {
        const reader = startIdCardPeripheral(config.path, config.baudRate ?? DEFAULT_BAUD, checkEveryMs, onHealth);
        entry.idCard = reader;
        entry.stop = reader.stop;
        break;
      }
      case 'escpos-tcp':
      case 'escpos-serial':
      case 'escpos-usb': {
        const printer = startReceiptPrinter(config, checkEveryMs, onHealth);
        entry.receipt = printer;
        entry.stop = printer.stop;
        break;
      }
      case 'system-printer':
      case 'pdf-folder': {
        const printer = startDocumentPrinter(config, checkEveryMs, onHealth);
        entry.document = printer;
        entry.stop = printer.stop;
        break;
      }
      case 'serial-scanner': {
        const scanner = startSerialScanner(config.path, config.baudRate ?? DEFAULT_SCANNER_BAUD, onHealth, (code) =>
          scanListeners.forEach((listener) => listener(code)),
        );
        entry.stop = scanner.stop;
        break;
      }
      case 'keyboard-wedge-scanner':
        // Nothing to open: it types into the app like a keyboard.
        onHealth({ state: 'ok' });
        break;
    }
  }

  const pdfFonts = createPdfFontLoader();
  const first = (kind: PeripheralKind) => running.find((entry) => entry.health.kind === kind);
  const byId = (id: string) => {
    const entry = running.find((candidate) => candidate.config.id === id);
    if (!entry) throw new LinliError('PERIPHERAL_UNKNOWN', `No peripheral '${id}' is configured on this kiosk`);
    return entry;
  };
  const receiptPrinter = (peripheralId?: string) => {
    const printer = (peripheralId ? byId(peripheralId) : first('receipt-printer'))?.receipt;
    if (!printer) throw new LinliError('PERIPHERAL_UNKNOWN', 'No receipt printer is configured on this kiosk');
    return printer;
  };

  return {
    health: () => running.map((entry) => entry.health),
    onChange(listener) {
      changeListeners.add(listener);
      return () => changeListeners.delete(listener);
    },
    has: (kind) => first(kind) !== undefined,
    wedgeScanner: () => wedgeScannerSettings(file),
    async readIdCard(signal) {
      const reader = first('id-card-reader')?.idCard;
      if (!reader) throw new LinliError('PERIPHERAL_UNKNOWN', 'No ID card reader is configured on this kiosk');
      return reader.readCard(signal);
    },
    async printReceipt(bytes, peripheralId) {
      await receiptPrinter(peripheralId).print(bytes);
    },
    async printSlip(receipt, peripheralId) {
      const printer = receiptPrinter(peripheralId);
      await printer.print(layoutReceipt(receipt, { paperWidthMm: printer.paperWidthMm }).bytes);
    },
    async printDocument(pdf, request, peripheralId) {
      const printer = (peripheralId ? byId(peripheralId) : first('a4-printer'))?.document;
      if (!printer) throw new LinliError('PERIPHERAL_UNKNOWN', 'No A4 printer is configured on this kiosk');
      await printer.print(pdf, request);
    },
    pdfFonts,
    async testPrint(peripheralId) {
      const entry = byId(peripheralId);
      if (entry.receipt) {
        const printedAt = now().toLocaleString('zh-CN', { hour12: false });
        return entry.receipt.print(
          testReceipt({ printerId: peripheralId, printedAt, paperWidthMm: entry.receipt.paperWidthMm }).bytes,
        );
      }
      if (entry.document)
        return entry.document.print(await testPagePdf(peripheralId, now(), await pdfFonts()), {
          title: 'Linli test page',
        });
      throw new LinliError('PERIPHERAL_UNKNOWN', `Peripheral '${peripheralId}' is not a printer`);
    },
    onScan(listener) {
      scanListeners.add(listener);
      return () => scanListeners.delete(listener);
    },
    async stop() {
      await Promise.all(running.map((entry) => entry.stop()));
    },
  };
}
