/**
 * Start-up checks and app-wide handlers: no debugging ports, one instance, no bad certificates.
 */
import type { App } from 'electron';

/**
 * There is no fuse for Chromium's remote debugging (electron/fuses #2), and Node's inspector
 * flags are only fused off in packaged builds; a kiosk started with any of them exits at once.
 */
const DEBUGGING_SWITCHES = ['remote-debugging-port', 'remote-debugging-pipe', 'inspect', 'inspect-brk', 'inspect-port'];

/** Exits and returns true when the app was started with a debugging switch. */
export function refuseDebugging(app: Pick<App, 'commandLine' | 'exit'>, log: (message: string) => void): boolean {
  const found = DEBUGGING_SWITCHES.find((name) => app.commandLine.hasSwitch(name));
  if (found === undefined) return false;
  log(`Linli kiosk refuses to run with --${found}`);
  app.exit(1);
  return true;
}

/**
 * Returns true for the first instance, which brings its window back when another is started;
 * a second instance quits at once, so two kiosks never fight over the screen and the cache.
 */
export function holdSingleInstance(
  app: Pick<App, 'requestSingleInstanceLock' | 'quit' | 'on'>,
  refocus: () => void,
): boolean {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return false;
  }
  app.on('second-instance', () => refocus());
  return true;
}

/** A certificate that fails verification is never trusted, whatever the page or the error. */
export function refuseBadCertificates(app: Pick<App, 'on'>): void {
  app.on('certificate-error', (event, _contents, _url, _error, _certificate, callback) => {
    event.preventDefault();
    callback(false);
  });
}
