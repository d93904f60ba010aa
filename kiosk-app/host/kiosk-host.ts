/**
 * Composition root of the kiosk host: cache, enrollment, sync engine, notice media, emergency
 * alerts, pushed settings, remote commands and the bridge API. Both shells (browser and Electron) start exactly
 * this, carry the bridge (and serve the media it stored) and lend it what only a shell can do
 * (restart, screen capture).
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import {
  DESK_SESSION_HEADER,
  LinliError,
  healthReportOf,
  type BridgeEvent,
  type Change,
  type KioskBridge,
  type SyncEntity,
} from '@linli/protocol';
import { createAlertBoard } from './alerts/alert-board';
import { createCatalog } from './catalog/catalog';
import { createCommandExecutor } from './commands/command-executor';
import { createSpeaker, type Speaker } from './speech/speaker';
import { checklistReceipt, guideLink } from './catalog/guide-checklist';
import type { KioskConfig } from './config';
import { createPeripheralBridge } from './peripherals/peripheral-bridge';
import { startPeripheralService } from './peripherals/peripheral-service';
import type { SpawnPeripheralWorker } from './peripherals/peripheral-worker-messages';
import { forkPeripheralWorker } from './peripherals/fork-peripheral-worker';
import { createMaintenanceLock } from './peripherals/maintenance-lock';
import { loadPeripheralsFile } from './peripherals/peripherals-file';
import { createFormCatalog } from './forms/form-catalog';
import { loadFormLibrary } from './forms/form-library';
import { createFormPrinting } from './forms/form-printing';
import { createMediaStore } from './media/media-store';
import { createDiskHealth } from './storage/disk-health';
import { createMediaSync, type StoredMedia } from './media/media-sync';
import { createHostSettings } from './settings/host-settings';
import { kioskSettingsView, type EffectiveSettings } from './settings/kiosk-settings';
import { createDisposables } from './lifecycle/disposables';
import { createMomentTimer } from './lifecycle/moment-timer';
import { createSignal } from './lifecycle/signal';
import { SYSTEM_TIMERS, type Timers } from './lifecycle/timers';
import { openCacheDb } from './storage/cache-db';
import { createBillBridge } from './bills/bill-bridge';
import { createBillClient } from './bills/bill-client';
import { createCaseBridge } from './cases/case-bridge';
import { createCaseCameraGate } from './cases/case-camera';
import { createCaseClient } from './cases/case-client';
import { openCaseOutbox } from './cases/case-outbox';
import { createCaseSender } from './cases/case-sender';
import { createQueueBridge } from './queue/queue-bridge';
import { createQueueClient } from './queue/queue-client';
import { createDeskBridge } from './desk/desk-bridge';
import { createDeskClient } from './desk/desk-client';
import { createDeskSession } from './desk/desk-session';
import { createServerClient, type FetchLike } from './sync/server-client';
import { createHostUpdater } from './update/host-updater';
import type { HostUpdater, UpdateContext } from './update/app-updater';
import { credentialsFor } from './sync/enrollment';
import { cachedServerClock } from './sync/server-clock';
import { createSyncEngine } from './sync/sync-engine';
import { countUsage } from './usage/usage-bridge';
import { createUsageRecorder } from './usage/usage-recorder';

export interface KioskHost {
  bridge: KioskBridge;
  onEvent(listener: (event: BridgeEvent) => void): () => void;
  /** The settings in force (configuration overlaid by pushed settings); 'settings-changed' tells when they change. */
  settings(): EffectiveSettings;
  /** A stored file a held notice references, for the shell to serve at KIOSK_MEDIA_PATH. */
  mediaFile(sha256: string): StoredMedia | undefined;
  /**
   * Whether the case form's photo step is on screen (during a visit, for a few minutes at most):
   * the Electron shell grants the camera only then (cases/case-camera.ts).
   */
  caseCameraOpen(): boolean;
  /** Resolves when the first sync attempt finished (the kiosk serves its cache either way). */
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** What only the shell can do, for remote commands. */
export interface ShellHooks {
  /** Restarts the whole kiosk app (stopping this host first). */
  restart(): void;
  /** The screen as PNG; undefined where the shell cannot see it. */
  captureScreen(): Promise<Buffer | undefined>;
}

export interface KioskHostDeps {
  config: KioskConfig;
  shell: ShellHooks;
  fetch?: FetchLike;
  speaker?: Speaker;
  log?: (message: string) => void;
  /** Every wait of the host's parts (system timers by default); tests see what is still waiting. */
  timers?: Timers;
  /** How the peripheral worker process is started: fork by default, utilityProcess in Electron. */
  spawnPeripheralWorker?: SpawnPeripheralWorker;
  /** The Electron shell's updater (electron-updater), made once the kiosk is enrolled; the browser shell's otherwise. */
  appUpdater?: (context: UpdateContext) => HostUpdater;
}

