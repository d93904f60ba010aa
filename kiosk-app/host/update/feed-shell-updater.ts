/**
 * The browser shell's updater of a kiosk or a player, wired to the admin server: the feed's offer
 * for this device, the archive downloaded (resumed when cut) with the device's credentials.
 */
import { deviceAuthorization, type ReleaseApp } from '@linli/protocol';
import type { Timers } from '../lifecycle/timers';
import { downloadMedia } from '../media/media-download';
import type { ServerClientDeps } from '../sync/server-client';
import { readTrustedKeys } from './shell-archive';
import { createShellUpdater, type ShellUpdater } from './shell-updater';
import { createUpdateClient } from './update-client';

export interface FeedShellUpdaterDeps {
  app: ReleaseApp;
  updates: { dir: string; keysFile: string };
  /** The version this process runs. */
  running: string;
  checkMs: number;
  server: ServerClientDeps & { stopSignal: AbortSignal };
  inVisit(): boolean;
  restart(): void;
  log(message: string): void;
  timers: Timers;
}

export function createFeedShellUpdater(deps: FeedShellUpdaterDeps): ShellUpdater {
  const { app, server } = deps;
  const feed = createUpdateClient(server);
  return createShellUpdater({
    app,
    updateDir: deps.updates.dir,
    running: deps.running,
    trustedKeys: readTrustedKeys(deps.updates.keysFile),
    offer: () => feed.shellOffer(app),
    download: (offer, target, signal) =>
      downloadMedia(
        { sha256: offer.sha256, bytes: offer.size, mime: 'application/gzip', name: `${app}-${offer.version}.tar.gz` },
        target,
        {
          fetch: server.fetch,
          serverUrl: server.serverUrl,
          signal: AbortSignal.any([signal, server.stopSignal]),
          onBytes: () => undefined,
        },
        {
          url: `${server.serverUrl}/api/v1/${offer.url}`,
          headers: { authorization: deviceAuthorization(server.deviceId, server.secret) },
        },
      ),
    inVisit: deps.inVisit,
    restart: deps.restart,
    log: deps.log,
    timers: deps.timers,
    checkMs: deps.checkMs,
  });
}
