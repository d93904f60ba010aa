/**
 * Community statistics in the admin API: the indicator catalogue (指标体系), the reports nodes file
 * per period (数据填报: a form's save and submit, the spreadsheet import with its dry run, the
 * template to fill) and their review (审核), and the graded query (统计查询).
 */
import Type from 'typebox';
import {
  ErrorBody,
  IndicatorCatalogue,
  IndicatorCatalogueInput,
  IndicatorFigures,
  IndicatorFiguresExportQuery,
  IndicatorFiguresQuery,
  IndicatorImportReport,
  IndicatorReport,
  IndicatorReportDecision,
  IndicatorReportInput,
  IndicatorReportList,
  IndicatorReportListQuery,
  IndicatorReportParams,
  SheetImportQuery,
} from '@linli/protocol';
import { figuresTable, type IndicatorService } from '../domain/indicators';
import { editVersionOf, withEtag } from './edit-version';
import { requireFileBody } from './file-body';
import { sendTable } from './table-download';
import { actorOf } from './session-guard';
import type { TypedApp } from './typed-app';

const MAX_SHEET_BYTES = 5 * 1024 * 1024;
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody, 428: ErrorBody };
const tags = ['statistics'];

export async function registerIndicatorRoutes(app: TypedApp, deps: { indicators: IndicatorService }): Promise<void> {
  const { indicators } = deps;
  app.get(
    '/indicators',
    {
      schema: {
        tags,
        summary:
          'The indicator catalogue (指标体系): nine categories, units, who reports, how figures add up, formulas',
        response: { 200: IndicatorCatalogue, ...errors },
      },
    },
    async (_request, reply) => withEtag(reply, await indicators.catalogue()),
  );
  app.put(
    '/indicators',
    {
      schema: {
        tags,
        summary: "Save the district's catalogue whole (If-Match: its version; 0 over the shipped one)",
        body: IndicatorCatalogueInput,
        response: { 200: IndicatorCatalogue, ...errors },
      },
    },
    async (request, reply) =>
      withEtag(reply, await indicators.saveCatalogue(actorOf(request), request.body, editVersionOf(request))),
  );
  app.get(
    '/indicator-reports',
    {
      schema: {
        tags,
        summary: 'The reporting nodes of a subtree and their figures for a period (version 0: none saved yet)',
        querystring: IndicatorReportListQuery,
        response: { 200: IndicatorReportList, ...errors },
      },
    },
    async (request) => ({
      period: request.query.period,
      reports: await indicators.listReports(actorOf(request), request.query.period, request.query.orgId),
    }),
  );
  app.get(
    '/indicator-reports/template',
    {
      schema: {
        tags,
        summary: 'The spreadsheet to fill for a period: one row per reporting node, one column per indicator (XLSX)',
        querystring: IndicatorReportListQuery,
        response: {
          200: Type.Unsafe<string | Buffer>({ type: 'string', format: 'binary', description: 'The XLSX file' }),
          ...errors,
        },
      },
    },
    async (request, reply) => {
      const { columns, rows } = await indicators.template(actorOf(request), request.query.period, request.query.orgId);
      return sendTable(reply, 'xlsx', {
        fileName: `linli-figures-${request.query.period}`,
        sheetName: '数据填报',
        columns,
        rows,
      });
    },
  );
  app.get(
    '/indicator-reports/:orgId/:period',
    {
      schema: {
        tags,
        summary: "A node's figures for a period",
        params: IndicatorReportParams,
        response: { 200: IndicatorReport, ...errors },
      },
    },
    async (request, reply) =>
      withEtag(reply, await indicators.report(actorOf(request), request.params.orgId, request.params.period)),
  );
  app.put(
    '/indicator-reports/:orgId/:period',
    {
      schema: {
        tags,
        summary: "Save a node's figures as a draft (If-Match: the version edited; 0 for the first)",
        params: IndicatorReportParams,
        body: IndicatorReportInput,
        response: { 200: IndicatorReport, ...errors },
      },
    },
    async (request, reply) =>
      withEtag(
        reply,
        await indicators.saveReport(
          actorOf(request),
          request.params.orgId,
          request.params.period,
          request.body.values,
          editVersionOf(request),
        ),
      ),
  );
  app.post(
    '/indicator-reports/:orgId/:period/submit',
    {
      schema: {
        tags,
        summary: 'Submit the figures for review by the level above',
        params: IndicatorReportParams,
        response: { 200: IndicatorReport, ...errors },
      },
    },
    async (request, reply) =>
      withEtag(reply, await indicators.submitReport(actorOf(request), request.params.orgId, request.params.period)),
  );
  app.post(
    '/indicator-reports/:orgId/:period/review',
    {
      schema: {
        tags,
        summary: 'Approve (they count from then on) or return submitted figures, by someone above the node (If-Match)',
        params: IndicatorReportParams,
        body: IndicatorReportDecision,
        response: { 200: IndicatorReport, ...errors },
      },
    },
    async (request, reply) =>
      withEtag(
        reply,
        await indicators.reviewReport(
          actorOf(request),
          request.params.orgId,
          request.params.period,
          request.body,
          editVersionOf(request),
        ),
      ),
  );
  app.get(
    '/indicator-figures/export',
    {
      schema: {
        tags,
        summary: 'The same figures as a CSV or XLSX download: one row per indicator, the total and each unit below',
        querystring: IndicatorFiguresExportQuery,
        response: { 200: Type.Unsafe<string | Buffer>({ type: 'string', format: 'binary' }), ...errors },
      },
    },
    async (request, reply) => {
      const { format, ...query } = request.query;
      const figures = await indicators.figures(actorOf(request), query);
      return sendTable(reply, format, {
        fileName: `linli-figures-${figures.period}`,
        sheetName: '统计查询',
        ...figuresTable(figures),
      });
    },
  );
  app.get(
    '/indicator-figures',
    {
      schema: {
        tags,
        summary:
          "A node's figures for a period from the approved reports of its subtree, and its children's (统计查询)",
        querystring: IndicatorFiguresQuery,
        response: { 200: IndicatorFigures, ...errors },
      },
    },
    async (request) => indicators.figures(actorOf(request), request.query),
  );
  // The import reads the file whole in its own scope (a sheet is small).
  await app.register(async (scope: TypedApp) => {
    scope.addContentTypeParser(
      'application/octet-stream',
      { parseAs: 'buffer', bodyLimit: MAX_SHEET_BYTES },
      (_request, body, done) => done(null, body),
    );
    scope.addHook('preValidation', requireFileBody);
    scope.post(
      '/indicator-reports/import',
      {
        bodyLimit: MAX_SHEET_BYTES,
        schema: {
          tags,
          summary:
            'Import figures from a spreadsheet (单位代码, 统计期, one column per indicator), submitted for review',
          description:
            'Body: the .xlsx or CSV file, `content-type: application/octet-stream`. `dryRun` (the default) checks every row and writes nothing; problems come back as 400 IMPORT_INVALID, one detail per row and column.',
          querystring: SheetImportQuery,
          response: { 200: IndicatorImportReport, ...errors, 413: ErrorBody },
        },
      },
      async (request) =>
        indicators.importSheet(
          actorOf(request),
          { bytes: request.body as Buffer, fileName: request.query.fileName },
          request.query.dryRun ?? true,
        ),
    );
  });
}
