/**
 * The routes every reviewed content type has — read, create, save a version, submit, review,
 * publish or withdraw, history, rollback, delete — under `<admin scope>/<plural>/…`.
 */
import Type, { type TSchema } from 'typebox';
import { ErrorBody, IdParams, PublishRequest, ReviewDecision, RollbackRequest } from '@linli/protocol';
import type { ReviewSteps } from '../domain/reviewed-content';
import { editVersionOf, withEtag } from './edit-version';
import { actorOf } from './session-guard';
import type { TypedApp } from './typed-app';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody, 428: ErrorBody };
const IF_MATCH =
  'Send `If-Match` with the ETag (`"<version>"`) the item was read with: a newer version saved meanwhile is 409 EDIT_CONFLICT naming it; none is 428 VERSION_REQUIRED.';

export function registerReviewedContentRoutes<Input, View extends { version: number }, History>(
  app: TypedApp,
  deps: {
    plural: 'guides' | 'forms' | 'notices' | 'signage' | 'tv-channels';
    noun: string;
    schemas: { Input: TSchema; View: TSchema; History: TSchema };
    service: ReviewSteps<Input, View, History>;
    /**
     * Where reviewers publish their own work there is `…/publish` (on or off); where a second
     * person approves every version, only `…/withdraw`.
     */
    secondPersonApproves: boolean;
  },
): void {
  const { plural, noun, schemas, service, secondPersonApproves } = deps;
  const saving = secondPersonApproves
    ? 'It is saved as a draft: submit it, and someone other than the last editor approves it.'
    : '`published: true` publishes it at once for users who may review content, and sends it for review for everyone else.';
  const tags = [plural];
  const base = `/${plural}`;
  // The schemas validate each body, so it is the service's input type by the time it arrives.
  const input = (body: unknown) => body as Input;

  app.get(
    `${base}/:id`,
    {
      schema: {
        tags,
        summary: `Read one ${noun}: its newest version and review state`,
        params: IdParams,
        response: { 200: schemas.View, ...errors },
      },
    },
    async (request, reply) => withEtag(reply, await service.get(actorOf(request), request.params.id)),
  );
  app.post(
    base,
    {
      schema: {
        tags,
        summary: secondPersonApproves ? `Draft a ${noun} at your node` : `Create a ${noun}`,
        description: saving,
        body: schemas.Input,
        response: { 201: schemas.View, ...errors },
      },
    },
    async (request, reply) => reply.status(201).send(await service.create(actorOf(request), input(request.body))),
  );
  app.put(
    `${base}/:id`,
    {
      schema: {
        tags,
        summary: `Save a new version of a ${noun}`,
        description: `A live version stays on devices until a newer one is published. ${saving}${secondPersonApproves ? '' : ' `false` keeps a draft and does not take the live version off devices.'} ${IF_MATCH}`,
        params: IdParams,
        body: schemas.Input,
        response: { 200: schemas.View, ...errors },
      },
    },
    async (request, reply) =>
      withEtag(
        reply,
        await service.update(actorOf(request), request.params.id, input(request.body), editVersionOf(request)),
      ),
  );
  if (secondPersonApproves)
    app.post(
      `${base}/:id/withdraw`,
      {
        schema: {
          tags,
          summary: `Take the ${noun} off every device (reviewers)`,
          params: IdParams,
          response: { 200: schemas.View, ...errors },
        },
      },
      async (request) => service.setPublished(actorOf(request), request.params.id, false),
    );
  else
    app.post(
      `${base}/:id/publish`,
      {
        schema: {
          tags,
          summary: `Publish the newest version, or take the ${noun} off devices (reviewers)`,
          params: IdParams,
          body: PublishRequest,
          response: { 200: schemas.View, ...errors },
        },
      },
      async (request) => service.setPublished(actorOf(request), request.params.id, request.body.published),
    );
  app.post(
    `${base}/:id/submit`,
    {
      schema: {
        tags,
        summary: 'Send a draft for review',
        params: IdParams,
        response: { 200: schemas.View, ...errors },
      },
    },
    async (request) => service.submit(actorOf(request), request.params.id),
  );
  app.post(
    `${base}/:id/review`,
    {
      schema: {
        tags,
        summary: secondPersonApproves
          ? `Approve (publish to its targets) or reject a ${noun} in review, by someone other than the last editor`
          : `Approve (publish) or reject a ${noun} in review`,
        description: IF_MATCH,
        params: IdParams,
        body: ReviewDecision,
        response: { 200: schemas.View, ...errors },
      },
    },
    async (request, reply) =>
      withEtag(reply, await service.review(actorOf(request), request.params.id, request.body, editVersionOf(request))),
  );
  app.get(
    `${base}/:id/history`,
    {
      schema: {
        tags,
        summary: 'Every saved version, newest first',
        params: IdParams,
        response: { 200: schemas.History, ...errors },
      },
    },
    async (request) => service.history(actorOf(request), request.params.id),
  );
  app.post(
    `${base}/:id/rollback`,
    {
      schema: {
        tags,
        summary: 'Save an earlier version again as the newest draft',
        params: IdParams,
        body: RollbackRequest,
        response: { 200: schemas.View, ...errors },
      },
    },
    async (request) => service.rollback(actorOf(request), request.params.id, request.body.version),
  );
  app.delete(
    `${base}/:id`,
    {
      schema: {
        tags,
        summary: `Delete a ${noun} (kept in the audit trail with its history)`,
        params: IdParams,
        response: { 204: Type.Null(), ...errors },
      },
    },
    async (request, reply) => {
      await service.remove(actorOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );
}
