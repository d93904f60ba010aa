// The kiosk's peripheral side with a real ID card reader simulator on a real pty pair: start-up,
// reading, unplug and replug, and what the bridge hands the renderer.
import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { LinliError } from '@linli/protocol';
import { attachIdCardSimulator } from '../../device-drivers/src/id-card/id-card-simulator';
import { DEMO_CARDS } from '../../device-drivers/src/id-card/demo-cards';
import { openSerialTransport } from '../../device-drivers/src/transport/serial-transport';
import { openPtyPair, type PtyPair } from '../../device-drivers/src/transport/pty-pair';
import { createPeripheralBridge } from '../host/peripherals/peripheral-bridge';
import { startPeripheralManager } from '../host/peripherals/peripheral-manager';
import { untilHealth } from './peripheral-health';
import { createMaintenanceLock } from '../host/peripherals/maintenance-lock';
import { maskIdNumber, maskName } from '@linli/protocol';
import { maskIdCard } from '../host/peripherals/mask-id-card';
import { loadPeripheralsFile, parsePeripheralsFile } from '../host/peripherals/peripherals-file';

async function plugInReader(pair: PtyPair) {
  const deviceSide = await openSerialTransport(pair.deviceEnd);
  return { simulator: attachIdCardSimulator(deviceSide), deviceSide };
}

async function kioskWithReader(t: TestContext) {
  const pair = await openPtyPair();
  const plugged = await plugInReader(pair);
  const logs: string[] = [];
  const manager = startPeripheralManager(
    { maintenancePin: '2468', peripherals: [{ id: 'idcard', driver: 'ga467-serial', path: pair.hostEnd }] },
    (line) => logs.push(line),
    { checkEveryMs: 300 },
  );
  t.after(async () => {
    await manager.stop();
    await plugged.deviceSide.close();
    await pair.close();
  });
  await untilHealth(manager, ([reader]) => reader?.state === 'ok');
  return { pair, manager, logs, ...plugged };
}

test('devices files: unknown drivers, bad fields, duplicate ids and unreadable files are start-up errors naming the entry', () => {
  const unknown = JSON.stringify({
    peripherals: [
      { id: 'idcard', driver: 'ga467-serial', path: '/dev/ttyUSB0' },
      { id: 'laser', driver: 'laser-engraver' },
    ],
  });
  assert.throws(
    () => parsePeripheralsFile(unknown, 'devices.json'),
    (error: LinliError) =>
      error.code === 'CONFIG_INVALID' && /entry 2 \(laser\) has unknown driver 'laser-engraver'/.test(error.message),
  );
  const badPort = JSON.stringify({
    peripherals: [{ id: 'receipt', driver: 'escpos-tcp', host: 'printer.local', port: 99999 }],
  });
  assert.throws(
    () => parsePeripheralsFile(badPort, 'devices.json'),
    (error: LinliError) => error.code === 'CONFIG_INVALID' && /\/peripherals\/0\/port/.test(error.message),
  );
  const shellInServer = JSON.stringify({
    peripherals: [{ id: 'a4', driver: 'system-printer', server: 'localhost:631; rm -rf /' }],
  });
  assert.throws(
    () => parsePeripheralsFile(shellInServer, 'devices.json'),
    (error: LinliError) => error.code === 'CONFIG_INVALID' && /\/peripherals\/0\/server/.test(error.message),
  );
  const privateCups = JSON.stringify({
    peripherals: [{ id: 'a4', driver: 'system-printer', printer: 'Office', server: '127.0.0.1:6310' }],
  });
  assert.deepEqual(parsePeripheralsFile(privateCups, 'devices.json').peripherals[0], {
    id: 'a4',
    driver: 'system-printer',
    printer: 'Office',
    server: '127.0.0.1:6310',
  });
  const twice = JSON.stringify({
    peripherals: [
      { id: 'scan', driver: 'keyboard-wedge-scanner' },
      { id: 'scan', driver: 'keyboard-wedge-scanner' },
    ],
  });
  assert.throws(() => parsePeripheralsFile(twice, 'devices.json'), /'scan' is used twice/);
  assert.throws(() => parsePeripheralsFile('{', 'devices.json'), /devices.json is not JSON/);
  assert.throws(
    () => loadPeripheralsFile('/nonexistent/devices.json'),
    (error: LinliError) => error.code === 'CONFIG_INVALID' && /ENOENT/.test(error.message),
  );
  const dir = mkdtempSync(path.join(os.tmpdir(), 'linli-devices-'));
  writeFileSync(
    path.join(dir, 'devices.json'),
    JSON.stringify({ maintenancePin: '2468', peripherals: [{ id: 'scan', driver: 'keyboard-wedge-scanner' }] }),
  );
  assert.equal(loadPeripheralsFile(path.join(dir, 'devices.json')).peripherals[0]!.driver, 'keyboard-wedge-scanner');
  rmSync(dir, { recursive: true });
});

