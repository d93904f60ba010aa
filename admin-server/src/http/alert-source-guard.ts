/**
 * The check of the CAP ingestion scope, before the body is read (onRequest): the alert source's
 * key in `Authorization: Bearer <key>`, or 401 ALERT_SOURCE_UNKNOWN (revoked keys too), so nothing
 * an unknown sender posts is ever parsed.
 */
import { LinliError } from '@linli/protocol';
import type { FastifyRequest } from 'fastify';
import type { AlertSource, AlertSources } from '../domain/alert-sources';

const requestSources = new WeakMap<FastifyRequest, AlertSource>();

export function alertSourceGuard(alertSources: AlertSources) {
  return async (request: FastifyRequest) => {
    requestSources.set(request, await alertSources.authenticate(request.headers.authorization));
  };
}

/** The authenticated alert source of a request in the ingestion scope (the guard has let it through). */
export function alertSourceOf(request: FastifyRequest): AlertSource {
  const source = requestSources.get(request);
  if (!source) throw new LinliError('ALERT_SOURCE_UNKNOWN');
  return source;
}
