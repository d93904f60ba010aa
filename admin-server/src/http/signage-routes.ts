/** Admin API for signage publications: the list, plus the reviewed-content routes (read, save, review by a second person, withdraw, history, rollback, delete). */
import { ErrorBody, SignageHistory, SignageInput, SignageList, SignageListQuery, SignageView } from '@linli/protocol';
import type { SignageService } from '../domain/signage';
import { registerReviewedContentRoutes } from './reviewed-content-routes';
import { actorOf } from './session-guard';
import type { TypedApp } from './typed-app';

export function registerSignageRoutes(app: TypedApp, deps: { signage: SignageService }): void {
  const { signage } = deps;
  app.get(
    '/signage',
    {
      schema: {
        tags: ['signage'],
        summary: 'Signage publications you may read, newest change first',
        querystring: SignageListQuery,
        response: { 200: SignageList, 400: ErrorBody, 401: ErrorBody, 403: ErrorBody },
      },
    },
    async (request) => signage.list(actorOf(request), request.query),
  );
  registerReviewedContentRoutes(app, {
    plural: 'signage',
    noun: 'signage publication',
    schemas: { Input: SignageInput, View: SignageView, History: SignageHistory },
    service: signage,
    secondPersonApproves: true,
  });
}
