/**
 * The media library: uploads (streamed to disk through a plugin scope of their own, never held
 * in memory), listing and removal for admins, and public content-addressed serving with
 * ranges, ETags and year-long immutable caching for devices, caches and CDNs.
 */
import type { Readable } from 'node:stream';
import Type from 'typebox';
import {
  ErrorBody,
  LinliError,
  MediaItem,
  MediaList,
  MediaListQuery,
  MediaUpdate,
  MediaUploadQuery,
  UploadHeaders,
  IDEMPOTENCY_KEY_HEADER,
  SHA256_PATTERN,
} from '@linli/protocol';
import type { MediaLibrary } from '../domain/media-library';
import { thumbnailName } from '../media/blob-store';
import { requireFileBody } from './file-body';
import { sendRanged } from './ranged-file';
import { actorOf } from './session-guard';
import type { TypedApp } from './typed-app';

const errors = {
  400: ErrorBody,
  401: ErrorBody,
  403: ErrorBody,
  404: ErrorBody,
  409: ErrorBody,
  413: ErrorBody,
  415: ErrorBody,
};
const IMMUTABLE = 'public, max-age=31536000, immutable';
const ShaParams = Type.Object({ sha256: Type.String({ pattern: SHA256_PATTERN }) });

/** In the admin scope: upload, list, re-file and remove. */
export async function registerMediaRoutes(app: TypedApp, deps: { media: MediaLibrary }): Promise<void> {
  const { media } = deps;

  await app.register(async (scope: TypedApp) => {
    scope.addContentTypeParser('application/octet-stream', (_request, payload, done) => done(null, payload));
    scope.addHook('preValidation', requireFileBody);
    scope.post(
      '/media',
      {
        schema: {
          tags: ['media'],
          summary: 'Upload a file (the request body, application/octet-stream)',
          description:
            'Accepted by content: PNG, JPEG, GIF, WebP (20 MB), PDF (100 MB), MP4, WebM (2 GB). The same bytes are stored once.',
          querystring: MediaUploadQuery,
          headers: UploadHeaders,
          response: { 201: MediaItem, ...errors },
        },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(
            await media.upload(
              actorOf(request),
              { ...request.query, uploadKey: request.headers[IDEMPOTENCY_KEY_HEADER] },
              request.body as Readable,
            ),
          ),
    );
  });

  app.get(
    '/media',
    {
      schema: {
        tags: ['media'],
        summary: 'Media of your subtree and the nodes above it',
        querystring: MediaListQuery,
        response: { 200: MediaList, ...errors },
      },
    },
    async (request) => media.list(actorOf(request), request.query),
  );
  app.patch(
    '/media/:id',
    {
      schema: {
        tags: ['media'],
        summary: 'File a media item under a category (empty: none)',
        params: Type.Object({ id: Type.Integer({ minimum: 1 }) }),
        body: MediaUpdate,
        response: { 200: MediaItem, ...errors },
      },
    },
    async (request) => media.update(actorOf(request), request.params.id, request.body),
  );
  app.delete(
    '/media/:id',
    {
      schema: {
        tags: ['media'],
        summary: 'Remove a media item (the file goes when nothing else names it)',
        params: Type.Object({ id: Type.Integer({ minimum: 1 }) }),
        response: { 204: Type.Null(), ...errors },
      },
    },
    async (request, reply) => {
      await media.remove(actorOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );
}

/** Stored files by content hash, open to anyone (kiosks and the admin UI): immutable, with Range. */
export function registerMediaFileRoutes(app: TypedApp, deps: { media: MediaLibrary }): void {
  const { media } = deps;
  app.get(
    '/media/:sha256',
    {
      schema: {
        tags: ['media'],
        summary: 'A stored file by its SHA-256 (public, immutable; supports Range and If-Range)',
        params: ShaParams,
        response: { 200: Type.Unknown(), 206: Type.Unknown(), 304: Type.Null(), 404: ErrorBody, 416: Type.Null() },
      },
    },
    async (request, reply) => {
      const { sha256 } = request.params;
      const blob = await media.blob(sha256);
      if (!blob) throw new LinliError('NOT_FOUND', `No media ${sha256}`);
      const etag = `"${sha256}"`;
      reply
        .header('cache-control', IMMUTABLE)
        .header('etag', etag)
        .header('content-type', blob.mime)
        // Served as the type its content was checked to be, never sniffed as another; a file opened
        // on its own runs no script (PDFs are left to the browser's viewer, which a sandbox blocks).
        .header('x-content-type-options', 'nosniff')
        .header(
          'content-security-policy',
          blob.mime === 'application/pdf' ? "default-src 'none'; object-src 'self'" : "default-src 'none'; sandbox",
        )
        .header('repr-digest', `sha-256=:${Buffer.from(sha256, 'hex').toString('base64')}:`);
      if (request.headers['if-none-match'] === etag) return reply.status(304).send(null);
      return sendRanged(request, reply, { open: (span) => media.blobs.read(sha256, span), bytes: blob.bytes, etag });
    },
  );

  app.get(
    '/media/:sha256/thumbnail',
    {
      schema: {
        tags: ['media'],
        summary: 'A JPEG preview of a stored image',
        params: ShaParams,
        response: { 200: Type.Unknown(), 404: ErrorBody },
      },
    },
    async (request, reply) => {
      const blob = await media.blob(request.params.sha256);
      if (!blob?.thumbnail) throw new LinliError('NOT_FOUND', 'No preview for this file');
      return reply
        .header('cache-control', IMMUTABLE)
        .header('content-type', 'image/jpeg')
        .header('x-content-type-options', 'nosniff')
        .send(media.blobs.read(thumbnailName(request.params.sha256)));
    },
  );
}
