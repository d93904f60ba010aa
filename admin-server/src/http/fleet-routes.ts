/** Device settings per group or device, and remote commands with their results (admin side and device side). */
import Type from 'typebox';
import {
  CommandList,
  CommandRequest,
  CommandResult,
  CommandView,
  DeviceSettings,
  ErrorBody,
  SettingsScopeParams,
  SettingsView,
} from '@linli/protocol';
import type { DeviceCommands } from '../domain/device-commands';
import type { DeviceSettingsService } from '../domain/device-settings';
import type { DeviceService } from '../domain/devices';
import type { SignInService } from '../domain/sign-in';
import { actorOf, requireSession } from './auth-routes';
import { deviceOf } from './device-routes';
import type { TypedApp } from './typed-app';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };
const DeviceParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });
const MAX_RESULT_BYTES = 10 * 1024 * 1024;

export function registerFleetRoutes(
  app: TypedApp,
  deps: {
    signIn: SignInService;
    devices: DeviceService;
    deviceSettings: DeviceSettingsService;
    deviceCommands: DeviceCommands;
  },
): void {
  const { deviceSettings, deviceCommands } = deps;
  const preHandler = requireSession(deps.signIn);
  const tags = ['devices'];

  app.get(
    '/api/v1/admin/settings/:scope/:id',
    {
      preHandler,
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
    '/api/v1/admin/settings/:scope/:id',
    {
      preHandler,
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
    '/api/v1/admin/devices/:id/commands',
    {
      preHandler,
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
    '/api/v1/admin/devices/:id/commands',
    {
      preHandler,
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
    '/api/v1/admin/commands/:id/screenshot',
    {
      preHandler,
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

  app.post(
    '/api/v1/devices/commands/:id/result',
    {
      bodyLimit: MAX_RESULT_BYTES,
      schema: {
        tags: ['sync'],
        summary: 'A device answers a command it received on its feed',
        params: DeviceParams,
        body: CommandResult,
        response: { 204: Type.Null(), ...errors },
      },
    },
    async (request, reply) => {
      await deviceCommands.report(await deviceOf(deps.devices, request), request.params.id, request.body);
      return reply.status(204).send(null);
    },
  );
}
