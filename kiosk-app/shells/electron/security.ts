/**
 * The kiosk window's security policy in one place: a sandboxed, isolated renderer, and the guards
 * every web contents gets (navigation, shortcuts, zoom). Session- and app-wide handlers live in
 * session-guard.ts and app-guard.ts.
 */
import type { App, BrowserWindow, BrowserWindowConstructorOptions, WebContents } from 'electron';
import { guardNavigation } from './navigation-guard';
import { swallowBlockedShortcuts } from './shortcut-guard';
import { lockZoom } from './zoom-lock';

export function kioskWindowOptions(preloadPath: string): BrowserWindowConstructorOptions {
  return {
    kiosk: true,
    fullscreen: true,
    autoHideMenuBar: true,
    backgroundColor: '#f6f7f9',
    webPreferences: {
      preload: preloadPath,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
      spellcheck: false,
      devTools: false,
    },
  };
}

type GuardedContents = Pick<WebContents, 'on' | 'setWindowOpenHandler' | 'setVisualZoomLevelLimits'>;

/** Applied to every web contents the app creates (app 'web-contents-created'). */
export function lockDownWebContents(
  contents: GuardedContents,
  allowedOrigins: () => ReadonlySet<string>,
  log: (message: string) => void,
): void {
  guardNavigation(contents, allowedOrigins);
  swallowBlockedShortcuts(contents);
  lockZoom(contents, log);
}

/**
 * The kiosk window cannot be closed while the app runs (Alt+F4 on Windows is handled by the OS
 * before the page sees it); quitting the app itself still closes it.
 */
export function keepWindowOpen(window: Pick<BrowserWindow, 'on'>, app: Pick<App, 'on'>): void {
  let quitting = false;
  app.on('before-quit', () => {
    quitting = true;
  });
  window.on('close', (event) => {
    if (!quitting) event.preventDefault();
  });
}
