/**
 * The clerk desk on the device API: the device's credentials (the guard) and, after sign-in, the
 * clerk's session in DESK_SESSION_HEADER on every call.
 */
import {
  Consultation,
  ConsultationInput,
  DESK_SESSION_HEADER,
  DeskPrint,
  DeskSignIn,
  DeskSignedIn,
  DeskToday,
  ErrorBody,
} from '@linli/protocol';
import type { FastifyRequest } from 'fastify';
import Type from 'typebox';
import type { Desk, DeskCaller } from '../domain/desk';
import { deviceIdOf } from './device-guard';
import type { TypedApp } from './typed-app';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 423: ErrorBody };

/** The clerk of a desk call: their session (header) at this device. */
export function deskCallerOf(desk: Desk, request: FastifyRequest): Promise<DeskCaller> {
  const token = request.headers[DESK_SESSION_HEADER];
  return desk.caller(deviceIdOf(request), typeof token === 'string' ? token : undefined, request.ip);
}

export function registerDeskRoutes(app: TypedApp, deps: { desk: Desk }): void {
  const { desk } = deps;
  const tags = ['desk'];
  app.post(
    '/desk/sign-in',
    {
      schema: {
        tags,
        summary: 'A clerk signs in at this desk with their admin account; the session token is for the desk host',
        body: DeskSignIn,
        response: { 200: DeskSignedIn, ...errors },
      },
    },
    async (request) => desk.signIn(deviceIdOf(request), { ...request.body, from: request.ip }),
  );
  app.post(
    '/desk/sign-out',
    { schema: { tags, summary: 'The clerk leaves the desk', response: { 204: Type.Null(), ...errors } } },
    async (request, reply) => {
      const token = request.headers[DESK_SESSION_HEADER];
      await desk.signOut(typeof token === 'string' ? token : undefined);
      return reply.status(204).send(null);
    },
  );
  app.post(
    '/desk/consultations',
    {
      schema: {
        tags,
        summary: 'A consultation into the 咨询台账 (the resident masked when named)',
        body: ConsultationInput,
        response: { 201: Consultation, ...errors },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await desk.record(await deskCallerOf(desk, request), request.body)),
  );
  app.post(
    '/desk/prints',
    {
      schema: {
        tags,
        summary: 'A form printed at the desk for a resident (counted; its contents are not sent)',
        body: DeskPrint,
        response: { 204: Type.Null(), ...errors },
      },
    },
    async (request, reply) => {
      await desk.printed(await deskCallerOf(desk, request), request.body);
      return reply.status(204).send(null);
    },
  );
  app.get(
    '/desk/today',
    {
      schema: {
        tags,
        summary: "Today's counts at this desk's node, the clerk's own, and their latest entries",
        response: { 200: DeskToday, ...errors },
      },
    },
    async (request) => desk.today(await deskCallerOf(desk, request)),
  );
}
