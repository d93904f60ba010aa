/**
 * Brings the kiosk page back by itself: a renderer that crashed or was killed is reloaded within
 * a second, and one that stays unresponsive for HANG_GRACE_MS is force-crashed and reloaded. When
 * that keeps happening (MAX_INCIDENTS within INCIDENT_WINDOW_MS) reloading is not helping (GPU
 * trouble, memory), and the whole shell is restarted instead.
 */
import type { WebContents } from 'electron';

const RELOAD_DELAY_MS = 1_000;
export const HANG_GRACE_MS = 5_000;
export const MAX_INCIDENTS = 3;
export const INCIDENT_WINDOW_MS = 10 * 60_000;

type SupervisedContents = Pick<WebContents, 'on' | 'loadURL' | 'forcefullyCrashRenderer' | 'isDestroyed'>;

export interface RecoveryOptions {
  /** Loaded again after a crash (the page's own address could be a route the server does not serve). */
  homeUrl: string;
  /** Restarts the shell (restart.ts): used on a crash loop. */
  restart(): void;
  log(message: string): void;
}

export function superviseRenderer(contents: SupervisedContents, options: RecoveryOptions): void {
  const incidents: number[] = [];
  let pendingReload: NodeJS.Timeout | undefined;
  let hangTimer: NodeJS.Timeout | undefined;

  const recover = (reason: string) => {
    // One recovery at a time: a forced crash also reports render-process-gone.
    if (pendingReload || contents.isDestroyed()) return;
    const now = Date.now();
    incidents.push(now);
    while (incidents[0]! <= now - INCIDENT_WINDOW_MS) incidents.shift();
    if (incidents.length >= MAX_INCIDENTS) {
      options.log(
        `renderer ${reason}: ${incidents.length} times in ${INCIDENT_WINDOW_MS / 60_000} minutes, restarting the shell`,
      );
      options.restart();
      return;
    }
    options.log(`renderer ${reason}: reloading the kiosk page`);
    pendingReload = setTimeout(() => {
      pendingReload = undefined;
      if (contents.isDestroyed()) return;
      contents.loadURL(options.homeUrl).catch((error: Error) => options.log(`reload failed: ${error.message}`));
    }, RELOAD_DELAY_MS);
  };

  contents.on('render-process-gone', (_event, details) => recover(details.reason));
  contents.on('unresponsive', () => {
    hangTimer ??= setTimeout(() => {
      hangTimer = undefined;
      contents.forcefullyCrashRenderer();
      recover('unresponsive');
    }, HANG_GRACE_MS);
  });
  contents.on('responsive', () => {
    clearTimeout(hangTimer);
    hangTimer = undefined;
  });
}
