/** Open311 API keys in the admin API: list, issue (the key shown once), revoke. */
import { ErrorBody, Open311KeyCreated, Open311KeyInput, Open311KeyList, Open311KeyView } from '@linli/protocol';
import Type from 'typebox';
import type { Open311Keys } from '../domain/open311-keys';
import { actorOf } from './session-guard';
import type { TypedApp } from './typed-app';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody };
const tags = ['open311'];

export function registerOpen311KeyRoutes(app: TypedApp, deps: { open311Keys: Open311Keys }): void {
  const { open311Keys } = deps;
  app.get(
    '/open311-keys',
    {
      schema: {
        tags,
        summary: 'The Open311 API keys of nodes in your subtree',
        response: { 200: Open311KeyList, ...errors },
      },
    },
    async (request) => ({ keys: await open311Keys.list(actorOf(request)) }),
  );
  app.post(
    '/open311-keys',
    {
      schema: {
        tags,
        summary: 'Issue an Open311 API key for a node (shown in this reply only)',
        body: Open311KeyInput,
        response: { 201: Open311KeyCreated, ...errors },
      },
    },
    async (request, reply) => reply.status(201).send(await open311Keys.create(actorOf(request), request.body)),
  );
  app.post(
    '/open311-keys/:id/revoke',
    {
      schema: {
        tags,
        summary: 'Revoke an Open311 API key for good',
        params: Type.Object({ id: Type.String({ pattern: '^o311-[0-9a-f-]{1,20}$' }) }),
        response: { 200: Open311KeyView, ...errors },
      },
    },
    async (request) => open311Keys.revoke(actorOf(request), request.params.id),
  );
}
