/**
 * The calling display's stream (叫号屏) in the device API: a signage player at or below a hall's
 * node follows the hall's calls live — the state at once (a display that reconnects shows it
 * straight away), again after each change, a keepalive comment every 15 s. Only players, checked
 * before anything else; the stream ends when the device is revoked. The state holds nothing
 * personal: labels, windows, counts.
 */
import { ErrorBody, LinliError } from '@linli/protocol';
import type { FastifyRequest } from 'fastify';
import Type from 'typebox';
import type { DeviceService } from '../domain/devices';
import type { CallingDisplay, Queue } from '../domain/queue';
import { deviceIdOf } from './device-guard';
import { hallStateStreams } from './hall-state-stream';
import type { TypedApp } from './typed-app';

const HallParams = Type.Object({ id: Type.Integer({ minimum: 1 }) });
const displays = new WeakMap<FastifyRequest, CallingDisplay>();

export function registerQueueDisplayRoutes(app: TypedApp, deps: { queue: Queue; devices: DeviceService }): void {
  const { queue, devices } = deps;
  app.register(async (scope: TypedApp) => {
    // Only a player (the scope's guard has checked the credentials).
    scope.addHook('onRequest', async (request) => {
      const deviceId = deviceIdOf(request);
      const audience = await devices.audience(deviceId);
      if (audience.kind !== 'player') throw new LinliError('FORBIDDEN', "Only signage players show a hall's calls");
      displays.set(request, { deviceId, orgPath: audience.orgPath });
    });
    const openStream = hallStateStreams(scope);
    scope.get(
      '/queue/halls/:id/calls',
      {
        schema: {
          tags: ['queue'],
          summary: "A hall's calls for a calling display (text/event-stream; signage players at or below the hall)",
          description:
            'Sends `event: state` with the QueueHallState at once and again after every change to the hall, and a comment every 15 s. Ends when the device is revoked.',
          params: HallParams,
          response: { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 426: ErrorBody },
        },
      },
      async (request, reply) => {
        const display = displays.get(request);
        if (!display) throw new LinliError('DEVICE_UNKNOWN');
        const hallId = request.params.id;
        await openStream(request, reply, {
          hallId,
          read: () => queue.displayState(display, hallId),
          onChange: queue.onChange,
          // Revoked here: at once; through another server instance: at the next keepalive.
          endWhen: (end) => devices.onRevoked((revoked) => revoked === display.deviceId && end()),
          stillAllowed: () => devices.isActive(display.deviceId),
        });
      },
    );
  });
}
