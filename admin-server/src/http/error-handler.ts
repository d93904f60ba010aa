/** Turns every failure into the one error shape; 5xx details stay in the log, not the reply. */
import { LinliError, type ErrorBody, type ErrorDetail } from '@linli/protocol';
import type { FastifyError, FastifyInstance } from 'fastify';

export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | LinliError, request, reply) => {
    if (error instanceof LinliError) {
      if (error.status >= 500) request.log.error({ code: error.code }, error.message);
      return reply.status(error.status).send(error.toBody());
    }
    if ('validation' in error && error.validation) {
      const part = error.validationContext ?? 'body';
      const details: ErrorDetail[] = error.validation.map((issue) => ({
        path: `${part}${issue.instancePath || ''}`,
        message: issue.message ?? 'is not valid',
      }));
      const first = details[0]!;
      return reply.status(400).send(new LinliError('VALIDATION_FAILED', `${first.path}: ${first.message}`, details).toBody());
    }
    const status = error.statusCode ?? 500;
    if (status < 500) {
      const code = status === 404 ? 'NOT_FOUND' : 'VALIDATION_FAILED';
      return reply.status(status).send(new LinliError(code, error.message).toBody());
    }
    request.log.error({ err: error }, 'request failed');
    return reply.status(500).send(new LinliError('INTERNAL').toBody());
  });
  app.setNotFoundHandler((request, reply) => {
    const body: ErrorBody = new LinliError('NOT_FOUND', `No route ${request.method} ${request.url.split('?')[0]}`).toBody();
    return reply.status(404).send(body);
  });
}
