/**
 * The Electron shells' updater: electron-updater pointed at the admin server's feed
 * (`/api/v1/updates/<app>/latest-linux.yml`, …), with the device's credentials. The server decides
 * which version this device runs, so an older version offered is a rollback and is taken too.
 * electron-updater downloads and checks the file's SHA-512; this waits until no resident is using
 * the kiosk before it installs and restarts, and tells each step to the heartbeat as the browser
 * shell's updater does. It is written against the few members of electron-updater's `AppUpdater`
 * it uses, so it is tested here with a stand-in; the Electron binary cannot run here.
 */
import type { OutgoingHttpHeaders } from 'node:http';
import type { ReleaseApp, UpdateReport } from '@linli/protocol';
import type { Timers } from '../lifecycle/timers';

/** What this uses of electron-updater's `autoUpdater` (an `AppUpdater`). */
export interface ElectronUpdaterLike {
  autoDownload: boolean;
  autoInstallOnAppQuit: boolean;
  allowDowngrade: boolean;
  disableDifferentialDownload: boolean;
  requestHeaders: OutgoingHttpHeaders | null;
  setFeedURL(options: { provider: 'generic'; url: string }): void;
  checkForUpdates(): Promise<unknown>;
  quitAndInstall(isSilent?: boolean, isForceRunAfter?: boolean): void;
  on(event: 'update-available' | 'update-downloaded', listener: (info: { version: string }) => void): unknown;
  on(event: 'update-not-available', listener: () => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
}

/** What a shell's updater is to the host: started with it, stopped with it, reported by each heartbeat. */
export interface HostUpdater {
  start(): void;
  stop(): Promise<void>;
  report(): UpdateReport;
}

/** What the host gives a shell's updater: its feed, its credentials, and whether a visit is under way. */
export interface UpdateContext {
  app: ReleaseApp;
  serverUrl: string;
  headers: Record<string, string>;
  inVisit(): boolean;
  log(message: string): void;
  timers: Timers;
  checkMs: number;
}

/** How often an update that waits for a visit to end looks again. */
const VISIT_CHECK_MS = 1000;

export function createAppUpdater(
  updater: ElectronUpdaterLike,
  context: UpdateContext,
  options: { visitCheckMs?: number } = {},
): HostUpdater {
  const stopping = new AbortController();
  let report: UpdateReport = { step: 'current', version: null, detail: null };
  let cancelTimer: (() => void) | undefined;
  let installing: Promise<void> | undefined;

  updater.setFeedURL({ provider: 'generic', url: `${context.serverUrl}/api/v1/updates/${context.app}` });
  updater.requestHeaders = context.headers;
  updater.autoDownload = true;
  // Installed when no one is using the kiosk, never by a quit in the middle of a visit.
  updater.autoInstallOnAppQuit = false;
  // The server's choice is the version to run: an older one is a release withdrawn.
  updater.allowDowngrade = true;
  // The feed serves whole files, no block maps.
  updater.disableDifferentialDownload = true;

  updater.on('update-available', (info) => {
    report = { step: 'downloading', version: info.version, detail: null };
  });
  updater.on('update-not-available', () => {
    report = { step: 'current', version: null, detail: null };
  });
  updater.on('error', (error) => {
    report = { step: 'failed', version: report.version, detail: String(error.message ?? error).slice(0, 200) };
    context.log(`update failed: ${report.detail}`);
  });
  updater.on('update-downloaded', (info) => {
    installing ??= (async () => {
      report = { step: 'waiting-for-visit', version: info.version, detail: null };
      while (context.inVisit()) {
        if (stopping.signal.aborted) return;
        await context.timers.sleep(options.visitCheckMs ?? VISIT_CHECK_MS, stopping.signal).catch(() => undefined);
      }
      if (stopping.signal.aborted) return;
      report = { step: 'restarting', version: info.version, detail: null };
      context.log(`update ${info.version} downloaded; installing and restarting`);
      updater.quitAndInstall(true, true);
    })().finally(() => (installing = undefined));
  });

  // Errors reach the 'error' listener as well; the promise's rejection is only its echo.
  const check = () => void updater.checkForUpdates().catch(() => undefined);
  return {
    start() {
      check();
      cancelTimer = context.timers.every(context.checkMs, () => {
        if (!installing) check();
      });
    },
    async stop() {
      cancelTimer?.();
      stopping.abort();
      await installing;
    },
    report: () => report,
  };
}
