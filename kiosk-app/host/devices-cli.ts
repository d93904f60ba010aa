/**
 * The technician's tool: `npm run devices -- <command>`.
 *   list                          what is plugged in (serial, HID, USB printers, spooler queues)
 *   probe <id>                    opens one device from the devices file and reports its health
 *   read-card [id]                waits for an ID card on the reader and shows it masked
 *   test-print <id>               prints a printer's test page
 *   simulate idreader [card]      a 二代证 reader on a virtual serial port (Enter: place/remove card)
 *   simulate printer [port]       an ESC/POS network printer that shows what it prints (p: paper out)
 *   simulate scanner              a serial barcode scanner: each line typed is sent as a scanned code
 * The devices file comes from LINLI_DEVICES_FILE or --file <path>.
 */
import { createInterface } from 'node:readline';
import { LinliError, PERIPHERAL_KIND_OF_DRIVER, type PeripheralsFile } from '@linli/protocol';
import { listAttached } from '@linli/device-drivers/discovery/list-attached';
import { DEMO_CARDS } from '@linli/device-drivers/id-card/demo-cards';
import { attachIdCardSimulator } from '@linli/device-drivers/id-card/id-card-simulator';
import { describeEvent } from '@linli/device-drivers/receipt-printer/escpos-decoder';
import { startPrinterSimulator } from '@linli/device-drivers/receipt-printer/printer-simulator';
import { openPtyPair } from '@linli/device-drivers/transport/pty-pair';
import { openSerialTransport } from '@linli/device-drivers/transport/serial-transport';
import { startPeripheralManager, type PeripheralManager } from './peripherals/peripheral-manager';
import { maskIdCard } from './peripherals/mask-id-card';
import { loadPeripheralsFile } from './peripherals/peripherals-file';

const USAGE = `usage: npm run devices -- list | probe <id> | read-card [id] | test-print <id> | simulate idreader [${Object.keys(DEMO_CARDS).join('|')}] | simulate printer [port] | simulate scanner   (--file devices.json)`;

function deviceFile(args: string[]): PeripheralsFile {
  const flag = args.indexOf('--file');
  const file = flag >= 0 ? args[flag + 1] : process.env.LINLI_DEVICES_FILE;
  if (!file) throw new LinliError('CONFIG_INVALID', 'No devices file: pass --file <path> or set LINLI_DEVICES_FILE');
  return loadPeripheralsFile(file);
}

/** Starts only the named device (or the first of a kind) and waits until its health settles. */
async function startOne(args: string[], id: string | undefined, kind?: 'id-card-reader'): Promise<PeripheralManager> {
  const file = deviceFile(args);
  const entry = file.peripherals.find((candidate) =>
    id ? candidate.id === id : PERIPHERAL_KIND_OF_DRIVER[candidate.driver] === kind,
  );
  if (!entry)
    throw new LinliError(
      'PERIPHERAL_UNKNOWN',
      id ? `No device '${id}' in the devices file` : `No ${kind} in the devices file`,
    );
  const manager = startPeripheralManager({ peripherals: [entry] }, (line) => console.log(line));
  await new Promise<void>((resolve) => {
    const settled = () => manager.health()[0]?.state !== 'starting';
    if (settled()) return resolve();
    const timer = setTimeout(resolve, 8000);
    manager.onChange(() => settled() && (clearTimeout(timer), resolve()));
  });
  return manager;
}

