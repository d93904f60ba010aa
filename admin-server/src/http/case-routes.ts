/**
 * Residents' cases over HTTP: the admin API (staff list, read, write up walk-ins and calls, run
 * the workflow, read the contact data on the trail), the device API (a kiosk sends a case taken
 * from a resident — its photo first — and looks one up for them), and the public status page a
 * ticket's QR code opens.
 */
import {
  CaseActionInput,
  CaseAddresses,
  CaseCatalogue,
  CaseContactView,
  CaseInput,
  CaseList,
  CasePublicStatus,
  CaseReceipt,
  CaseStatusQuery,
  CaseView,
  CASE_NATURES,
  CASE_STATES,
  ErrorBody,
  LinliError,
  StaffCaseInput,
} from '@linli/protocol';
import type { Readable } from 'node:stream';
import type { FastifyRequest } from 'fastify';
import Type from 'typebox';
import type { CaseService } from '../domain/cases';
import type { DeviceService } from '../domain/devices';
import type { Grids } from '../domain/grids';
import { deviceIdOf } from './device-guard';
import { requireFileBody } from './file-body';
import { actorOf } from './session-guard';
import type { TypedApp } from './typed-app';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody, 429: ErrorBody };
const tags = ['cases'];
const IdParams = Type.Object({ id: Type.Integer({ minimum: 1 }) });
const PhotoId = Type.Object({ id: Type.String() });

/** A scope whose POST bodies are photos: the image itself, streamed into the store (never held whole in memory). */
function takesPhotoBodies(scope: TypedApp): void {
  scope.addContentTypeParser(
    ['image/jpeg', 'image/png', 'image/webp', 'application/octet-stream'],
    (_request, payload, done) => done(null, payload),
  );
  scope.addHook('preValidation', requireFileBody);
}

