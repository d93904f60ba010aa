/**
 * Basemaps in the admin API: the one a user's map lies on, a node's image, and a node's basemap
 * uploaded (the image as the body, its bounds in the query), replaced or removed.
 */
import { BasemapReply, BasemapView, ErrorBody } from '@linli/protocol';
import Type from 'typebox';
import type { Basemaps } from '../domain/basemaps';
import { requireFileBody } from './file-body';
import { actorOf } from './session-guard';
import type { TypedApp } from './typed-app';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody };
const tags = ['grids'];
const params = Type.Object({ orgId: Type.Integer({ minimum: 1 }) });
/** Numbers only here: their ranges and order are checked once the user is authorised over the node. */
const BoundsQuery = Type.Object({
  south: Type.Optional(Type.Number({ description: 'latitude of the south-west corner (WGS 84)' })),
  west: Type.Optional(Type.Number({ description: 'longitude of the south-west corner' })),
  north: Type.Optional(Type.Number({ description: 'latitude of the north-east corner' })),
  east: Type.Optional(Type.Number({ description: 'longitude of the north-east corner' })),
});

export function registerBasemapRoutes(app: TypedApp, deps: { basemaps: Basemaps }): void {
  const { basemaps } = deps;
  app.get(
    '/basemap',
    {
      schema: {
        tags,
        summary: "The basemap your map lies on: your node's own, else the nearest one above it (null: none)",
        response: { 200: BasemapReply, ...errors },
      },
    },
    async (request) => basemaps.nearest(actorOf(request)),
  );
  app.get(
    '/basemaps/:orgId/image',
    {
      schema: {
        tags,
        summary: "A node's basemap image (your node's, one above it or below it)",
        params,
        querystring: Type.Object({ v: Type.Optional(Type.String({ maxLength: 64, description: 'its sha256' })) }),
        response: { 200: Type.Unknown(), ...errors },
      },
    },
    async (request, reply) => {
      const image = await basemaps.image(actorOf(request), request.params.orgId);
      return reply
        .header('content-type', image.mime)
        .header('content-length', String(image.bytes))
        .header('etag', `"${image.sha256}"`)
        .header('cache-control', 'private, no-cache')
        .header('x-content-type-options', 'nosniff')
        .send(image.body);
    },
  );
  // The image is the body, streamed into the media folder (never held whole in memory).
  app.register(async (scope: TypedApp) => {
    scope.addContentTypeParser(
      ['image/png', 'image/jpeg', 'image/webp', 'application/octet-stream'],
      (_request, payload, done) => done(null, payload),
    );
    scope.addHook('preValidation', requireFileBody);
    scope.put(
      '/basemaps/:orgId',
      {
        schema: {
          tags,
          summary:
            "Lay an image under a node's map, or replace it: PNG, JPEG or WebP (the request body, 20 MB at most) and the bounds it covers",
          params,
          querystring: BoundsQuery,
          response: { 200: BasemapView, ...errors, 413: ErrorBody, 415: ErrorBody },
        },
      },
      async (request) => basemaps.upload(actorOf(request), request.params.orgId, request.query, request.body),
    );
  });
  app.delete(
    '/basemaps/:orgId',
    {
      schema: {
        tags,
        summary: "Take a node's basemap away (the map lies on the one above it again, if any)",
        params,
        response: { 204: Type.Null(), ...errors },
      },
    },
    async (request, reply) => {
      await basemaps.remove(actorOf(request), request.params.orgId);
      return reply.status(204).send(null);
    },
  );
}
