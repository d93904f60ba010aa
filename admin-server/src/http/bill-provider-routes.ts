/** 计费机构 for system administrators: the utilities connected by a configuration file. */
import Type from 'typebox';
import { BillProviderInput, BillProviderList, BillProviderView, ErrorBody } from '@linli/protocol';
import type { BillProviders } from '../domain/bill-providers';
import { actorOf } from './session-guard';
import type { TypedApp } from './typed-app';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };

export function registerBillProviderRoutes(app: TypedApp, deps: { billProviders: BillProviders }): void {
  const { billProviders } = deps;
  const tags = ['bills'];
  app.get(
    '/bill-providers',
    {
      schema: {
        tags,
        summary: 'The utilities connected by a configuration file, secrets hidden',
        response: { 200: BillProviderList, ...errors },
      },
    },
    async (request) => ({ providers: await billProviders.list(actorOf(request)) }),
  );
  app.put(
    '/bill-providers',
    {
      schema: {
        tags,
        summary:
          'Connect a utility by its configuration file, or replace the file with its id (checked whole; errors name the field)',
        body: BillProviderInput,
        response: { 200: BillProviderView, ...errors },
      },
    },
    async (request) => billProviders.save(actorOf(request), request.body),
  );
  app.delete(
    '/bill-providers/:id',
    {
      schema: {
        tags,
        summary: 'Disconnect a utility (payments made through it stay)',
        params: Type.Object({ id: Type.String({ minLength: 1, maxLength: 40 }) }),
        response: { 204: Type.Null(), ...errors },
      },
    },
    async (request, reply) => {
      await billProviders.remove(actorOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );
}
