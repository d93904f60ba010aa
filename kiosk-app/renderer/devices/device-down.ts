import type { PeripheralHealth } from '@linli/protocol';

/** A device the resident should be told about now: offline or faulty. One still starting is waited for. */
export function deviceDown(device: PeripheralHealth | undefined): boolean {
  return device !== undefined && device.state !== 'ok' && device.state !== 'starting';
}
