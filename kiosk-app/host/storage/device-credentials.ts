/** The device id and secret from enrollment, kept in a file only the kiosk user can read. */
import { readFileSync, writeFileSync, renameSync } from 'node:fs';

export interface DeviceCredentials {
  deviceId: string;
  secret: string;
  serverUrl: string;
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
