/**
 * The frozen-screen watchdog's timer and effects around the pure decision (frozen-screen.ts): it
 * hears the web player's beats, takes a screenshot every `checkEveryMs` where the shell can see the
 * screen, and reloads the page when the decision says frozen. It also logs and counts the videos
 * the page reports it gave up and the PDFs it could not read. What it did is kept in memory
 * (`status()`) for the host to report.
 */
import { createHash } from 'node:crypto';
import { PLAYER_BEAT_SEC, type LinliError, type PlayerAliveBeat } from '@linli/protocol';
import type { Timers } from '../../kiosk-app/host/lifecycle/timers';
import { UNWATCHED, afterReload, frozenReason, withBeat, withFrame, type FrozenReason } from './frozen-screen';

export const WATCHDOG_CHECK_SEC = 30;

export interface WatchdogStatus {
  /** Reloads the watchdog made since the player started. */
  frozenReloads: number;
  /** The last time it found the screen frozen, and why. */
  lastFrozen: { reason: FrozenReason; at: string } | null;
  /** Videos the page gave up because they did not start, since the player started. */
  videosNotStarted: number;
  /** PDF items shown as their card because the file or a page could not be read, since the player started. */
  pdfsUnreadable: number;
}

export interface ScreenWatchdog {
  /** A beat from the web player. */
  pageAlive(beat: PlayerAliveBeat): void;
  status(): WatchdogStatus;
  /** One look now (what the timer does every `checkEveryMs`): a screenshot, the decision, a reload if frozen. */
  check(): Promise<void>;
  /** Starts the periodic check; returns its stop, which waits for a check under way. */
  start(): () => Promise<void>;
}

export interface ScreenWatchdogDeps {
  /** The screen as PNG; undefined where the shell cannot see it (then only the beats count). */
  captureScreen(): Promise<Buffer | undefined>;
  /** Loads the page on screen afresh. */
  reload(): Promise<void>;
  clock: () => Date;
  timers: Timers;
  log: (message: string) => void;
  checkEveryMs?: number;
  beatMs?: number;
}

const sha256Of = (png: Buffer) => createHash('sha256').update(png).digest('hex');
const codeOf = (error: unknown) => (error as LinliError)?.code ?? (error as Error)?.message ?? String(error);

export function createScreenWatchdog(deps: ScreenWatchdogDeps): ScreenWatchdog {
  const checkEveryMs = deps.checkEveryMs ?? WATCHDOG_CHECK_SEC * 1000;
  const beatMs = deps.beatMs ?? PLAYER_BEAT_SEC * 1000;
  const now = () => deps.clock().getTime();
  let watch = UNWATCHED;
  let checking: Promise<void> | undefined;
  let screenshotsFailing = false;
  const status: WatchdogStatus = { frozenReloads: 0, lastFrozen: null, videosNotStarted: 0, pdfsUnreadable: 0 };

  async function takeScreenshot(): Promise<void> {
    try {
      const png = await deps.captureScreen();
      if (png) watch = withFrame(watch, sha256Of(png), now());
      screenshotsFailing = false;
    } catch (error) {
      // Said once, not every check while the screen's browser is being started again.
      if (!screenshotsFailing) deps.log(`watchdog: no screenshot (${codeOf(error)})`);
      screenshotsFailing = true;
    }
  }

  async function lookAtScreen(): Promise<void> {
    await takeScreenshot();
    const at = deps.clock();
    const reason = frozenReason(watch, at.getTime(), beatMs);
    if (!reason) return;
    watch = afterReload(at.getTime());
    status.frozenReloads += 1;
    status.lastFrozen = { reason, at: at.toISOString() };
    try {
      await deps.reload();
      deps.log(`watchdog: screen frozen (${reason}), reloaded`);
    } catch (error) {
      deps.log(`watchdog: screen frozen (${reason}), reload failed (${codeOf(error)})`);
    }
  }

  /** A check asked for while one is under way (a screenshot slower than the period) is that one. */
  function check(): Promise<void> {
    checking ??= lookAtScreen().finally(() => (checking = undefined));
    return checking;
  }

  return {
    pageAlive(beat) {
      watch = withBeat(watch, beat, now());
      for (const itemId of beat.skipped) deps.log(`video did not start: ${itemId}`);
      status.videosNotStarted += beat.skipped.length;
      for (const itemId of beat.unreadable ?? []) deps.log(`pdf could not be read: ${itemId}`);
      status.pdfsUnreadable += beat.unreadable?.length ?? 0;
    },
    status: () => ({ ...status }),
    check,
    start() {
      const cancel = deps.timers.every(checkEveryMs, () => void check());
      return async () => {
        cancel();
        await checking;
      };
    },
  };
}
