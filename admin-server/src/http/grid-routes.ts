/** Grids for the map in the admin API: their boundaries, address lists, staff and cases; a community's GeoJSON import. */
import { ErrorBody, GridList } from '@linli/protocol';
import Type from 'typebox';
import { beijingDate } from '../bills/beijing-time';
import type { Grids } from '../domain/grids';
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
        summary: 'The grids in your subtree: boundary, addresses, staff, open and overdue cases',
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
}
