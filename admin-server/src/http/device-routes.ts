/** Enrollment, device heartbeats, and the fleet view for admins. */
import Type from 'typebox';
import {
  DeviceGroup,
  DeviceGroupInput,
  DeviceGroupList,
  DeviceList,
  EnrollmentCodeInput,
  EnrollmentCodeList,
  EnrollmentCodeView,
  EnrollReply,
  GroupMembers,
  EnrollRequest,
  ErrorBody,
  Heartbeat,
  IdParams,
  LinliError,
  MIN_PROTOCOL_VERSION,
  PROTOCOL_VERSION,
  PROTOCOL_VERSION_HEADER,
} from '@linli/protocol';
import type { FastifyRequest } from 'fastify';
import type { DeviceGroups } from '../domain/device-groups';
import type { DeviceService } from '../domain/devices';
import type { EnrollmentCodes } from '../domain/enrollment-codes';
import type { SignInService } from '../domain/sign-in';
import { actorOf, requireSession } from './auth-routes';
import type { TypedApp } from './typed-app';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody };

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

/** The authenticated device of a request (every device route calls this first), after its protocol check. */
export function deviceOf(devices: DeviceService, request: FastifyRequest): Promise<string> {
  protocolOf(request);
  return devices.authenticate(request.headers.authorization);
}

export function registerDeviceRoutes(
  app: TypedApp,
  deps: {
    devices: DeviceService;
    signIn: SignInService;
    enrollmentCodes: EnrollmentCodes;
    deviceGroups: DeviceGroups;
  },
): void {
  const { devices } = deps;

  app.post(
    '/api/v1/devices/enroll',
    {
      schema: {
        tags: ['devices'],
        summary: 'Enroll a device with the enrollment code',
        body: EnrollRequest,
        response: { 200: EnrollReply, ...errors },
      },
    },
    async (request) => {
      const reply = await devices.enroll(request.body.code, request.body.name);
      request.log.info({ deviceId: reply.deviceId }, 'device enrolled');
      return reply;
    },
  );

  app.post(
    '/api/v1/devices/heartbeat',
    {
      schema: {
        tags: ['devices'],
        summary: 'Report app version, sync cursor and uptime',
        body: Heartbeat,
        response: { 204: Type.Null(), ...errors },
      },
    },
    async (request, reply) => {
      await devices.heartbeat(await deviceOf(devices, request), request.body);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/v1/admin/devices',
    {
      preHandler: requireSession(deps.signIn),
      schema: {
        tags: ['devices'],
        summary: 'Enrolled devices and the enrollment code',
        response: { 200: DeviceList, ...errors },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return {
        devices: await devices.list(actor),
        enrollmentCode: actor.role === 'system-admin' ? await devices.enrollmentCode() : null,
      };
    },
  );

  app.post(
    '/api/v1/admin/devices/:id/revoke',
    {
      preHandler: requireSession(deps.signIn),
      schema: {
        tags: ['devices'],
        summary: 'Revoke a device; its requests get 401 from now on',
        params: IdParams,
        response: { 204: Type.Null(), ...errors },
      },
    },
    async (request, reply) => {
      await devices.revoke(actorOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );

  const preHandler = requireSession(deps.signIn);
  app.get(
    '/api/v1/admin/enrollment-codes',
    {
      preHandler,
      schema: {
        tags: ['devices'],
        summary: 'Enrollment codes of your subtree',
        response: { 200: EnrollmentCodeList, ...errors },
      },
    },
    async (request) => ({ codes: await deps.enrollmentCodes.list(actorOf(request)) }),
  );
  app.post(
    '/api/v1/admin/enrollment-codes',
    {
      preHandler,
      schema: {
        tags: ['devices'],
        summary: 'A code that enrolls devices into one node',
        body: EnrollmentCodeInput,
        response: { 201: EnrollmentCodeView, ...errors },
      },
    },
    async (request, reply) => reply.status(201).send(await deps.enrollmentCodes.create(actorOf(request), request.body)),
  );
  app.post(
    '/api/v1/admin/enrollment-codes/:code/revoke',
    {
      preHandler,
      schema: {
        tags: ['devices'],
        summary: 'Revoke an enrollment code',
        params: Type.Object({ code: Type.String({ minLength: 4, maxLength: 64 }) }),
        response: { 204: Type.Null(), ...errors },
      },
    },
    async (request, reply) => {
      await deps.enrollmentCodes.revoke(actorOf(request), request.params.code);
      return reply.status(204).send(null);
    },
  );
  app.get(
    '/api/v1/admin/device-groups',
    {
      preHandler,
      schema: {
        tags: ['devices'],
        summary: 'Device groups of your subtree',
        response: { 200: DeviceGroupList, ...errors },
      },
    },
    async (request) => ({ groups: await deps.deviceGroups.list(actorOf(request)) }),
  );
  app.post(
    '/api/v1/admin/device-groups',
    {
      preHandler,
      schema: {
        tags: ['devices'],
        summary: 'Create a device group at a node',
        body: DeviceGroupInput,
        response: { 201: DeviceGroup, ...errors },
      },
    },
    async (request, reply) => reply.status(201).send(await deps.deviceGroups.create(actorOf(request), request.body)),
  );
  app.put(
    '/api/v1/admin/device-groups/:id/members',
    {
      preHandler,
      schema: {
        tags: ['devices'],
        summary: 'Set the devices of a group (they receive what targets it)',
        params: Type.Object({ id: Type.Integer({ minimum: 1 }) }),
        body: GroupMembers,
        response: { 200: DeviceGroup, ...errors },
      },
    },
    async (request) => deps.deviceGroups.setMembers(actorOf(request), request.params.id, request.body.deviceIds),
  );
}
