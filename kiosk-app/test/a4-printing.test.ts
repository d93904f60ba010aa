// An A4 printer as the kiosk runs it: a real CUPS with a cups-pdf queue behind the system-printer
// driver, its health followed and its test page checked in the PDF the "printer" produced.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { addCupsPdfQueue } from '../../device-drivers/test/cups-fixture';
import { createPeripheralBridge } from '../host/peripherals/peripheral-bridge';
import { startPeripheralManager } from '../host/peripherals/peripheral-manager';
import { untilFirst } from './peripheral-health';
import { createMaintenanceLock } from '../host/peripherals/maintenance-lock';

test(
  'the A4 test page comes out of CUPS with its Chinese text; a paused queue shows as a fault',
  { timeout: 90_000 },
  async (t) => {
    const queue = await addCupsPdfQueue('LinliKioskA4');
    t.after(() => queue.remove());
    const manager = startPeripheralManager(
      {
        maintenancePin: '2468',
        peripherals: [{ id: 'a4', driver: 'system-printer', printer: queue.queue, server: queue.server }],
      },
      () => undefined,
      { checkEveryMs: 300 },
    );
    t.after(() => manager.stop());
    await untilFirst(manager, (health) => health.state === 'ok');

    const devices = createPeripheralBridge(manager, createMaintenanceLock('2468'), () => undefined);
    await devices.bridge.unlockMaintenance({ pin: '2468' });
    await devices.bridge.testPrint({ peripheralId: 'a4' });
    const output = await queue.waitForLatestOutput();
    const text = execFileSync('pdftotext', [output, '-'], { encoding: 'utf8' });
    rmSync(output);
    assert.match(text, /打印测试/);
    assert.match(text, new RegExp(`打印机：a4`));

    await queue.admin('cupsdisable', [queue.queue]);
    await untilFirst(manager, (health) => health.state === 'error' && /paused/.test(health.detail ?? ''));
    await assert.rejects(devices.bridge.testPrint({ peripheralId: 'a4' }), { code: 'PERIPHERAL_UNAVAILABLE' });
    await queue.admin('cupsenable', [queue.queue]);
    await untilFirst(manager, (health) => health.state === 'ok');
  },
);
