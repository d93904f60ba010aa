/** Admin server process entry: configuration, database, services, HTTP, demo content. */
import path from 'node:path';
import { LinliError } from '@linli/protocol';
import { buildApp, requestSerializers } from './app';
import { loadConfig } from './config';
import { createDemoNotices, createDemoOrgs, createDemoSignage, readDemoGuides } from './demo-content';
import { openDatabase } from './db/open';
import { systemActor } from './domain/actor';
import { systemClock } from './domain/clock';
import { openBlobStore } from './media/blob-store';
import { createChangeHub } from './push/change-hub';
import { connectPostgresFanout } from './push/postgres-fanout';
import { createServices } from './services';
import { loadAdminWeb } from './web-bundle';

const DAY_MS = 24 * 3600 * 1000;
/** How often expired emergency alerts are swept off the feed (obplayer sweeps every 30 s). */
const ALERT_SWEEP_MS = 30_000;

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const db = await openDatabase(
    config.databaseUrl
      ? { kind: 'postgres', url: config.databaseUrl }
      : { kind: 'sqlite', file: path.join(config.dataDir, 'admin.sqlite') },
  );
  const fanout = config.databaseUrl ? await connectPostgresFanout(config.databaseUrl, createChangeHub()) : undefined;
  const blobs = await openBlobStore(path.join(config.dataDir, 'media'));
  const services = createServices({ db, hub: fanout?.hub ?? createChangeHub(), clock: systemClock, blobs });

  const root = await services.orgs.ensureRoot(config.rootOrg);
  const system = systemActor(root, 'system');
  const { generatedPassword } = await services.signIn.ensureFirstAdmin(config.adminPassword);
  const deploymentCode = await services.devices.ensureDeploymentCode(config.enrollmentCode);
  if (config.demoContent && (await services.guides.list(system, {})).total === 0) {
    const imported = await services.guides.importFile(system, readDemoGuides());
    console.log(`Loaded ${imported.created} demo service guides.`);
  }
  // A fresh install (the district alone) gets the demo organisation, notices and signage once.
  if (config.demoContent && root.level === 'district' && (await services.orgs.tree(system)).nodes.length === 1) {
    await createDemoOrgs(services.orgs, system, root);
    const demo = systemActor(root, 'demo');
    const noticeIds = await createDemoNotices(services.notices, system, demo);
    await createDemoSignage(services.signage, system, demo, noticeIds);
  }
  const app = await buildApp({
    services,
    webAssets: await loadAdminWeb(config.adminUiDir),
    logger: { level: config.logLevel, serializers: requestSerializers },
    trustProxy: config.trustProxy,
    apiDocs: config.apiDocs,
  });
  const pruneTombstones = () =>
    Promise.all([services.feed.pruneTombstones(), services.deviceCommands.dropExpired()]).catch((error: unknown) =>
      app.log.error({ err: error }, 'pruning the feed failed'),
    );
  await pruneTombstones();
  const pruneTimer = setInterval(() => void pruneTombstones(), DAY_MS);
  pruneTimer.unref();
  // Emergency alerts past their expiry leave the devices' feeds (devices also hide them on their own clock).
  const sweepAlerts = () =>
    services.alerts.sweep().catch((error: unknown) => app.log.error({ err: error }, 'sweeping expired alerts failed'));
  const alertTimer = setInterval(() => void sweepAlerts(), ALERT_SWEEP_MS);
  alertTimer.unref();
  const address = await app.listen({ port: config.port, host: config.host });
  const url = address.replace('[::1]', 'localhost');

  console.log(`Linli admin server: ${url}/admin/${config.apiDocs ? `  (API docs: ${url}/docs)` : ''}`);
  // The code is shown when it is new; afterwards system administrators find it on the 设备 page.
  if (deploymentCode.created)
    console.log(`Kiosk enrollment code (valid until ${deploymentCode.expiresAt}): ${deploymentCode.code}`);
  else if (deploymentCode.expiresAt <= new Date().toISOString())
    console.log('The configured LINLI_ENROLLMENT_CODE has expired; set a new one to enroll kiosks with it.');
  if (generatedPassword) console.log(`Admin password for 'admin' (generated, shown once): ${generatedPassword}`);
  console.log(`LINLI_READY ${JSON.stringify({ url })}`);

  const stop = async () => {
    clearInterval(pruneTimer);
    clearInterval(alertTimer);
    await app.close();
    await fanout?.close();
    await db.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  const message =
    error instanceof LinliError ? `${error.code}: ${error.message}` : String((error as Error)?.stack ?? error);
  console.error(`Linli admin server could not start. ${message}`);
  process.exit(1);
});
