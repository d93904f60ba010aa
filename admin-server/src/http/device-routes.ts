/** Enrollment, device heartbeats, and the fleet view for admins. */
import Type from 'typebox';
import { DeviceList, EnrollReply, EnrollRequest, ErrorBody, Heartbeat, IdParams, LinliError, MIN_PROTOCOL_VERSION, PROTOCOL_VERSION, PROTOCOL_VERSION_HEADER } from '@linli/protocol';
import type { FastifyRequest } from 'fastify';
import type { DeviceService } from '../domain/devices';
import type { SignInService } from '../domain/sign-in';
import { actorOf, requireSession } from './auth-routes';
import type { TypedApp } from './typed-app';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody };

/**
 * The authenticated device of a request (every device route calls this first). Devices name their
 * protocol version; one outside what this server speaks is told to update.
 */
export function deviceOf(devices: DeviceService, request: FastifyRequest): Promise<string> {
  const header = request.headers[PROTOCOL_VERSION_HEADER];
  const version = header === undefined ? MIN_PROTOCOL_VERSION : Number(header);
  if (!Number.isInteger(version) || version < MIN_PROTOCOL_VERSION || version > PROTOCOL_VERSION) {
    throw new LinliError('VERSION_NOT_SUPPORTED', `Protocol version ${String(header)} is not supported; this server speaks ${MIN_PROTOCOL_VERSION}–${PROTOCOL_VERSION}`);
  }
  return devices.authenticate(request.headers.authorization);
}

export function registerDeviceRoutes(app: TypedApp, deps: { devices: DeviceService; signIn: SignInService }): void {
  const { devices } = deps;

  app.post('/api/v1/devices/enroll', {
    schema: { tags: ['devices'], summary: 'Enroll a device with the enrollment code', body: EnrollRequest, response: { 200: EnrollReply, ...errors } },
  }, async (request) => {
    const reply = await devices.enroll(request.body.code, request.body.name);
    request.log.info({ deviceId: reply.deviceId }, 'device enrolled');
    return reply;
  });

  app.post('/api/v1/devices/heartbeat', {
    schema: { tags: ['devices'], summary: 'Report app version, sync cursor and uptime', body: Heartbeat, response: { 204: Type.Null(), ...errors } },
  }, async (request, reply) => {
    await devices.heartbeat(await deviceOf(devices, request), request.body);
    return reply.status(204).send(null);
  });

  app.get('/api/v1/admin/devices', {
    preHandler: requireSession(deps.signIn),
    schema: { tags: ['devices'], summary: 'Enrolled devices and the enrollment code', response: { 200: DeviceList, ...errors } },
  }, async (request) => ({ devices: await devices.list(actorOf(request)), enrollmentCode: await devices.enrollmentCode() }));

  app.post('/api/v1/admin/devices/:id/revoke', {
    preHandler: requireSession(deps.signIn),
    schema: { tags: ['devices'], summary: 'Revoke a device; its requests get 401 from now on', params: IdParams, response: { 204: Type.Null(), ...errors } },
  }, async (request, reply) => {
    await devices.revoke(actorOf(request), request.params.id);
    return reply.status(204).send(null);
  });
}
