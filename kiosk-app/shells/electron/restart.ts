/** Restarts the whole shell the way the deployment supervises it (see RestartMode). */
import type { App } from 'electron';
import type { RestartMode } from './shell-config';

export function restartKiosk(app: Pick<App, 'relaunch' | 'exit'>, mode: RestartMode): void {
  if (mode === 'relaunch') app.relaunch();
  app.exit(0);
}
