/**
 * The signage player's window: full screen on black, no menu, no preload (the page talks to its
 * host over HTTP on 127.0.0.1 like in the browser shell), a sandboxed, isolated renderer; the
 * kiosk's guards (navigation to the player's own origin only, shortcuts, zoom) apply to it too.
 */
import type { BrowserWindowConstructorOptions } from 'electron';

export function playerWindowOptions(): BrowserWindowConstructorOptions {
  return {
    kiosk: true,
    fullscreen: true,
    frame: false,
    autoHideMenuBar: true,
    backgroundColor: '#000000',
    show: false,
    webPreferences: {
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
      spellcheck: false,
      devTools: false,
      // A screen nobody looks at still plays on: no throttling of a window the OS thinks is hidden.
      backgroundThrottling: false,
    },
  };
}

/** The origin the player page is served from: the only one the window may navigate to. */
export function playerOrigins(serverUrl: string): ReadonlySet<string> {
  return new Set([new URL(serverUrl).origin]);
}
