/** Admin API for the audit trail: filtered pages, and the same filter as a CSV download. */
import Type from 'typebox';
import { AuditPage, AuditQuery, ErrorBody } from '@linli/protocol';
import { auditCsv, type AuditService } from '../domain/audit';
import type { OrgService } from '../domain/org-tree';
import { actorOf } from './session-guard';
import type { TypedApp } from './typed-app';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody };
const EXPORT_LIMIT = 50_000;

export function registerAuditRoutes(app: TypedApp, deps: { audit: AuditService; orgs: OrgService }): void {
  const { audit, orgs } = deps;

  /** Checks the actor may read the trail of the asked node (their own by default); returns its path. */
  async function scopePath(request: Parameters<typeof actorOf>[0], orgId: number | undefined): Promise<string> {
    const actor = actorOf(request);
    const node = await orgs.get(orgId ?? actor.orgId);
    await audit.authorize(actor, 'audit.view', 'audit.view', {
      type: 'audit',
      id: '-',
      orgId: node.id,
      orgPath: node.path,
    });
    return node.path;
  }

  app.get(
    '/audit',
    {
      schema: {
        tags: ['audit'],
        summary: 'Audit entries, newest first',
        querystring: AuditQuery,
        response: { 200: AuditPage, ...errors },
      },
    },
    async (request) => audit.query(actorOf(request), request.query, await scopePath(request, request.query.orgId)),
  );

  app.get(
    '/audit/export',
    {
      schema: {
        tags: ['audit'],
        summary: 'The filtered audit trail as CSV (UTF-8 with BOM, for Excel)',
        querystring: Type.Omit(AuditQuery, ['offset', 'limit']),
        response: { 200: Type.String(), ...errors },
      },
    },
    async (request, reply) => {
      const page = await audit.query(
        actorOf(request),
        { ...request.query, offset: 0, limit: EXPORT_LIMIT },
        await scopePath(request, request.query.orgId),
      );
      reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="linli-audit.csv"');
      return auditCsv(page.entries);
    },
  );
}
