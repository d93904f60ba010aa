/**
 * Runs the admin server's remote commands one at a time and answers each exactly once. What to do
 * and what to answer is decided here; the effects (reload, restart, resync, screen capture, the
 * report itself) are injected. Logs name a command by kind and id only.
 */
import { COMMAND_EXPIRY_SEC, LinliError, type CommandResult, type DeviceCommand } from '@linli/protocol';
import { backoffDelayMs } from '../sync/backoff';
import { SYSTEM_TIMERS, type Timers } from '../lifecycle/timers';

/** Report attempts in all while the server cannot be reached; a kiosk offline longer lets the command expire. */
export const REPORT_ATTEMPTS = 4;
/** The answer to a screenshot where the shell cannot see the screen (the browser shell's Chromium is a process of its own). */
export const NO_SCREEN_DETAIL = 'screenshots need the Electron shell';
/** The answer to a screenshot while a resident is using the kiosk: their data may be on screen. */
export const IN_VISIT_DETAIL = 'a resident is using the kiosk; try again when it shows the attract screen';
/** How often a reload or restart that waits for a visit to end looks again. */
const VISIT_CHECK_MS = 1000;
const DETAIL_MAX_CHARS = 500;
const OK: CommandResult = { ok: true };

export interface CommandEffects {
  /** Asks the renderer to load the page afresh. */
  reload(): void;
  /** Restarts the whole kiosk app; called after the report, which a restarting kiosk could not send. */
  restart(): void;
  /** The sync engine's resync from cursor 0; `clear` empties the cache first. */
  resync(options: { clear: boolean }): Promise<void>;
  /** The screen as PNG; undefined where the shell cannot see it. */
  captureScreen(): Promise<Buffer | undefined>;
  report(id: string, result: CommandResult): Promise<void>;
}

export interface CommandExecutorDeps extends CommandEffects {
  now: () => Date;
  /** True while a resident's visit is under way. */
  inVisit: () => boolean;
  log: (message: string) => void;
  /** The wait after `failures` failed report attempts; the sync engine's backoff by default. */
  retryDelayMs?: (failures: number) => number;
  /** How often a command waiting for a visit to end looks again (1 s). */
  visitCheckMs?: number;
  /** The waits above (system timers by default). */
  timers?: Timers;
}

export interface CommandExecutor {
  /** Queues a command behind those not yet done; never throws. */
  submit(command: DeviceCommand): void;
  /** Gives up waiting to retry reports, runs no further command and resolves when the queue is done. */
  stop(): Promise<void>;
}

/** A command older than COMMAND_EXPIRY_SEC, or with a time that cannot be read, is not run. */
export function isExpired(command: DeviceCommand, now: Date): boolean {
  return !(now.getTime() - Date.parse(command.issuedAt) < COMMAND_EXPIRY_SEC * 1000);
}

const codeOf = (error: unknown) => (error instanceof LinliError ? error.code : 'INTERNAL');

function failureOf(error: unknown): CommandResult {
  return {
    ok: false,
    detail: `${codeOf(error)}: ${(error as Error)?.message ?? String(error)}`.slice(0, DETAIL_MAX_CHARS),
  };
}

export function createCommandExecutor(deps: CommandExecutorDeps): CommandExecutor {
  const retryDelayMs = deps.retryDelayMs ?? ((failures: number) => backoffDelayMs(failures));
  const stopping = new AbortController();
  const timers = deps.timers ?? SYSTEM_TIMERS;
  let queue = Promise.resolve();

  /**
   * Waits until no resident is using the kiosk, so a reload or restart never ends someone's visit;
   * false when the command expired first or the kiosk is stopping.
   */
  async function visitOver(command: DeviceCommand): Promise<boolean> {
    while (deps.inVisit()) {
      if (isExpired(command, deps.now()) || stopping.signal.aborted) return false;
      await timers.sleep(deps.visitCheckMs ?? VISIT_CHECK_MS, stopping.signal).catch(() => undefined);
    }
    return true;
  }

  async function resultOf(command: DeviceCommand): Promise<CommandResult> {
    if (isExpired(command, deps.now())) return { ok: false, detail: 'expired' };
    if ((command.kind === 'reload' || command.kind === 'restart') && !(await visitOver(command))) {
      return { ok: false, detail: 'expired while a resident was using the kiosk' };
    }
    try {
      switch (command.kind) {
        case 'reload':
          deps.reload();
          return OK;
        case 'restart':
          return OK;
        case 're-sync':
          await deps.resync({ clear: false });
          return OK;
        case 'clear-cache':
          await deps.resync({ clear: true });
          return OK;
        case 'screenshot': {
          if (deps.inVisit()) return { ok: false, detail: IN_VISIT_DETAIL };
          const png = await deps.captureScreen();
          return png ? { ok: true, screenshotPng: png.toString('base64') } : { ok: false, detail: NO_SCREEN_DETAIL };
        }
      }
    } catch (error) {
      return failureOf(error);
    }
  }

  /** One report, retried with backoff only while the server is unreachable. */
  async function report(command: DeviceCommand, result: CommandResult): Promise<void> {
    const name = `command ${command.kind} ${command.id}`;
    for (let attempt = 1; ; attempt++) {
      try {
        await deps.report(command.id, result);
        return deps.log(`${name}: answered ${result.ok ? 'ok' : 'failed'}`);
      } catch (error) {
        // The stop ends a report under way (the host aborts its requests): no failure to tell.
        if (stopping.signal.aborted) return deps.log(`${name}: answer not delivered (shutting down)`);
        if (codeOf(error) !== 'SERVER_UNREACHABLE' || attempt >= REPORT_ATTEMPTS)
          return deps.log(`${name}: answer not delivered (${codeOf(error)})`);
      }
      await timers.sleep(retryDelayMs(attempt), stopping.signal).catch(() => undefined);
      if (stopping.signal.aborted) return deps.log(`${name}: answer not delivered (shutting down)`);
    }
  }

  async function handle(command: DeviceCommand): Promise<void> {
    // One still queued at the stop could no longer be answered; the server lets it expire.
    if (stopping.signal.aborted) return deps.log(`command ${command.kind} ${command.id}: not run (shutting down)`);
    deps.log(`command ${command.kind} ${command.id}`);
    const result = await resultOf(command);
    await report(command, result);
    if (command.kind === 'restart' && result.ok && !stopping.signal.aborted) deps.restart();
  }

  return {
    submit(command) {
      queue = queue
        .then(() => handle(command))
        .catch((error: unknown) => deps.log(`command ${command.kind} ${command.id}: ${codeOf(error)}`));
    },
    stop() {
      stopping.abort();
      return queue;
    },
  };
}
