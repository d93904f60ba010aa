/**
 * Open311 GeoReport v2 at /open311/v2/ (OPEN311_PATH), so existing Open311 apps and the city
 * platform can post and follow cases: discovery, services and their definitions, POST requests
 * (form-encoded, with an api_key issued in the admin UI; the key is checked before anything else
 * of the form), GET requests with the spec's filters, one request by id, tokens. Every reply in
 * JSON or XML as the path's suffix says; errors in the spec's format (an array of {code,
 * description}; 403 for the key, 404 for what does not exist, 400 for the rest). GETs are public,
 * so they show only the cases posted here, and never who posted them. These routes are described
 * by the spec (and discovery), not in the OpenAPI document.
 */
import { LinliError, OPEN311_PATH } from '@linli/protocol';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { capTime } from '../domain/cap-writer';
import type { CaseService } from '../domain/cases';
import type { IssuedKeys } from '../domain/issued-keys';
import {
  Open311Refusal,
  caseOfOpen311Request,
  categoryOfServiceCode,
  open311Definition,
  open311Request,
  open311Services,
  open311Xml,
  readOpen311Form,
} from '../domain/open311';
import type { OrgService } from '../domain/org-tree';
import type { TypedApp } from './typed-app';

type Format = 'json' | 'xml';
const MEDIA_TYPES: Record<Format, string> = {
  json: 'application/json; charset=utf-8',
  xml: 'text/xml; charset=utf-8',
};
const FORM_LIMIT = 64 * 1024;
/** The spec's default and largest window of GET requests. */
const MAX_REQUESTS = 1000;
const NINETY_DAYS_MS = 90 * 86_400_000;
const W3C_DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/** "requests.json" → requests, json; undefined for another suffix. */
function split(file: string): { name: string; format: Format } | undefined {
  const dot = file.lastIndexOf('.');
  const format = file.slice(dot + 1);
  return dot > 0 && (format === 'json' || format === 'xml') ? { name: file.slice(0, dot), format } : undefined;
}

function send(reply: FastifyReply, format: Format, root: string, value: unknown, status = 200) {
  reply.status(status).type(MEDIA_TYPES[format]);
  return format === 'json' ? JSON.stringify(value) : open311Xml(root, value);
}

const refused = (reply: FastifyReply, format: Format, refusal: Open311Refusal) =>
  send(reply, format, 'errors', refusal.errors, refusal.status);

const notFound = (what: string) => new Open311Refusal(404, [{ code: 404, description: `${what} not found` }]);

