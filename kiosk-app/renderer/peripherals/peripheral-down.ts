import type { PeripheralHealth } from '@linli/protocol';

/** A peripheral the resident should be told about now: offline or faulty. One still starting is waited for. */
export function peripheralDown(peripheral: PeripheralHealth | undefined): boolean {
  return peripheral !== undefined && peripheral.state !== 'ok' && peripheral.state !== 'starting';
}
