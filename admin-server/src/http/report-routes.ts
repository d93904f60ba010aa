/**
 * 统计报表 in the admin scope: saved reports (list, save with If-Match by baseVersion, delete), a
 * definition previewed, a saved report run now or a kept month, each downloadable as CSV, XLSX or
 * PDF, and the one-click monthly report.
 */
import Type from 'typebox';
import {
  ErrorBody,
  MonthlyReportQuery,
  ReportDocument,
  ReportExportQuery,
  ReportIdParams,
  ReportLocaleQuery,
  ReportPreviewRequest,
  ReportRunParams,
  ReportSaveRequest,
  SavedReport,
  SavedReportList,
  type Locale,
  type ReportFormat,
} from '@linli/protocol';
import type { FastifyReply } from 'fastify';
import type { ReportService } from '../domain/reports';
import { reportCsv, reportXlsx } from '../export/report-tables';
import { actorOf } from './session-guard';
import type { TypedApp } from './typed-app';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };
const binary = Type.Unsafe<string | Buffer>({ type: 'string', format: 'binary' });

const CONTENT_TYPES: Record<ReportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pdf: 'application/pdf',
};

export type ReportPdf = (document: ReportDocument, locale: Locale) => Promise<Uint8Array>;

/** The document as a file; `fileName` without its extension (ASCII: browsers differ on others in this header). */
async function sendReport(
  reply: FastifyReply,
  format: ReportFormat,
  document: ReportDocument,
  locale: Locale,
  fileName: string,
  reportPdf: ReportPdf,
): Promise<string | Buffer> {
  reply.header('content-disposition', `attachment; filename="${fileName}.${format}"`);
  reply.header('content-type', CONTENT_TYPES[format]);
  if (format === 'csv') return reportCsv(document);
  if (format === 'xlsx') return reportXlsx(document);
  return Buffer.from(await reportPdf(document, locale));
}

export function registerReportRoutes(app: TypedApp, deps: { reports: ReportService; reportPdf: ReportPdf }): void {
  const { reports, reportPdf } = deps;
  const tags = ['statistics'];
  app.get(
    '/reports',
    {
      schema: {
        tags,
        summary: 'The reports saved at your node and below, with the months each monthly report kept',
        response: { 200: SavedReportList, ...errors },
      },
    },
    async (request) => ({ reports: await reports.list(actorOf(request)) }),
  );
  app.post(
    '/reports',
    {
      schema: {
        tags,
        summary: 'Saves a new report (baseVersion 0)',
        body: ReportSaveRequest,
        response: { 201: SavedReport, ...errors },
      },
    },
    async (request, reply) => {
      const saved = await reports.save(actorOf(request), undefined, request.body.definition, request.body.baseVersion);
      return reply.code(201).send(saved);
    },
  );
  app.put(
    '/reports/:id',
    {
      schema: {
        tags,
        summary: 'Saves a new version of a report over baseVersion (EDIT_CONFLICT when it moved on)',
        params: ReportIdParams,
        body: ReportSaveRequest,
        response: { 200: SavedReport, ...errors },
      },
    },
    async (request) =>
      reports.save(actorOf(request), request.params.id, request.body.definition, request.body.baseVersion),
  );
  app.delete(
    '/reports/:id',
    {
      schema: {
        tags,
        summary: 'Deletes a report and the months it kept',
        params: ReportIdParams,
        response: { 204: Type.Null(), ...errors },
      },
    },
    async (request, reply) => {
      await reports.remove(actorOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );
  app.post(
    '/reports/preview',
    {
      schema: {
        tags,
        summary: 'Runs a definition now without saving it',
        body: ReportPreviewRequest,
        response: { 200: ReportDocument, ...errors },
      },
    },
    async (request) => reports.run(actorOf(request), request.body.definition, request.body.locale ?? 'zh-Hans'),
  );
  app.get(
    '/reports/:id/document',
    {
      schema: {
        tags,
        summary: 'A saved report run now',
        params: ReportIdParams,
        querystring: ReportLocaleQuery,
        response: { 200: ReportDocument, ...errors },
      },
    },
    async (request) => reports.runSaved(actorOf(request), request.params.id, request.query.locale ?? 'zh-Hans'),
  );
  app.get(
    '/reports/:id/export',
    {
      schema: {
        tags,
        summary: 'A saved report run now, as CSV, XLSX (a sheet per section) or PDF (A4, with its chart)',
        params: ReportIdParams,
        querystring: ReportExportQuery,
        response: { 200: binary, ...errors },
      },
    },
    async (request, reply) => {
      const locale = request.query.locale ?? 'zh-Hans';
      const document = await reports.runSaved(actorOf(request), request.params.id, locale);
      const fileName = `linli-report-${request.params.id}-${document.from}-${document.to}`;
      return sendReport(reply, request.query.format ?? 'pdf', document, locale, fileName, reportPdf);
    },
  );
  app.get(
    '/reports/:id/runs/:period/export',
    {
      schema: {
        tags,
        summary: 'A month a monthly report kept, as CSV, XLSX or PDF',
        params: ReportRunParams,
        querystring: ReportExportQuery,
        response: { 200: binary, ...errors },
      },
    },
    async (request, reply) => {
      const { id, period } = request.params;
      const document = await reports.keptRun(actorOf(request), id, period);
      const fileName = `linli-report-${id}-${period}`;
      return sendReport(reply, request.query.format ?? 'pdf', document, 'zh-Hans', fileName, reportPdf);
    },
  );
  app.get(
    '/reports/monthly',
    {
      schema: {
        tags,
        summary:
          "一键月报: a unit's month — usage against the month before, the units below, the days, guides opened most, searches that found nothing, approved figures",
        querystring: MonthlyReportQuery,
        response: { 200: binary, ...errors },
      },
    },
    async (request, reply) => {
      const { month, orgId, format } = request.query;
      const locale = request.query.locale ?? 'zh-Hans';
      const document = await reports.monthly(actorOf(request), month, orgId, locale);
      return sendReport(reply, format, document, locale, `linli-monthly-${document.node.id}-${month}`, reportPdf);
    },
  );
}
