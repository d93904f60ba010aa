/**
 * The browser shell's updater: asks the admin server which version this kiosk should run, and when
 * it is another, downloads its archive (resuming a broken download), checks its SHA-512 and
 * signature, unpacks it beside the running version, waits until no resident is using the kiosk,
 * marks it for trial in the update state and restarts; the launcher starts it and goes back by
 * itself if it does not start (launcher.ts). What it is doing is told with every heartbeat.
 */
import { LinliError, type ReleaseApp, type ShellUpdateOffer, type UpdateReport } from '@linli/protocol';
import type { KeyObject } from 'node:crypto';
import { mkdir, readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import type { Timers } from '../lifecycle/timers';
import { unpackArchive, verifyArchive } from './shell-archive';
import { installed, readUpdateState, versionDir, versionsKept, writeUpdateState } from './update-state';

/** How often an update that waits for a visit to end looks again. */
const VISIT_CHECK_MS = 1000;

type Offered = NonNullable<ShellUpdateOffer['release']>;

export interface ShellUpdaterDeps {
  app: ReleaseApp;
  updateDir: string;
  /** The version this process runs. */
  running: string;
  trustedKeys: readonly KeyObject[];
  /** The admin server's offer for this device. */
  offer(): Promise<Offered | null>;
  /** Downloads the offered archive to `finalPath`, resuming `partialPath`; checks its SHA-256. */
  download(offer: Offered, target: { partialPath: string; finalPath: string }, signal: AbortSignal): Promise<void>;
  /** True while a resident's visit is under way. */
  inVisit(): boolean;
  /** Ends this process for the launcher to start the version now current. */
  restart(): void;
  log(message: string): void;
  timers: Timers;
  checkMs: number;
  visitCheckMs?: number;
}

export interface ShellUpdater {
  /** One look at the offer, and the whole update when there is one; never throws. */
  check(): Promise<void>;
  /** Checks now and every `checkMs`. */
  start(): void;
  stop(): Promise<void>;
  /** What the heartbeat reports. */
  report(): UpdateReport;
}

const detailOf = (error: unknown) =>
  (error instanceof LinliError ? `${error.code}: ${error.message}` : String((error as Error)?.message ?? error)).slice(
    0,
    200,
  );

export function createShellUpdater(deps: ShellUpdaterDeps): ShellUpdater {
  const stopping = new AbortController();
  const downloads = path.join(deps.updateDir, 'downloads');
  const initial = readUpdateState(deps.updateDir);
  // After a rollback the launcher left word of the version that did not start.
  let report: UpdateReport =
    initial.lastFailure &&
    initial.current !== initial.lastFailure.version &&
    initial.failed.includes(initial.lastFailure.version)
      ? { step: 'rolled-back', version: initial.lastFailure.version, detail: initial.lastFailure.detail }
      : { step: 'current', version: null, detail: null };
  let running: Promise<void> | undefined;
  let cancelTimer: (() => void) | undefined;

  /** Drops versions and downloads no longer needed: what runs and what it goes back to stay. */
  async function tidy(keepDownload?: string) {
    const kept = new Set(versionsKept(readUpdateState(deps.updateDir)));
    kept.add(deps.running);
    const versions = path.join(deps.updateDir, 'versions');
    for (const name of await readdir(versions).catch(() => [] as string[]))
      if (!kept.has(name)) await rm(path.join(versions, name), { recursive: true, force: true });
    for (const name of await readdir(downloads).catch(() => [] as string[]))
      if (!keepDownload || !name.startsWith(keepDownload)) await rm(path.join(downloads, name), { force: true });
  }

  async function visitOver(): Promise<boolean> {
    while (deps.inVisit()) {
      if (stopping.signal.aborted) return false;
      await deps.timers.sleep(deps.visitCheckMs ?? VISIT_CHECK_MS, stopping.signal).catch(() => undefined);
    }
    return !stopping.signal.aborted;
  }

  async function update(offer: Offered) {
    const state = readUpdateState(deps.updateDir);
    if (state.failed.includes(offer.version)) {
      report = {
        step: 'rolled-back',
        version: offer.version,
        detail:
          state.lastFailure?.version === offer.version ? state.lastFailure.detail : 'it did not start here before',
      };
      return;
    }
    report = { step: 'downloading', version: offer.version, detail: null };
    await mkdir(downloads, { recursive: true });
    const finalPath = path.join(downloads, `${offer.sha256}.tar.gz`);
    await tidy(offer.sha256);
    await deps.download(offer, { partialPath: `${finalPath}.part`, finalPath }, stopping.signal);
    try {
      await verifyArchive(finalPath, offer, deps.trustedKeys);
      await unpackArchive(finalPath, versionDir(deps.updateDir, offer.version), {
        app: deps.app,
        version: offer.version,
      });
    } finally {
      await rm(finalPath, { force: true });
    }
    report = { step: 'waiting-for-visit', version: offer.version, detail: null };
    if (!(await visitOver())) return;
    writeUpdateState(deps.updateDir, installed(readUpdateState(deps.updateDir), offer.version));
    report = { step: 'restarting', version: offer.version, detail: null };
    deps.log(`update ${offer.version} installed; restarting`);
    deps.restart();
  }

  async function checkOnce() {
    try {
      const offer = await deps.offer();
      if (!offer || offer.version === deps.running) {
        if (report.step !== 'rolled-back' || offer?.version === deps.running)
          report = { step: 'current', version: null, detail: null };
        await tidy();
        return;
      }
      await update(offer);
    } catch (error) {
      if (stopping.signal.aborted) return;
      report = { step: 'failed', version: report.version, detail: detailOf(error) };
      deps.log(`update failed: ${error instanceof LinliError ? error.code : 'INTERNAL'}`);
    }
  }

  // One check at a time: a timer's check while one runs waits for it rather than racing it.
  const check = () => (running ??= checkOnce().finally(() => (running = undefined)));

  return {
    check,
    start() {
      void check();
      cancelTimer = deps.timers.every(deps.checkMs, () => void check());
    },
    async stop() {
      cancelTimer?.();
      stopping.abort();
      await running;
    },
    report: () => report,
  };
}
