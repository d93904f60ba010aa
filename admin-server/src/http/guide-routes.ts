/** Admin API for guides: list, read, create, edit, review, publish, history and rollback, delete, import and export. */
import Type from 'typebox';
import {
  ErrorBody,
  ExportReply,
  GuideAliasParams,
  GuideAliasRequest,
  GuideHistory,
  GuideInput,
  GuideList,
  GuideListQuery,
  GuideView,
  ImportReply,
} from '@linli/protocol';
import type { GuideService } from '../domain/guides';
import { actorOf } from './session-guard';
import { registerReviewedContentRoutes } from './reviewed-content-routes';
import type { TypedApp } from './typed-app';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };

export function registerGuideRoutes(app: TypedApp, deps: { guides: GuideService }): void {
  const { guides } = deps;
  const tags = ['guides'];

  app.get(
    '/guides',
    {
      schema: {
        tags,
        summary: "A page of guides, in the kiosk's category order",
        querystring: GuideListQuery,
        response: { 200: GuideList, ...errors },
      },
    },
    async (request) => {
      const { q, offset = 0, limit = 50, ...filter } = request.query;
      const { items, total } = await guides.list(
        actorOf(request),
        { ...filter, text: q?.trim() || undefined },
        { offset, limit },
      );
      return { guides: items, total };
    },
  );

  app.get(
    '/guides/export',
    {
      schema: { tags, summary: 'Export every guide as an import file', response: { 200: ExportReply, ...errors } },
    },
    async (request, reply) => {
      reply.header('content-disposition', 'attachment; filename="linli-guides.json"');
      return guides.exportFile(actorOf(request));
    },
  );

  app.get(
    '/guides/suggested-id',
    {
      schema: {
        tags,
        summary: "An unused id for a new guide, spelt in pinyin from its title ('' when the title spells nothing)",
        querystring: Type.Object({ title: Type.String({ maxLength: 120 }) }),
        response: { 200: Type.Object({ id: Type.String() }), ...errors },
      },
    },
    async (request) => ({ id: await guides.suggestId(request.query.title) }),
  );

  app.post(
    '/guides/import',
    {
      bodyLimit: 50 * 1024 * 1024,
      schema: {
        tags,
        summary: 'Import a guide file (all or nothing)',
        description:
          'Upserts every guide of a `linli-guides` file by id. Any invalid entry rejects the whole file; the error details name the entry and the field.',
        body: Type.Unknown(),
        response: { 200: ImportReply, ...errors },
      },
    },
    async (request) => guides.importFile(actorOf(request), request.body),
  );

  app.post(
    '/guides/:id/aliases',
    {
      schema: {
        tags,
        summary: 'Add the words residents searched for as an alias (使用统计 → 搜索无结果)',
        description:
          "An edit of the guide's latest version: published at once for users who may review content, sent for review for everyone else. Words the guide already has change nothing.",
        params: GuideAliasParams,
        body: GuideAliasRequest,
        response: { 200: GuideView, ...errors },
      },
    },
    async (request) => guides.addAlias(actorOf(request), request.params.id, request.body.alias),
  );

  registerReviewedContentRoutes(app, {
    plural: 'guides',
    noun: 'guide',
    schemas: { Input: GuideInput, View: GuideView, History: GuideHistory },
    service: guides,
    secondPersonApproves: false,
  });
}