test('names and numbers are masked the way the screen shows them', () => {
  assert.equal(maskName('张三'), '张*');
  assert.equal(maskName('张小三'), '张*三');
  assert.equal(maskName('欧阳小明'), '欧**明');
  assert.equal(maskName('SMITH, JOHN'), 'S***, J***');
  assert.equal(maskIdNumber('11010519491231002X'), '1101**********002X');
  assert.equal(maskIdNumber('CAN110075031501'), 'CAN1*******1501');
  const masked = maskIdCard(DEMO_CARDS.resident);
  assert.deepEqual(masked, {
    cardType: 'resident',
    name: '张*三',
    idNumber: '1101**********002X',
    gender: 'male',
    nation: '汉',
    validTo: '长期',
  });
  assert.ok(!JSON.stringify(masked).includes('北京市'), 'the address is not shown');
});

test('the reader comes up ok; the bridge returns the card masked and keeps the full card only until the visit ends', async (t) => {
  const { manager, simulator, logs } = await kioskWithReader(t);
  const peripherals = createPeripheralBridge(manager, createMaintenanceLock('2468'), () => undefined);
  const view = await peripherals.bridge.getPeripherals({});
  assert.equal(view.idCardReader, true);
  assert.equal(view.maintenance, true);
  assert.deepEqual(
    view.peripherals.map((d) => [d.id, d.kind, d.state]),
    [['idcard', 'id-card-reader', 'ok']],
  );

  const reading = peripherals.bridge.readIdCard({ timeoutSec: 5 });
  setTimeout(() => simulator.placeCard(DEMO_CARDS.resident), 200);
  assert.deepEqual(await reading, {
    cardType: 'resident',
    name: '张*三',
    idNumber: '1101**********002X',
    gender: 'male',
    nation: '汉',
    validTo: '长期',
  });
  assert.equal(peripherals.currentCard()?.idNumber, '11010519491231002X');

  // The same card still lying there is not handed to the next visit.
  peripherals.endVisit();
  assert.equal(peripherals.currentCard(), undefined);
  await assert.rejects(manager.readIdCard(AbortSignal.timeout(600)), { name: 'TimeoutError' });
  const cancelled = peripherals.bridge.readIdCard({ timeoutSec: 60 });
  setTimeout(() => void peripherals.bridge.cancelIdCard({}), 300);
  await assert.rejects(cancelled, { code: 'ID_CARD_TIMEOUT' });
  assert.ok(
    logs.every((line) => !line.includes('张') && !line.includes('110105')),
    'nothing personal in the logs',
  );
});

test('unplugging the reader turns it offline with a reason; plugging it back brings it back', async (t) => {
  const { pair, manager, deviceSide } = await kioskWithReader(t);
  let changes = 0;
  manager.onChange(() => changes++);
  await deviceSide.close();
  await pair.close(true);
  await untilHealth(manager, ([reader]) => reader?.state === 'offline');
  assert.ok(changes >= 1, 'the change was announced');
  await assert.rejects(manager.readIdCard(AbortSignal.timeout(2000)), { code: 'PERIPHERAL_UNAVAILABLE' });

  const replugged = await openPtyPair(pair.dir);
  const { simulator, deviceSide: newDeviceSide } = await plugInReader(replugged);
  t.after(async () => {
    await newDeviceSide.close();
    await replugged.close();
  });
  await untilHealth(manager, ([reader]) => reader?.state === 'ok', 15_000);
  simulator.placeCard(DEMO_CARDS.foreign2017);
  assert.equal((await manager.readIdCard(AbortSignal.timeout(5000))).nationality, 'CAN');
});

test('a kiosk without a reader says so at once instead of waiting', async () => {
  const manager = startPeripheralManager(
    { peripherals: [{ id: 'scan', driver: 'keyboard-wedge-scanner', maxKeyGapMs: 30 }] },
    () => undefined,
  );
  const peripherals = createPeripheralBridge(manager, createMaintenanceLock(undefined), () => undefined);
  const view = await peripherals.bridge.getPeripherals({});
  assert.equal(view.idCardReader, false);
  assert.equal(view.maintenance, false);
  assert.deepEqual(view.wedgeScanner, { maxKeyGapMs: 30, minLength: 4 });
  await assert.rejects(peripherals.bridge.readIdCard({ timeoutSec: 5 }), { code: 'PERIPHERAL_UNKNOWN' });
  await assert.rejects(peripherals.bridge.unlockMaintenance({ pin: '0000' }), { code: 'MAINTENANCE_PIN_WRONG' });
  await manager.stop();
});

test('the maintenance PIN opens the screen for one visit and locks out guessing', () => {
  let clock = 0;
  const lock = createMaintenanceLock('2468', () => clock);
  assert.throws(() => lock.assertUnlocked(), { code: 'MAINTENANCE_PIN_WRONG' });
  for (let i = 0; i < 5; i++) assert.throws(() => lock.unlock('1111'), { code: 'MAINTENANCE_PIN_WRONG' });
  assert.throws(() => lock.unlock('2468'), { code: 'TOO_MANY_ATTEMPTS' }, 'even the right PIN waits out the lockout');
  clock += 5 * 60_000;
  lock.unlock('2468');
  assert.doesNotThrow(() => lock.assertUnlocked());
  lock.lock();
  assert.equal(lock.unlocked, false);
});
