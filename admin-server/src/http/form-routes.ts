/** Admin API for printable forms: list, plus the reviewed-content routes (read, save, review, publish, history, rollback, delete). */
import { ErrorBody, FormHistory, FormInput, FormList, FormListQuery, FormView } from '@linli/protocol';
import type { FormService } from '../domain/forms';
import { actorOf } from './session-guard';
import { registerReviewedContentRoutes } from './reviewed-content-routes';
import type { TypedApp } from './typed-app';

export function registerFormRoutes(app: TypedApp, deps: { forms: FormService }): void {
  const { forms } = deps;
  app.get(
    '/forms',
    {
      schema: {
        tags: ['forms'],
        summary: 'A page of printable forms',
        querystring: FormListQuery,
        response: { 200: FormList, 400: ErrorBody, 401: ErrorBody, 403: ErrorBody },
      },
    },
    async (request) => {
      const { q, offset = 0, limit = 50, ...filter } = request.query;
      const { items, total } = await forms.list(
        actorOf(request),
        { ...filter, text: q?.trim() || undefined },
        { offset, limit },
      );
      return { forms: items, total };
    },
  );
  registerReviewedContentRoutes(app, {
    plural: 'forms',
    noun: 'form',
    schemas: { Input: FormInput, View: FormView, History: FormHistory },
    service: forms,
    secondPersonApproves: false,
  });
}
