/** Emergency alerts for admins: alert sources and their feeds (system administrators), the alerts received, and manual alerts. */
import Type from 'typebox';
import {
  AlertFeedInput,
  AlertList,
  AlertListQuery,
  AlertSourceCreated,
  AlertSourceInput,
  AlertSourceList,
  AlertSourceView,
  ErrorBody,
  ManualAlertInput,
  ManualAlertList,
  ManualAlertView,
  ReviewDecision,
} from '@linli/protocol';
import type { AlertSources } from '../domain/alert-sources';
import type { AlertService } from '../domain/alerts';
import type { ManualAlerts } from '../domain/manual-alerts';
import { actorOf } from './session-guard';
import type { TypedApp } from './typed-app';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };
const IdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });

export function registerAlertRoutes(
  app: TypedApp,
  deps: { alertSources: AlertSources; alerts: AlertService; manualAlerts: ManualAlerts },
): void {
  const { alertSources, alerts, manualAlerts } = deps;
  const tags = ['alerts'];
  app.post(
    '/alert-sources',
    {
      schema: {
        tags,
        summary:
          'Register an alert source (预警信息源), with a feed to poll if it has one; its key is in this reply only',
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
        summary: "Revoke an alert source's key (its feed, if any, is no longer polled)",
        params: IdParams,
        response: { 200: AlertSourceView, ...errors },
      },
    },
    async (request) => alertSources.revoke(actorOf(request), request.params.id),
  );
  app.put(
    '/alert-sources/:id/feed',
    {
      schema: {
        tags,
        summary:
          'Set (polled at once, then every pollSec) or clear (feedUrl null) the feed polled for an alert source: a CAP document, or an Atom or RSS index of them',
        params: IdParams,
        body: AlertFeedInput,
        response: { 200: AlertSourceView, ...errors },
      },
    },
    async (request) => alertSources.setFeed(actorOf(request), request.params.id, request.body),
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
  app.get(
    '/manual-alerts',
    {
      schema: {
        tags,
        summary: 'Manual alerts (人工发布预警) of your organisation: waiting for review first',
        response: { 200: ManualAlertList, ...errors },
      },
    },
    async (request) => manualAlerts.list(actorOf(request)),
  );
  app.post(
    '/manual-alerts',
    {
      schema: {
        tags,
        summary: 'Write a manual alert for review; someone else approves it before it is issued',
        body: ManualAlertInput,
        response: { 201: ManualAlertView, ...errors },
      },
    },
    async (request, reply) => reply.code(201).send(await manualAlerts.create(actorOf(request), request.body)),
  );
  app.post(
    '/manual-alerts/:id/review',
    {
      schema: {
        tags,
        summary: 'Approve (issue it to every device of its area at once) or reject a manual alert',
        params: IdParams,
        body: ReviewDecision,
        response: { 200: ManualAlertView, ...errors },
      },
    },
    async (request) => manualAlerts.review(actorOf(request), request.params.id, request.body),
  );
  app.post(
    '/manual-alerts/:id/cancel',
    {
      schema: {
        tags,
        summary: 'Withdraw a manual alert in review, or cancel an issued one (devices take it down at once)',
        params: IdParams,
        response: { 200: ManualAlertView, ...errors },
      },
    },
    async (request) => manualAlerts.cancel(actorOf(request), request.params.id),
  );
}
