/**
 * Composition root of the signage player host: enrollment (as a player), the content cache and
 * sync engine, media by SHA-256, the signage board (signatures, what plays), notices and emergency
 * alerts, remote commands, heartbeats, the proof-of-play log and the halls calling displays show
 * (followed live, their calls announced). The device parts are the kiosk
 * host's own (kiosk-app/host): one sync engine, one cache, one media store for every device.
 * The shells carry `view()` and its events to the web player and serve the media it names.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { LinliError } from '@linli/protocol';
import {
  PLAY_UPLOAD_MAX,
  USAGE_VALUE_MAX,
  type Change,
  type PlayRecord,
  type PlayerAliveBeat,
  type PlayerEvent,
  type PlayerNotice,
  type PlayerQueueView,
  type PlayerView,
  type ScreenReport,
  type SignagePublicKey,
  type SyncEntity,
  queueHallsOf,
} from '@linli/protocol';
import { createAlertBoard } from '../../kiosk-app/host/alerts/alert-board';
import type { HostUpdater, UpdateContext } from '../../kiosk-app/host/update/app-updater';
import { createHostUpdater } from '../../kiosk-app/host/update/host-updater';
import { createDiskHealth } from '../../kiosk-app/host/storage/disk-health';
import { createNoticeBoard } from '../../kiosk-app/host/catalog/notice-board';
import { createCommandExecutor } from '../../kiosk-app/host/commands/command-executor';
import type { ShellHooks } from '../../kiosk-app/host/kiosk-host';
import { createDisposables } from '../../kiosk-app/host/lifecycle/disposables';
import { createMomentTimer } from '../../kiosk-app/host/lifecycle/moment-timer';
import { createSignal } from '../../kiosk-app/host/lifecycle/signal';
import { SYSTEM_TIMERS, type Timers } from '../../kiosk-app/host/lifecycle/timers';
import { createMediaStore } from '../../kiosk-app/host/media/media-store';
import { createMediaSync, type StoredMedia } from '../../kiosk-app/host/media/media-sync';
import { createBatchUploader } from '../../kiosk-app/host/outbox/batch-upload';
import { openEventOutbox } from '../../kiosk-app/host/outbox/event-outbox';
import { openCacheDb } from '../../kiosk-app/host/storage/cache-db';
import { writeCredentials } from '../../kiosk-app/host/storage/device-credentials';
import { credentialsFor } from '../../kiosk-app/host/sync/enrollment';
import { createServerClient, deviceApi, type FetchLike } from '../../kiosk-app/host/sync/server-client';
import { cachedServerClock } from '../../kiosk-app/host/sync/server-clock';
import { createUsageRecorder } from '../../kiosk-app/host/usage/usage-recorder';
import { createSyncEngine } from '../../kiosk-app/host/sync/sync-engine';
import { createAnnouncementAudio } from './announcement-audio';
import type { PlayerConfig } from './player-config';
import { createQueueFollower } from './queue-follower';
import { createSignageBoard } from './signage-board';
import { createTvBoard } from './tv-board';
import { createScreenWatchdog, type WatchdogStatus } from './screen-watchdog';

const playIdOf = (play: PlayRecord) => play.playId;

export const PLAYER_APP_VERSION = '0.1.0';

export interface PlayerHost {
  /** Everything the web player shows, as of now. */
  view(): Promise<PlayerView>;
  onEvent(listener: (event: PlayerEvent) => void): () => void;
  /** Proof of play from the web player, stored before this returns. */
  recordPlayed(records: PlayRecord[]): void;
  /** The halls the playing publication's calling displays show, as followed now, with their announcements. */
  queue(): PlayerQueueView;
  /** A listed announcement's audio (WAV), for the shell to serve. */
  announcement(hallId: number, seq: number): Uint8Array | undefined;
  /** A stored file the publication on screen (or one about to be) names, for the shell to serve. */
  mediaFile(sha256: string): StoredMedia | undefined;
  /** The web player's beat: it runs, whether its screen should be moving, the videos it gave up. */
  pageAlive(beat: PlayerAliveBeat): void;
  /** What the frozen-screen watchdog did since the start (reloads, its last reason, videos not started, PDFs not read). */
  watchdog(): WatchdogStatus;
  /** Resolves when the first sync attempt finished (the player plays its cache either way). */
  start(): Promise<void>;
  stop(): Promise<void>;
}

