/**
 * A kiosk's processes as deployed (`npm run build`: bundles under plain Node, screens built
 * beforehand, started by kiosk-launcher.mjs as systemd does) against the same kiosk run from source
 * as `npm start` runs it (tsx, the screens bundled by esbuild at start): the resident memory of
 * every process of the kiosk (the launcher, the host, its device worker, and from source tsx's
 * launchers and esbuild's service), whole (RSS) and with shared pages counted once (PSS), and a
 * restart to a usable screen (spawn → the attract screen painted in the kiosk's Chromium, already running). The
 * player and the admin server's memory are measured the same way, side by side.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { buildRuntime } from '../build/scripts/build-runtime';
import { startDemoPeripherals } from '../build/scripts/demo-peripherals';
import {
  startAdminServer,
  startKiosk,
  startKioskLauncher,
  startPlayer,
  type LinliProcess,
} from '../build/scripts/processes';
import { launchChromium } from '../test/e2e/browser';
import { startVisit } from '../test/e2e/kiosk-fixture';
import { percentile } from '@linli/protocol';
import { processTree, round } from './machine';

const root = path.resolve(import.meta.dirname, '..');
/** Memory is sampled this often over this long once the screen is in use; the highest sample counts. */
const SAMPLE_EVERY_MS = 250;
const SAMPLES = 20;
const RESTARTS = 7;

interface ProcessMemory {
  command: string;
  rssMB: number;
  pssMB: number;
}

/** Each process of a tree with its resident memory, the root first. */
function treeMemory(pid: number): ProcessMemory[] {
  return processTree(pid).map((entry) => ({
    command: describe(entry.command),
    rssMB: round(entry.rssKB / 1024, 1),
    pssMB: round(entry.pssKB / 1024, 1),
  }));
}

/** A process's role from its command line, for the results (paths and arguments left out). */
function describe(command: string[]): string {
  const line = command.join(' ');
  if (/esbuild/.test(line)) return 'esbuild service';
  if (/peripheral-worker/.test(line)) return 'device worker';
  if (/tsx\/dist\/cli/.test(line)) return 'tsx launcher';
  if (/kiosk-launcher/.test(line)) return 'launcher';
  if (/kiosk/.test(line)) return 'kiosk host';
  if (/player/.test(line)) return 'player host';
  if (/admin-server|server\.ts/.test(line)) return 'admin server';
  return path.basename(command[0] ?? '?');
}

/** The highest total over the samples, with each process's memory at that sample. */
async function peakMemory(pid: number): Promise<{ totalMB: number; totalPssMB: number; processes: ProcessMemory[] }> {
  let peak = { totalMB: 0, totalPssMB: 0, processes: [] as ProcessMemory[] };
  for (let sample = 0; sample < SAMPLES; sample++) {
    const processes = treeMemory(pid);
    const totalMB = round(
      processes.reduce((sum, entry) => sum + entry.rssMB, 0),
      1,
    );
    const totalPssMB = round(
      processes.reduce((sum, entry) => sum + entry.pssMB, 0),
      1,
    );
    if (totalMB > peak.totalMB) peak = { totalMB, totalPssMB, processes };
    await new Promise((resolve) => setTimeout(resolve, SAMPLE_EVERY_MS));
  }
  return peak;
}

interface Variant {
  name: 'built' | 'source';
  env: NodeJS.ProcessEnv;
}

