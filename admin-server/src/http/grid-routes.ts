/**
 * Grids for the map in the admin API: their boundaries, address lists, staff and cases; a
 * community's GeoJSON import; one grid saved from the map's editor.
 */
import { ErrorBody, GridList, GridView } from '@linli/protocol';
import Type from 'typebox';
import { beijingDate } from '../bills/beijing-time';
import type { Grids } from '../domain/grids';
import { editVersionOf, withEtag } from './edit-version';
import { actorOf } from './session-guard';
import type { TypedApp } from './typed-app';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody };
const tags = ['grids'];

export function registerGridRoutes(app: TypedApp, deps: { grids: Grids }): void {
  const { grids } = deps;
  app.get(
    '/grids',
    {
      schema: {
        tags,
        summary:
          'The grids in your subtree: boundary, addresses, staff, open and overdue cases; grids with no boundary yet',
        response: { 200: GridList, ...errors },
      },
    },
    async (request) => grids.list(actorOf(request), beijingDate(new Date())),
  );
  app.put(
    '/grids',
    {
      schema: {
        tags,
        summary:
          'Import grid boundaries and address lists: a GeoJSON FeatureCollection of polygons, each naming its grid by code (all or nothing)',
        body: Type.Unknown(),
        response: { 200: Type.Object({ grids: Type.Integer() }), ...errors },
      },
    },
    async (request) => grids.importFile(actorOf(request), request.body),
  );
  app.put(
    '/grids/:orgId',
    {
      schema: {
        tags,
        summary:
          "Save one grid's boundary and address list, edited from the version in If-Match (0: it has no boundary yet)",
        params: Type.Object({ orgId: Type.Integer({ minimum: 1 }) }),
        // A GridEdit, read once the user is authorised over the grid.
        body: Type.Unknown(),
        response: { 200: GridView, ...errors, 409: ErrorBody, 428: ErrorBody },
      },
    },
    async (request, reply) =>
      withEtag(
        reply,
        await grids.save(
          actorOf(request),
          request.params.orgId,
          request.body,
          editVersionOf(request),
          beijingDate(new Date()),
        ),
      ),
  );
}
