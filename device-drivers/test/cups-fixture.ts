/**
 * A real CUPS with a cups-pdf queue, for printing tests. Starts cupsd (as root, without systemd)
 * when nothing answers on localhost:631 and leaves it running for other test files; adds a queue
 * with a name unique to this process, so test files can run in parallel; finds the PDF cups-pdf
 * writes for a job. Needs Debian's cups, cups-client and printer-driver-cups-pdf.
 */
import { execFile, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
export const CUPS_SERVER = 'localhost:631';
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export interface CupsPdfQueue {
  queue: string;
  server: string;
  /** The PDF cups-pdf wrote for a job (it names files …job_<id>.pdf). */
  waitForOutput(jobId: number, timeoutMs?: number): Promise<string>;
  /** The PDF of the queue's most recently completed job (for callers that did not see its id). */
  waitForLatestOutput(timeoutMs?: number): Promise<string>;
  /** Runs a CUPS admin command (lpadmin, cupsdisable, …) against this queue's server. */
  admin(command: string, args: string[]): Promise<void>;
  remove(): Promise<void>;
}

async function cupsAnswers(): Promise<boolean> {
  try {
    const response = await fetch(`http://${CUPS_SERVER}/`, { signal: AbortSignal.timeout(1000) });
    await response.arrayBuffer();
    return true;
  } catch {
    return false;
  }
}

/** Starts cupsd if needed. On a fresh Debian without systemd, /run/cups does not exist yet. */
export async function ensureCupsd(): Promise<void> {
  if (await cupsAnswers()) return;
  for (const dir of ['/run/cups', '/var/spool/cups/tmp', '/var/cache/cups', '/var/log/cups']) mkdirSync(dir, { recursive: true });
  // Without -f cupsd detaches, so it outlives this test process and serves the next ones.
  const child = spawn('cupsd', [], { stdio: 'ignore', detached: true });
  child.unref();
  const deadline = Date.now() + 20_000;
  while (!(await cupsAnswers())) {
    if (Date.now() > deadline) throw new Error('cupsd did not start within 20 s (are cups and cups-daemon installed?)');
    await sleep(200);
  }
}

async function cupsPdfPpd(): Promise<string> {
  const { stdout } = await run('lpinfo', ['-m']);
  const line = stdout.split('\n').find((entry) => /CUPS-PDF_opt\.ppd/.test(entry)) ?? stdout.split('\n').find((entry) => /CUPS-PDF/.test(entry));
  if (!line) throw new Error('No cups-pdf PPD found by lpinfo -m (is printer-driver-cups-pdf installed?)');
  return line.split(' ')[0]!;
}

/** Where cups-pdf writes: Out for local users (${HOME}/PDF by default), AnonDirName for others. */
function cupsPdfOutputDirectories(): string[] {
  const conf = existsSync('/etc/cups/cups-pdf.conf') ? readFileSync('/etc/cups/cups-pdf.conf', 'utf8') : '';
  const setting = (name: string) => new RegExp(`^${name}\\s+(.+)$`, 'm').exec(conf)?.[1]?.trim();
  const home = os.userInfo().homedir;
  const out = (setting('Out') ?? '${HOME}/PDF').replace('${HOME}', home).replace('${USER}', os.userInfo().username);
  return [out, setting('AnonDirName') ?? '/var/spool/cups-pdf/ANONYMOUS'];
}

export async function addCupsPdfQueue(prefix: string): Promise<CupsPdfQueue> {
  await ensureCupsd();
  const queue = `${prefix}_${process.pid}`;
  const admin = async (command: string, args: string[]) => {
    await run(command, ['-h', CUPS_SERVER, ...args]);
  };
  // cups-pdf takes PostScript. Rendered by cairo the PostScript keeps each glyph's Unicode name,
  // so the PDF Ghostscript writes back stays searchable (the default renderer loses the mapping).
  await admin('lpadmin', ['-p', queue, '-E', '-v', 'cups-pdf:/', '-m', await cupsPdfPpd(), '-o', 'pdftops-renderer-default=pdftocairo']);
  await admin('cupsenable', [queue]);
  await admin('cupsaccept', [queue]);
  const directories = cupsPdfOutputDirectories();
  const waitForOutput = async (jobId: number, timeoutMs = 30_000): Promise<string> => {
    const pattern = new RegExp(`job_${jobId}\\.pdf$`);
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      for (const dir of directories) {
        const file = existsSync(dir) ? readdirSync(dir).find((name) => pattern.test(name)) : undefined;
        if (file) return path.join(dir, file);
      }
      if (Date.now() > deadline) throw new Error(`cups-pdf wrote no file for job ${jobId} in ${directories.join(' or ')}`);
      await sleep(100);
    }
  };
  return {
    queue,
    server: CUPS_SERVER,
    admin,
    waitForOutput,
    async waitForLatestOutput(timeoutMs) {
      const jobs = execFileSync('lpstat', ['-h', CUPS_SERVER, '-W', 'completed', '-o', queue], { encoding: 'utf8' });
      const latest = /-(\d+)\s/.exec(jobs.trim().split('\n').at(-1) ?? '');
      if (!latest) throw new Error(`no completed job on ${queue}`);
      return waitForOutput(Number(latest[1]), timeoutMs);
    },
    async remove() {
      await admin('lpadmin', ['-x', queue]).catch(() => undefined);
    },
  };
}
