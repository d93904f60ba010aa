/**
 * For the load balancer and the monitoring system: /health (the process answers), /ready (send
 * requests here, or not: the database answers and the instance is not shutting down) and /metrics
 * in Prometheus' text format, for a scraper that shows the metrics token (`Authorization: Bearer`)
 * — checked before anything is read. Without a configured token, /metrics is not served.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import Type from 'typebox';
import { ErrorBody, LinliError, LivenessReply, ReadinessReply } from '@linli/protocol';
import type { Queryable } from '../db/database';
import { PROMETHEUS_CONTENT_TYPE, prometheusText } from '../ops/prometheus-text';
import type { RequestMetrics } from '../ops/request-metrics';
import type { ServerReadings } from '../ops/server-readings';
import type { TypedApp } from './typed-app';

/** How long /ready waits for the database before calling it unreachable. */
const DATABASE_CHECK_MS = 2000;

export interface OpsDeps {
  db: Queryable;
  /** Whether the instance is shutting down (set first when it is told to stop). */
  draining: () => boolean;
  requestMetrics: RequestMetrics;
  readings: ServerReadings;
  /** The token a scraper must show; /metrics is not served without one. */
  metricsToken: string | undefined;
}

/** Compares digests, so neither the token's length nor its bytes leak through timing. */
function tokenMatches(expected: string, authorization: string | undefined): boolean {
  const given = /^Bearer (.+)$/.exec(authorization ?? '')?.[1];
  if (given === undefined) return false;
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(expected), digest(given));
}

async function databaseAnswers(db: Queryable, log: FastifyBaseLogger): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), DATABASE_CHECK_MS)));
  try {
    return await Promise.race([db.get('SELECT 1 AS ok').then(() => true), timeout]);
  } catch (error) {
    // Unreachable is the answer (the load balancer takes the instance out until it answers
    // again); why is in the log.
    log.warn({ err: error }, 'the readiness check found the database unreachable');
    return false;
  } finally {
    clearTimeout(timer);
  }
}

export function registerOpsRoutes(app: TypedApp, deps: OpsDeps): void {
  app.get(
    '/health',
    { schema: { tags: ['ops'], summary: 'Liveness: the process answers', response: { 200: LivenessReply } } },
    async () => ({ ok: true }),
  );

  app.get(
    '/ready',
    {
      schema: {
        tags: ['ops'],
        summary: 'Readiness: 200 when this instance should be given requests, 503 when not',
        response: { 200: ReadinessReply, 503: ReadinessReply },
      },
    },
    async (request, reply) => {
      const draining = deps.draining();
      const database = (await databaseAnswers(deps.db, request.log)) ? 'ok' : 'unreachable';
      const ready = !draining && database === 'ok';
      return reply.code(ready ? 200 : 503).send({ ready, database, draining });
    },
  );

  app.get(
    '/metrics',
    {
      schema: {
        tags: ['ops'],
        summary: 'Metrics in Prometheus text format (Authorization: Bearer <LINLI_METRICS_TOKEN>)',
        response: { 200: Type.String(), 401: ErrorBody, 404: ErrorBody },
      },
      onRequest: async (request) => {
        if (deps.metricsToken === undefined)
          throw new LinliError('NOT_FOUND', 'Metrics are off: set LINLI_METRICS_TOKEN');
        if (!tokenMatches(deps.metricsToken, request.headers.authorization))
          throw new LinliError('METRICS_TOKEN_INVALID');
      },
    },
    async (_request, reply) => {
      const families = [...deps.requestMetrics.families(), ...(await deps.readings.families())];
      return reply.type(PROMETHEUS_CONTENT_TYPE).header('cache-control', 'no-store').send(prometheusText(families));
    },
  );
}
