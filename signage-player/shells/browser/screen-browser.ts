/**
 * The screen's Chromium, started and owned by the player's browser shell (LINLI_PLAYER_BROWSER):
 * full screen on the player page, driven over its DevTools pipe (cdp-pipe.ts) so the shell can take
 * a screenshot of what the screen shows and reload the page even when the page itself no longer
 * answers. Chromium runs in a process group of its own; a Chromium that exits unless told to is
 * started again after a growing wait, and `stop()` ends the whole group for good.
 *
 * Its command line is fixed here: the only outside input on it is the configured binary path, and
 * the URL is our own server's.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import type { Readable, Writable } from 'node:stream';
import { LinliError } from '@linli/protocol';
import { SYSTEM_TIMERS, type Timers } from '../../../kiosk-app/host/lifecycle/timers';
import { backoffDelayMs } from '../../../kiosk-app/host/sync/backoff';
import { connectCdp, type CdpConnection } from './cdp-pipe';

/** A Chromium that ran at least this long before it exited is restarted as after a first crash. */
export const STEADY_RUN_MS = 60_000;
/** How long Chromium has to close by itself (Browser.close, then SIGTERM) before its group is killed. */
const CLOSE_GRACE_MS = 5000;
/** How long the first page may take to appear after Chromium starts (a slow box's first start included). */
const PAGE_TIMEOUT_MS = 30_000;
const STDERR_TAIL_BYTES = 2048;

/** Flags tests may add (root needs --no-sandbox; a box without a GPU, --disable-gpu). Nothing else gets in. */
export type TestOnlyFlag = '--no-sandbox' | '--disable-gpu' | '--disable-dev-shm-usage';

export interface ScreenWindow {
  width: number;
  height: number;
}

export interface ScreenBrowserOptions {
  /** LINLI_PLAYER_BROWSER: the Chromium binary. */
  binary: string;
  /** The player page on our own local server. */
  url: string;
  /** Chromium's profile (`<player data dir>/browser`). */
  userDataDir: string;
  /** LINLI_PLAYER_WINDOW; the display's size when absent (a kiosk window fills the screen). */
  window: ScreenWindow | undefined;
  log: (message: string) => void;
  timers?: Timers;
  /** The wait before starting Chromium again after `crashes` exits in a row (backoff with jitter by default). */
  restartDelayMs?: (crashes: number) => number;
  /** For tests only: a headless Chromium (no display needed) and the flags the test machine needs. */
  testing?: { headless: boolean; flags: readonly TestOnlyFlag[] };
}

export interface ScreenBrowser {
  /** What the screen shows, as PNG. Rejects (INTERNAL) while Chromium is down or does not answer. */
  captureScreenshot(): Promise<Buffer>;
  /** Loads the page afresh from outside it (works when the page's own script is stuck). */
  reload(): Promise<void>;
  /** Calls `listener` with Chromium's process id each time one is up with its page (the first, and after each restart). */
  onStarted(listener: (pid: number) => void): () => void;
  /** Ends Chromium and its process group for good; nothing is started again. */
  stop(): Promise<void>;
}

/** The fixed command line (without the binary). Exported for its test. */
export function screenBrowserArgs(options: Pick<ScreenBrowserOptions, 'url' | 'userDataDir' | 'window' | 'testing'>) {
  return [
    '--kiosk',
    '--no-first-run',
    '--no-default-browser-check',
    '--noerrdialogs',
    // After a crash and restart, no "Restore pages?" bubble may cover the screen.
    '--hide-crash-restore-bubble',
    '--disable-translate',
    // No desktop keyring prompt on a box where nobody is there to unlock it.
    '--password-store=basic',
    // Videos play without anyone touching the screen.
    '--autoplay-policy=no-user-gesture-required',
    `--user-data-dir=${options.userDataDir}`,
    '--remote-debugging-pipe',
    ...(options.window
      ? ['--window-position=0,0', `--window-size=${options.window.width},${options.window.height}`]
      : []),
    // A headless Chromium has no display to fill: its screen is made the window's size.
    ...(options.testing?.headless
      ? [
          '--headless=new',
          ...(options.window ? [`--screen-info={${options.window.width}x${options.window.height}}`] : []),
        ]
      : []),
    ...(options.testing?.flags ?? []),
    options.url,
  ];
}

