/**
 * Electron main process (composition root of the Electron shell): the same kiosk host as the
 * browser shell, the renderer served from app://kiosk, the bridge over IPC, a locked window.
 * Typechecked against Electron's types; it cannot be run where the Electron binary is missing.
 */
import { app, BrowserWindow, ipcMain, protocol, session } from 'electron';
import path from 'node:path';
import { loadKioskConfig } from '../../host/config';
import { createKioskHost } from '../../host/kiosk-host';
import { readRendererFiles } from './renderer-files';
import { rendererBundle } from '../common/renderer-assets';
import { APP_ORIGIN, BRIDGE_EVENT_CHANNEL } from './channels';
import { registerBridgeHandlers } from './ipc-handlers';
import { denyAllPermissions, kioskWindowOptions, lockDownWebContents } from './security';

protocol.registerSchemesAsPrivileged([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
app.on('web-contents-created', (_event, contents) => lockDownWebContents(contents));

async function main(): Promise<void> {
  await app.whenReady();
  denyAllPermissions(session.defaultSession);
  const host = await createKioskHost({ config: loadKioskConfig(process.env) });
  // The packaged app ships the renderer prebuilt next to main.mjs (build/scripts/bundle-electron.ts).
  const renderer = rendererBundle(readRendererFiles(path.join(import.meta.dirname, 'renderer')));
  protocol.handle('app', (request) => {
    const asset = renderer.asset(new URL(request.url).pathname, '');
    return asset ? new Response(asset.body as BodyInit, { headers: asset.headers }) : new Response('not found', { status: 404 });
  });
  registerBridgeHandlers(ipcMain, host.bridge);

  const window = new BrowserWindow(kioskWindowOptions(path.join(import.meta.dirname, 'preload.cjs')));
  host.onEvent((event) => window.webContents.send(BRIDGE_EVENT_CHANNEL, event));
  await window.loadURL(`${APP_ORIGIN}/`);
  void host.start();
  app.on('window-all-closed', () => void host.stop().then(() => app.quit()));
}

void main();
