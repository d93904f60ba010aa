// The peripheral worker as the kiosk runs it: a forked process owning the peripherals (here an ID card
// reader simulator on a real pty pair). Killing that process must not take the host down.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEMO_CARDS } from '../../device-drivers/src/id-card/demo-cards';
import { attachIdCardSimulator } from '../../device-drivers/src/id-card/id-card-simulator';
import { startPrinterSimulator } from '../../device-drivers/src/receipt-printer/printer-simulator';
import { openPtyPair } from '../../device-drivers/src/transport/pty-pair';
import { openSerialTransport } from '../../device-drivers/src/transport/serial-transport';
import { startPeripheralService } from '../host/peripherals/peripheral-service';
import type { WorkerLink } from '../host/peripherals/peripheral-worker-messages';
import { forkPeripheralWorker } from '../host/peripherals/fork-peripheral-worker';
import { untilHealth } from './peripheral-health';

test(
  'peripherals run in a worker process; when it crashes, calls fail clearly and it comes back by itself',
  { timeout: 60_000 },
  async (t) => {
    const pair = await openPtyPair();
    const readerSide = await openSerialTransport(pair.deviceEnd);
    const reader = attachIdCardSimulator(readerSide);
    const printer = await startPrinterSimulator({ port: 0 });
    const workers: WorkerLink[] = [];
    const logs: string[] = [];
    const service = startPeripheralService(
      {
        peripherals: [
          { id: 'idcard', driver: 'ga467-serial', path: pair.hostEnd },
          { id: 'receipt', driver: 'escpos-tcp', host: '127.0.0.1', port: printer.port },
          { id: 'scan', driver: 'keyboard-wedge-scanner', maxKeyGapMs: 20 },
        ],
      },
      {
        spawn: () => (workers.push(forkPeripheralWorker()), workers.at(-1)!),
        checkEveryMs: 500,
        log: (line) => logs.push(line),
        random: () => 0,
      },
    );
    t.after(async () => {
      await service.stop();
      await readerSide.close();
      await pair.close();
      await printer.close();
    });
    assert.deepEqual(service.wedgeScanner(), { maxKeyGapMs: 20, minLength: 4 });
    assert.equal(service.has('id-card-reader'), true);
    assert.equal(service.has('a4-printer'), false);
    await untilHealth(service, (health) => health.every((peripheral) => peripheral.state === 'ok'));

    setTimeout(() => reader.placeCard(DEMO_CARDS.resident), 100);
    assert.equal((await service.readIdCard(AbortSignal.timeout(5000))).idNumber, DEMO_CARDS.resident.idNumber);
    await service.printReceipt(Buffer.from('OK\n'));
    assert.match(printer.printedText(), /OK/);

    // A wait that is cancelled in the host is cancelled in the worker too.
    await assert.rejects(service.readIdCard(AbortSignal.timeout(300)), { name: 'TimeoutError' });

    // The worker dies mid-wait (as a crashing native binding would): the wait fails with a clear code …
    const waiting = service.readIdCard(AbortSignal.timeout(10_000));
    await new Promise((resolve) => setTimeout(resolve, 200));
    process.kill(workers[0]!.pid!, 'SIGKILL');
    await assert.rejects(
      waiting,
      (error: Error & { code?: string }) => error.code === 'PERIPHERAL_UNAVAILABLE' && /restarting/.test(error.message),
    );
    assert.ok(
      service
        .health()
        .every(
          (peripheral) => peripheral.state === 'starting' && peripheral.detail === 'peripheral service restarting',
        ),
      'every peripheral shows the restart',
    );

    // … and a new worker brings the peripherals back; this test process (the host) never stopped.
    await untilHealth(service, (health) => health.every((peripheral) => peripheral.state === 'ok'));
    assert.equal(workers.length, 2);
    reader.removeCard();
    setTimeout(() => reader.placeCard(DEMO_CARDS.foreign2017), 100);
    assert.equal((await service.readIdCard(AbortSignal.timeout(5000))).cardType, 'foreign-permanent-2017');
    assert.ok(logs.some((line) => /peripheral worker exited/.test(line)));
  },
);

test('a kiosk without peripherals starts no worker', async () => {
  let spawned = 0;
  const service = startPeripheralService(
    { peripherals: [] },
    { spawn: () => (spawned++, forkPeripheralWorker()), checkEveryMs: 1000, log: () => undefined },
  );
  assert.equal(spawned, 0);
  assert.deepEqual(service.health(), []);
  await assert.rejects(service.readIdCard(AbortSignal.timeout(100)), { code: 'PERIPHERAL_UNKNOWN' });
  await service.stop();
});
