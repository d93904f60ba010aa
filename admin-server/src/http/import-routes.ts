/**
 * Spreadsheet imports of the organisation tree and of user accounts. The file is the request
 * body (application/octet-stream); `dryRun` (the default) checks every row and writes nothing.
 */
import { ErrorBody, SheetImportQuery, SheetImportReport } from '@linli/protocol';
import type { OrgImport } from '../domain/org-import';
import type { UserImport } from '../domain/user-import';
import { requireFileBody } from './file-body';
import { actorOf } from './session-guard';
import type { TypedApp } from './typed-app';

const MAX_SHEET_BYTES = 5 * 1024 * 1024;
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 413: ErrorBody };

export async function registerImportRoutes(
  parent: TypedApp,
  deps: { orgImport: OrgImport; userImport: UserImport },
): Promise<void> {
  // Its own plugin scope: here an octet-stream body is read whole (a sheet is small); media
  // uploads stream theirs.
  await parent.register(async (app: TypedApp) => {
    app.addContentTypeParser(
      'application/octet-stream',
      { parseAs: 'buffer', bodyLimit: MAX_SHEET_BYTES },
      (_request, body, done) => done(null, body),
    );
    app.addHook('preValidation', requireFileBody);

    const route = (url: string, summary: string, importer: OrgImport | UserImport) =>
      app.post(
        url,
        {
          bodyLimit: MAX_SHEET_BYTES,
          schema: {
            tags: ['import'],
            summary,
            description:
              'Body: the .xlsx or CSV file (UTF-8 or GB18030), `content-type: application/octet-stream`. Problems come back as 400 IMPORT_INVALID with one detail per row and column; nothing is written unless the whole file is clean.',
            querystring: SheetImportQuery,
            response: { 200: SheetImportReport, ...errors },
          },
        },
        async (request) =>
          importer.run(
            actorOf(request),
            { bytes: request.body as Buffer, fileName: request.query.fileName },
            request.query.dryRun ?? true,
          ),
      );

    route('/orgs/import', 'Import streets, communities and grids (上级代码, 名称, 代码)', deps.orgImport);
    route('/users/import', 'Import user accounts (用户名, 姓名, 角色, 所属机构代码, 初始密码)', deps.userImport);
  });
}
