/**
 * Keeps the page at 100 %: pinch is switched off in Chromium and the visual zoom range is pinned
 * after every load (pinch can come back when pointing devices change: electron #13071, #11216).
 * Ctrl+wheel is refused by the page itself (renderer page-lockdown) and zoom keys by the shortcut guard.
 */
import type { CommandLine, WebContents } from 'electron';

/** Must run before the app is ready. */
export function disablePinchZoom(commandLine: Pick<CommandLine, 'appendSwitch'>): void {
  commandLine.appendSwitch('disable-pinch');
}

export function lockZoom(
  contents: Pick<WebContents, 'on' | 'setVisualZoomLevelLimits'>,
  log: (message: string) => void,
): void {
  contents.on('did-finish-load', () => {
    contents.setVisualZoomLevelLimits(1, 1).catch((error: Error) => log(`zoom lock failed: ${error.message}`));
  });
}
