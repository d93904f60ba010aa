/** The fleet for admins: enrolled devices, enrollment codes, device groups, settings per group or device, remote commands. */
import Type from 'typebox';
import {
  CommandList,
  CommandRequest,
  CommandView,
  DeviceGroup,
  DeviceGroupInput,
  DeviceGroupList,
  DeviceList,
  DeviceLocationInput,
  DeviceSettings,
  EnrollmentCodeInput,
  EnrollmentCodeList,
  EnrollmentCodeView,
  ErrorBody,
  GroupMembers,
  IdParams,
  SettingsScopeParams,
  SettingsView,
} from '@linli/protocol';
import type { DeviceCommands } from '../domain/device-commands';
import type { DeviceSettingsService } from '../domain/device-settings';
import type { DeviceService } from '../domain/devices';
import type { DeviceGroups } from '../domain/device-groups';
import type { EnrollmentCodes } from '../domain/enrollment-codes';
import { actorOf } from './session-guard';
import type { TypedApp } from './typed-app';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };
const DeviceParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });

export function registerFleetRoutes(
  app: TypedApp,
  deps: {
    devices: DeviceService;
    enrollmentCodes: EnrollmentCodes;
    deviceGroups: DeviceGroups;
    deviceSettings: DeviceSettingsService;
    deviceCommands: DeviceCommands;
  },
): void {
  const { devices, deviceSettings, deviceCommands } = deps;
  const tags = ['devices'];

  app.get(
    '/settings/:scope/:id',
    {
      schema: {
        tags,
        summary: 'Settings of a device group or a device (with what the device runs with)',
        params: SettingsScopeParams,
        response: { 200: SettingsView, ...errors },
      },
    },
    async (request) => deviceSettings.get(actorOf(request), request.params),
  );
  app.put(
    '/settings/:scope/:id',
    {
      schema: {
        tags,
        summary: 'Replace the settings of a device group or a device; the devices receive them within seconds',
        params: SettingsScopeParams,
        body: DeviceSettings,
        response: { 200: SettingsView, ...errors },
      },
    },
    async (request) => deviceSettings.set(actorOf(request), request.params, request.body),
  );

  app.post(
    '/devices/:id/commands',
    {
      schema: {
        tags,
        summary: 'Send a remote command (reload, restart, clear-cache, re-sync, screenshot)',
        params: DeviceParams,
        body: CommandRequest,
        response: { 201: CommandView, ...errors },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await deviceCommands.issue(actorOf(request), request.params.id, request.body.kind)),
  );
  app.get(
    '/devices/:id/commands',
    {
      schema: {
        tags,
        summary: "The device's latest commands and their results",
        params: DeviceParams,
        response: { 200: CommandList, ...errors },
      },
    },
    async (request) => ({ commands: await deviceCommands.list(actorOf(request), request.params.id) }),
  );
  app.get(
    '/commands/:id/screenshot',
    {
      schema: {
        tags,
        summary: 'The screenshot a device sent back (PNG)',
        params: DeviceParams,
        response: { 200: Type.Unknown(), ...errors },
      },
    },
    async (request, reply) =>
      reply
        .header('content-type', 'image/png')
        .header('cache-control', 'private, no-store')
        .send(await deviceCommands.screenshot(actorOf(request), request.params.id)),
  );

  app.get(
    '/devices',
    {
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
        enrollmentCode: actor.role === 'system-admin' ? ((await devices.deploymentCode())?.code ?? null) : null,
      };
    },
  );

  app.post(
    '/devices/:id/revoke',
    {
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
  app.put(
    '/devices/:id/location',
    {
      schema: {
        tags: ['devices'],
        summary: 'Set (or clear, with null) where a device stands, for alerts whose area is a polygon or circle',
        params: IdParams,
        body: DeviceLocationInput,
        response: { 204: Type.Null(), ...errors },
      },
    },
    async (request, reply) => {
      await devices.setLocation(actorOf(request), request.params.id, request.body.location);
      return reply.status(204).send(null);
    },
  );
  app.get(
    '/enrollment-codes',
    {
      schema: {
        tags: ['devices'],
        summary: 'Enrollment codes of your subtree',
        response: { 200: EnrollmentCodeList, ...errors },
      },
    },
    async (request) => ({ codes: await deps.enrollmentCodes.list(actorOf(request)) }),
  );
  app.post(
    '/enrollment-codes',
    {
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
    '/enrollment-codes/:code/revoke',
    {
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
    '/device-groups',
    {
      schema: {
        tags: ['devices'],
        summary: 'Device groups of your subtree',
        response: { 200: DeviceGroupList, ...errors },
      },
    },
    async (request) => ({ groups: await deps.deviceGroups.list(actorOf(request)) }),
  );
  app.post(
    '/device-groups',
    {
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
    '/device-groups/:id/members',
    {
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
