/**
 * What the player's browser shell lends the host for remote commands and the frozen-screen
 * watchdog. A restart ends this process as the kiosk's browser shell does (RESTART_EXIT_CODE, and
 * systemd starts it again). Screenshots come from the screen's Chromium where the shell started
 * and owns one (LINLI_PLAYER_BROWSER); a browser started by someone else cannot be seen into.
 */
import type { ShellHooks } from '../../../kiosk-app/host/kiosk-host';
import { RESTART_EXIT_CODE } from '../../../kiosk-app/shells/browser/shell-hooks';
import type { ScreenBrowser } from './screen-browser';

/** `screen`: the screen browser once it runs (it starts after the page server listens), else undefined. */
export function playerShellHooks(exit: (code: number) => void, screen: () => ScreenBrowser | undefined): ShellHooks {
  return {
    restart: () => exit(RESTART_EXIT_CODE),
    captureScreen: async () => screen()?.captureScreenshot(),
  };
}
