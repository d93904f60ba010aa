/** Emergency alerts for admins: alert sources (system administrators) and the alerts received. */
import Type from 'typebox';
import {
  AlertList,
  AlertListQuery,
  AlertSourceCreated,
  AlertSourceInput,
  AlertSourceList,
  AlertSourceView,
  ErrorBody,
} from '@linli/protocol';
import type { AlertSources } from '../domain/alert-sources';
import type { AlertService } from '../domain/alerts';
import { actorOf } from './session-guard';
import type { TypedApp } from './typed-app';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody };
const SourceParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });

export function registerAlertRoutes(app: TypedApp, deps: { alertSources: AlertSources; alerts: AlertService }): void {
  const { alertSources, alerts } = deps;
  const tags = ['alerts'];
  app.post(
    '/alert-sources',
    {
      schema: {
        tags,
        summary: 'Register an alert source (预警信息源); its key is in this reply only',
        body: AlertSourceInput,
        response: { 201: AlertSourceCreated, ...errors },
      },
    },
    async (request, reply) => reply.code(201).send(await alertSources.create(actorOf(request), request.body)),
  );
  app.get(
    '/alert-sources',
    { schema: { tags, summary: 'The alert sources', response: { 200: AlertSourceList, ...errors } } },
    async (request) => ({ sources: await alertSources.list(actorOf(request)) }),
  );
  app.post(
    '/alert-sources/:id/revoke',
    {
      schema: {
        tags,
        summary: "Revoke an alert source's key",
        params: SourceParams,
        response: { 200: AlertSourceView, ...errors },
      },
    },
    async (request) => alertSources.revoke(actorOf(request), request.params.id),
  );
  app.get(
    '/alerts',
    {
      schema: {
        tags,
        summary: 'Active and recent emergency alerts covering part of your organisation',
        querystring: AlertListQuery,
        response: { 200: AlertList, ...errors },
      },
    },
    async (request) => alerts.list(actorOf(request), request.query),
  );
}
