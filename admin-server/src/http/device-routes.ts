/** What devices call: enrollment (open, with the enrollment code), heartbeats and command answers. */
import Type from 'typebox';
import { CommandResult, EnrollReply, EnrollRequest, ErrorBody, Heartbeat } from '@linli/protocol';
import type { DeviceCommands } from '../domain/device-commands';
import type { DeviceService } from '../domain/devices';
import { deviceIdOf } from './device-guard';
import type { TypedApp } from './typed-app';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };
const MAX_RESULT_BYTES = 10 * 1024 * 1024;

/** Open: a device without credentials yet enrolls with the enrollment code. */
export function registerEnrollRoute(app: TypedApp, deps: { devices: DeviceService }): void {
  const { devices } = deps;
  app.post(
    '/devices/enroll',
    {
      schema: {
        tags: ['devices'],
        summary: 'Enroll a device with the enrollment code',
        description:
          'A kiosk unless `kind` says otherwise. A signage player is also given `signageKeys`, the keys it trusts from then on.',
        body: EnrollRequest,
        response: { 200: EnrollReply, ...errors },
      },
    },
    async (request) => {
      const { code, name, kind } = request.body;
      const reply = await devices.enroll(code, name, request.ip, kind);
      request.log.info({ deviceId: reply.deviceId, kind: kind ?? 'kiosk' }, 'device enrolled');
      return reply;
    },
  );
}

/** In the device scope: the device is authenticated before its request is read. */
export function registerDeviceRoutes(
  app: TypedApp,
  deps: { devices: DeviceService; deviceCommands: DeviceCommands },
): void {
  const { devices, deviceCommands } = deps;
  app.post(
    '/devices/heartbeat',
    {
      schema: {
        tags: ['devices'],
        summary: 'Report app version, sync cursor and uptime',
        body: Heartbeat,
        response: { 204: Type.Null(), ...errors },
      },
    },
    async (request, reply) => {
      await devices.heartbeat(deviceIdOf(request), request.body);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/devices/commands/:id/result',
    {
      bodyLimit: MAX_RESULT_BYTES,
      schema: {
        tags: ['sync'],
        summary: 'A device answers a command it received on its feed',
        params: Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) }),
        body: CommandResult,
        response: { 204: Type.Null(), ...errors },
      },
    },
    async (request, reply) => {
      await deviceCommands.report(deviceIdOf(request), request.params.id, request.body);
      return reply.status(204).send(null);
    },
  );
}
