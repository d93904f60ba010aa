/** Issued keys in the admin API, one set of routes per kind: list, issue (the key shown once), revoke. */
import { ErrorBody, IssuedKeyCreated, IssuedKeyInput, IssuedKeyList, IssuedKeyView } from '@linli/protocol';
import Type from 'typebox';
import type { IssuedKeyKind, IssuedKeys } from '../domain/issued-keys';
import { actorOf } from './session-guard';
import type { TypedApp } from './typed-app';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody };

/** `path`: where the kind's keys are, e.g. /open311-keys. */
export function registerIssuedKeyRoutes(
  app: TypedApp,
  deps: { path: string; tag: string; kind: IssuedKeyKind; keys: IssuedKeys },
): void {
  const { path, kind, keys } = deps;
  const tags = [deps.tag];
  app.get(
    path,
    {
      schema: {
        tags,
        summary: `The ${kind.noun}s of nodes in your subtree`,
        response: { 200: IssuedKeyList, ...errors },
      },
    },
    async (request) => ({ keys: await keys.list(actorOf(request)) }),
  );
  app.post(
    path,
    {
      schema: {
        tags,
        summary: `Issue a ${kind.noun} for a node (shown in this reply only)`,
        body: IssuedKeyInput,
        response: { 201: IssuedKeyCreated, ...errors },
      },
    },
    async (request, reply) => reply.status(201).send(await keys.create(actorOf(request), request.body)),
  );
  app.post(
    `${path}/:id/revoke`,
    {
      schema: {
        tags,
        summary: `Revoke a ${kind.noun} for good`,
        params: Type.Object({ id: Type.String({ pattern: `^${kind.idPrefix}[0-9a-f-]{1,20}$` }) }),
        response: { 200: IssuedKeyView, ...errors },
      },
    },
    async (request) => keys.revoke(actorOf(request), request.params.id),
  );
}
