/**
 * CAP ingestion: an alert source posts one CAP 1.2 document (application/cap+xml, application/xml
 * or text/xml, at most CAP_MAX_BYTES). 201 with the stored alert, 200 when the same message was
 * received before, 400 CAP_INVALID naming the element. The scope's guard has checked the key.
 */
import { CAP_CONTENT_TYPES, CAP_MAX_BYTES, CapReceipt, ErrorBody, LinliError } from '@linli/protocol';
import type { FastifyRequest } from 'fastify';
import type { AlertService } from '../domain/alerts';
import { alertSourceOf } from './alert-source-guard';
import type { TypedApp } from './typed-app';

const errors = { 400: ErrorBody, 401: ErrorBody, 413: ErrorBody, 415: ErrorBody };

async function requireDocument(request: FastifyRequest): Promise<void> {
  if (!Buffer.isBuffer(request.body) || request.body.length === 0)
    throw new LinliError('BODY_REQUIRED', undefined, [
      { path: 'body', message: 'send one CAP 1.2 <alert> document as the body, content-type application/cap+xml' },
    ]);
}

export function registerCapRoutes(app: TypedApp, deps: { alerts: AlertService }): void {
  // CAP documents only: the JSON and text parsers the app has elsewhere answer 415 here.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser(
    [...CAP_CONTENT_TYPES],
    { parseAs: 'buffer', bodyLimit: CAP_MAX_BYTES },
    (_request, body, done) => done(null, body),
  );
  app.addHook('preValidation', requireDocument);
  app.post(
    '/alerts/cap',
    {
      bodyLimit: CAP_MAX_BYTES,
      schema: {
        tags: ['alerts'],
        summary: 'Receive one CAP 1.2 alert from a registered alert source (Authorization: Bearer <key>)',
        description:
          'The body is a CAP 1.2 <alert> (application/cap+xml, application/xml or text/xml, UTF-8, no DTD). Alert, Update and Cancel are matched by references; the same message again answers 200 with the stored one.',
        response: { 200: CapReceipt, 201: CapReceipt, ...errors },
      },
    },
    async (request, reply) => {
      const receipt = await deps.alerts.receive(alertSourceOf(request), request.body as Buffer, request.ip);
      return reply.code(receipt.duplicate ? 200 : 201).send(receipt);
    },
  );
}