export async function createKioskHost(deps: KioskHostDeps): Promise<KioskHost> {
  const { config } = deps;
  const fetchImpl = deps.fetch ?? fetch;
  const log = deps.log ?? ((message: string) => console.log(`[kiosk] ${message}`));
  const timers = deps.timers ?? SYSTEM_TIMERS;
  // Uptime by this machine's own clock: the server's offset may move while it runs.
  const startedAt = Date.now();
  mkdirSync(config.dataDir, { recursive: true });
  // A bad devices file stops start-up here, before anything is opened.
  const localPeripherals = config.devicesFile ? loadPeripheralsFile(config.devicesFile) : { peripherals: [] };
  const installedForms = await loadFormLibrary(config.formsDir);
  const credentials = await credentialsFor(config, fetchImpl, path.join(config.dataDir, 'device.json'), log);

  // Parts are built in the order they depend on each other; each one that runs registers its stop
  // here as it is created, and stop() undoes them last-first.
  const parts = createDisposables();
  const events = createSignal<BridgeEvent>();
  const emit = events.emit;

  const cache = openCacheDb(path.join(config.dataDir, 'cache.sqlite'));
  parts.add(() => cache.close());
  // The one clock of the host, passed to every part that tells time: the admin server's, as its
  // replies tell it (a kiosk whose own clock is off still follows the server's time rules).
  const serverClock = cachedServerClock(cache, log);
  const clock = serverClock.now;

  // Settings pushed earlier are in the cache, so the kiosk starts with them even offline.
  const settingsChanged = createSignal<Array<keyof EffectiveSettings>>();
  const settings = createHostSettings({
    local: {
      idleSec: config.idleSec,
      warningSec: config.warningSec,
      peripherals: localPeripherals,
      printerNetworks: config.printerNetworks,
    },
    stored: cache.settings,
    log,
    onChange: settingsChanged.emit,
  });

  // Peripherals run in a worker process: a crash there restarts the worker, not the host or the screens.
  const peripheralsFile = settings.current().peripherals;
  const peripherals = startPeripheralService(peripheralsFile, {
    spawn: deps.spawnPeripheralWorker ?? forkPeripheralWorker,
    checkEveryMs: config.deviceCheckMs,
    log,
  });
  parts.add(() => peripherals.stop());
  parts.add(peripherals.onChange(() => emit('peripherals-changed')));
  const maintenanceLock = createMaintenanceLock(peripheralsFile.maintenancePin);
  const peripheralBridge = createPeripheralBridge(peripherals, maintenanceLock, () => emit('scan'));
  parts.add(
    settingsChanged.subscribe((changed) => {
      if (changed.includes('peripherals')) {
        const file = settings.current().peripherals;
        peripherals.reconfigure(file);
        maintenanceLock.setPin(file.maintenancePin);
      }
      emit('settings-changed');
    }),
  );

  // Aborted by stop(): ends the admin server requests under way, so nothing waits out their timeout.
  const stopping = new AbortController();
  const client = createServerClient({
    fetch: fetchImpl,
    serverUrl: config.serverUrl,
    deviceId: credentials.deviceId,
    secret: credentials.secret,
    stopSignal: stopping.signal,
    serverClock,
  });
  // Bills are asked of the admin server live, with the same credentials and the same stop.
  const serverDeps = {
    fetch: fetchImpl,
    serverUrl: config.serverUrl,
    deviceId: credentials.deviceId,
    secret: credentials.secret,
    stopSignal: stopping.signal,
    serverClock,
  };
  const deskSession = createDeskSession();
  const deskClient = createDeskClient(serverDeps);
  const desk = createDeskBridge({ profile: config.profile, client: deskClient, session: deskSession, log });
  const bills = createBillBridge({
    client: createBillClient({
      ...serverDeps,
      // At a clerk desk every bill is asked as the clerk's, and only while they are there.
      ...(config.profile === 'desk' && { asClerk: () => ({ [DESK_SESSION_HEADER]: deskSession.token() }) }),
    }),
    currentCard: peripheralBridge.currentCard,
    printSlip: (slip) => peripherals.printSlip(slip),
    printDocument: (pdf, request) => peripherals.printDocument(pdf, request),
    pdfFonts: () => peripherals.pdfFonts(),
    publicLinkBase: config.publicLinkBase,
  });
  // A notice is shown once its files are here: each stored file may complete one, so screens reload.
  // Residents' cases: their own outbox file beside the cache, sent under each case's clientId.
  const outbox = openCaseOutbox(path.join(config.dataDir, 'cases.sqlite'), clock);
  parts.add(() => outbox.close());
  // A day after the server answered, the outcome has served its ticket.
  outbox.forgetAnsweredBefore(new Date(clock().getTime() - 86_400_000).toISOString());
  // Anonymous usage events (使用统计): their own file, kept until the server has them.
  const usage = createUsageRecorder({
    dataDir: config.dataDir,
    upload: (events) => client.uploadUsage({ events }),
    timers,
    clock,
    everyMs: config.pullIntervalMs,
    log,
  });
  parts.add(() => usage.close());
  const caseClient = createCaseClient(serverDeps);
  // Set by the renderer's visit lifecycle: a screenshot is never taken while a resident is here, and
  // the camera is granted to the case form's photo step only during a visit.
  let visitActive = false;
  const caseCamera = createCaseCameraGate({ timers, inVisit: () => visitActive });
  parts.add(() => caseCamera.close());
  const caseSender = createCaseSender({
    outbox,
    client: caseClient,
    timers,
    log,
    onChange: () => emit('cases-changed'),
  });
  const cases = createCaseBridge({
    outbox,
    client: caseClient,
    sender: caseSender,
    timers,
    clock,
    currentCard: peripheralBridge.currentCard,
    printSlip: (slip) => peripherals.printSlip(slip),
    publicLinkBase: config.publicLinkBase,
    camera: caseCamera,
  });
  // 排队取号: the hall's queue asked live, the visit's ticket printed on the receipt printer.
  const queue = createQueueBridge({
    client: createQueueClient(serverDeps),
    clock,
    currentCard: peripheralBridge.currentCard,
    printSlip: (slip) => peripherals.printSlip(slip),
  });
  // A full disk is told apart from a server away, on the status bar and in the heartbeat.
  const disk = createDiskHealth(() => emit('status-changed'));
  const mediaStore = createMediaStore({
    dir: path.join(config.dataDir, 'media'),
    serverUrl: config.serverUrl,
    fetch: fetchImpl,
    log,
    timers,
    disk,
  });
  const media = createMediaSync({ store: mediaStore, log, onStored: () => emit('catalog-changed') });
  // Notices' files and forms' PDF templates: what held content needs, downloaded; the rest removed.
  const followMedia = () =>
    void media.want([
      ...cache.allNotices().flatMap((notice) => notice.attachments),
      ...cache.allForms().map((form) => form.template),
    ]);
  const forms = createFormCatalog({
    installed: installedForms,
    held: cache.allForms,
    templatePath: (sha256) => media.file(sha256)?.path,
  });
  const formPrinting = createFormPrinting({
    forms,
    peripherals,
    currentCard: peripheralBridge.currentCard,
    now: clock,
    onProgress: () => emit('print-progress'),
    // A clerk desk counts the forms it prints for residents (the count is the clerk's).
    ...(config.profile === 'desk' && {
      // Counted after the print is done, never holding it up nor failing it (a desk locked meanwhile).
      onPrinted: (formId: string) =>
        void (async () => deskClient.printed(deskSession.token(), formId))().then(
          () => emit('desk-changed'),
          (error: LinliError) => log(`desk print not counted: ${error.code}`),
        ),
    }),
    log,
  });

  // What the sync engine reports, held here for the parts built before it.
  const sync = { online: false };
  const catalog = createCatalog({
    cache,
    clock,
    mediaStored: mediaStore.has,
    status: () => ({
      online: sync.online,
      storageFull: disk.full(),
      lastSyncAt: cache.lastSyncAt(),
      deviceName: config.deviceName,
      mediaPending: media.pending(),
    }),
  });
  const noticeTimer = createMomentTimer({
    nextChangeAt: catalog.nextNoticeChangeAt,
    clock,
    onChange: () => emit('catalog-changed'),
    timers,
  });
  parts.add(() => noticeTimer.stop());
  // Emergency alerts: held from the cache, shown by the clock; test messages stay off this kiosk
  // (the board's default policy) until a setting marks screens for tests.
  const alerts = createAlertBoard({ clock, held: cache.allAlerts });
  const alertTimer = createMomentTimer({
    nextChangeAt: alerts.nextChangeAt,
    clock,
    onChange: () => emit('alerts-changed'),
    timers,
  });
  parts.add(() => alertTimer.stop());
  const applied = createSignal<Change[] | 'all'>();
  const engine = createSyncEngine({
    cache,
    client,
    clock,
    pullIntervalMs: config.pullIntervalMs,
    log,
    timers,
    onApplied: applied.emit,
    disk,
    onOnlineChange: (online) => {
      sync.online = online;
      emit('status-changed');
      // Back in touch: what waited in the outbox goes now rather than at the next retry.
      if (online) void caseSender.send();
    },
  });
  const commands = createCommandExecutor({
    now: clock,
    inVisit: () => visitActive,
    log,
    reload: () => emit('reload'),
    restart: deps.shell.restart,
    captureScreen: deps.shell.captureScreen,
    resync: (options) => engine.resync(options),
    report: client.reportCommand,
    timers,
  });
  const updater = createHostUpdater({
    app: 'kiosk',
    appUpdater: deps.appUpdater,
    updates: config.updates,
    running: config.appVersion,
    checkMs: config.updateCheckMs,
    server: serverDeps,
    inVisit: () => visitActive,
    restart: deps.shell.restart,
    log,
    timers,
  });
  if (updater) parts.add(() => updater.stop());
  parts.add(
    applied.subscribe((changes) => {
      const touched = (...entities: SyncEntity[]) =>
        changes === 'all' || changes.some((change) => entities.includes(change.entity));
      if (touched('guide', 'notice')) {
        catalog.applied(changes);
        noticeTimer.schedule();
        emit('catalog-changed');
      }
      if (touched('notice', 'form')) followMedia();
      // Open forms screens reload their list (again when a new template is stored, through media).
      if (touched('form') && !touched('guide', 'notice')) emit('catalog-changed');
      if (touched('settings')) settings.refresh();
      // Arrivals, Updates and tombstones (cancelled, replaced, expired) reach the screens at once.
      if (alerts.applied(changes)) {
        alertTimer.schedule();
        emit('alerts-changed');
      }
      // Only a stored page carries commands: a resync ('all') skips them.
      if (changes !== 'all')
        for (const change of changes) if (change.entity === 'command') commands.submit(change.data);
    }),
  );
  // The parts that talk to the admin server stop together: each stops taking work before the
  // abort ends the requests it waits for, so it reads their failures as the stop they are. Media
  // downloads end with the store's own abort.
  parts.add(async () => {
    usage.stopSending();
    const stopped = Promise.all([engine.stop(), media.stop(), commands.stop(), caseSender.stop()]);
    stopping.abort();
    await stopped;
  });

  const sendHeartbeat = () =>
    client
      .heartbeat({
        appVersion: config.appVersion,
        ...(updater && { update: updater.report() }),
        storageFull: disk.full(),
        cursor: cache.cursor(),
        uptimeSec: Math.round((Date.now() - startedAt) / 1000),
        peripherals: healthReportOf(peripherals.health()),
      })
      .catch((error: LinliError) => {
        if (!stopping.signal.aborted) log(`heartbeat failed: ${error.code ?? error.message}`);
      });

  const speaker = deps.speaker ?? createSpeaker(config.speechEngine);
  parts.add(() => speaker.stop());
  const hostBridge: KioskBridge = {
    ...catalog.bridge,
    ...peripheralBridge.bridge,
    ...formPrinting.bridge,
    ...alerts.bridge,
    ...bills,
    ...desk,
    ...cases.bridge,
    ...queue.bridge,
    async getKioskSettings() {
      return kioskSettingsView(settings.current(), speaker.available);
    },
    async speak({ text }) {
      if (!speaker.available) throw new LinliError('SPEECH_UNAVAILABLE');
      // Answers once speech has started; the renderer does not wait for the end of a long page.
      void speaker.speak(text).catch((error: LinliError) => log(`read-aloud failed: ${error.code}`));
      return {};
    },
    async stopSpeaking() {
      speaker.stop();
      return {};
    },
    async printGuideChecklist({ id, locale }) {
      const guide = catalog.localizedGuide(id, locale);
      await peripherals.printSlip(checklistReceipt(guide, locale ?? 'zh-Hans', guideLink(config.publicLinkBase, id)));
      return {};
    },
    async beginVisit() {
      visitActive = true;
      return {};
    },
    // Counted by countUsage below; the host keeps nothing of it.
    async notePreferences() {
      return {};
    },
    async endVisit() {
      visitActive = false;
      speaker.stop();
      peripheralBridge.endVisit();
      formPrinting.endVisit();
      cases.endVisit();
      queue.endVisit();
      log('visit ended and wiped');
      return {};
    },
  };
  const bridge = countUsage(hostBridge, { clock, record: usage.record });

  return {
    bridge,
    onEvent: events.subscribe,
    settings: settings.current,
    mediaFile: media.file,
    caseCameraOpen: caseCamera.isOpen,
    async start() {
      parts.add(timers.every(config.heartbeatMs, sendHeartbeat));
      parts.add(usage.countUptime());
      noticeTimer.schedule();
      alertTimer.schedule();
      // Files the cached notices still lack (a download cut by a restart resumes here).
      followMedia();
      await engine.start();
      void sendHeartbeat();
      updater?.start();
      void caseSender.send();
    },
    stop: () => parts.stopAll(),
  };
}
