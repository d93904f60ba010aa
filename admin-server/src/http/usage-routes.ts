/**
 * Service usage: devices upload their events in the device scope (credentials checked before the
 * body is read); staff read their subtree's figures and the searches that found nothing in the
 * admin scope.
 */
import Type from 'typebox';
import {
  ErrorBody,
  SearchGaps,
  UsageExportQuery,
  UsageQuery,
  UsageSummary,
  UsageUpload,
  UsageUploadReply,
} from '@linli/protocol';
import { usageTable, type UsageService } from '../domain/usage';
import { sendTable } from './table-download';
import { deviceIdOf } from './device-guard';
import { actorOf } from './session-guard';
import type { TypedApp } from './typed-app';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody };

export function registerUsageUploadRoute(app: TypedApp, deps: { usage: UsageService }): void {
  app.post(
    '/devices/usage',
    {
      schema: {
        tags: ['devices'],
        summary: 'A kiosk uploads anonymous usage events; events it sent before are counted once',
        body: UsageUpload,
        response: { 200: UsageUploadReply, ...errors },
      },
    },
    async (request) => deps.usage.record(deviceIdOf(request), request.body.events),
  );
}

export function registerUsageRoutes(app: TypedApp, deps: { usage: UsageService }): void {
  const tags = ['statistics'];
  app.get(
    '/usage/summary',
    {
      schema: {
        tags,
        summary:
          "A subtree's service usage over a period: totals, the period before, days, the nodes below, top guides",
        querystring: UsageQuery,
        response: { 200: UsageSummary, ...errors },
      },
    },
    async (request) => deps.usage.summary(actorOf(request), request.query),
  );
  app.get(
    '/usage/export',
    {
      schema: {
        tags,
        summary: 'The same figures as a CSV or XLSX download: the total, each unit below, then each day',
        querystring: UsageExportQuery,
        response: { 200: Type.Unsafe<string | Buffer>({ type: 'string', format: 'binary' }), ...errors },
      },
    },
    async (request, reply) => {
      const { format, ...query } = request.query;
      const summary = await deps.usage.summary(actorOf(request), query);
      return sendTable(reply, format, {
        fileName: `linli-usage-${summary.from}-${summary.to}`,
        sheetName: '使用统计',
        ...usageTable(summary),
      });
    },
  );
  app.get(
    '/usage/search-gaps',
    {
      schema: {
        tags,
        summary:
          'Searches that found nothing and the guides opened least in a subtree (by the months the period touches)',
        querystring: UsageQuery,
        response: { 200: SearchGaps, ...errors },
      },
    },
    async (request) => deps.usage.searchGaps(actorOf(request), request.query),
  );
}
