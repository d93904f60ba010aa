/**
 * The ID card reader simulator on a real pty pair, and a kiosk devices file naming it (with any
 * other peripherals), in a temporary folder; all closed and removed after their owner.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { attachIdCardSimulator } from '../../device-drivers/src/id-card/id-card-simulator';
import { openPtyPair } from '../../device-drivers/src/transport/pty-pair';
import { openSerialTransport } from '../../device-drivers/src/transport/serial-transport';
import type { Owner } from './kiosk-fixture';

export async function simulatedCardReader(t: Owner, otherPeripherals: object[] = []) {
  const pair = await openPtyPair();
  const readerSide = await openSerialTransport(pair.deviceEnd);
  const reader = attachIdCardSimulator(readerSide);
  const dir = mkdtempSync(path.join(tmpdir(), 'linli-card-reader-'));
  t.after(async () => {
    await readerSide.close();
    await pair.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const devicesFile = path.join(dir, 'devices.json');
  writeFileSync(
    devicesFile,
    JSON.stringify({
      peripherals: [{ id: 'idcard', driver: 'ga467-serial', path: pair.hostEnd }, ...otherPeripherals],
    }),
  );
  return { reader, devicesFile };
}
