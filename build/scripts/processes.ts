// Starts Linli's processes and waits for each to say it is ready; used by `npm start` and the
// end-to-end tests, so both run the system the same way: from source through tsx, or, when the
// environment names a runtime folder (LINLI_RUNTIME_DIR, made by `npm run build`), its bundles
// with plain Node, as they run where they are deployed.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ADMIN_SERVER, KIOSK, KIOSK_LAUNCHER, PLAYER, type RuntimeEntry } from './runtime-entries';

const root = path.resolve(import.meta.dirname, '../..');
const tsxCli = path.join(root, 'node_modules/tsx/dist/cli.mjs');

const STOP_GRACE_MS = 15_000;

/** Kills a process and its descendants (tsx runs the entry in a child of its own). */
function killTree(pid: number): void {
  let children: number[] = [];
  try {
    children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8')
      .trim()
      .split(/\s+/)
      .filter(Boolean)
      .map(Number);
  } catch {
    // Not Linux, or already gone: killing the process itself is all that is left to do.
  }
  for (const child of children) killTree(child);
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    // Already ended.
  }
}

export interface LinliProcess {
  child: ChildProcess;
  ready: Record<string, string>;
  stop(): Promise<void>;
  /** Kills it and everything it started at once (SIGKILL, no shutdown): a crash, for tests. */
  kill(): Promise<void>;
}

/**
 * Calls `onLine` for each complete line of a stream that arrives in chunks: a line split across
 * two chunks is carried over until its end arrives, so a ready line is never missed.
 */
export function lineSplitter(onLine: (line: string) => void): { push(text: string): void } {
  let partial = '';
  return {
    push(text) {
      const parts = (partial + text).split('\n');
      partial = parts.pop()!;
      for (const line of parts) onLine(line);
    },
  };
}

/** The command line that runs an entry: its bundle in the runtime folder, else its source through tsx. */
export function entryCommand(entry: RuntimeEntry, runtimeDir: string | undefined): string[] {
  return runtimeDir ? [path.resolve(root, runtimeDir, entry.bundle)] : [tsxCli, path.join(root, entry.source)];
}

/** Spawns `entry` and resolves with the JSON after its `marker` line. */
export function startProcess(
  entry: RuntimeEntry,
  env: NodeJS.ProcessEnv,
  marker: string,
  echo: boolean,
): Promise<LinliProcess> {
  const child = spawn(process.execPath, entryCommand(entry, env.LINLI_RUNTIME_DIR), {
    cwd: root,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      // A process that has not ended its shutdown in time is killed with everything it started,
      // so a stuck shutdown can never hold a test run or `npm start` open.
      const force = setTimeout(() => killTree(child.pid!), STOP_GRACE_MS);
      child.once('exit', () => {
        clearTimeout(force);
        resolve();
      });
      child.kill('SIGTERM');
    });
  const kill = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      killTree(child.pid!);
    });
  return new Promise((resolve, reject) => {
    let output = '';
    const lines = lineSplitter((line) => {
      if (line.startsWith(`${marker} `))
        resolve({ child, ready: JSON.parse(line.slice(marker.length + 1)), stop, kill });
      else if (echo && line.trim()) console.log(line);
    });
    child.stdout!.setEncoding('utf8');
    child.stdout!.on('data', (text: string) => {
      output += text;
      lines.push(text);
    });
    child.stderr!.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
      if (echo) process.stderr.write(chunk);
    });
    child.once('exit', (code) =>
      reject(new Error(`${entry.source} exited with ${code} before it was ready:\n${output}`)),
    );
  });
}

/**
 * The admin server with a deployment-wide enrollment code of its own for this run (the one `env`
 * names, else a new one), so the kiosks started next enroll without the code ever being printed.
 */
export async function startAdminServer(env: NodeJS.ProcessEnv, echo = false): Promise<LinliProcess> {
  const enrollmentCode = env.LINLI_ENROLLMENT_CODE || randomBytes(9).toString('hex').toUpperCase();
  const admin = await startProcess(
    ADMIN_SERVER,
    { ...env, LINLI_ENROLLMENT_CODE: enrollmentCode },
    'LINLI_READY',
    echo,
  );
  return { ...admin, ready: { ...admin.ready, enrollmentCode } };
}

export async function startKiosk(env: NodeJS.ProcessEnv, echo = false) {
  return startProcess(KIOSK, env, 'LINLI_KIOSK_READY', echo);
}

/** A kiosk as systemd runs it where deployed: its launcher (the built runtime only), which starts kiosk.mjs. */
export async function startKioskLauncher(env: NodeJS.ProcessEnv, echo = false) {
  return startProcess(KIOSK_LAUNCHER, env, 'LINLI_KIOSK_READY', echo);
}

export async function startPlayer(env: NodeJS.ProcessEnv, echo = false) {
  return startProcess(PLAYER, env, 'LINLI_PLAYER_READY', echo);
}

/** The admin server, one kiosk and one signage player, enrolled with the run's code. */
export async function startLinli(options: { env: NodeJS.ProcessEnv; echo?: boolean }) {
  const admin = await startAdminServer(options.env, options.echo);
  const adminUrl = admin.ready.url!;
  const enrollmentCode = admin.ready.enrollmentCode!;
  const deviceEnv = { ...options.env, LINLI_SERVER_URL: adminUrl, LINLI_ENROLLMENT_CODE: enrollmentCode };
  const started: LinliProcess[] = [admin];
  const stopAll = () => Promise.all(started.reverse().map((part) => part.stop()));
  try {
    // One after the other: on two cores, two tsx start-ups side by side take as long and log interleaved.
    const kiosk = await startKiosk(deviceEnv, options.echo);
    started.push(kiosk);
    const player = await startPlayer(deviceEnv, options.echo);
    started.push(player);
    return {
      admin,
      kiosk,
      player,
      adminUrl,
      kioskUrl: kiosk.ready.url!,
      playerUrl: player.ready.url!,
      enrollmentCode,
      stop: async () => void (await stopAll()),
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}
