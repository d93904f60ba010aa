/** A kiosk's credentials: read from its data folder, or got once by enrolling with the enrollment code. */
import { LinliError } from '@linli/protocol';
import type { KioskConfig } from '../config';
import { readCredentials, writeCredentials, type DeviceCredentials } from '../storage/device-credentials';
import { backoffDelayMs } from './backoff';
import { enrollDevice, type FetchLike } from './server-client';

const ENROLL_RETRY_CAP_MS = 30_000;

/**
 * Enrolls once with the enrollment code and remembers the device's credentials. A kiosk switched
 * on before the network is up keeps trying; a wrong code stops it with the reason.
 */
export async function credentialsFor(
  config: KioskConfig,
  fetchImpl: FetchLike,
  file: string,
  log: (message: string) => void,
): Promise<DeviceCredentials> {
  const stored = readCredentials(file);
  if (stored && stored.serverUrl === config.serverUrl) return stored;
  const code = config.enrollmentCode;
  if (!code)
    throw new LinliError(
      'ENROLLMENT_CODE_INVALID',
      'This kiosk is not enrolled yet: set LINLI_ENROLLMENT_CODE to the code shown in the admin UI',
    );
  for (let failures = 1; ; failures++) {
    try {
      const { deviceId, secret } = await enrollDevice(fetchImpl, config.serverUrl, code, config.deviceName);
      const credentials = { deviceId, secret, serverUrl: config.serverUrl };
      writeCredentials(file, credentials);
      return credentials;
    } catch (error) {
      if (!(error instanceof LinliError) || error.code !== 'SERVER_UNREACHABLE') throw error;
      const delay = backoffDelayMs(failures, Math.random, 1000, ENROLL_RETRY_CAP_MS);
      log(`enrollment: admin server unreachable, retrying in ${Math.round(delay / 1000)} s`);
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
}