async function measureVariant(variant: Variant, admin: LinliProcess, browser: Browser, dataDir: string) {
  const peripherals = await startDemoPeripherals(dataDir, { a4: 'simulated' });
  const env = {
    ...variant.env,
    LINLI_DATA_DIR: dataDir,
    LINLI_LOG_LEVEL: 'warn',
    LINLI_KIOSK_PORT: '0',
    LINLI_PLAYER_PORT: '0',
    LINLI_SERVER_URL: admin.ready.url!,
    LINLI_ENROLLMENT_CODE: admin.ready.enrollmentCode!,
    LINLI_DEVICES_FILE: peripherals.file,
  };
  // Deployed, systemd starts the launcher, which starts the kiosk; from source, `npm start` starts the kiosk.
  const start = () =>
    (variant.name === 'built' ? startKioskLauncher : startKiosk)({
      ...env,
      LINLI_DATA_DIR: path.join(dataDir, 'kiosk'),
      LINLI_UPDATE_DIR: path.join(dataDir, 'updates'),
    });
  const page = await browser.newPage({ viewport: { width: 1080, height: 1920 } });
  try {
    // The first start enrolls and takes the guides; the restarts are a kiosk PC booting.
    let kiosk = await start();
    await page.goto(`${kiosk.ready.url}/`);
    await startVisit(page);
    await kiosk.stop();
    const toReadyMs: number[] = [];
    const toScreenMs: number[] = [];
    for (let restart = 0; restart < RESTARTS; restart++) {
      const started = performance.now();
      kiosk = await start();
      toReadyMs.push(performance.now() - started);
      await page.goto(`${kiosk.ready.url}/`);
      await page.locator('.attract').waitFor();
      toScreenMs.push(performance.now() - started);
      if (restart < RESTARTS - 1) await kiosk.stop();
    }
    // In use: a visit with a search, the way the memory is measured from here on.
    await startVisit(page);
    await page.getByRole('searchbox', { name: /搜索|Search/ }).fill('社保');
    await page.locator('.guide-row').first().waitFor();
    const kioskMemory = await peakMemory(kiosk.child.pid!);
    await kiosk.stop();

    const player = await startPlayer({ ...env, LINLI_DATA_DIR: path.join(dataDir, 'player') });
    await page.goto(`${player.ready.url}/`);
    await page.locator('.layout[data-layout-id="hall"]').waitFor({ timeout: 30_000 });
    const playerMemory = await peakMemory(player.child.pid!);
    await player.stop();
    return {
      kiosk: {
        ...kioskMemory,
        restartToReadyMs: { medianMs: round(percentile(toReadyMs, 0.5)), maxMs: round(Math.max(...toReadyMs)) },
        restartToScreenMs: { medianMs: round(percentile(toScreenMs, 0.5)), maxMs: round(Math.max(...toScreenMs)) },
      },
      player: playerMemory,
    };
  } finally {
    await page.close();
    await peripherals.stop();
  }
}

export async function runRuntimeBench() {
  mkdirSync(path.join(root, '.cache'), { recursive: true });
  const runtimeDir = mkdtempSync(path.join(root, '.cache', 'runtime-bench-'));
  const dataDir = mkdtempSync(path.join(tmpdir(), 'linli-runtime-bench-'));
  const browser = await launchChromium();
  // What `npm start` runs: no prebuilt screens (the run's own, if any, are left out).
  const { LINLI_ADMIN_UI_DIR, LINLI_RENDERER_DIR, LINLI_PLAYER_PAGE_DIR, ...sourceEnv } = process.env;
  void [LINLI_ADMIN_UI_DIR, LINLI_RENDERER_DIR, LINLI_PLAYER_PAGE_DIR];
  try {
    const buildStarted = performance.now();
    await buildRuntime(runtimeDir);
    const buildMs = round(performance.now() - buildStarted);
    const variants: Variant[] = [
      { name: 'built', env: { ...sourceEnv, LINLI_RUNTIME_DIR: runtimeDir } },
      { name: 'source', env: sourceEnv },
    ];
    const measured: Record<
      string,
      Awaited<ReturnType<typeof measureVariant>> & { adminMemory: Awaited<ReturnType<typeof peakMemory>> }
    > = {};
    for (const variant of variants) {
      const variantDir = path.join(dataDir, variant.name);
      const admin = await startAdminServer({
        ...variant.env,
        LINLI_DATA_DIR: path.join(variantDir, 'admin'),
        LINLI_LOG_LEVEL: 'warn',
        LINLI_ADMIN_PORT: '0',
        LINLI_TV_STREAMS: 'off',
      });
      try {
        const devices = await measureVariant(variant, admin, browser, variantDir);
        measured[variant.name] = { ...devices, adminMemory: await peakMemory(admin.child.pid!) };
      } finally {
        await admin.stop();
      }
    }
    const built = measured.built!;
    return {
      buildMs,
      restarts: RESTARTS,
      samples: SAMPLES,
      built,
      source: measured.source!,
      // Summed RSS counts the pages of Node itself, which the launcher, host and worker share, once
      // per process; PSS counts them once: what the kiosk PC gives the three together.
      goal: "a kiosk's processes under 250 MB (PSS), a restart to a usable screen under 2 s (median of the restarts)",
      goalMet: built.kiosk.totalPssMB < 250 && built.kiosk.restartToScreenMs.medianMs < 2000,
    };
  } finally {
    await browser.close();
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(runtimeDir, { recursive: true, force: true });
  }
}
