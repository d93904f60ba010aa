/**
 * Electron main process of the signage player (composition root): the same player host and page
 * server as the browser shell, on 127.0.0.1, shown in a locked full-screen window that recovers by
 * itself, keeps the display awake, and answers 截屏 with the window's own picture. The kiosk's
 * Electron policies are reused as they are. Typechecked against Electron's types; it cannot be run
 * where the Electron binary is missing.
 */
import { app, BrowserWindow, Menu, powerSaveBlocker, session } from 'electron';
import electronUpdater from 'electron-updater';
import path from 'node:path';
import { LinliError } from '@linli/protocol';
import {
  holdSingleInstance,
  refuseBadCertificates,
  refuseDebugging,
} from '../../../kiosk-app/shells/electron/app-guard';
import { superviseRenderer } from '../../../kiosk-app/shells/electron/renderer-recovery';
import { restartKiosk } from '../../../kiosk-app/shells/electron/restart';
import { captureWindowPng } from '../../../kiosk-app/shells/electron/screen-capture';
import { keepWindowOpen, lockDownWebContents } from '../../../kiosk-app/shells/electron/security';
import {
  cancelDownloads,
  guardPermissions,
  refuseDeviceChoosers,
} from '../../../kiosk-app/shells/electron/session-guard';
import { disablePinchZoom } from '../../../kiosk-app/shells/electron/zoom-lock';
import { createAppUpdater } from '../../../kiosk-app/host/update/app-updater';
import { loadPlayerConfig } from '../../host/player-config';
import { createPlayerHost } from '../../host/player-host';
import { buildPlayerPage } from '../browser/player-page';
import { startPlayerServer } from '../browser/player-server';
import { playerOrigins, playerWindowOptions } from './player-window';

const { autoUpdater } = electronUpdater;
const log = (message: string) => console.log(`[linli-player] ${message}`);
let playerWindow: BrowserWindow | undefined;

async function main(): Promise<void> {
  // The packaged app carries its page prebuilt beside main.mjs (build/scripts/bundle-electron.ts).
  // The heartbeat reports the packaged app's version, the one the update feed compares.
  const config = loadPlayerConfig({
    LINLI_PLAYER_PAGE_DIR: path.join(import.meta.dirname, 'page'),
    ...process.env,
    LINLI_APP_VERSION: app.getVersion(),
  });
  // Navigation is checked against the page server's origin, known once it listens.
  let origins: ReadonlySet<string> = new Set();
  app.on('web-contents-created', (_event, contents) => lockDownWebContents(contents, () => origins, log));
  refuseBadCertificates(app);

  await app.whenReady();
  Menu.setApplicationMenu(null);
  guardPermissions(session.defaultSession, new Set());
  refuseDeviceChoosers(session.defaultSession);
  cancelDownloads(session.defaultSession);

  const restart = () => void host.stop().finally(() => restartKiosk(app, 'relaunch'));
  const host = await createPlayerHost({
    config,
    // Remote commands run only after start(), by which time the window exists.
    shell: { restart, captureScreen: () => captureWindowPng(window.webContents) },
    // New versions from the admin server's feed.
    appUpdater: (context) => createAppUpdater(autoUpdater, context),
    async reloadScreen() {
      if (window.isDestroyed()) return false;
      window.webContents.reload();
      return true;
    },
  });
  const page = await buildPlayerPage(config.webOrigins, config.pageDir, config.profile);
  const server = await startPlayerServer({ host, page, port: config.port });
  origins = playerOrigins(server.url);
  log(`page at ${server.url}/`);

  const window = new BrowserWindow(playerWindowOptions());
  playerWindow = window;
  keepWindowOpen(window, app);
  superviseRenderer(window.webContents, { homeUrl: `${server.url}/`, restart, log });
  window.once('ready-to-show', () => window.show());
  // A notice screen must never dim or sleep while the app runs (operating hours black the page instead).
  powerSaveBlocker.start('prevent-display-sleep');
  await window.loadURL(`${server.url}/`);
  void host.start();
  app.on('window-all-closed', () => void Promise.all([server.close(), host.stop()]).then(() => app.quit()));
}

// Videos start without a touch (muted ones would anyway; a screen may carry sound).
app.commandLine.appendSwitch('autoplay-policy', 'no-user-gesture-required');
disablePinchZoom(app.commandLine);

if (
  !refuseDebugging(app, log) &&
  holdSingleInstance(app, () => {
    playerWindow?.restore();
    playerWindow?.focus();
  })
) {
  main().catch((error: unknown) => {
    const message =
      error instanceof LinliError ? `${error.code}: ${error.message}` : String((error as Error)?.stack ?? error);
    log(`could not start. ${message}`);
    app.exit(1);
  });
}
