/**
 * Turns every failure into the one error shape. 5xx details (stack and cause) stay in the log,
 * never in the reply; the framework's own 4xx answers get the catalog's code for their status.
 */
import { LinliError, type ErrorBody, type ErrorCode, type ErrorDetail } from '@linli/protocol';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/** Fastify's and its plugins' 4xx statuses; any other 4xx is a request that is not valid. */
const FRAMEWORK_CODES: Partial<Record<number, ErrorCode>> = {
  401: 'UNAUTHENTICATED',
  404: 'NOT_FOUND',
  413: 'BODY_TOO_LARGE',
  415: 'CONTENT_TYPE_UNSUPPORTED',
  429: 'TOO_MANY_ATTEMPTS',
};

export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | LinliError, request, reply) => {
    if (error instanceof LinliError) {
      // The whole error: its stack and the cause it wraps are what an operator needs.
      if (error.status >= 500) request.log.error({ err: error, code: error.code }, error.message);
      return reply.status(error.status).send(error.toBody());
    }
    if ('validation' in error && error.validation) {
      const part = error.validationContext ?? 'body';
      const details: ErrorDetail[] = error.validation.map((issue) => ({
        path: `${part}${issue.instancePath || ''}`,
        message: issue.message ?? 'is not valid',
      }));
      const first = details[0]!;
      return reply
        .status(400)
        .send(new LinliError('VALIDATION_FAILED', `${first.path}: ${first.message}`, details).toBody());
    }
    const status = error.statusCode ?? 500;
    // A body that does not parse has no field to name: the detail names the body itself.
    if (error.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || error.code === 'FST_ERR_CTP_EMPTY_JSON_BODY') {
      return reply
        .status(400)
        .send(new LinliError('BODY_NOT_JSON', undefined, [{ path: 'body', message: error.message }]).toBody());
    }
    if (status < 500) {
      return reply
        .status(status)
        .send(new LinliError(FRAMEWORK_CODES[status] ?? 'VALIDATION_FAILED', error.message).toBody());
    }
    request.log.error({ err: error }, 'request failed');
    return reply.status(500).send(new LinliError('INTERNAL').toBody());
  });
  app.setNotFoundHandler((request, reply) => {
    const body: ErrorBody = new LinliError(
      'NOT_FOUND',
      `No route ${request.method} ${request.url.split('?')[0]}`,
    ).toBody();
    return reply.status(404).send(body);
  });
}

/**
 * Fastify's answer for an address the router cannot take apart (a path part that is not UTF-8, or
 * longer than any id): given at construction, as the router fails before any route's handler.
 */
export function answerUnroutable(error: FastifyError, _request: FastifyRequest, reply: FastifyReply): void {
  // The router's own message repeats the whole address, which may be huge: say what was wrong.
  const message =
    error.code === 'FST_ERR_MAX_PARAM_LENGTH' ? 'a path part is longer than any id' : 'a path part is not valid UTF-8';
  void reply.status(400).send(new LinliError('URL_INVALID', undefined, [{ path: 'url', message }]).toBody());
}