export function registerCaseRoutes(app: TypedApp, deps: { cases: CaseService }): void {
  const { cases } = deps;
  app.get(
    '/case-catalogue',
    { schema: { tags, summary: 'Case categories and natures', response: { 200: CaseCatalogue, ...errors } } },
    async () => cases.catalogue(),
  );
  app.get(
    '/cases',
    {
      schema: {
        tags,
        summary: 'Cases taken at or dispatched into your subtree, newest first (contact data masked)',
        querystring: Type.Object(
          {
            state: Type.Optional(Type.Union([Type.Enum(CASE_STATES), Type.Literal('open')])),
            nature: Type.Optional(Type.Enum(CASE_NATURES)),
            mine: Type.Optional(Type.Boolean()),
            q: Type.Optional(Type.String({ maxLength: 100 })),
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
            offset: Type.Optional(Type.Integer({ minimum: 0 })),
          },
          { additionalProperties: false },
        ),
        response: { 200: CaseList, ...errors },
      },
    },
    async (request) => cases.list(actorOf(request), request.query),
  );
  app.post(
    '/cases',
    {
      schema: {
        tags,
        summary: 'Write up a walk-in or a phone call as a case (answered on the spot when it carries an answer)',
        body: StaffCaseInput,
        response: { 201: CaseReceipt, 200: CaseReceipt, ...errors },
      },
    },
    async (request, reply) => {
      const { id: _id, ...receipt } = await cases.intake(actorOf(request), request.body);
      return reply.status(receipt.duplicate ? 200 : 201).send(receipt);
    },
  );
  app.get(
    '/cases/:id',
    {
      schema: {
        tags,
        summary: 'One case with its steps and what you may do to it now',
        params: IdParams,
        response: { 200: CaseView, ...errors },
      },
    },
    async (request) => cases.get(actorOf(request), request.params.id),
  );
  app.post(
    '/cases/:id/actions',
    {
      schema: {
        tags,
        summary:
          'A workflow step: 受理, 派单, 签收, 答复, 回访, 督办 … (the version you saw; a changed case is refused)',
        params: IdParams,
        body: CaseActionInput,
        response: { 200: CaseView, ...errors },
      },
    },
    async (request) => cases.act(actorOf(request), request.params.id, request.body),
  );
  app.register(async (scope) => {
    takesPhotoBodies(scope);
    scope.post(
      '/case-photos',
      {
        schema: {
          tags,
          summary: 'A photo for a case or a step (JPEG, PNG or WebP, the request body; 8 MB at most): its id',
          response: { 201: PhotoId, ...errors, 413: ErrorBody, 415: ErrorBody },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await cases.uploadPhoto(actorOf(request), request.body as Readable)),
    );
  });
  app.get(
    '/case-photos/:id',
    {
      schema: {
        tags,
        summary: 'A photo of a case you can see',
        params: Type.Object({ id: Type.String({ pattern: '^[0-9a-f]{64}$' }) }),
        response: { 200: Type.Unknown(), ...errors },
      },
    },
    async (request, reply) => {
      const photo = await cases.photo(actorOf(request), request.params.id);
      return reply
        .header('content-type', photo.mime)
        .header('content-length', String(photo.bytes))
        .header('cache-control', 'private, max-age=86400')
        .header('x-content-type-options', 'nosniff')
        .send(photo.body);
    },
  );
  app.get(
    '/cases/:id/contact',
    {
      schema: {
        tags,
        summary: "The resident's name and phone in full, for the follow-up call (each read is on the audit trail)",
        params: IdParams,
        response: { 200: CaseContactView, ...errors },
      },
    },
    async (request) => cases.contact(actorOf(request), request.params.id),
  );
}

export function registerDeviceCaseRoutes(
  app: TypedApp,
  deps: { cases: CaseService; devices: DeviceService; grids: Grids },
): void {
  const { cases, devices } = deps;
  /** The device of a request, if it is a kiosk: only kiosks take cases (FORBIDDEN for a player). */
  const kioskOf = async (request: FastifyRequest) => {
    const deviceId = deviceIdOf(request);
    const audience = await devices.audience(deviceId);
    if (audience.kind !== 'kiosk') throw new LinliError('FORBIDDEN', 'Only kiosks take cases');
    return { deviceId, audience };
  };
  app.get(
    '/cases/catalogue',
    { schema: { tags, summary: 'Case categories and natures', response: { 200: CaseCatalogue, ...errors } } },
    async () => cases.catalogue(),
  );
  app.post(
    '/cases',
    {
      schema: {
        tags,
        summary: 'A case a resident gave at this kiosk (clientId: sending it again returns the same case)',
        body: CaseInput,
        response: { 201: CaseReceipt, 200: CaseReceipt, ...errors },
      },
    },
    async (request, reply) => {
      const { deviceId, audience } = await kioskOf(request);
      const orgId = Number(audience.orgPath.split('/').filter(Boolean).at(-1));
      const { id: _id, ...receipt } = await cases.register(
        {
          channel: 'kiosk',
          by: `device:${deviceId}`,
          from: request.ip,
          orgId,
          orgPath: audience.orgPath,
          deviceId,
        },
        request.body,
      );
      return reply.status(receipt.duplicate ? 200 : 201).send(receipt);
    },
  );
  // A case's photo, sent before the case that names it by the id answered (its SHA-256).
  app.register(async (scope) => {
    // Only a kiosk, before a byte of the body is read (the scope's guard has checked the credentials).
    scope.addHook('onRequest', async (request) => void (await kioskOf(request)));
    takesPhotoBodies(scope);
    scope.post(
      '/case-photos',
      {
        schema: {
          tags,
          summary:
            "A photo of a case a resident gives at this kiosk (JPEG, PNG or WebP, the request body; 8 MB at most): its id, to name in the case's photos. Sent again, the same photo",
          response: { 201: PhotoId, ...errors, 413: ErrorBody, 415: ErrorBody },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await cases.uploadKioskPhoto(`device:${deviceIdOf(request)}`, request.body as Readable)),
    );
  });
  app.get(
    '/cases/addresses',
    {
      schema: {
        tags,
        summary: "The buildings and units residents pick from: the grids' address lists under this kiosk's node",
        response: { 200: CaseAddresses, ...errors },
      },
    },
    async (request) => deps.grids.addressesUnder((await devices.audience(deviceIdOf(request))).orgPath),
  );
  app.post(
    '/cases/status',
    {
      schema: {
        tags,
        summary: 'A resident at the kiosk asks after their case: tracking number and the last 4 digits of their phone',
        body: CaseStatusQuery,
        response: { 200: CasePublicStatus, ...errors },
      },
    },
    async (request) => cases.status(request.body, `device:${deviceIdOf(request)}`),
  );
}
