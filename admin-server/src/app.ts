/** Builds the admin server's HTTP application from its dependencies (tests use `inject`). */
import cookie from '@fastify/cookie';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { ErrorBody, PROTOCOL_VERSION } from '@linli/protocol';
import Fastify, { type FastifyServerOptions } from 'fastify';
import { registerAccountRoutes } from './http/account-routes';
import { registerAlertRoutes } from './http/alert-routes';
import { registerBillProviderRoutes } from './http/bill-provider-routes';
import { alertSourceGuard } from './http/alert-source-guard';
import { registerAuditRoutes } from './http/audit-routes';
import { registerDeviceBillRoutes } from './http/bill-routes';
import type { PaymentSimulator } from './bills/payment-simulator';
import { registerPaymentSimulatorRoutes } from './http/payment-simulator-routes';
import { registerCapRoutes } from './http/cap-routes';
import { deviceGuard } from './http/device-guard';
import { registerDeviceRoutes, registerEnrollRoute } from './http/device-routes';
import { answerUnroutable, installErrorHandler } from './http/error-handler';
import { registerFleetRoutes } from './http/fleet-routes';
import { registerReleaseRoutes, registerUpdateFeedRoutes } from './http/release-routes';
import { registerFormRoutes } from './http/form-routes';
import { registerGuideRoutes } from './http/guide-routes';
import { registerImportRoutes } from './http/import-routes';
import { registerMediaFileRoutes, registerMediaRoutes } from './http/media-routes';
import { registerNoticeRoutes } from './http/notice-routes';
import { registerOrgRoutes } from './http/org-routes';
import { sessionGuard } from './http/session-guard';
import { registerSignInRoutes } from './http/sign-in-routes';
import { registerPlayUploadRoute, registerProofOfPlayRoutes } from './http/proof-of-play-routes';
import { registerUsageRoutes, registerUsageUploadRoute } from './http/usage-routes';
import { registerIndicatorRoutes } from './http/indicator-routes';
import { registerReportRoutes } from './http/report-routes';
import { registerSignageRoutes } from './http/signage-routes';
import { registerTvChannelRoutes } from './http/tv-channel-routes';
import { registerTvLineupRoutes } from './http/tv-lineup-routes';
import type { ChannelStreams } from './tv/channel-streams';
import { registerSyncRoutes } from './http/sync-routes';
import { registerOpsRoutes } from './http/ops-routes';
import { createRequestMetrics } from './ops/request-metrics';
import { createServerReadings } from './ops/server-readings';
import { protocolValidatorCompiler } from './http/validator';
import type { TypedApp } from './http/typed-app';
import { registerPublicGuideRoutes } from './http/public-guide-routes';
import { registerBillReceiptPage } from './http/bill-receipt-page';
import { registerDeskRoutes } from './http/desk-routes';
import { registerCaseRoutes, registerDeviceCaseRoutes } from './http/case-routes';
import { registerCaseStatusPage } from './http/case-status-page';
import { OPEN311_KEYS, TV_FEED_KEYS } from './domain/issued-keys';
import { registerIssuedKeyRoutes } from './http/issued-key-routes';
import { registerWorkCalendarRoutes } from './http/work-calendar-routes';
import { registerCaseReminderRoutes } from './http/case-reminder-routes';
import { registerGridRoutes } from './http/grid-routes';
import { registerBasemapRoutes } from './http/basemap-routes';
import { registerDeviceQueueRoutes, registerQueueRoutes } from './http/queue-routes';
import { registerQueueDisplayRoutes } from './http/queue-display-routes';
import { registerQueueBookingPage } from './http/queue-booking-page';
import { registerQueueFollowPage } from './http/queue-follow-page';
import { registerOpen311Routes } from './http/open311-routes';
import { registerCitySimulatorRoutes, registerCityUpdateRoute } from './http/city-routes';
import type { CityPlatformSimulator } from './city/city-platform-simulator';
import { registerWebRoutes, type WebAsset } from './http/web-routes';
import type { Queryable } from './db/database';
import type { Services } from './services';
import { systemClock, type Clock } from './domain/clock';

const API = '/api/v1';
const ADMIN_API = `${API}/admin`;

