/**
 * A private CUPS with a cups-pdf queue, for printing tests, the bench and the screenshots. Each
 * queue gets its own cupsd: its own ServerRoot, spool, cache, state and logs in a temp dir, its
 * own socket and a free port on 127.0.0.1, and a policy without authentication, so lpadmin works
 * on a machine whose CUPS was never configured (or is not running at all). Nothing of the
 * machine's CUPS is read or changed; remove() stops the daemon and deletes everything it made.
 *
 * cups-pdf always reads /etc/cups/cups-pdf.conf, so its PDFs land in the job owner's Out folder
 * (${HOME}/PDF by default), named …job_<id>.pdf. Job ids start at a random base per daemon, so
 * two test processes printing at once never mistake each other's output; remove() deletes the
 * files of its own job ids. Needs Debian's cups, cups-client and printer-driver-cups-pdf.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import {
  chmodSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const JOB_ID_SPAN = 100_000;

export interface CupsPdfQueue {
  queue: string;
  /** host:port of this queue's private cupsd. */
  server: string;
  /** Where this cupsd spools jobs (a kiosk's /var/spool/cups): d… files hold the documents. */
  spoolDir: string;
  /** The PDF cups-pdf wrote for a job (it names files …job_<id>.pdf). */
  waitForOutput(jobId: number, timeoutMs?: number): Promise<string>;
  /** The PDF of the queue's most recently completed job (for callers that did not see its id). */
  waitForLatestOutput(timeoutMs?: number): Promise<string>;
  /** Runs a CUPS admin command (lpadmin, cupsdisable, …) against this queue's server. */
  admin(command: string, args: string[]): Promise<void>;
  /** Stops the private cupsd and deletes its folders and the PDFs of its jobs. */
  remove(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

function writeConfig(dir: string, port: number): { cupsd: string; files: string } {
  const root = path.join(dir, 'root');
  for (const sub of ['root', 'spool/tmp', 'cache', 'state', 'log']) mkdirSync(path.join(dir, sub), { recursive: true });
  // Filters run as the lp user: every folder must be readable (mkdtemp makes the top one 0700).
  chmodSync(dir, 0o755);
  for (const name of readdirSync('/usr/share/cups/mime'))
    copyFileSync(path.join('/usr/share/cups/mime', name), path.join(root, name));
  const cupsd = path.join(root, 'cupsd.conf');
  const files = path.join(root, 'cups-files.conf');
  writeFileSync(
    cupsd,
    [
      `Listen 127.0.0.1:${port}`,
      `Listen ${path.join(dir, 'cups.sock')}`,
      'DefaultAuthType None',
      'WebInterface No',
      'Browsing No',
      'LogLevel warn',
      // As the kiosk recipe sets it: a filled form (full ID number) leaves the spool once printed,
      // and the job's record, without the document, stays just long enough for its final state
      // to be read (with PreserveJobHistory No a completed job vanishes before the driver sees it).
      'PreserveJobFiles No',
      'PreserveJobHistory 60',
      '<Location />',
      '  Order allow,deny',
      '  Allow all',
      '</Location>',
      '<Policy default>',
      '  JobPrivateAccess all',
      '  JobPrivateValues none',
      '  SubscriptionPrivateAccess all',
      '  SubscriptionPrivateValues none',
      '  <Limit All>',
      '    Order allow,deny',
      '    Allow all',
      '  </Limit>',
      '</Policy>',
      '',
    ].join('\n'),
  );
  writeFileSync(
    files,
    [
      `ServerRoot ${root}`,
      `RequestRoot ${path.join(dir, 'spool')}`,
      `TempDir ${path.join(dir, 'spool/tmp')}`,
      `CacheDir ${path.join(dir, 'cache')}`,
      `StateDir ${path.join(dir, 'state')}`,
      `AccessLog ${path.join(dir, 'log/access_log')}`,
      `ErrorLog ${path.join(dir, 'log/error_log')}`,
      `PageLog ${path.join(dir, 'log/page_log')}`,
      'User lp',
      'Group lp',
      'SystemGroup root',
      '',
    ].join('\n'),
  );
  chmodSync(root, 0o755);
  return { cupsd, files };
}

async function answers(server: string): Promise<boolean> {
  try {
    const response = await fetch(`http://${server}/`, { signal: AbortSignal.timeout(1000) });
    await response.arrayBuffer();
    return true;
  } catch {
    return false;
  }
}

/** Starts cupsd in the foreground and waits until it answers, or fails with its error log. */
async function startCupsd(dir: string, firstJobId: number): Promise<{ server: string; child: ChildProcess }> {
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    const config = writeConfig(dir, port);
    writeFileSync(path.join(dir, 'cache/job.cache'), `NextJobId ${firstJobId}\n`);
    const server = `127.0.0.1:${port}`;
    const child = spawn('cupsd', ['-f', '-c', config.cupsd, '-s', config.files], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let exited = false;
    let stderr = '';
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('exit', () => (exited = true));
    child.once('error', () => (exited = true));
    const deadline = Date.now() + 20_000;
    while (!exited && Date.now() < deadline && !(await answers(server))) await sleep(50);
    if (!exited && Date.now() < deadline) return { server, child };
    child.kill('SIGKILL');
    // The port was taken between choosing it and cupsd binding it: choose another.
    if (exited && attempt < 3) continue;
    const log = existsSync(path.join(dir, 'log/error_log'))
      ? readFileSync(path.join(dir, 'log/error_log'), 'utf8')
      : '';
    throw new Error(`private cupsd did not start (are cups and cups-daemon installed?): ${stderr}${log}`.trim());
  }
}

async function cupsPdfPpd(server: string): Promise<string> {
  const { stdout } = await run('lpinfo', ['-h', server, '-m']);
  const line =
    stdout.split('\n').find((entry) => /CUPS-PDF_opt\.ppd/.test(entry)) ??
    stdout.split('\n').find((entry) => /CUPS-PDF/.test(entry));
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

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(kill);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/** A cups-pdf queue named `${prefix}_${pid}` on a private cupsd of its own. */
export async function addCupsPdfQueue(prefix: string): Promise<CupsPdfQueue> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'linli-cups-'));
  const firstJobId = 1_000_000 + Math.floor(Math.random() * 2_000) * JOB_ID_SPAN;
  let started: { server: string; child: ChildProcess };
  try {
    started = await startCupsd(dir, firstJobId);
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  const { server, child } = started;
  const queue = `${prefix}_${process.pid}`;
  const directories = cupsPdfOutputDirectories();
  const ownJob = (name: string) => {
    const id = Number(/job_(\d+)\.pdf$/.exec(name)?.[1]);
    return id >= firstJobId && id < firstJobId + JOB_ID_SPAN;
  };
  // A test process that dies without remove() must not leave a cupsd behind.
  const killOnExit = () => {
    child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  };
  process.once('exit', killOnExit);
  const remove = async () => {
    process.off('exit', killOnExit);
    await stopChild(child);
    rmSync(dir, { recursive: true, force: true });
    for (const out of directories.filter(existsSync)) {
      for (const name of readdirSync(out).filter(ownJob)) rmSync(path.join(out, name), { force: true });
    }
  };
  const admin = async (command: string, args: string[]) => {
    await run(command, ['-h', server, ...args]);
  };
  const waitForOutput = async (jobId: number, timeoutMs = 30_000): Promise<string> => {
    const pattern = new RegExp(`job_${jobId}\\.pdf$`);
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      for (const out of directories) {
        const file = existsSync(out) ? readdirSync(out).find((name) => pattern.test(name)) : undefined;
        if (file) return path.join(out, file);
      }
      if (Date.now() > deadline)
        throw new Error(`cups-pdf wrote no file for job ${jobId} in ${directories.join(' or ')}`);
      await sleep(100);
    }
  };
  try {
    // cups-pdf takes PostScript. Rendered by cairo the PostScript keeps each glyph's Unicode name,
    // so the PDF Ghostscript writes back stays searchable (the default renderer loses the mapping).
    await admin('lpadmin', [
      '-p',
      queue,
      '-E',
      '-v',
      'cups-pdf:/',
      '-m',
      await cupsPdfPpd(server),
      '-o',
      'pdftops-renderer-default=pdftocairo',
    ]);
    await admin('cupsenable', [queue]);
    await admin('cupsaccept', [queue]);
  } catch (error) {
    await remove();
    throw error;
  }
  return {
    queue,
    server,
    spoolDir: path.join(dir, 'spool'),
    admin,
    waitForOutput,
    async waitForLatestOutput(timeoutMs) {
      const { stdout } = await run('lpstat', ['-h', server, '-W', 'completed', '-o', queue]);
      const latest = /-(\d+)\s/.exec(stdout.trim().split('\n').at(-1) ?? '');
      if (!latest) throw new Error(`no completed job on ${queue}`);
      return waitForOutput(Number(latest[1]), timeoutMs);
    },
    remove,
  };
}
