/** Admin API for printable forms: list, plus the reviewed-content routes (read, save, review, publish, history, rollback, delete). */
import { ErrorBody, FormHistory, FormInput, FormList, FormListQuery, FormView } from '@linli/protocol';
import type { FormService } from '../domain/forms';
import type { SignInService } from '../domain/sign-in';
import { actorOf, requireSession } from './auth-routes';
import { registerReviewedContentRoutes } from './reviewed-content-routes';
import type { TypedApp } from './typed-app';

export function registerFormRoutes(app: TypedApp, deps: { forms: FormService; signIn: SignInService }): void {
  const { forms } = deps;
  app.get(
    '/api/v1/admin/forms',
    {
      preHandler: requireSession(deps.signIn),
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
    signIn: deps.signIn,
    plural: 'forms',
    noun: 'form',
    schemas: { Input: FormInput, View: FormView, History: FormHistory },
    service: forms,
  });
}