async function main(args: string[]): Promise<void> {
  const [command, subject, option] = args.filter((arg, index) => arg !== '--file' && args[index - 1] !== '--file');
  switch (command) {
    case 'list': {
      const attached = await listAttached();
      const section = (title: string, devices: { path: string; description: string }[]) =>
        console.log(
          `${title}:\n${devices.length ? devices.map((d) => `  ${d.path}  ${d.description}`).join('\n') : '  (none)'}`,
        );
      section('Serial ports', attached.serialPorts);
      section('HID devices', attached.hidDevices);
      section('USB printers', attached.usbPrinters);
      section('Spooler printers', attached.systemPrinters);
      for (const problem of attached.problems) console.log(`! ${problem}`);
      return;
    }
    case 'probe': {
      const manager = await startOne(args, subject);
      const [health] = manager.health();
      console.log(`${health!.id} (${health!.driver}): ${health!.state}${health!.detail ? ` — ${health!.detail}` : ''}`);
      await manager.stop();
      process.exitCode = health!.state === 'ok' ? 0 : 1;
      return;
    }
    case 'read-card': {
      const manager = await startOne(args, subject, 'id-card-reader');
      console.log('Place an ID card on the reader (30 s) …');
      try {
        const card = await manager.readIdCard(AbortSignal.timeout(30_000));
        console.log(JSON.stringify(maskIdCard(card), null, 2));
      } finally {
        await manager.stop();
      }
      return;
    }
    case 'test-print': {
      if (!subject) throw new LinliError('VALIDATION_FAILED', USAGE);
      const manager = await startOne(args, subject);
      try {
        await manager.testPrint(subject);
        console.log(`Test page sent to ${subject} and confirmed by the printer.`);
      } finally {
        await manager.stop();
      }
      return;
    }
    case 'simulate':
      if (subject === 'printer') return simulatePrinter(Number(option ?? 9100));
      if (subject === 'idreader') return simulateReader(option ?? 'resident');
      if (subject === 'scanner') return simulateScanner();
      throw new LinliError('VALIDATION_FAILED', USAGE);
    default:
      throw new LinliError('VALIDATION_FAILED', USAGE);
  }
}

async function simulateReader(cardName: string): Promise<void> {
  const card = DEMO_CARDS[cardName as keyof typeof DEMO_CARDS];
  if (!card)
    throw new LinliError(
      'VALIDATION_FAILED',
      `Unknown demo card '${cardName}'; one of ${Object.keys(DEMO_CARDS).join(', ')}`,
    );
  const pair = await openPtyPair();
  const reader = attachIdCardSimulator(await openSerialTransport(pair.deviceEnd));
  let placed = true;
  reader.placeCard(card);
  console.log(`ID card reader simulator on ${pair.hostEnd}`);
  console.log(`  devices file entry: { "id": "idcard", "driver": "ga467-serial", "path": "${pair.hostEnd}" }`);
  console.log(`  card '${cardName}' is on the reader. Enter: remove / place it again. Ctrl+C: stop.`);
  createInterface({ input: process.stdin }).on('line', () => {
    placed = !placed;
    if (placed) reader.placeCard(card);
    else reader.removeCard();
    console.log(placed ? 'card placed' : 'card removed');
  });
  process.once('SIGINT', () => void pair.close().then(() => process.exit(0)));
}

async function simulateScanner(): Promise<void> {
  const pair = await openPtyPair();
  const scannerSide = await openSerialTransport(pair.deviceEnd, 9600);
  console.log(`Serial scanner simulator on ${pair.hostEnd}`);
  console.log(`  devices file entry: { "id": "scanner", "driver": "serial-scanner", "path": "${pair.hostEnd}" }`);
  console.log('  Type a code and Enter to "scan" it (e.g. LINLI:guide:zhengming-community-residence). Ctrl+C: stop.');
  // Scanners end each code with CR LF.
  createInterface({ input: process.stdin }).on(
    'line',
    (line) => void scannerSide.write(Buffer.from(`${line}\r\n`)).then(() => console.log(`scanned ${line}`)),
  );
  process.once('SIGINT', () => void pair.close().then(() => process.exit(0)));
}

async function simulatePrinter(port: number): Promise<void> {
  const printer = await startPrinterSimulator({ port });
  let paperOut = false;
  console.log(`ESC/POS printer simulator on ${printer.host}:${printer.port}`);
  console.log(
    `  devices file entry: { "id": "receipt", "driver": "escpos-tcp", "host": "${printer.host}", "port": ${printer.port} }`,
  );
  console.log('  p + Enter: toggle paper out. Ctrl+C: stop. What it prints follows:\n');
  printer.onEvent((event) => {
    if (event.type !== 'status-request') process.stdout.write(describeEvent(event));
  });
  createInterface({ input: process.stdin }).on('line', (line) => {
    if (line.trim() !== 'p') return;
    paperOut = !paperOut;
    printer.paperOut(paperOut);
    console.log(paperOut ? '[paper out]' : '[paper loaded]');
  });
  process.once('SIGINT', () => void printer.close().then(() => process.exit(0)));
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(error instanceof LinliError ? `${error.code}: ${error.message}` : error);
  process.exit(2);
});
