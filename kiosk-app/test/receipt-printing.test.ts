// Receipt printers as the kiosk runs them: the real driver against the ESC/POS simulator over real
// TCP (a network printer) and over a pty opened as a file (a USB printer-class device).
import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { healthReportOf, type PeripheralConfig } from '@linli/protocol';
import {
  startPrinterSimulator,
  attachPrinterSimulator,
} from '../../device-drivers/src/receipt-printer/printer-simulator';
import { openSerialTransport } from '../../device-drivers/src/transport/serial-transport';
import { openPtyPair } from '../../device-drivers/src/transport/pty-pair';
import { createPeripheralBridge } from '../host/peripherals/peripheral-bridge';
import { startPeripheralManager } from '../host/peripherals/peripheral-manager';
import { untilFirst } from './peripheral-health';
import { createMaintenanceLock } from '../host/peripherals/maintenance-lock';

async function kioskWithPrinter(t: TestContext, config: PeripheralConfig) {
  const manager = startPeripheralManager({ maintenancePin: '2468', peripherals: [config] }, () => undefined, {
    checkEveryMs: 300,
  });
  t.after(() => manager.stop());
  const devices = createPeripheralBridge(manager, createMaintenanceLock('2468'), () => undefined);
  return { manager, devices };
}

test('a network receipt printer: test print only after the PIN, Chinese on paper, paper out shown and refused', async (t) => {
  const printer = await startPrinterSimulator({ port: 0 });
  t.after(() => printer.close());
  const { manager, devices } = await kioskWithPrinter(t, {
    id: 'receipt',
    driver: 'escpos-tcp',
    host: '127.0.0.1',
    port: printer.port,
    paperWidthMm: 58,
  });
  await untilFirst(manager, (health) => health.state === 'ok');

  await assert.rejects(devices.bridge.testPrint({ peripheralId: 'receipt' }), { code: 'MAINTENANCE_PIN_WRONG' });
  await devices.bridge.unlockMaintenance({ pin: '2468' });
  await devices.bridge.testPrint({ peripheralId: 'receipt' });
  assert.match(printer.printedText(), /打印测试/);
  assert.match(printer.printedText(), /receipt/);
  assert.match(printer.transcript(), /\[QR: LINLI-PRINT-TEST receipt/);
  await assert.rejects(devices.bridge.testPrint({ peripheralId: 'nope' }), { code: 'PERIPHERAL_UNKNOWN' });

  printer.paperOut(true);
  await untilFirst(manager, (health) => health.state === 'paper-out');
  printer.clear();
  await assert.rejects(devices.bridge.testPrint({ peripheralId: 'receipt' }), { code: 'PRINTER_PAPER_OUT' });
  assert.equal(printer.printedText(), '', 'nothing printed without paper');
  printer.paperOut(false);
  await untilFirst(manager, (health) => health.state === 'ok');

  devices.endVisit();
  await assert.rejects(
    devices.bridge.testPrint({ peripheralId: 'receipt' }),
    { code: 'MAINTENANCE_PIN_WRONG' },
    'the maintenance screen closes with the visit',
  );
});

test('a printer switched off mid-job: the job fails loudly, the printer shows offline, then reconnects', async (t) => {
  const printer = await startPrinterSimulator({ port: 0 });
  t.after(() => printer.close());
  const { manager } = await kioskWithPrinter(t, {
    id: 'receipt',
    driver: 'escpos-tcp',
    host: '127.0.0.1',
    port: printer.port,
  });
  await untilFirst(manager, (health) => health.state === 'ok');
  printer.dropConnectionAfter(40);
  await assert.rejects(
    manager.printReceipt(Buffer.concat([Buffer.of(0x1b, 0x40), Buffer.alloc(4000, 0x41), Buffer.of(0x0a)])),
    (error: Error & { code?: string }) => ['PRINT_FAILED', 'PERIPHERAL_UNAVAILABLE'].includes(error.code ?? ''),
  );
  await untilFirst(manager, (health) => health.state === 'offline');
  await untilFirst(manager, (health) => health.state === 'ok', 15_000);
  await manager.printReceipt(Buffer.from('OK\n'));
  assert.match(printer.printedText(), /OK/);
});

test('a USB printer-class device is written as a file and answers status on read', async (t) => {
  const pair = await openPtyPair();
  const printerSide = await openSerialTransport(pair.deviceEnd);
  const printer = attachPrinterSimulator(printerSide);
  t.after(async () => {
    printer.detach();
    await printerSide.close();
    await pair.close();
  });
  const { manager } = await kioskWithPrinter(t, {
    id: 'usb-receipt',
    driver: 'escpos-usb',
    path: pair.hostEnd,
    paperWidthMm: 80,
  });
  await untilFirst(manager, (health) => health.state === 'ok');
  await manager.printReceipt(
    Buffer.concat([Buffer.of(0x1b, 0x40, 0x1c, 0x26), Buffer.from([0xc9, 0xe7, 0xc7, 0xf8, 0x0a])]),
  );
  assert.match(printer.printedText(), /社区/);
});

test('a printer that is not there is offline with the reason (to the server only its code), and printing says so at once', async (t) => {
  const { manager } = await kioskWithPrinter(t, { id: 'receipt', driver: 'escpos-tcp', host: '127.0.0.1', port: 1 });
  await untilFirst(manager, (health) => health.state === 'offline' && /Cannot connect/.test(health.detail ?? ''));
  const [report] = healthReportOf(manager.health());
  assert.equal(report?.code, 'PERIPHERAL_UNAVAILABLE');
  assert.doesNotMatch(JSON.stringify(report), /127\.0\.0\.1|Cannot connect/, 'no address or words leave the kiosk');
  await assert.rejects(manager.printReceipt(Buffer.from('x')), { code: 'PERIPHERAL_UNAVAILABLE' });
});
