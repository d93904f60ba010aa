/** Admin server process entry: configuration, database, services, HTTP, demo content. */
import { createDemoFigures, createDemoUsage } from './demo-usage';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { LinliError, UTILITIES } from '@linli/protocol';
import { buildApp, requestSerializers } from './app';
import { databaseTargetOf, loadConfig } from './config';
import { createBackupSchedule } from './backup/backup-schedule';
import {
  DEMO_ALERT_KEY_FILE,
  DEMO_OPEN311_KEY_FILE,
  DEMO_CAP_FILE,
  createDemoNotices,
  createDemoGrids,
  createDemoOrgs,
  createDemoQueueHall,
  createDemoSignage,
  createDemoTvChannel,
  readDemoGuides,
} from './demo-content';
import { openDatabase } from './db/open';
import { systemActor } from './domain/actor';
import { createAlertFeedPoller } from './domain/alert-feed-poller';
import { systemClock } from './domain/clock';
import { openMediaStore } from './media/media-store';
import { TV_GUIDE_PATH, TV_LINEUP_PATH } from './http/tv-lineup-routes';
import { createChannelStreams } from './tv/channel-streams';
import { createChangeHub } from './push/change-hub';
import { QUEUE_CHANNEL, connectPostgresFanout } from './push/postgres-fanout';
import { createServices } from './services';
import { createPaymentSimulator } from './bills/payment-simulator';
import { createSimulatorProvider } from './bills/simulator-provider';
import { createOpen311Platform, createWebhookPlatform } from './city/city-platform';
import { createCityPlatformSimulator } from './city/city-platform-simulator';
import { loadAdminWeb } from './web-bundle';

