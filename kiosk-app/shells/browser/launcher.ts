/**
 * What systemd runs on a kiosk or a player with the browser shell (linli-kiosk-host.service; built
 * twice, as kiosk-launcher.mjs and player-launcher.mjs): starts the version its update state names,
 * or the app installed beside this launcher, and stays its parent. A version on trial (just installed by the host's updater) that exits, or does not serve
 * its screens within LINLI_UPDATE_TRIAL_SEC, is stopped and the previous version started instead;
 * the state remembers the failure, so the updater never installs that version again and reports it.
 * The launcher itself is never updated by the feed: it is what a broken update falls back on.
 */
import { LinliError } from '@linli/protocol';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { confirmed, readUpdateState, rolledBack, versionDir, writeUpdateState } from '../../host/update/update-state';
import { READY_MESSAGE, RESTART_EXIT_CODE } from './shell-hooks';

const DEFAULT_TRIAL_SEC = 120;

type Outcome = { kind: 'ready' } | { kind: 'exit'; code: number } | { kind: 'timeout' };

/** The child's first news: ready, gone, or (on trial) nothing in time. */
function firstOutcome(child: ChildProcess, trialMs: number | undefined): Promise<Outcome> {
  return new Promise((resolve) => {
    const timer = trialMs === undefined ? undefined : setTimeout(() => resolve({ kind: 'timeout' }), trialMs);
    child.on('message', (message) => {
      if (message === READY_MESSAGE) {
        clearTimeout(timer);
        resolve({ kind: 'ready' });
      }
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      resolve({ kind: 'exit', code: code ?? (signal ? 1 : 0) });
    });
  });
}

async function exitCodeOf(child: ChildProcess): Promise<number> {
  if (child.exitCode !== null || child.signalCode !== null) return child.exitCode ?? 1;
  const [code] = (await once(child, 'exit')) as [number | null];
  return code ?? 1;
}

async function main(): Promise<void> {
  // The built launchers name both by default: dist/kiosk.mjs and updates/ beside dist/, or
  // dist/player.mjs and updates/player/, where release archives are built to be unpacked
  // (npm run release -- kiosk|player). A version's entry has the installed one's name.
  const { LINLI_UPDATE_DIR, LINLI_LAUNCH_ENTRY } = process.env;
  if (!LINLI_UPDATE_DIR || !LINLI_LAUNCH_ENTRY)
    throw new LinliError(
      'CONFIG_INVALID',
      'LINLI_UPDATE_DIR and LINLI_LAUNCH_ENTRY must name the update folder and the installed app',
    );
  const updateDir = path.resolve(LINLI_UPDATE_DIR);
  const installedEntry = path.resolve(LINLI_LAUNCH_ENTRY);
  const trialMs = Number(process.env.LINLI_UPDATE_TRIAL_SEC ?? DEFAULT_TRIAL_SEC) * 1000;
  let child: ChildProcess | undefined;
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    stopping = true;
    if (child && child.exitCode === null) child.kill(signal);
    else process.exit(0);
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));

  for (;;) {
    const state = readUpdateState(updateDir);
    const entry =
      state.current === null
        ? installedEntry
        : path.join(versionDir(updateDir, state.current), path.basename(installedEntry));
    console.log(`[launcher] starting ${state.current ?? 'the installed version'}${state.trial ? ' (on trial)' : ''}`);
    child = spawn(process.execPath, [entry], {
      stdio: ['inherit', 'inherit', 'inherit', 'ipc'],
      env: { ...process.env, LINLI_UPDATE_DIR: updateDir, ...(state.current && { LINLI_APP_VERSION: state.current }) },
    });
    const outcome = await firstOutcome(child, state.trial ? trialMs : undefined);
    if (state.trial && outcome.kind !== 'ready' && !stopping) {
      if (outcome.kind === 'timeout') {
        child.kill('SIGKILL');
        await exitCodeOf(child);
      }
      const detail =
        outcome.kind === 'timeout'
          ? `it did not serve its screens within ${trialMs / 1000} s`
          : `it exited with code ${outcome.code} before serving its screens`;
      console.error(`[launcher] ${state.current} failed to start (${detail}); going back`);
      writeUpdateState(updateDir, rolledBack(state, detail, new Date()));
      continue;
    }
    if (state.trial && outcome.kind === 'ready') writeUpdateState(updateDir, confirmed(state));
    const code = outcome.kind === 'exit' ? outcome.code : await exitCodeOf(child);
    // A restart (a remote command, or an installed update) starts what the state names now.
    if (code === RESTART_EXIT_CODE && !stopping) continue;
    process.exit(stopping ? 0 : code);
  }
}

main().catch((error: unknown) => {
  const message =
    error instanceof LinliError ? `${error.code}: ${error.message}` : String((error as Error)?.stack ?? error);
  console.error(`Linli launcher could not start. ${message}`);
  process.exit(1);
});