export interface PlayerHostDeps {
  config: PlayerConfig;
  shell: ShellHooks;
  /**
   * Reloads the page from outside it, where the shell owns the screen's browser (true when done);
   * otherwise, or when it fails, the page is asked with the `reload` event.
   */
  reloadScreen?: () => Promise<boolean>;
  fetch?: FetchLike;
  log?: (message: string) => void;
  timers?: Timers;
  /** The Electron shell's updater (electron-updater), made once the player is enrolled. */
  appUpdater?: (context: UpdateContext) => HostUpdater;
}

export async function createPlayerHost(deps: PlayerHostDeps): Promise<PlayerHost> {
  const { config } = deps;
  const fetchImpl = deps.fetch ?? fetch;
  const log = deps.log ?? ((message: string) => console.log(`[player] ${message}`));
  const timers = deps.timers ?? SYSTEM_TIMERS;
  // Uptime by this machine's own clock: the server's offset may move while it runs.
  const startedAt = Date.now();
  mkdirSync(config.dataDir, { recursive: true });
  const credentialsFile = path.join(config.dataDir, 'device.json');
  let credentials = await credentialsFor(config, fetchImpl, credentialsFile, log, 'player');
  if (!credentials.signageKeys?.length)
    log('signage: no trusted keys from enrollment; every publication will be refused (re-enroll this player)');

  const parts = createDisposables();
  const events = createSignal<PlayerEvent>();
  const viewChanged = () => events.emit('view-changed');

  const cache = openCacheDb(path.join(config.dataDir, 'cache.sqlite'));
  parts.add(() => cache.close());
  // The admin server's time, as its replies tell it (kept across restarts by the cache): notices,
  // alerts and the page's schedule follow it.
  const serverClock = cachedServerClock(cache, log);
  const clock = serverClock.now;
  // Proof of play, kept until the admin server has it. FULL: a play the page was told is kept must
  // survive a power cut, not only a crash.
  const plays = openEventOutbox<PlayRecord>(path.join(config.dataDir, 'proof-of-play.sqlite'), {
    idOf: playIdOf,
    synchronous: 'FULL',
  });
  parts.add(() => plays.close());

  const stopping = new AbortController();
  const serverAccess = {
    fetch: fetchImpl,
    serverUrl: config.serverUrl,
    deviceId: credentials.deviceId,
    secret: credentials.secret,
    serverClock,
  };
  const client = createServerClient({ ...serverAccess, stopSignal: stopping.signal });
  // The follower ends its own streams when it stops (the stop of every other request comes later).
  const hallStreams = deviceApi(serverAccess);
  // Files of its own, emptied at start and stop: the announcements of calls, spoken offline.
  const queues = createQueueFollower({
    openStream: (hallId, signal) => hallStreams.call(`/api/v1/queue/halls/${hallId}/calls`, { signal }),
    audio: createAnnouncementAudio({ dir: path.join(config.dataDir, 'announcements') }),
    timers,
    log,
    onChange: () => events.emit('queue-changed'),
  });
  parts.add(() => queues.stop());
  // A full disk is told apart from a server away, in the heartbeat.
  const disk = createDiskHealth(() => undefined);
  const mediaStore = createMediaStore({
    dir: path.join(config.dataDir, 'media'),
    serverUrl: config.serverUrl,
    fetch: fetchImpl,
    log,
    timers,
    disk,
  });
  const signage = createSignageBoard({
    cache,
    keys: {
      current: () => credentials.signageKeys ?? [],
      replace(keys: SignagePublicKey[]) {
        credentials = { ...credentials, signageKeys: keys };
        writeCredentials(credentialsFile, credentials);
      },
    },
    stored: mediaStore.has,
    log,
  });
  // Channels are signed with the same keys: checked after the signage board took any new key set.
  const tv = createTvBoard({ cache, trustedKeys: () => credentials.signageKeys ?? [], log });
  const wantedMedia = () => [...signage.wantedMedia(), ...tv.wantedMedia()];
  // A new publication on screen: its calling displays' halls are followed, the page asks again.
  const playingChanged = () => {
    queues.follow(queueHallsOf(signage.playing()?.schedule.layouts ?? []));
    viewChanged();
  };
  // Each stored file may complete a publication waiting for it.
  const media = createMediaSync({
    store: mediaStore,
    log,
    onStored: () => {
      if (signage.refresh()) playingChanged();
    },
  });
  const refreshSignage = () => {
    const changed = signage.refresh();
    const lineupChanged = tv.refresh();
    void media.want(wantedMedia());
    if (changed) playingChanged();
    else if (lineupChanged) viewChanged();
  };

  // Notices a playlist names are shown within their publish window; players show no attachments.
  const notices = createNoticeBoard(clock, () => true);
  notices.reload(cache.allNotices());
  const noticeTimer = createMomentTimer({ nextChangeAt: notices.nextChangeAt, clock, onChange: viewChanged, timers });
  parts.add(() => noticeTimer.stop());
  const alerts = createAlertBoard({ clock, held: cache.allAlerts });
  const alertTimer = createMomentTimer({ nextChangeAt: alerts.nextChangeAt, clock, onChange: viewChanged, timers });
  parts.add(() => alertTimer.stop());

  const sync = { online: false };
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
      viewChanged();
    },
  });
  // The screen: a page that is stuck cannot hear its `reload` event, so the shell's browser goes first.
  const reloadPage = async () => {
    const reloaded = await deps.reloadScreen?.().catch((error: LinliError) => {
      log(`screen reload failed (${error.code ?? error.message}); asking the page`);
      return false;
    });
    if (!reloaded) events.emit('reload');
  };
  const watchdog = createScreenWatchdog({
    captureScreen: deps.shell.captureScreen,
    reload: reloadPage,
    clock,
    timers,
    log,
    checkEveryMs: config.watchdogCheckMs,
  });

  const commands = createCommandExecutor({
    now: clock,
    // A player has no visitors: nothing personal is ever on its screen.
    inVisit: () => false,
    log,
    reload: () => void reloadPage(),
    restart: deps.shell.restart,
    captureScreen: deps.shell.captureScreen,
    resync: (options) => engine.resync(options),
    report: client.reportCommand,
    timers,
  });
  parts.add(
    applied.subscribe((changes) => {
      const touched = (...entities: SyncEntity[]) =>
        changes === 'all' || changes.some((change) => entities.includes(change.entity));
      if (touched('signage', 'signage-keys', 'tv-channel')) refreshSignage();
      if (touched('notice')) {
        notices.reload(cache.allNotices());
        noticeTimer.schedule();
        viewChanged();
      }
      if (alerts.applied(changes)) {
        alertTimer.schedule();
        viewChanged();
      }
      if (changes !== 'all')
        for (const change of changes) if (change.entity === 'command') commands.submit(change.data);
    }),
  );
  // 使用统计: the screen's running time and how many items it played, anonymous like a kiosk's counts.
  const usage = createUsageRecorder({
    dataDir: config.dataDir,
    upload: (events) => client.uploadUsage({ events }),
    timers,
    clock,
    everyMs: config.pullIntervalMs,
    log,
  });
  parts.add(() => usage.close());
  // Proof of play goes to the admin server soon after it arrives, and on the pull timer.
  const uploader = createBatchUploader({
    name: 'proof of play',
    outbox: plays,
    idOf: playIdOf,
    maxBatch: PLAY_UPLOAD_MAX,
    upload: (batch) => client.uploadPlays({ plays: batch }),
    timers,
    everyMs: config.pullIntervalMs,
    log,
  });
  parts.add(async () => {
    uploader.stop();
    usage.stopSending();
    const stopped = Promise.all([engine.stop(), media.stop(), commands.stop()]);
    stopping.abort();
    await stopped;
  });

  const screenReport = (): ScreenReport => {
    const playing = signage.playing();
    const { frozenReloads, videosNotStarted } = watchdog.status();
    return {
      playing: playing && { id: playing.id, version: playing.version, title: playing.title },
      refused: [...signage.refusals(), ...tv.refusals()]
        .slice(0, 20)
        .map(({ id, version, code }) => ({ id, version, code })),
      frozenReloads,
      videosNotStarted,
      playsPending: plays.pending(),
    };
  };
  // A screen has no visits: a new version installs as soon as it is ready.
  const updater = createHostUpdater({
    app: 'player',
    appUpdater: deps.appUpdater,
    updates: config.updates,
    running: config.appVersion ?? PLAYER_APP_VERSION,
    checkMs: config.updateCheckMs,
    server: { ...serverAccess, stopSignal: stopping.signal },
    inVisit: () => false,
    restart: deps.shell.restart,
    log,
    timers,
  });
  if (updater) parts.add(() => updater.stop());
  const sendHeartbeat = () =>
    client
      .heartbeat({
        appVersion: config.appVersion ?? PLAYER_APP_VERSION,
        ...(updater && { update: updater.report() }),
        storageFull: disk.full(),
        cursor: cache.cursor(),
        uptimeSec: Math.round((Date.now() - startedAt) / 1000),
        screen: screenReport(),
      })
      .catch((error: LinliError) => {
        if (!stopping.signal.aborted) log(`heartbeat failed: ${error.code ?? error.message}`);
      });

  async function noticesShown(): Promise<PlayerNotice[]> {
    const summaries = await notices.bridge.listNotices({ locale: 'zh-Hans' });
    return Promise.all(
      summaries.map(async ({ id }) => {
        const { kind, title, body, issuer, publishAt } = await notices.bridge.getNotice({ id, locale: 'zh-Hans' });
        return { id, kind, title, body, issuer, publishAt };
      }),
    );
  }

  return {
    async view() {
      const playing = signage.playing();
      return {
        deviceName: config.deviceName,
        profile: config.profile,
        tvChannels: tv.channels(),
        online: sync.online,
        lastSyncAt: cache.lastSyncAt(),
        publication: playing && {
          id: playing.id,
          version: playing.version,
          title: playing.title,
          schedule: playing.schedule,
        },
        notices: await noticesShown(),
        alerts: await alerts.bridge.listAlerts({ locale: 'zh-Hans' }),
        webOrigins: config.webOrigins,
        serverOffsetMs: serverClock.offsetMs(),
      };
    },
    onEvent: events.subscribe,
    recordPlayed(records) {
      const added = plays.append(records);
      if (added === 0) return;
      uploader.nudge();
      // An event counts at most a day's minutes' worth (the schema's limit); more go as several.
      for (let left = added; left > 0; left -= USAGE_VALUE_MAX)
        usage.count('signage-play', Math.min(left, USAGE_VALUE_MAX));
    },
    queue: queues.view,
    announcement: queues.announcement,
    mediaFile: media.file,
    pageAlive: watchdog.pageAlive,
    watchdog: watchdog.status,
    async start() {
      parts.add(timers.every(config.heartbeatMs, sendHeartbeat));
      parts.add(watchdog.start());
      parts.add(usage.countUptime());
      noticeTimer.schedule();
      alertTimer.schedule();
      // What the cache holds plays at once, server or not; files a restart cut short resume.
      refreshSignage();
      await engine.start();
      void sendHeartbeat();
      updater?.start();
    },
    stop: () => parts.stopAll(),
  };
}
