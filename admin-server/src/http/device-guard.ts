/**
 * The check of the device API's scope, before the body is read (onRequest): the protocol version
 * the device speaks, then its credentials (401 for an unknown or revoked device).
 */
import { LinliError, MIN_PROTOCOL_VERSION, PROTOCOL_VERSION, PROTOCOL_VERSION_HEADER } from '@linli/protocol';
import type { FastifyRequest } from 'fastify';
import type { DeviceService } from '../domain/devices';

const requestDevices = new WeakMap<FastifyRequest, string>();

/**
 * The protocol version a device speaks; one outside what this server speaks is told to update. A
 * client that names none (a script, curl) gets the current protocol.
 */
export function protocolOf(request: FastifyRequest): number {
  const header = request.headers[PROTOCOL_VERSION_HEADER];
  const version = header === undefined ? PROTOCOL_VERSION : Number(header);
  if (!Number.isInteger(version) || version < MIN_PROTOCOL_VERSION || version > PROTOCOL_VERSION) {
    throw new LinliError(
      'VERSION_NOT_SUPPORTED',
      `Protocol version ${String(header)} is not supported; this server speaks ${MIN_PROTOCOL_VERSION}–${PROTOCOL_VERSION}`,
    );
  }
  return version;
}

export function deviceGuard(devices: DeviceService) {
  return async (request: FastifyRequest) => {
    protocolOf(request);
    requestDevices.set(request, await devices.authenticate(request.headers.authorization));
  };
}

/** The authenticated device of a request in the device scope (the guard has let it through). */
export function deviceIdOf(request: FastifyRequest): string {
  const deviceId = requestDevices.get(request);
  if (!deviceId) throw new LinliError('DEVICE_UNKNOWN');
  return deviceId;
}
