/**
 * Electron main process (composition root of the Electron shell): the same kiosk host as the
 * browser shell, the renderer served from app://kiosk, the bridge over IPC, a locked window that
 * recovers by itself, and the daily timetable and allow-list as the admin server pushes them.
 * Every policy lives in its own module; this file only wires them. Typechecked against Electron's types; it cannot be run where the Electron
 * binary is missing.
 */
import { app, BrowserWindow, ipcMain, Menu, powerSaveBlocker, protocol, session } from 'electron';
import electronUpdater from 'electron-updater';
import path from 'node:path';
import { LinliError } from '@linli/protocol';
import { loadKioskConfig } from '../../host/config';
import { createKioskHost } from '../../host/kiosk-host';
import { createAppUpdater } from '../../host/update/app-updater';
import { rendererBundle } from '../common/renderer-assets';
import { holdSingleInstance, refuseBadCertificates, refuseDebugging } from './app-guard';
import { serveAppProtocol } from './app-protocol';
import { utilityPeripheralWorker } from './peripheral-worker-process';
import { HOME_URL } from './app-url';
import { BRIDGE_EVENT_CHANNEL } from './channels';
import { registerBridgeHandlers } from './ipc-handlers';
import { followPushedSettings } from './pushed-settings';
import { readRendererFiles } from './renderer-files';
import { superviseRenderer } from './renderer-recovery';
import { restartKiosk } from './restart';
import { blackoutWindowOptions, createScreenBlanker } from './screen-blanker';
import { captureWindowPng } from './screen-capture';
import { keepWindowOpen, kioskWindowOptions, lockDownWebContents } from './security';
import { cancelDownloads, guardPermissions, refuseDeviceChoosers } from './session-guard';
import { loadShellConfig } from './shell-config';
import { disablePinchZoom } from './zoom-lock';

const { autoUpdater } = electronUpdater;
const log = (message: string) => console.log(`[linli-kiosk] ${message}`);
let kioskWindow: BrowserWindow | undefined;

function refocusKiosk(): void {
  kioskWindow?.restore();
  kioskWindow?.focus();
}

function coverWithBlackout(): () => void {
  const overlay = new BrowserWindow(blackoutWindowOptions());
  overlay.setAlwaysOnTop(true, 'screen-saver');
  overlay.show();
  return () => overlay.destroy();
}

async function main(): Promise<void> {
  // The packaged app carries its forms beside main.mjs (build/scripts/bundle-electron.ts).
  // The heartbeat reports the packaged app's version, the one the update feed compares.
  const hostConfig = loadKioskConfig({
    LINLI_FORMS_DIR: path.join(app.getAppPath(), 'forms'),
    ...process.env,
    LINLI_APP_VERSION: app.getVersion(),
  });
  const shellConfig = loadShellConfig(process.env);
  // The guard reads the allow-list at each navigation: the shell's own until pushed settings are followed below.
  let allowedOrigins = () => shellConfig.allowedOrigins;
  // The camera follows the host's photo step once the host exists; before, there is no page to ask.
  let caseCameraOpen = () => false;
  app.on('web-contents-created', (_event, contents) => lockDownWebContents(contents, () => allowedOrigins(), log));
  refuseBadCertificates(app);

  await app.whenReady();
  Menu.setApplicationMenu(null);
  guardPermissions(session.defaultSession, shellConfig.grantedPermissions, () => caseCameraOpen());
  refuseDeviceChoosers(session.defaultSession);
  cancelDownloads(session.defaultSession);

  // The bundle puts the device worker beside main.mjs (build/scripts/bundle-electron.ts).
  const host = await createKioskHost({
    config: hostConfig,
    spawnPeripheralWorker: utilityPeripheralWorker(path.join(app.getAppPath(), 'peripheral-worker.mjs')),
    // Remote commands run only after start(), by which time the window exists.
    shell: { restart: () => restart(), captureScreen: () => captureWindowPng(window.webContents) },
    // New versions from the admin server's feed, installed when no visit is under way.
    appUpdater: (context) => createAppUpdater(autoUpdater, context),
  });
  // The packaged app ships the renderer prebuilt next to main.mjs (build/scripts/bundle-electron.ts).
  protocol.handle(
    'app',
    serveAppProtocol(rendererBundle(readRendererFiles(path.join(import.meta.dirname, 'renderer'))), host.mediaFile),
  );
  caseCameraOpen = host.caseCameraOpen;
  registerBridgeHandlers(ipcMain, host.bridge);
  const restart = () => void host.stop().finally(() => restartKiosk(app, shellConfig.restartMode));

  const window = new BrowserWindow(kioskWindowOptions(path.join(import.meta.dirname, 'preload.cjs')));
  kioskWindow = window;
  keepWindowOpen(window, app);
  superviseRenderer(window.webContents, { homeUrl: HOME_URL, restart, log });
  host.onEvent((event) => window.webContents.send(BRIDGE_EVENT_CHANNEL, event));
  await window.loadURL(HOME_URL);
  const pushed = followPushedSettings(host, shellConfig, {
    schedule: { restart, setScreenOff: createScreenBlanker({ cover: coverWithBlackout, powerSaveBlocker }) },
    log,
  });
  allowedOrigins = pushed.allowedOrigins;
  void host.start();
  app.on('window-all-closed', () => void host.stop().then(() => app.quit()));
}

// Before anything else: these must run before the app is ready.
// `stream` lets <video> play and seek notice videos through byte ranges.
protocol.registerSchemesAsPrivileged([
  { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true } },
]);
disablePinchZoom(app.commandLine);

if (!refuseDebugging(app, log) && holdSingleInstance(app, refocusKiosk)) {
  main().catch((error: unknown) => {
    const message =
      error instanceof LinliError ? `${error.code}: ${error.message}` : String((error as Error)?.stack ?? error);
    log(`could not start. ${message}`);
    app.exit(1);
  });
}
