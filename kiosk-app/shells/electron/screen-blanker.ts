/**
 * Screen-off hours, done inside the app so it works the same under cage and on Windows: a black,
 * full-screen, always-on-top window covers the kiosk (touches land on it and do nothing, so a
 * passer-by cannot start a visit in a closed hall), and the display-sleep blocker held during
 * opening hours is released, so an OS power plan that turns the panel off may do so. Turning the
 * backlight off directly (DPMS, DDC/CI, HDMI-CEC) depends on the compositor and the panel and is
 * left to the OS recipe; the overlay is what makes screen-off dependable.
 */
import type { BrowserWindowConstructorOptions, PowerSaveBlocker } from 'electron';

export function blackoutWindowOptions(): BrowserWindowConstructorOptions {
  return {
    show: false,
    frame: false,
    fullscreen: true,
    alwaysOnTop: true,
    skipTaskbar: true,
    backgroundColor: '#000000',
    webPreferences: {
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      devTools: false,
      javascript: false,
    },
  };
}

export interface ScreenBlankerDeps {
  /** Shows the black overlay and returns a function that removes it. */
  cover(): () => void;
  powerSaveBlocker: Pick<PowerSaveBlocker, 'start' | 'stop'>;
}

export function createScreenBlanker(deps: ScreenBlankerDeps): (off: boolean) => void {
  let uncover: (() => void) | undefined;
  let awakeBlocker: number | undefined;
  return (off) => {
    if (off) {
      if (awakeBlocker !== undefined) deps.powerSaveBlocker.stop(awakeBlocker);
      awakeBlocker = undefined;
      uncover ??= deps.cover();
    } else {
      uncover?.();
      uncover = undefined;
      awakeBlocker ??= deps.powerSaveBlocker.start('prevent-display-sleep');
    }
  };
}
