/** Admin API for the organisation tree and the user accounts on it. */
import Type from 'typebox';
import {
  ErrorBody,
  OrgNode,
  OrgNodeInput,
  OrgNodeUpdate,
  OrgTree,
  UserInput,
  UserList,
  UserListQuery,
  UserUpdate,
  UserView,
} from '@linli/protocol';
import { orgView, type OrgService } from '../domain/org-tree';
import type { UserService } from '../domain/users';
import { actorOf } from './session-guard';
import type { TypedApp } from './typed-app';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };
const OrgParams = Type.Object({ id: Type.Integer({ minimum: 1 }) });
const UserParams = Type.Object({ username: Type.String({ minLength: 1, maxLength: 64 }) });

export function registerOrgRoutes(app: TypedApp, deps: { orgs: OrgService; users: UserService }): void {
  const { orgs, users } = deps;

  app.get(
    '/orgs',
    {
      schema: {
        tags: ['organisation'],
        summary: 'Your part of the organisation tree, with the nodes above it',
        response: { 200: OrgTree, ...errors },
      },
    },
    async (request) => orgs.tree(actorOf(request)),
  );

  app.post(
    '/orgs',
    {
      schema: {
        tags: ['organisation'],
        summary: 'Add a node under a parent (its level follows the parent)',
        body: OrgNodeInput,
        response: { 201: OrgNode, ...errors },
      },
    },
    async (request, reply) => reply.status(201).send(orgView(await orgs.create(actorOf(request), request.body))),
  );

  app.put(
    '/orgs/:id',
    {
      schema: {
        tags: ['organisation'],
        summary: 'Rename a node or correct its code',
        params: OrgParams,
        body: OrgNodeUpdate,
        response: { 200: OrgNode, ...errors },
      },
    },
    async (request) => orgView(await orgs.update(actorOf(request), request.params.id, request.body)),
  );

  app.delete(
    '/orgs/:id',
    {
      schema: {
        tags: ['organisation'],
        summary: 'Remove an empty node',
        params: OrgParams,
        response: { 204: Type.Null(), ...errors },
      },
    },
    async (request, reply) => {
      await orgs.remove(actorOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/users',
    {
      schema: {
        tags: ['users'],
        summary: 'Users at a node and below',
        querystring: UserListQuery,
        response: { 200: UserList, ...errors },
      },
    },
    async (request) => users.list(actorOf(request), request.query),
  );

  app.post(
    '/users',
    {
      schema: { tags: ['users'], summary: 'Create a user', body: UserInput, response: { 201: UserView, ...errors } },
    },
    async (request, reply) => reply.status(201).send(await users.create(actorOf(request), request.body)),
  );

  app.patch(
    '/users/:username',
    {
      schema: {
        tags: ['users'],
        summary: 'Change a user: name, role, node, disable, new password, unlock',
        params: UserParams,
        body: UserUpdate,
        response: { 200: UserView, ...errors },
      },
    },
    async (request) => users.update(actorOf(request), request.params.username, request.body),
  );
}
