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
import type { SignInService } from '../domain/sign-in';
import { actorOf, requireSession } from './auth-routes';
import type { TypedApp } from './typed-app';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };
const Params = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });

export function registerNoticeRoutes(app: TypedApp, deps: { signIn: SignInService; notices: NoticeService }): void {
  const { notices } = deps;
  const preHandler = requireSession(deps.signIn);
  const tags = ['notices'];

  app.get(
    '/api/v1/admin/notices',
    {
      preHandler,
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
    '/api/v1/admin/notices',
    {
      preHandler,
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
    '/api/v1/admin/notices/:id',
    {
      preHandler,
      schema: { tags, summary: 'One notice', params: Params, response: { 200: NoticeView, ...errors } },
    },
    async (request) => notices.get(actorOf(request), request.params.id),
  );
  app.put(
    '/api/v1/admin/notices/:id',
    {
      preHandler,
      schema: {
        tags,
        summary: 'Save a new version (back to draft; an approved version stays live until the next approval)',
        params: Params,
        body: NoticeInput,
        response: { 200: NoticeView, ...errors },
      },
    },
    async (request) => notices.update(actorOf(request), request.params.id, request.body),
  );
  app.post(
    '/api/v1/admin/notices/:id/submit',
    {
      preHandler,
      schema: { tags, summary: 'Send a draft for review', params: Params, response: { 200: NoticeView, ...errors } },
    },
    async (request) => notices.submit(actorOf(request), request.params.id),
  );
  app.post(
    '/api/v1/admin/notices/:id/review',
    {
      preHandler,
      schema: {
        tags,
        summary: 'Approve (publish to its targets) or reject, by someone other than the last editor',
        params: Params,
        body: ReviewDecision,
        response: { 200: NoticeView, ...errors },
      },
    },
    async (request) => notices.review(actorOf(request), request.params.id, request.body),
  );
  app.post(
    '/api/v1/admin/notices/:id/withdraw',
    {
      preHandler,
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
    '/api/v1/admin/notices/:id/history',
    {
      preHandler,
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
    '/api/v1/admin/notices/:id/rollback',
    {
      preHandler,
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
    '/api/v1/admin/notices/:id',
    {
      preHandler,
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
