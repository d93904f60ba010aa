/** Admin API for guides: list, read, create, edit, review, publish, history and rollback, delete, import and export. */
import Type from 'typebox';
import { ErrorBody, ExportReply, GuideHistory, GuideInput, GuideList, GuideListQuery, GuideView, IdParams, ImportReply, PublishRequest, ReviewDecision, RollbackRequest } from '@linli/protocol';
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
    const list = await guides.list(actorOf(request), { category: request.query.category, published: request.query.published, state: request.query.state, text: request.query.q?.trim() || undefined });
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
    schema: { tags, summary: 'Read one guide: its newest version and review state', params: IdParams, response: { 200: GuideView, ...errors } },
  }, async (request) => guides.get(actorOf(request), request.params.id));

  app.post('/api/v1/admin/guides', {
    preHandler,
    schema: {
      tags, summary: 'Create a guide',
      description: '`published: true` publishes it at once for users who may review content, and sends it for review for everyone else.',
      body: GuideInput, response: { 201: GuideView, ...errors },
    },
  }, async (request, reply) => reply.status(201).send(await guides.create(actorOf(request), request.body)));

  app.put('/api/v1/admin/guides/:id', {
    preHandler,
    schema: {
      tags, summary: 'Save a new version of a guide',
      description: 'A live version stays on devices until a newer one is published. `published` as for create; `false` keeps a draft and does not take the live version off devices.',
      params: IdParams, body: GuideInput, response: { 200: GuideView, ...errors },
    },
  }, async (request) => guides.update(actorOf(request), request.params.id, request.body));

  app.post('/api/v1/admin/guides/:id/publish', {
    preHandler,
    schema: { tags, summary: 'Publish the newest version, or take the guide off devices (reviewers)', params: IdParams, body: PublishRequest, response: { 200: GuideView, ...errors } },
  }, async (request) => guides.setPublished(actorOf(request), request.params.id, request.body.published));

  app.post('/api/v1/admin/guides/:id/submit', {
    preHandler,
    schema: { tags, summary: 'Send a draft for review', params: IdParams, response: { 200: GuideView, ...errors } },
  }, async (request) => guides.submit(actorOf(request), request.params.id));

  app.post('/api/v1/admin/guides/:id/review', {
    preHandler,
    schema: { tags, summary: 'Approve (publish) or reject a guide in review', params: IdParams, body: ReviewDecision, response: { 200: GuideView, ...errors } },
  }, async (request) => guides.review(actorOf(request), request.params.id, request.body));

  app.get('/api/v1/admin/guides/:id/history', {
    preHandler,
    schema: { tags, summary: 'Every saved version, newest first', params: IdParams, response: { 200: GuideHistory, ...errors } },
  }, async (request) => guides.history(actorOf(request), request.params.id));

  app.post('/api/v1/admin/guides/:id/rollback', {
    preHandler,
    schema: { tags, summary: 'Save an earlier version again as the newest draft', params: IdParams, body: RollbackRequest, response: { 200: GuideView, ...errors } },
  }, async (request) => guides.rollback(actorOf(request), request.params.id, request.body.version));

  app.delete('/api/v1/admin/guides/:id', {
    preHandler,
    schema: { tags, summary: 'Delete a guide', params: IdParams, response: { 204: Type.Null(), ...errors } },
  }, async (request, reply) => {
    await guides.remove(actorOf(request), request.params.id);
    return reply.status(204).send(null);
  });
}
