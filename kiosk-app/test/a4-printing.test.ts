// An A4 printer as the kiosk runs it: a real CUPS with a cups-pdf queue behind the system-printer
// driver, its health followed and its test page checked in the PDF the "printer" produced.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import type { PeripheralHealth } from '@linli/protocol';
import { addCupsPdfQueue } from '../../device-drivers/test/cups-fixture';
import { createDeviceBridge } from '../host/devices/device-bridge';
import { startDeviceManager, type DeviceManager } from '../host/devices/device-manager';
import { createMaintenanceLock } from '../host/devices/maintenance-lock';

function until(manager: DeviceManager, predicate: (health: PeripheralHealth) => boolean, ms = 15_000): Promise<void> {
  return new Promise((resolve, reject) => {
    const met = () => predicate(manager.health()[0]!);
    if (met()) return resolve();
    const timer = setTimeout(() => reject(new Error(`timed out; health: ${JSON.stringify(manager.health())}`)), ms);
    const off = manager.onChange(() => {
      if (!met()) return;
      clearTimeout(timer);
      off();
      resolve();
    });
  });
}

test('the A4 test page comes out of CUPS with its Chinese text; a paused queue shows as a fault', { timeout: 90_000 }, async (t) => {
  const queue = await addCupsPdfQueue('LinliKioskA4');
  t.after(() => queue.remove());
  const manager = startDeviceManager({ maintenancePin: '2468', peripherals: [{ id: 'a4', driver: 'system-printer', printer: queue.queue }] }, () => undefined, { checkEveryMs: 300 });
  t.after(() => manager.stop());
  await until(manager, (health) => health.state === 'ok');

  const devices = createDeviceBridge(manager, createMaintenanceLock('2468'), () => undefined);
  await devices.bridge.unlockMaintenance({ pin: '2468' });
  await devices.bridge.testPrint({ peripheralId: 'a4' });
  const jobs = execFileSync('lpstat', ['-h', queue.server, '-W', 'completed', '-o', queue.queue], { encoding: 'utf8' });
  const jobId = Number(/-(\d+)\s/.exec(jobs.trim().split('\n').at(-1)!)![1]);
  const output = await queue.waitForOutput(jobId);
  const text = execFileSync('pdftotext', [output, '-'], { encoding: 'utf8' });
  rmSync(output);
  assert.match(text, /打印测试/);
  assert.match(text, new RegExp(`打印机：a4`));

  await queue.admin('cupsdisable', [queue.queue]);
  await until(manager, (health) => health.state === 'error' && /paused/.test(health.detail ?? ''));
  await assert.rejects(devices.bridge.testPrint({ peripheralId: 'a4' }), { code: 'PERIPHERAL_UNAVAILABLE' });
  await queue.admin('cupsenable', [queue.queue]);
  await until(manager, (health) => health.state === 'ok');
});