const DAY_MS = 24 * 3600 * 1000;
/** How often monthly reports are checked for a month to keep. */
const REPORT_SCHEDULE_MS = 3600_000;
/** How often the daily backup looks whether its time has come: it runs within 10 minutes of LINLI_BACKUP_AT. */
const BACKUP_CHECK_MS = 10 * 60_000;
/** How often expired emergency alerts are swept off the feed (obplayer sweeps every 30 s). */
const ALERT_SWEEP_MS = 30_000;
/** How often payments the utility has not confirmed are told again. */
const SETTLE_MS = 30_000;
/** How often forwarded cases the city platform has not taken yet are looked at (each waits out its own pause). */
const FORWARD_MS = 10_000;
/** How often an Open311 city platform is asked about the cases forwarded to it. */
const STATUS_POLL_MS = 60_000;
/** How often the utilities connected through another server of the deployment are read again. */
const PROVIDERS_RELOAD_MS = 30_000;
/** How often cases' lights are swept for reminders: the dispatch limit counts in hours. */
const REMINDER_SWEEP_MS = 15 * 60_000;

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const db = await openDatabase(databaseTargetOf(config));
  const fanout = config.databaseUrl ? await connectPostgresFanout(config.databaseUrl, createChangeHub()) : undefined;
  // Halls' queues changed through any instance reach the counters and displays on every other.
  const queueFanout = config.databaseUrl
    ? await connectPostgresFanout(config.databaseUrl, createChangeHub(), QUEUE_CHANNEL)
    : undefined;
  const blobs = await openMediaStore(config.media, db);
  // The simulated channel's codes open this server's /pay-sim page: its address is known once it listens.
  let listenUrl = '';
  const paymentSimulator = config.billSimulator
    ? createPaymentSimulator({ clock: systemClock, baseUrl: () => listenUrl })
    : undefined;
  const billProviders = config.billSimulator
    ? UTILITIES.map((utility) => ({ provider: createSimulatorProvider({ utility, clock: systemClock }), orgPaths: [] }))
    : [];
  // The city platform: a real one's webhook, or the simulated one on this server (/city-sim/), which
  // signs with a secret made for this run.
  const city = config.cityPlatform;
  const citySecret = city.kind === 'webhook' ? city.secret : randomBytes(24).toString('base64url');
  const citySimulator =
    city.kind === 'simulator'
      ? createCityPlatformSimulator({ secret: citySecret, clock: systemClock, serverUrl: () => listenUrl })
      : undefined;
  const cityPlatform =
    city.kind === 'none'
      ? undefined
      : city.kind === 'open311'
        ? createOpen311Platform({ name: city.name, baseUrl: city.url, apiKey: city.apiKey })
        : createWebhookPlatform({
            name: city.name,
            url: city.kind === 'webhook' ? city.url : () => `${listenUrl}/city-sim/forwards`,
            secret: citySecret,
          });
  const services = createServices({
    db,
    hub: fanout?.hub ?? createChangeHub(),
    ...(queueFanout && { queueHub: queueFanout.hub }),
    clock: systemClock,
    blobs,
    billProviders,
    billOptions: config.bills,
    caseOptions: config.cases,
    usageOptions: config.usage,
    ...(cityPlatform && { cityPlatform }),
    env: process.env,
    ...(paymentSimulator && { paymentChannel: paymentSimulator }),
    log: (message) => console.warn(message),
  });

  const root = await services.orgs.ensureRoot(config.rootOrg);
  await services.billProviders.reload();
  await services.workCalendars.load();
  const system = systemActor(root, 'system');
  const { generatedPassword } = await services.signIn.ensureFirstAdmin(config.adminPassword);
  const deploymentCode = await services.devices.ensureDeploymentCode(config.enrollmentCode);
  if (config.demoContent && (await services.guides.list(system, {})).total === 0) {
    const imported = await services.guides.importFile(system, readDemoGuides());
    console.log(`Loaded ${imported.created} demo service guides.`);
  }
  // A fresh install (the district alone) gets the demo organisation, notices, signage and TV channel once.
  if (config.demoContent && root.level === 'district' && (await services.orgs.tree(system)).nodes.length === 1) {
    await createDemoOrgs(services.orgs, system, root);
    const communities = (await services.orgs.tree(system)).nodes.filter((node) => node.level === 'community');
    await createDemoUsage(
      services.usage,
      await Promise.all(communities.map((node) => services.orgs.get(node.id))),
      readDemoGuides().guides.map((guide) => guide.id),
      systemClock(),
    );
    await createDemoGrids(services.orgs, services.grids, system);
    await createDemoFigures(
      services.indicators,
      system,
      (await services.orgs.tree(system)).nodes.filter((node) => node.level === 'community' || node.level === 'grid'),
      systemClock(),
    );
    await createDemoQueueHall(services.queue, system, root);
    const demo = systemActor(root, 'demo');
    const noticeIds = await createDemoNotices(services.notices, system, demo);
    await createDemoSignage(services.signage, system, demo, noticeIds);
    await createDemoTvChannel(services.tvChannels, system, demo, noticeIds);
    // A demo alert source, so `npm start` can show a CAP alert reaching the screens (its key is
    // shown once like any source's; the demo keeps it in the data folder for start.ts to print).
    const source = await services.alertSources.create(system, { name: '演示预警信息源' });
    writeFileSync(path.join(config.dataDir, DEMO_ALERT_KEY_FILE), source.key, { mode: 0o600 });
  }
  // An Open311 key for the demo (also in a data folder made before Open311 came), so an Open311
  // app or curl can post a case at once.
  const open311KeyFile = path.join(config.dataDir, DEMO_OPEN311_KEY_FILE);
  if (config.demoContent && !existsSync(open311KeyFile)) {
    const key = await services.open311Keys.create(system, { name: '演示 Open311 应用', orgId: root.id });
    writeFileSync(open311KeyFile, key.key, { mode: 0o600 });
  }
  // The live TV channels as HLS streams, made by ffmpeg in this process's care.
  const channelStreams =
    config.tvStreams &&
    createChannelStreams({
      db,
      hub: services.hub,
      tvChannels: services.tvChannels,
      blobs,
      dir: path.join(config.dataDir, 'tv'),
      clock: systemClock,
      size: { ...config.tvStreams, segmentSec: 2 },
      // The streams write nothing before start(), which runs once the app (and its logger) exists.
      log: {
        info: (details, message) => app.log.info(details, message),
        warn: (details, message) => app.log.warn(details, message),
        error: (details, message) => app.log.error(details, message),
      },
    });
  let stopping = false;
  const app = await buildApp({
    db,
    services,
    ...(channelStreams && { channelStreams }),
    webAssets: await loadAdminWeb(config.adminUiDir),
    logger: { level: config.logLevel, serializers: requestSerializers },
    trustProxy: config.trustProxy,
    apiDocs: config.apiDocs,
    ...(config.metricsToken && { metricsToken: config.metricsToken }),
    // /ready answers 503 from the moment the server is told to stop, so a load balancer sends
    // nothing new while the requests it has finish.
    draining: () => stopping,
    ...(paymentSimulator && { paymentSimulator }),
    // An Open311 platform is asked for its updates; the others post them, signed.
    ...(cityPlatform && city.kind !== 'open311' && { citySecret }),
    ...(citySimulator && { citySimulator }),
  });
  // Once a day: the feed's old tombstones, answered commands, the contact data of cases ended past the
  // retention, 督办 for cases past their limits, the calendar as edited on another instance, and
  // usage events past their retention (their facts stay).
  const pruneTombstones = () =>
    Promise.all([
      services.feed.pruneTombstones(),
      services.workCalendars.load(),
      services.deviceCommands.dropExpired(),
      services.cases.purgeContacts(),
      services.cases.escalateOverdue(),
      services.usage.pruneRaw(),
    ]).catch((error: unknown) => app.log.error({ err: error }, 'pruning the feed or case contacts failed'));
  await pruneTombstones();
  const pruneTimer = setInterval(() => void pruneTombstones(), DAY_MS);
  pruneTimer.unref();
  // Emergency alerts past their expiry leave the devices' feeds (devices also hide them on their own clock).
  const sweepAlerts = () =>
    services.alerts.sweep().catch((error: unknown) => app.log.error({ err: error }, 'sweeping expired alerts failed'));
  const alertTimer = setInterval(() => void sweepAlerts(), ALERT_SWEEP_MS);
  alertTimer.unref();
  // The feeds alert sources publish rather than push: polled on their own schedule, each document received as if pushed.
  const feedPoller = createAlertFeedPoller({
    db,
    alerts: services.alerts,
    sources: services.alertSources,
    clock: systemClock,
    log: app.log,
  });
  await feedPoller.start();
  await channelStreams?.start();
  const address = await app.listen({ port: config.port, host: config.host });
  const url = address.replace('[::1]', 'localhost');
  listenUrl = url;
  // Forwarded cases the city platform does not have yet are sent again until it does.
  const forwardTimer = setInterval(
    () =>
      void services.caseForwarding
        ?.sendDue()
        .catch((error: unknown) => app.log.error({ err: error }, 'forwarding cases failed')),
    FORWARD_MS,
  );
  // An Open311 platform is asked every minute which forwarded cases it has closed.
  const statusTimer = setInterval(
    () =>
      void services.caseForwarding
        ?.syncStatuses()
        .catch((error: unknown) => app.log.warn({ err: error }, 'asking the city platform failed')),
    STATUS_POLL_MS,
  );
  // Payments the utility has not confirmed yet are told again until it does.
  const settleTimer = setInterval(
    () =>
      void services.billPayments
        ?.settleDue()
        .catch((error: unknown) => app.log.error({ err: error }, 'confirming payments failed')),
    SETTLE_MS,
  );
  settleTimer.unref();
  // Utilities connected or changed through another server of this deployment.
  const providersTimer = setInterval(
    () =>
      void services.billProviders
        .reload()
        .catch((error: unknown) => app.log.error({ err: error }, 'reading the connected utilities failed')),
    PROVIDERS_RELOAD_MS,
  );
  providersTimer.unref();
  // Staff are reminded as their cases' lights turn yellow and red.
  const remind = () =>
    services.caseReminders.sweep().catch((error: unknown) => app.log.error({ err: error }, 'reminding staff failed'));
  void remind();
  const reminderTimer = setInterval(() => void remind(), REMINDER_SWEEP_MS);
  reminderTimer.unref();
  // Monthly reports keep the month before from the 1st on (hourly, so a server started that day catches up).
  const keepReports = () =>
    services.reports.runDue().then(
      ({ failed }) => {
        for (const { reportId, error } of failed)
          app.log.error({ err: error, reportId }, 'keeping a monthly report failed');
      },
      (error: unknown) => app.log.error({ err: error }, 'keeping monthly reports failed'),
    );
  void keepReports();
  const reportTimer = setInterval(() => void keepReports(), REPORT_SCHEDULE_MS);
  reportTimer.unref();
  // The daily backup, from its time on (checked every 10 minutes; one instance of several makes it).
  const backups =
    config.backups &&
    createBackupSchedule({
      db,
      target: databaseTargetOf(config),
      blobs,
      ...config.backups,
      clock: systemClock,
    });
  const backUp = () =>
    backups?.runDue().then(
      (made) => made && app.log.info({ file: made.file, removed: made.removed }, 'daily backup written'),
      (error: unknown) => app.log.error({ err: error }, 'the daily backup failed'),
    );
  if (config.backups) mkdirSync(config.backups.dir, { recursive: true });
  void backUp();
  const backupTimer = setInterval(() => void backUp(), BACKUP_CHECK_MS);
  backupTimer.unref();

  console.log(`Linli admin server: ${url}/admin/${config.apiDocs ? `  (API docs: ${url}/docs)` : ''}`);
  // The code is shown when it is new; afterwards system administrators find it on the 设备 page.
  if (deploymentCode.created)
    console.log(
      `Enrollment code for kiosks and players (valid until ${deploymentCode.expiresAt}): ${deploymentCode.code}`,
    );
  else if (deploymentCode.expiresAt <= new Date().toISOString())
    console.log('The configured LINLI_ENROLLMENT_CODE has expired; set a new one to enroll kiosks with it.');
  if (generatedPassword) console.log(`Admin password for 'admin' (generated, shown once): ${generatedPassword}`);
  if (config.demoContent) {
    printDemoAlertSource(config.dataDir, url);
    printDemoOpen311Key(open311KeyFile, url);
    console.log(
      `TV channels for IPTV players and VLC: ${url}${TV_LINEUP_PATH} (programme guide: ${url}${TV_GUIDE_PATH})`,
    );
  }
  console.log(`LINLI_READY ${JSON.stringify({ url })}`);

  const stop = async () => {
    stopping = true;
    clearInterval(pruneTimer);
    clearInterval(alertTimer);
    clearInterval(settleTimer);
    clearInterval(forwardTimer);
    clearInterval(statusTimer);
    clearInterval(providersTimer);
    clearInterval(reminderTimer);
    clearInterval(reportTimer);
    clearInterval(backupTimer);
    services.billPayments?.stop();
    await feedPoller.stop();
    await channelStreams?.stop();
    await app.close();
    await queueFanout?.close();
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

/** The demo alert source's key, kept in the data folder of a demo install, and how to post the demo alert with it. */
function printDemoAlertSource(dataDir: string, url: string): void {
  const keyFile = path.join(dataDir, DEMO_ALERT_KEY_FILE);
  if (!existsSync(keyFile)) return;
  const relative = (file: string) => path.relative(process.cwd(), file);
  console.log(
    `Demo alert source key: ${readFileSync(keyFile, 'utf8').trim()}. Post the demo CAP alert to every screen:`,
  );
  console.log(
    `  curl -H "Authorization: Bearer $(cat ${relative(keyFile)})" -H 'content-type: application/cap+xml' --data-binary @${relative(DEMO_CAP_FILE)} ${url}/api/v1/alerts/cap`,
  );
  console.log(`  and withdraw it with ${relative(DEMO_CAP_FILE).replace('cap-demo-alert', 'cap-demo-cancel')}.`);
}

/** The demo's Open311 api_key, and a case posted with it. */
function printDemoOpen311Key(keyFile: string, url: string): void {
  if (!existsSync(keyFile)) return;
  console.log(
    `Demo Open311 api_key: ${readFileSync(keyFile, 'utf8').trim()} (discovery: ${url}/open311/v2/discovery.json). Post a case:`,
  );
  console.log(
    `  curl --data-urlencode "api_key=$(cat ${path.relative(process.cwd(), keyFile)})" -d service_code=sanitation_garbage -d address_string=3号楼北侧 --data-urlencode description=垃圾桶满了 ${url}/open311/v2/requests.json`,
  );
}
