/**
 * Which updater a kiosk's or a player's host runs: the Electron shell's (electron-updater) when
 * the shell gives one, else the browser shell's when its updates are configured, else none.
 */
import { deviceAuthorization } from '@linli/protocol';
import type { HostUpdater, UpdateContext } from './app-updater';
import { createFeedShellUpdater, type FeedShellUpdaterDeps } from './feed-shell-updater';

export function createHostUpdater(
  options: Omit<FeedShellUpdaterDeps, 'updates'> & {
    /** The Electron shell's updater, made with the device's feed and credentials. */
    appUpdater: ((context: UpdateContext) => HostUpdater) | undefined;
    /** The browser shell's update folder and release keys; none: no browser-shell updates. */
    updates: FeedShellUpdaterDeps['updates'] | undefined;
  },
): HostUpdater | undefined {
  const { app, server, inVisit, log, timers, checkMs } = options;
  if (options.appUpdater)
    return options.appUpdater({
      app,
      serverUrl: server.serverUrl,
      headers: { authorization: deviceAuthorization(server.deviceId, server.secret) },
      inVisit,
      log,
      timers,
      checkMs,
    });
  return (
    options.updates &&
    createFeedShellUpdater({
      app,
      updates: options.updates,
      running: options.running,
      checkMs,
      server,
      inVisit,
      restart: options.restart,
      log,
      timers,
    })
  );
}
