/**
 * The browser shell's update folder: `state.json` (which version runs, which to go back to),
 * `versions/<version>/` (each installed version's kiosk.mjs, peripheral-worker.mjs and renderer/),
 * `downloads/` (archives on their way). The state file is replaced with one rename, so the launcher
 * and the host's updater never read half of it; decisions about it are pure functions here.
 */
import { LinliError, ShellUpdateState, parseWith } from '@linli/protocol';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export const NO_UPDATES: ShellUpdateState = {
  current: null,
  previous: null,
  trial: false,
  failed: [],
  lastFailure: null,
};
/** Failed versions remembered (so never installed again); older ones are forgotten. */
const FAILED_KEPT = 20;

export const stateFile = (updateDir: string) => path.join(updateDir, 'state.json');
export const versionDir = (updateDir: string, version: string) => path.join(updateDir, 'versions', version);

/** The stored state; none yet means the installed runtime runs. A damaged file is CONFIG_INVALID. */
export function readUpdateState(updateDir: string): ShellUpdateState {
  const file = stateFile(updateDir);
  if (!existsSync(file)) return NO_UPDATES;
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    throw new LinliError('CONFIG_INVALID', `${file} is not JSON`);
  }
  return parseWith(ShellUpdateState, parsed, 'CONFIG_INVALID');
}

export function writeUpdateState(updateDir: string, state: ShellUpdateState): void {
  const file = stateFile(updateDir);
  writeFileSync(`${file}.new`, `${JSON.stringify(state, null, 2)}\n`);
  renameSync(`${file}.new`, file);
}

/** An installed version starts on trial, the one it replaces kept to go back to. */
export function installed(state: ShellUpdateState, version: string): ShellUpdateState {
  return { ...state, current: version, previous: state.current, trial: true };
}

/** The version on trial served its screens: it stays. */
export function confirmed(state: ShellUpdateState): ShellUpdateState {
  return { ...state, trial: false };
}

/** The version on trial did not start: back to the one before, and never this one again. */
export function rolledBack(state: ShellUpdateState, detail: string, at: Date): ShellUpdateState {
  if (!state.trial || state.current === null) return state;
  return {
    current: state.previous,
    previous: null,
    trial: false,
    failed: [...state.failed.filter((version) => version !== state.current), state.current].slice(-FAILED_KEPT),
    lastFailure: { version: state.current, detail: detail.slice(0, 200), at: at.toISOString() },
  };
}

/** Versions the folder must keep: what runs and what it would go back to. */
export function versionsKept(state: ShellUpdateState): string[] {
  return [state.current, state.previous].filter((version): version is string => version !== null);
}
