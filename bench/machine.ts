/** What every result file carries: the machine it ran on, the date; small timing and memory helpers. */
import { readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { percentile } from '@linli/protocol';

export const RESULTS_DIR = path.resolve(import.meta.dirname, 'results');

export interface MachineInfo {
  cpuModel: string;
  cpuCount: number;
  totalMemGiB: number;
  node: string;
  platform: string;
  sqlite: string;
}

export function machineInfo(): MachineInfo {
  const cpus = os.cpus();
  // The SQLite bundled in better-sqlite3 is the one both the kiosk cache and the FTS5 baseline use.
  const db = new BetterSqlite3(':memory:');
  const sqlite = (db.prepare('select sqlite_version() as v').get() as { v: string }).v;
  db.close();
  return {
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    cpuCount: cpus.length,
    totalMemGiB: round(os.totalmem() / 2 ** 30, 1),
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
    sqlite,
  };
}

/** Writes `results/<name>.json` with the common header first, so files read alike. */
export function writeResult(name: string, machine: MachineInfo, figures: object): string {
  const file = path.join(RESULTS_DIR, `${name}.json`);
  const result = { benchmark: name, machine, date: new Date().toISOString(), ...figures };
  writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
  return file;
}

export function nowMs(): number {
  return performance.now();
}

export function round(value: number, digits = 3): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}

export interface LatencyStats {
  p50Ms: number;
  p95Ms: number;
  maxMs: number;
}

export function latencyStats(samples: readonly number[]): LatencyStats {
  return {
    p50Ms: round(percentile(samples, 0.5)),
    p95Ms: round(percentile(samples, 0.95)),
    // Not Math.max(...samples): a fleet's samples (hundreds of thousands) overflow the call stack.
    maxMs: round(samples.reduce((max, sample) => Math.max(max, sample), -Infinity)),
  };
}

/**
 * A process and everything it started, the process first: each one's command line and resident
 * memory, whole (RSS) and proportional (PSS: a page several processes share, the Node binary's
 * among them, counted once across them).
 */
export function processTree(pid: number): { pid: number; command: string[]; rssKB: number; pssKB: number }[] {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const rssKB = Number(/^VmRSS:\s+(\d+)/m.exec(status)?.[1] ?? 0);
  const pssKB = Number(/^Pss:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'))?.[1] ?? 0);
  const command = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
  const children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean);
  return [{ pid, command, rssKB, pssKB }, ...children.flatMap((child) => processTree(Number(child)))];
}

/** Resident memory of a process and its children (the server runs under tsx's launcher). */
export function treeRssMB(pid: number): number {
  return round(processTree(pid).reduce((sum, entry) => sum + entry.rssKB, 0) / 1024, 0);
}
