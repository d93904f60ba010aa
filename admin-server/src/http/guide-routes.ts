/** Admin API for guides: list, read, create, edit, publish, delete, import and export. */
import Type from 'typebox';
import { ErrorBody, ExportReply, Guide, GuideInput, GuideList, GuideListQuery, IdParams, ImportReply, PublishRequest } from '@linli/protocol';
import type { GuideService } from '../domain/guides';
import type { SignInService } from '../domain/sign-in';
import { actorOf, requireSession } from './auth-routes';
import type { TypedApp } from './typed-app';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };

export function registerGuideRoutes(app: TypedApp, deps: { guides: GuideService; signIn: SignInService }): void {
  const { guides } = deps;
  const preHandler = requireSession(deps.signIn);
  const tags = ['guides'];

  app.get('/api/v1/admin/guides', {
    preHandler,
    schema: { tags, summary: 'List guides', querystring: GuideListQuery, response: { 200: GuideList, ...errors } },
  }, async (request) => {
    const list = await guides.list(actorOf(request), { category: request.query.category, published: request.query.published, text: request.query.q?.trim() || undefined });
    return { guides: list, total: list.length };
  });

  app.get('/api/v1/admin/guides/export', {
    preHandler,
    schema: { tags, summary: 'Export every guide as an import file', response: { 200: ExportReply, ...errors } },
  }, async (request, reply) => {
    reply.header('content-disposition', 'attachment; filename="linli-guides.json"');
    return guides.exportFile(actorOf(request));
  });

  app.post('/api/v1/admin/guides/import', {
    preHandler,
    bodyLimit: 50 * 1024 * 1024,
    schema: {
      tags,
      summary: 'Import a guide file (all or nothing)',
      description: 'Upserts every guide of a `linli-guides` file by id. Any invalid entry rejects the whole file; the error details name the entry and the field.',
      body: Type.Unknown(),
      response: { 200: ImportReply, ...errors },
    },
  }, async (request) => guides.importFile(actorOf(request), request.body));

  app.get('/api/v1/admin/guides/:id', {
    preHandler,
    schema: { tags, summary: 'Read one guide', params: IdParams, response: { 200: Guide, ...errors } },
  }, async (request) => guides.get(actorOf(request), request.params.id));

  app.post('/api/v1/admin/guides', {
    preHandler,
    schema: { tags, summary: 'Create a guide', body: GuideInput, response: { 201: Guide, ...errors } },
  }, async (request, reply) => reply.status(201).send(await guides.create(actorOf(request), request.body)));

  app.put('/api/v1/admin/guides/:id', {
    preHandler,
    schema: { tags, summary: 'Replace a guide', params: IdParams, body: GuideInput, response: { 200: Guide, ...errors } },
  }, async (request) => guides.update(actorOf(request), request.params.id, request.body));

  app.post('/api/v1/admin/guides/:id/publish', {
    preHandler,
    schema: { tags, summary: 'Publish or unpublish', params: IdParams, body: PublishRequest, response: { 200: Guide, ...errors } },
  }, async (request) => guides.setPublished(actorOf(request), request.params.id, request.body.published));

  app.delete('/api/v1/admin/guides/:id', {
    preHandler,
    schema: { tags, summary: 'Delete a guide', params: IdParams, response: { 204: Type.Null(), ...errors } },
  }, async (request, reply) => {
    await guides.remove(actorOf(request), request.params.id);
    return reply.status(204).send(null);
  });
}
