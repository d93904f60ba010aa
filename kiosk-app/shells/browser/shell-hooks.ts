/**
 * What the browser shell lends the host for remote commands. A restart ends this process with
 * RESTART_EXIT_CODE and systemd starts it again (linli-kiosk-host.service, Restart=always); the page
 * in Chromium then finds its boot token refused and loads itself afresh. Screenshots cannot be
 * taken: Chromium is a process of its own that this shell cannot see into.
 */
import type { ShellHooks } from '../../host/kiosk-host';

/** EX_TEMPFAIL: tells a requested restart apart from a stop (0) or a failed start (1) in the journal. */
export const RESTART_EXIT_CODE = 75;
/** What the kiosk process tells its launcher (launcher.ts) once it serves its screens. */
export const READY_MESSAGE = 'linli-kiosk-ready';

export function browserShellHooks(exit: (code: number) => void): ShellHooks {
  return { restart: () => exit(RESTART_EXIT_CODE), captureScreen: async () => undefined };
}