/** Exits in a row after one more, which came `ranForMs` after its start: a steady run starts the count afresh. */
export function crashesInARow(before: number, ranForMs: number): number {
  return ranForMs >= STEADY_RUN_MS ? 1 : before + 1;
}

/** One Chromium process, from its start until its exit. */
interface Run {
  child: ChildProcess;
  cdp: CdpConnection;
  startedAt: number;
  /** The page target's flatten-mode session; replaced when the target goes away. */
  page: Promise<string>;
  exited: Promise<void>;
  /** Set once the exit was asked for (stop), so it is not taken for a crash. */
  ending: boolean;
  stderrTail: string;
}

const describeExit = (code: number | null, signal: NodeJS.Signals | null) =>
  signal ? `signal ${signal}` : `code ${code ?? 'unknown'}`;

/** Signals the whole process group; false once nothing is left in it. */
function signalGroup(pid: number, signal: NodeJS.Signals): boolean {
  try {
    process.kill(-pid, signal);
    return true;
  } catch {
    return false;
  }
}

export function startScreenBrowser(options: ScreenBrowserOptions): ScreenBrowser {
  const timers = options.timers ?? SYSTEM_TIMERS;
  const restartDelayMs = options.restartDelayMs ?? ((crashes: number) => backoffDelayMs(crashes));
  const args = screenBrowserArgs(options);
  const startedListeners = new Set<(pid: number) => void>();
  let run: Run | undefined;
  let crashes = 0;
  let cancelRestart: (() => void) | undefined;
  let stopped = false;

  function launch(): void {
    // A group of its own (setsid): renderer, GPU and zygote processes are ended with it.
    const child = spawn(options.binary, args, {
      detached: true,
      stdio: ['ignore', 'ignore', 'pipe', 'pipe', 'pipe'],
    });
    const cdp = connectCdp({ toBrowser: child.stdio[3] as Writable, fromBrowser: child.stdio[4] as Readable, timers });
    let markExited: () => void = () => undefined;
    const current: Run = {
      child,
      cdp,
      startedAt: Date.now(),
      page: Promise.resolve(''),
      exited: new Promise((resolve) => (markExited = resolve)),
      ending: false,
      stderrTail: '',
    };
    run = current;
    child.stderr?.on('data', (chunk: Buffer) => {
      current.stderrTail = (current.stderrTail + chunk.toString('utf8')).slice(-STDERR_TAIL_BYTES);
    });
    let gone = false;
    const onGone = (why: string) => {
      if (gone) return;
      gone = true;
      cdp.close(`Chromium ended (${why})`);
      markExited();
      afterExit(current, why);
    };
    child.once('exit', (code, signal) => onGone(describeExit(code, signal)));
    // A binary that cannot be run at all: 'exit' may never come.
    child.once('error', (error) => onGone(`could not start: ${error.message}`));
    current.page = attachToPage(current);
    current.page.then(
      () => {
        if (child.pid !== undefined) for (const listener of startedListeners) listener(child.pid);
      },
      (error: Error) => {
        if (current.ending || gone) return;
        // A Chromium without its page is of no use on a screen: end it and start another.
        options.log(`screen browser: no page (${error.message}); starting Chromium again`);
        void endRun(current);
      },
    );
  }

  /** The page target's session: the first page target Chromium has (or creates), attached in flatten mode. */
  async function attachToPage(current: Run): Promise<string> {
    const { cdp } = current;
    const pageTarget = new Promise<string>((resolve, reject) => {
      const cancelTimeout = timers.after(PAGE_TIMEOUT_MS, () => {
        off();
        reject(new LinliError('INTERNAL', `no page within ${PAGE_TIMEOUT_MS} ms`));
      });
      const off = cdp.on('Target.targetCreated', (params) => {
        const info = params.targetInfo as { targetId: string; type: string };
        if (info.type !== 'page') return;
        off();
        cancelTimeout();
        resolve(info.targetId);
      });
      // Reports the targets there are already, then each new one.
      cdp.send('Target.setDiscoverTargets', { discover: true }).catch((error: Error) => {
        off();
        cancelTimeout();
        reject(error);
      });
    });
    const sessionId = await attach(cdp, await pageTarget);
    // Should the page target go (closed, replaced), the next call attaches to a page afresh.
    const off = cdp.on('Target.detachedFromTarget', (params) => {
      if (params.sessionId !== sessionId || current.ending) return;
      off();
      current.page = reattach(current);
      current.page.catch(() => undefined);
    });
    return sessionId;
  }

  async function attach(cdp: CdpConnection, targetId: string): Promise<string> {
    const { sessionId } = await cdp.send<{ sessionId: string }>('Target.attachToTarget', { targetId, flatten: true });
    return sessionId;
  }

  async function reattach(current: Run): Promise<string> {
    const { targetInfos } = await current.cdp.send<{ targetInfos: { targetId: string; type: string }[] }>(
      'Target.getTargets',
    );
    const existing = targetInfos.find((info) => info.type === 'page');
    const targetId =
      existing?.targetId ??
      (await current.cdp.send<{ targetId: string }>('Target.createTarget', { url: options.url })).targetId;
    return attach(current.cdp, targetId);
  }

  function afterExit(ended: Run, why: string): void {
    if (run === ended) run = undefined;
    // Helpers a crashed browser left behind go with it, before another starts.
    if (ended.child.pid !== undefined) signalGroup(ended.child.pid, 'SIGKILL');
    if (stopped) return;
    crashes = crashesInARow(crashes, Date.now() - ended.startedAt);
    const waitMs = restartDelayMs(crashes);
    const tail = ended.stderrTail.trim().split('\n').slice(-3).join(' | ');
    options.log(
      `screen browser: Chromium exited (${why}); starting it again in ${(waitMs / 1000).toFixed(1)} s` +
        (tail && !ended.ending ? ` (last output: ${tail})` : ''),
    );
    cancelRestart = timers.after(waitMs, () => {
      cancelRestart = undefined;
      if (!stopped) launch();
    });
  }

  /** Asks Chromium to close, then SIGTERM, then SIGKILL to its group; resolves once it has exited. */
  async function endRun(ending: Run): Promise<void> {
    ending.ending = true;
    const pid = ending.child.pid;
    if (pid === undefined) return ending.exited;
    const exitedWithin = (ms: number) =>
      new Promise<boolean>((resolve) => {
        const cancel = timers.after(ms, () => resolve(false));
        void ending.exited.then(() => {
          cancel();
          resolve(true);
        });
      });
    ending.cdp.send('Browser.close').catch(() => undefined);
    if (!(await exitedWithin(CLOSE_GRACE_MS))) {
      signalGroup(pid, 'SIGTERM');
      if (!(await exitedWithin(CLOSE_GRACE_MS))) signalGroup(pid, 'SIGKILL');
    }
    await ending.exited;
    // What outlived the browser process (a renderer still closing) goes too.
    signalGroup(pid, 'SIGKILL');
  }

  async function currentPage(): Promise<{ cdp: CdpConnection; sessionId: string }> {
    const current = run;
    if (!current || stopped)
      throw new LinliError('INTERNAL', 'The screen browser is not running (it is being started again)');
    return { cdp: current.cdp, sessionId: await current.page };
  }

  launch();

  return {
    async captureScreenshot() {
      const { cdp, sessionId } = await currentPage();
      const { data } = await cdp.send<{ data: string }>('Page.captureScreenshot', { format: 'png' }, sessionId);
      return Buffer.from(data, 'base64');
    },
    async reload() {
      const { cdp, sessionId } = await currentPage();
      await cdp.send('Page.reload', { ignoreCache: true }, sessionId);
    },
    onStarted(listener) {
      startedListeners.add(listener);
      return () => void startedListeners.delete(listener);
    },
    async stop() {
      stopped = true;
      cancelRestart?.();
      startedListeners.clear();
      if (run) await endRun(run);
    },
  };
}
