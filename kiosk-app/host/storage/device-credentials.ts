/**
 * The device id and secret from enrollment, kept in a file only the device's user can read. A
 * player keeps the signage keys it trusts here too, not in the cache: the cache may be thrown away
 * and rebuilt from the server, while trust must only ever move forward from what enrollment gave.
 */
import { readFileSync, writeFileSync, renameSync } from 'node:fs';
import type { SignagePublicKey } from '@linli/protocol';

export interface DeviceCredentials {
  deviceId: string;
  secret: string;
  serverUrl: string;
  /** Players: the keys signage must be signed with (from enrollment, then from accepted key sets). */
  signageKeys?: SignagePublicKey[];
}

export function readCredentials(file: string): DeviceCredentials | undefined {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as DeviceCredentials;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

export function writeCredentials(file: string, credentials: DeviceCredentials): void {
  writeFileSync(`${file}.tmp`, JSON.stringify(credentials), { mode: 0o600 });
  renameSync(`${file}.tmp`, file);
}
