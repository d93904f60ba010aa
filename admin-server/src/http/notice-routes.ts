/** Admin API for notices: list, who could approve one's notices, plus the reviewed-content routes (read, save, review by a second person, withdraw, history, rollback, delete). */
import {
  ErrorBody,
  NoticeApprovers,
  NoticeHistory,
  NoticeInput,
  NoticeList,
  NoticeListQuery,
  NoticeView,
} from '@linli/protocol';
import type { NoticeService } from '../domain/notices';
import type { UserService } from '../domain/users';
import { registerReviewedContentRoutes } from './reviewed-content-routes';
import { actorOf } from './session-guard';
import type { TypedApp } from './typed-app';

export function registerNoticeRoutes(app: TypedApp, deps: { notices: NoticeService; users: UserService }): void {
  const { notices, users } = deps;
  app.get(
    '/notices/approvers',
    {
      schema: {
        tags: ['notices'],
        summary: 'How many people could approve a notice you write (you included); a notice needs two',
        response: { 200: NoticeApprovers, 401: ErrorBody, 403: ErrorBody },
      },
    },
    async (request) => ({ approvers: await users.noticeApprovers(actorOf(request)) }),
  );
  app.get(
    '/notices',
    {
      schema: {
        tags: ['notices'],
        summary: 'Notices you may read, newest change first',
        querystring: NoticeListQuery,
        response: { 200: NoticeList, 400: ErrorBody, 401: ErrorBody, 403: ErrorBody },
      },
    },
    async (request) => notices.list(actorOf(request), request.query),
  );
  registerReviewedContentRoutes(app, {
    plural: 'notices',
    noun: 'notice',
    schemas: { Input: NoticeInput, View: NoticeView, History: NoticeHistory },
    service: notices,
    secondPersonApproves: true,
  });
}
