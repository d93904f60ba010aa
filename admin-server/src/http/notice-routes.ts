/** Admin API for notices: drafts, versions, review by a second person, withdrawal. */
import Type from 'typebox';
import {
  ErrorBody,
  NoticeHistory,
  NoticeInput,
  NoticeList,
  NoticeListQuery,
  NoticeView,
  ReviewDecision,
  RollbackRequest,
} from '@linli/protocol';
import type { NoticeService } from '../domain/notices';
import { editVersionOf, withEtag } from './edit-version';
import { actorOf } from './session-guard';
import type { TypedApp } from './typed-app';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody, 428: ErrorBody };
const Params = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });

export function registerNoticeRoutes(app: TypedApp, deps: { notices: NoticeService }): void {
  const { notices } = deps;
  const tags = ['notices'];

  app.get(
    '/notices',
    {
      schema: {
        tags,
        summary: 'Notices you may read, newest change first',
        querystring: NoticeListQuery,
        response: { 200: NoticeList, ...errors },
      },
    },
    async (request) => notices.list(actorOf(request), request.query),
  );
  app.post(
    '/notices',
    {
      schema: {
        tags,
        summary: 'Draft a notice at your node',
        body: NoticeInput,
        response: { 201: NoticeView, ...errors },
      },
    },
    async (request, reply) => reply.status(201).send(await notices.create(actorOf(request), request.body)),
  );
  app.get(
    '/notices/:id',
    {
      schema: { tags, summary: 'One notice', params: Params, response: { 200: NoticeView, ...errors } },
    },
    async (request, reply) => withEtag(reply, await notices.get(actorOf(request), request.params.id)),
  );
  app.put(
    '/notices/:id',
    {
      schema: {
        tags,
        summary: 'Save a new version (back to draft; an approved version stays live until the next approval)',
        params: Params,
        body: NoticeInput,
        response: { 200: NoticeView, ...errors },
      },
    },
    async (request, reply) =>
      withEtag(reply, await notices.update(actorOf(request), request.params.id, request.body, editVersionOf(request))),
  );
  app.post(
    '/notices/:id/submit',
    {
      schema: { tags, summary: 'Send a draft for review', params: Params, response: { 200: NoticeView, ...errors } },
    },
    async (request) => notices.submit(actorOf(request), request.params.id),
  );
  app.post(
    '/notices/:id/review',
    {
      schema: {
        tags,
        summary: 'Approve (publish to its targets) or reject, by someone other than the last editor',
        params: Params,
        body: ReviewDecision,
        response: { 200: NoticeView, ...errors },
      },
    },
    async (request, reply) =>
      withEtag(reply, await notices.review(actorOf(request), request.params.id, request.body, editVersionOf(request))),
  );
  app.post(
    '/notices/:id/withdraw',
    {
      schema: {
        tags,
        summary: 'Take a notice off every device',
        params: Params,
        response: { 200: NoticeView, ...errors },
      },
    },
    async (request) => notices.withdraw(actorOf(request), request.params.id),
  );
  app.get(
    '/notices/:id/history',
    {
      schema: {
        tags,
        summary: 'Every saved version, newest first',
        params: Params,
        response: { 200: NoticeHistory, ...errors },
      },
    },
    async (request) => notices.history(actorOf(request), request.params.id),
  );
  app.post(
    '/notices/:id/rollback',
    {
      schema: {
        tags,
        summary: 'Save an earlier version again as the newest draft',
        params: Params,
        body: RollbackRequest,
        response: { 200: NoticeView, ...errors },
      },
    },
    async (request) => notices.rollback(actorOf(request), request.params.id, request.body.version),
  );
  app.delete(
    '/notices/:id',
    {
      schema: {
        tags,
        summary: 'Delete a notice (kept in the audit trail with its history)',
        params: Params,
        response: { 204: Type.Null(), ...errors },
      },
    },
    async (request, reply) => {
      await notices.remove(actorOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );
}
