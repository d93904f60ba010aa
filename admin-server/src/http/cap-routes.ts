/**
 * Alert ingestion: an alert source posts one CAP 1.2 or GB/T 35965.1 document (application/cap+xml,
 * application/xml or text/xml, at most CAP_MAX_BYTES); domain/alert-document.ts tells them apart.
 * 201 with the stored alert, 200 when the same message was received before, 400 CAP_INVALID naming
 * the element. The scope's guard has checked the key.
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
      {
        path: 'body',
        message: 'send one CAP 1.2 or GB/T 35965.1 <alert> document as the body, content-type application/cap+xml',
      },
    ]);
}

export function registerCapRoutes(app: TypedApp, deps: { alerts: AlertService }): void {
  // Alert documents only: the JSON and text parsers the app has elsewhere answer 415 here.
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
        summary:
          'Receive one CAP 1.2 or GB/T 35965.1 alert from a registered alert source (Authorization: Bearer <key>)',
        description:
          'The body is one <alert> (application/cap+xml, application/xml or text/xml, UTF-8, no DTD), in either format: ' +
          "OASIS CAP 1.2 when its root is in the CAP 1.2 namespace, otherwise China's national format GB/T 35965.1-2018 " +
          '(应急信息交互协议 第1部分：预警信息: colour severities, eventType codes, Beijing times; mapped as docs/alerts-gbt35965.md says). ' +
          'Both are read into the same alert. Alert, Update and Cancel are matched by references; the same message again ' +
          'answers 200 with the stored one. 400 CAP_INVALID names the element at fault and, for GB/T 35965.1, the format it was read as.',
        response: { 200: CapReceipt, 201: CapReceipt, ...errors },
      },
    },
    async (request, reply) => {
      const receipt = await deps.alerts.receive(alertSourceOf(request), request.body as Buffer, request.ip);
      return reply.code(receipt.duplicate ? 200 : 201).send(receipt);
    },
  );
}
