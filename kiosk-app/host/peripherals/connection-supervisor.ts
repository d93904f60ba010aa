/**
 * Keeps one peripheral connection open: opens it, checks it, notices when it goes away (unplugged,
 * printer switched off) and reopens it with capped backoff once it is back. The device's health
 * follows every step.
 */
import { LinliError, type PeripheralState } from '@linli/protocol';
import { backoffDelayMs } from '../sync/backoff';

export interface Closable {
  onClose(listener: (error?: Error) => void): () => void;
  close(): Promise<void>;
}

export interface HealthReport {
  state: PeripheralState;
  /** In words, for the maintenance screen. */
  detail?: string;
  /** The same as a code (PeripheralHealth.code), for the admin server. */
  code?: string;
}

/** A failure as a code: our catalogue's, or the system's (ECONNREFUSED, ENOENT…). */
export function failureCode(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  if (error instanceof LinliError) return error.code;
  return typeof code === 'string' && /^E[A-Z0-9]{1,30}$/.test(code) ? code : 'PERIPHERAL_UNAVAILABLE';
}

export interface SupervisorOptions<C extends Closable> {
  open: () => Promise<C>;
  /** Asks the open peripheral how it is (after opening and every `checkEveryMs`); a throw means offline. */
  check?: (connection: C) => Promise<HealthReport>;
  checkEveryMs?: number;
  onHealth: (report: HealthReport) => void;
  retryBaseMs?: number;
  retryCapMs?: number;
  random?: () => number;
}

export interface Supervisor<C> {
  /**
   * The open connection for a job. Asked right after start-up it waits for the first attempt to
   * open the peripheral; when the peripheral is not connected it fails with PERIPHERAL_UNAVAILABLE.
   */
  connected(peripheral: string): Promise<C>;
  /** Checks now, e.g. after a failed job, so the health shown is fresh. */
  checkNow(): Promise<void>;
  stop(): Promise<void>;
}

export function superviseConnection<C extends Closable>(options: SupervisorOptions<C>): Supervisor<C> {
  let connection: C | undefined;
  let stopped = false;
  let failures = 0;
  let retryTimer: NodeJS.Timeout | undefined;
  let checkTimer: NodeJS.Timeout | undefined;
  let firstAttemptOver: () => void = () => undefined;
  const firstAttempt = new Promise<void>((resolve) => (firstAttemptOver = resolve));

  const offline = (error: unknown) =>
    options.onHealth({
      state: 'offline',
      detail: error instanceof Error ? error.message : String(error),
      code: failureCode(error),
    });

  async function check() {
    const checked = connection;
    if (!checked || !options.check) return;
    try {
      options.onHealth(await options.check(checked));
    } catch (error) {
      // A peripheral that stops answering is treated as unplugged: some links (a pty, a network
      // printer behind a switch) never report their end.
      if (connection === checked) lose(checked, error);
    }
  }

  function lose(lost: C, error: unknown) {
    connection = undefined;
    clearInterval(checkTimer);
    offline(error);
    void lost.close().catch(() => undefined);
    scheduleRetry();
  }

  function scheduleRetry() {
    if (stopped) return;
    failures++;
    retryTimer = setTimeout(
      connect,
      backoffDelayMs(failures, options.random, options.retryBaseMs ?? 1000, options.retryCapMs ?? 30_000),
    );
  }

  async function connect() {
    if (stopped) return;
    try {
      const opened = await options.open();
      if (stopped) return void (await opened.close());
      connection = opened;
      failures = 0;
      opened.onClose((error) => {
        if (connection === opened) lose(opened, error ?? new Error('disconnected'));
      });
      if (options.check) {
        await check();
        if (options.checkEveryMs) checkTimer = setInterval(() => void check(), options.checkEveryMs);
      } else {
        options.onHealth({ state: 'ok' });
      }
    } catch (error) {
      offline(error);
      scheduleRetry();
    }
  }

  void connect().finally(firstAttemptOver);
  return {
    async connected(peripheral) {
      await firstAttempt;
      if (!connection) throw new LinliError('PERIPHERAL_UNAVAILABLE', `${peripheral} is not connected`);
      return connection;
    },
    checkNow: check,
    async stop() {
      stopped = true;
      clearTimeout(retryTimer);
      clearInterval(checkTimer);
      const open = connection;
      connection = undefined;
      await open?.close();
    },
  };
}