export function registerOpen311Routes(
  app: TypedApp,
  deps: { cases: CaseService; open311Keys: IssuedKeys; orgs: OrgService },
): void {
  const { cases, open311Keys } = deps;
  const startedAt = new Date();

  app.register(
    async (scope) => {
      scope.addContentTypeParser(
        'application/x-www-form-urlencoded',
        { parseAs: 'string', bodyLimit: FORM_LIMIT },
        (_request, body, done) => done(null, body),
      );
      // Whatever fails in here is said the spec's way, in the format asked for.
      scope.setErrorHandler((error, request, reply) => {
        const format = split(request.url.split('?')[0]!.split('/').at(-1) ?? '')?.format ?? 'xml';
        if (error instanceof Open311Refusal) return refused(reply, format, error);
        // The case's own checks (LinliError) and the framework's (a body too large, not a form).
        const status = error instanceof LinliError ? error.status : (error as { statusCode?: number }).statusCode;
        const message = error instanceof Error ? error.message : String(error);
        if (status && status >= 400 && status < 500)
          return refused(
            reply,
            format,
            new Open311Refusal(status === 403 || status === 404 ? status : 400, [
              { code: status, description: message },
            ]),
          );
        request.log.error({ err: error }, 'open311 request failed');
        return send(reply, format, 'errors', [{ code: 500, description: 'The server failed' }], 500);
      });

      /** The jurisdiction: the top node's division code; another one named is not here. */
      const checkJurisdiction = async (request: FastifyRequest) => {
        const asked = (request.query as Record<string, string | undefined>).jurisdiction_id;
        if (asked && asked !== (await deps.orgs.root())?.code) throw notFound(`jurisdiction_id ${asked}`);
      };
      const hide = { schema: { hide: true } };

      scope.get<{ Params: { file: string } }>('/:file', hide, async (request, reply) => {
        const file = split(request.params.file);
        if (!file) throw notFound(request.params.file);
        await checkJurisdiction(request);
        switch (file.name) {
          case 'discovery': {
            const url = `${request.protocol}://${request.host}${OPEN311_PATH}`;
            const changeset = capTime(startedAt);
            return send(reply, file.format, 'discovery', {
              changeset,
              contact: '社区服务大厅（邻里）',
              key_service: '在管理后台的「Open311 接口」页面为应用申请 api_key',
              endpoints: [
                {
                  specification: 'http://wiki.open311.org/GeoReport_v2',
                  url,
                  changeset,
                  type: 'production',
                  formats: [MEDIA_TYPES.xml.split(';')[0], MEDIA_TYPES.json.split(';')[0]],
                },
              ],
            });
          }
          case 'services':
            return send(reply, file.format, 'services', open311Services(cases.catalogue().categories));
          case 'requests':
            return send(reply, file.format, 'service_requests', await listRequests(request.query as Query));
          default:
            throw notFound(file.name);
        }
      });

      scope.get<{ Params: { file: string } }>('/services/:file', hide, async (request, reply) => {
        const file = split(request.params.file);
        if (!file) throw notFound(request.params.file);
        await checkJurisdiction(request);
        const category = cases.catalogue().categories.find((entry) => entry.path === categoryOfServiceCode(file.name));
        if (!category) throw notFound(`service_code ${file.name}`);
        return send(reply, file.format, 'service_definition', open311Definition(category));
      });

      scope.get<{ Params: { file: string } }>('/requests/:file', hide, async (request, reply) => {
        const file = split(request.params.file);
        if (!file) throw notFound(request.params.file);
        await checkJurisdiction(request);
        const [found] = /^\d{12}$/.test(file.name)
          ? await cases.open311Requests({ trackings: [file.name], limit: 1 })
          : [];
        if (!found) throw notFound(`service_request_id ${file.name}`);
        return send(reply, file.format, 'service_requests', [open311Request(found)]);
      });

      // Every request is answered at once (type realtime): no token ever stands for one.
      scope.get<{ Params: { file: string } }>('/tokens/:file', hide, async (request) => {
        const file = split(request.params.file);
        throw notFound(`token ${file?.name ?? request.params.file}`);
      });

      scope.post<{ Params: { file: string } }>('/:file', hide, async (request, reply) => {
        const file = split(request.params.file);
        if (!file || file.name !== 'requests') throw notFound(request.params.file);
        const form = readOpen311Form(typeof request.body === 'string' ? request.body : '');
        const query = request.query as Record<string, string | undefined>;
        // The key first: nothing else of what an unknown sender posted is looked at.
        const caller = await open311Keys.authenticate(form.get('api_key')?.[0] ?? query.api_key);
        if (!caller) throw new Open311Refusal(403, [{ code: 403, description: 'api_key is missing or not valid' }]);
        await checkJurisdiction(request);
        const input = caseOfOpen311Request(form, (path) => cases.catalogue().categories.find((c) => c.path === path));
        const receipt = await cases.register(
          {
            channel: 'open311',
            by: `open311:${caller.keyId}`,
            from: request.ip,
            orgId: caller.orgId,
            orgPath: caller.orgPath,
          },
          input,
        );
        return send(reply, file.format, 'service_requests', [
          { service_request_id: receipt.tracking, service_notice: `答复期限 ${receipt.replyBy}`, account_id: '' },
        ]);
      });
    },
    { prefix: OPEN311_PATH },
  );

  type Query = Record<string, string | undefined>;

  /** GET requests: ids (which override everything else), or service codes, a window of at most 90 days, statuses. */
  async function listRequests(query: Query) {
    // A comma list; an empty one is no argument at all, as the spec's optional arguments are.
    const listOf = (value: string | undefined) => {
      const items = value
        ?.split(',')
        .map((item) => item.trim())
        .filter(Boolean);
      return items?.length ? items : undefined;
    };
    const ids = listOf(query.service_request_id);
    if (ids) {
      const trackings = ids.filter((id) => /^\d{12}$/.test(id)).slice(0, MAX_REQUESTS);
      const found = trackings.length > 0 ? await cases.open311Requests({ trackings, limit: MAX_REQUESTS }) : [];
      return found.map(open311Request);
    }
    for (const name of ['start_date', 'end_date'] as const)
      if (query[name] && !W3C_DATETIME.test(query[name]))
        throw new Open311Refusal(400, [{ code: 400, description: `${name} is not a W3C date-time with a zone` }]);
    const end = query.end_date ? new Date(query.end_date) : new Date();
    const start = query.start_date ? new Date(query.start_date) : new Date(end.getTime() - NINETY_DAYS_MS);
    if (end.getTime() - start.getTime() > NINETY_DAYS_MS)
      throw new Open311Refusal(400, [{ code: 400, description: 'start_date and end_date span more than 90 days' }]);
    const statuses = new Set(listOf(query.status));
    if ([...statuses].some((status) => status !== 'open' && status !== 'closed'))
      throw new Open311Refusal(400, [{ code: 400, description: 'status is open or closed, or both comma-delimited' }]);
    // Both statuses are no filter.
    const status = statuses.size === 1 ? ([...statuses][0] as 'open' | 'closed') : undefined;
    const codes = listOf(query.service_code);
    const found = await cases.open311Requests({
      ...(codes && { categories: codes.map(categoryOfServiceCode) }),
      from: start.toISOString(),
      to: new Date(end.getTime() + 1).toISOString(),
      ...(status && { status }),
      limit: MAX_REQUESTS,
    });
    return found.map(open311Request);
  }
}
