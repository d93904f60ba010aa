/** Builds the admin server's HTTP application from its dependencies (tests use `inject`). */
import cookie from '@fastify/cookie';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { ErrorBody, PROTOCOL_VERSION } from '@linli/protocol';
import Fastify, { type FastifyServerOptions } from 'fastify';
import Type from 'typebox';
import { registerAuditRoutes } from './http/audit-routes';
import { registerAuthRoutes } from './http/auth-routes';
import { registerDeviceRoutes } from './http/device-routes';
import { installErrorHandler } from './http/error-handler';
import { registerFleetRoutes } from './http/fleet-routes';
import { registerFormRoutes } from './http/form-routes';
import { registerGuideRoutes } from './http/guide-routes';
import { registerImportRoutes } from './http/import-routes';
import { registerMediaRoutes } from './http/media-routes';
import { registerNoticeRoutes } from './http/notice-routes';
import { registerOrgRoutes } from './http/org-routes';
import { registerSyncRoutes } from './http/sync-routes';
import { protocolValidatorCompiler } from './http/validator';
import { registerWebRoutes, type WebAsset } from './http/web-routes';
import type { Services } from './services';

export interface AppDeps {
  services: Services;
  logger?: FastifyServerOptions['logger'];
  webAssets?: Map<string, WebAsset>;
}

/** Request logs carry the path only: query strings may hold what a resident typed. */
export const requestSerializers = {
  req: (request: { method: string; url: string; id: string }) => ({
    id: request.id,
    method: request.method,
    path: request.url.split('?')[0],
  }),
};

export async function buildApp(deps: AppDeps) {
  const app = Fastify({
    logger: deps.logger ?? false,
    bodyLimit: 2 * 1024 * 1024,
  }).withTypeProvider<TypeBoxTypeProvider>();
  app.setValidatorCompiler(protocolValidatorCompiler);
  installErrorHandler(app);
  await app.register(cookie);
  await app.register(swagger, {
    openapi: {
      // 3.1: the schemas are JSON Schema 2020-12 (TypeBox), which 3.0 does not accept.
      openapi: '3.1.0',
      info: {
        title: 'Linli admin server',
        version: `protocol ${PROTOCOL_VERSION}`,
        description: 'Organisation, users, guides, notices, devices, sync and audit for Linli kiosks.',
      },
      components: { schemas: { ErrorBody } },
    },
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });

  app.get(
    '/health',
    { schema: { tags: ['ops'], summary: 'Liveness', response: { 200: Type.Object({ ok: Type.Boolean() }) } } },
    async () => ({ ok: true }),
  );
  registerAuthRoutes(app, deps.services);
  registerOrgRoutes(app, deps.services);
  registerAuditRoutes(app, deps.services);
  await registerImportRoutes(app, deps.services);
  await registerMediaRoutes(app, deps.services);
  registerNoticeRoutes(app, deps.services);
  registerFleetRoutes(app, deps.services);
  registerGuideRoutes(app, deps.services);
  registerFormRoutes(app, deps.services);
  registerDeviceRoutes(app, deps.services);
  registerSyncRoutes(app, deps.services);
  registerWebRoutes(app, deps.webAssets ?? new Map());
  return app;
}
