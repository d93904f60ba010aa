/**
 * Routes whose body is a file (application/octet-stream): a request without one never reaches the
 * handler, which would otherwise read a missing stream or buffer.
 */
import { LinliError } from '@linli/protocol';
import type { FastifyRequest } from 'fastify';

export async function requireFileBody(request: FastifyRequest): Promise<void> {
  if (request.body === undefined || request.body === null)
    throw new LinliError('BODY_REQUIRED', undefined, [
      { path: 'body', message: 'send the file as the body, content-type application/octet-stream' },
    ]);
}