export interface AppDeps {
  /** The database, which /ready checks and /metrics reads the fleet from. */
  db: Queryable;
  services: Services;
  logger?: FastifyServerOptions['logger'];
  webAssets?: Map<string, WebAsset>;
  /** Reverse proxies to believe (AdminConfig.trustProxy); none by default. */
  trustProxy?: string[];
  /** The channel worker's live HLS streams, served at /tv/streams/ (none: LINLI_TV_STREAMS=off, or tests). */
  channelStreams?: ChannelStreams;
  /** Serve the API description at /docs (AdminConfig.apiDocs); off by default. */
  apiDocs?: boolean;
  /** The simulated payment channel, whose page /pay-sim/<order> "pays" a code (demos and tests). */
  paymentSimulator?: PaymentSimulator;
  /** The secret the city platform signs its updates with, when one is connected. */
  citySecret?: string;
  /** The time signed updates are checked against (the system clock when absent). */
  clock?: Clock;
  /** The simulated city platform, whose page /city-sim/ sends its updates (demos and tests). */
  citySimulator?: CityPlatformSimulator;
  /** Whether the server is shutting down: /ready then answers 503 (never, when absent). */
  draining?: () => boolean;
  /** The token a scraper shows for /metrics (AdminConfig.metricsToken); /metrics is off without one. */
  metricsToken?: string;
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
    frameworkErrors: answerUnroutable,
    // Forwarded headers only from the proxies named: anyone else could claim any address.
    ...(deps.trustProxy?.length ? { trustProxy: deps.trustProxy } : {}),
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
        description:
          'Organisation, users, guides, notices, signage, TV channels, devices, sync and audit for Linli kiosks and signage players.',
      },
      components: { schemas: { ErrorBody } },
    },
  });
  if (deps.apiDocs) await app.register(swaggerUi, { routePrefix: '/docs' });

  const { services } = deps;
  // Every reply counted and timed by its route's pattern, for /metrics.
  const requestMetrics = createRequestMetrics();
  app.addHook('onResponse', async (request, reply) => {
    requestMetrics.record({
      method: request.method,
      route: request.routeOptions.url,
      status: reply.statusCode,
      seconds: reply.elapsedTime / 1000,
    });
  });
  const pushStreams = new Set<{ end: () => void }>();
  const readings = createServerReadings({
    db: deps.db,
    clock: deps.clock ?? systemClock,
    openPushStreams: () => pushStreams.size,
  });
  app.addHook('onClose', async () => readings.stop());
  registerOpsRoutes(app, {
    db: deps.db,
    draining: deps.draining ?? (() => false),
    requestMetrics,
    readings,
    metricsToken: deps.metricsToken,
  });
  // The admin API: sign-in is open; everything else is in a scope whose guard checks the session
  // (and the CSRF token) before a request's body is read.
  await app.register(async (open: TypedApp) => registerSignInRoutes(open, services), { prefix: ADMIN_API });
  await app.register(
    async (admin: TypedApp) => {
      admin.addHook('onRequest', sessionGuard(services.signIn, ADMIN_API));
      registerAccountRoutes(admin, services);
      registerOrgRoutes(admin, services);
      registerAuditRoutes(admin, services);
      await registerImportRoutes(admin, services);
      await registerMediaRoutes(admin, services);
      registerNoticeRoutes(admin, services);
      registerSignageRoutes(admin, services);
      registerTvChannelRoutes(admin, { ...services, channelStreams: deps.channelStreams });
      registerProofOfPlayRoutes(admin, services);
      registerUsageRoutes(admin, services);
      await registerIndicatorRoutes(admin, services);
      registerReportRoutes(admin, services);
      registerFleetRoutes(admin, services);
      registerReleaseRoutes(admin, services);
      registerGuideRoutes(admin, services);
      registerFormRoutes(admin, services);
      registerAlertRoutes(admin, services);
      registerBillProviderRoutes(admin, services);
      registerCaseRoutes(admin, services);
      registerIssuedKeyRoutes(admin, {
        path: '/open311-keys',
        tag: 'open311',
        kind: OPEN311_KEYS,
        keys: services.open311Keys,
      });
      registerIssuedKeyRoutes(admin, {
        path: '/tv-feed-keys',
        tag: 'tv',
        kind: TV_FEED_KEYS,
        keys: services.tvFeedKeys,
      });
      registerGridRoutes(admin, services);
      registerBasemapRoutes(admin, services);
      registerWorkCalendarRoutes(admin, services);
      registerCaseReminderRoutes(admin, services);
      registerQueueRoutes(admin, services);
    },
    { prefix: ADMIN_API },
  );
  // The device API: enrollment is open; the rest is in a scope whose guard checks the protocol
  // version and the device's credentials first.
  await app.register(async (open: TypedApp) => registerEnrollRoute(open, services), { prefix: API });
  await app.register(
    async (device: TypedApp) => {
      device.addHook('onRequest', deviceGuard(services.devices));
      registerDeviceRoutes(device, services);
      registerUpdateFeedRoutes(device, { releases: services.releases, blobs: services.media.blobs });
      registerPlayUploadRoute(device, services);
      registerUsageUploadRoute(device, services);
      registerSyncRoutes(device, { ...services, openStreams: pushStreams });
      registerDeviceBillRoutes(device, services);
      registerDeskRoutes(device, services);
      registerDeviceCaseRoutes(device, services);
      registerDeviceQueueRoutes(device, services);
      registerQueueDisplayRoutes(device, services);
    },
    { prefix: API },
  );
  // CAP alerts from registered alert sources: the key is checked before the body is read.
  await app.register(
    async (sources: TypedApp) => {
      sources.addHook('onRequest', alertSourceGuard(services.alertSources));
      registerCapRoutes(sources, services);
    },
    { prefix: API },
  );
  if (deps.paymentSimulator) {
    const simulator = deps.paymentSimulator;
    await app.register(async (open: TypedApp) => registerPaymentSimulatorRoutes(open, simulator));
  }
  if (deps.citySecret)
    registerCityUpdateRoute(app, {
      cases: services.cases,
      citySecret: deps.citySecret,
      clock: deps.clock ?? systemClock,
    });
  if (deps.citySimulator) registerCitySimulatorRoutes(app, deps.citySimulator);
  registerMediaFileRoutes(app, services);
  registerPublicGuideRoutes(app, services);
  registerBillReceiptPage(app, services);
  registerCaseStatusPage(app, services);
  registerQueueFollowPage(app, services);
  registerQueueBookingPage(app, services);
  registerOpen311Routes(app, services);
  registerTvLineupRoutes(app, { ...services, clock: deps.clock ?? systemClock, channelStreams: deps.channelStreams });
  registerWebRoutes(app, deps.webAssets ?? new Map());
  return app;
}
