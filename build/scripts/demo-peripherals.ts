// Simulated peripherals for `npm start`, so the kiosk's peripheral screens work on any machine: an ID
// card reader on a virtual serial port (socat) with a demo card on it, an ESC/POS receipt printer
// on TCP, a keyboard-wedge scanner, and the system's default A4 printer when CUPS has one — or, when
// it has none, a simulated A4 printer writing each printed form as a PDF into the data folder.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { PeripheralConfig } from '@linli/protocol';
import { DEMO_CARDS } from '@linli/device-drivers/id-card/demo-cards';
import { attachIdCardSimulator } from '@linli/device-drivers/id-card/id-card-simulator';
import { startPrinterSimulator } from '@linli/device-drivers/receipt-printer/printer-simulator';
import { openPtyPair } from '@linli/device-drivers/transport/pty-pair';
import { openSerialTransport } from '@linli/device-drivers/transport/serial-transport';

export const DEMO_MAINTENANCE_PIN = '2468';

function defaultCupsPrinter(): { queue: string; server?: string } | undefined {
  try {
    const queue = /:\s*(\S+)/.exec(
      execFileSync('lpstat', ['-d'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }),
    )?.[1];
    return queue ? { queue } : undefined;
  } catch {
    return undefined;
  }
}

/** Where the simulated A4 printer puts the PDFs it prints, inside the data folder. */
export const PRINTED_FORMS_FOLDER = 'printed-forms';

/**
 * `a4` names the CUPS queue (and server) for A4 printing, or 'simulated' for the PDF folder; by
 * default CUPS's default printer, and the PDF folder when CUPS has none.
 */
export async function startDemoPeripherals(
  dataDir: string,
  options: { a4?: { queue: string; server?: string } | 'simulated' } = {},
) {
  const peripherals: PeripheralConfig[] = [];
  const notes: string[] = [];
  const stops: (() => Promise<void>)[] = [];

  if (existsSync('/usr/bin/socat')) {
    const pair = await openPtyPair();
    const readerSide = await openSerialTransport(pair.deviceEnd);
    const reader = attachIdCardSimulator(readerSide);
    // Like a resident: the card goes on the reader two seconds after the kiosk starts looking for
    // one, and is picked up again after it was read.
    let placing: NodeJS.Timeout | undefined;
    reader.onCommand((command) => {
      if (command === 'find' && !placing) placing = setTimeout(() => reader.placeCard(DEMO_CARDS.resident), 2000);
      if (command === 'read') {
        setTimeout(() => {
          reader.removeCard();
          placing = undefined;
        }, 500);
      }
    });
    peripherals.push({ id: 'idcard', driver: 'ga467-serial', path: pair.hostEnd });
    notes.push(`ID card reader: simulator on ${pair.hostEnd}; a demo card (张小三) is placed 2 s after a read starts`);
    stops.push(async () => {
      await readerSide.close();
      await pair.close();
    });
  } else {
    notes.push('ID card reader: not simulated (install socat for the 读取身份证 demo)');
  }

  const printer = await startPrinterSimulator({ port: 0 });
  peripherals.push({ id: 'receipt', driver: 'escpos-tcp', host: printer.host, port: printer.port, paperWidthMm: 80 });
  notes.push(`Receipt printer: simulator on ${printer.host}:${printer.port}`);
  stops.push(() => printer.close());

  const a4 = options.a4 ?? defaultCupsPrinter() ?? 'simulated';
  let printedForms: string | undefined;
  if (a4 === 'simulated') {
    printedForms = path.join(dataDir, PRINTED_FORMS_FOLDER);
    mkdirSync(printedForms, { recursive: true });
    peripherals.push({ id: 'a4', driver: 'pdf-folder', directory: printedForms });
    notes.push(
      `A4 printer: simulated (CUPS has no default printer); printed forms are saved as PDFs in ${printedForms}`,
    );
  } else {
    peripherals.push({
      id: 'a4',
      driver: 'system-printer',
      printer: a4.queue,
      ...(a4.server ? { server: a4.server } : {}),
    });
    notes.push(`A4 printer: CUPS queue ${a4.queue}`);
  }
  peripherals.push({ id: 'scanner', driver: 'keyboard-wedge-scanner' });

  mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, 'demo-devices.json');
  writeFileSync(file, `${JSON.stringify({ maintenancePin: DEMO_MAINTENANCE_PIN, peripherals }, null, 2)}\n`);
  return {
    file,
    notes,
    /** The simulated A4 printer's folder, when the demo simulates one. */
    printedForms,
    /** Everything the receipt printer received, decoded (the screenshots draw the last receipt). */
    receiptEvents: () => printer.events(),
    /** What the demo printer printed, for the terminal. */
    onPrinted: (listener: (text: string) => void) =>
      printer.onEvent((event) => event.type === 'cut' && listener(printer.printedText())),
    async stop() {
      await Promise.all(stops.map((stop) => stop()));
    },
  };
}
