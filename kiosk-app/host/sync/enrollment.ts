/** A device's credentials: read from its data folder, or got once by enrolling with the enrollment code. */
import { LinliError, type DeviceKind } from '@linli/protocol';
import { readCredentials, writeCredentials, type DeviceCredentials } from '../storage/device-credentials';
import { backoffDelayMs } from './backoff';
import { enrollDevice, type FetchLike } from './server-client';

const ENROLL_RETRY_CAP_MS = 30_000;

/** What enrolling needs from a device's configuration (kiosk or player). */
export interface EnrollmentConfig {
  serverUrl: string;
  enrollmentCode: string | undefined;
  deviceName: string;
}

/**
 * Enrolls once with the enrollment code and remembers the device's credentials. A device switched
 * on before the network is up keeps trying; a wrong code stops it with the reason.
 */
export async function credentialsFor(
  config: EnrollmentConfig,
  fetchImpl: FetchLike,
  file: string,
  log: (message: string) => void,
  kind: DeviceKind = 'kiosk',
): Promise<DeviceCredentials> {
  const stored = readCredentials(file);
  if (stored && stored.serverUrl === config.serverUrl) return stored;
  const code = config.enrollmentCode;
  if (!code)
    throw new LinliError(
      'ENROLLMENT_CODE_INVALID',
      `This ${kind === 'player' ? 'player' : 'kiosk'} is not enrolled yet: set LINLI_ENROLLMENT_CODE to the code shown in the admin UI`,
    );
  for (let failures = 1; ; failures++) {
    try {
      const reply = await enrollDevice(fetchImpl, config.serverUrl, code, config.deviceName, kind);
      const credentials: DeviceCredentials = {
        deviceId: reply.deviceId,
        secret: reply.secret,
        serverUrl: config.serverUrl,
        ...(reply.signageKeys ? { signageKeys: reply.signageKeys } : {}),
      };
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
