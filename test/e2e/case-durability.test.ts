/**
 * Cases survive kills. The kiosk's outbox and sender are killed with SIGKILL 100 times while they
 * submit to a real admin server (HTTP, SQLite); the admin server's intake is killed 100 times
 * while it applies, its sender resending whatever it had no answer for. Afterwards every case the
 * kiosk called stored, and every case sent to the server, is there exactly once: 0 lost, 0
 * duplicated; every other kiosk case carries a photo (uploaded before its case, so kills fall
 * between the two too), and each has exactly its own photo once, and the outbox keeps none. The
 * harnesses are bundled once (a start is then a fraction of a second).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import BetterSqlite3 from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { build } from 'esbuild';
import { uuidV7 } from '@linli/protocol';
import { startCaseServer } from './durability/case-server';
import { photoFor, withPhoto } from './durability/photo';

const KILLS = 100;
const root = path.resolve(import.meta.dirname, '../..');
const bundleDir = path.join(root, 'node_modules/.cache/linli-durability');
const caseRulesDir = path.join(root, 'admin-server/case-rules');

/** One harness as a single ES module beside node_modules (native modules stay outside). */
async function bundle(name: string): Promise<string> {
  const outfile = path.join(bundleDir, `${name}.mjs`);
  await build({
    entryPoints: [path.join(import.meta.dirname, 'durability', `${name}.ts`)],
    bundle: true,
    platform: 'node',
    format: 'esm',
    outfile,
    external: ['better-sqlite3', 'pg-native'],
    banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" },
    logLevel: 'warning',
  });
  return outfile;
}

/** A harness process and its stdout, a line at a time. */
function run(script: string, args: string[]) {
  const child = spawn(process.execPath, [script, ...args], { stdio: ['pipe', 'pipe', 'inherit'] });
  const lines: string[] = [];
  const waiters: { test: (line: string) => boolean; resolve: () => void }[] = [];
  const ended = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  createInterface({ input: child.stdout! }).on('line', (line) => {
    lines.push(line);
    for (const waiter of waiters.filter((entry) => entry.test(line))) {
      waiters.splice(waiters.indexOf(waiter), 1);
      waiter.resolve();
    }
  });
  /** Resolves at the first line (already seen or to come) that passes `test`; rejects if the process ends first. */
  const lineWhere = (test: (line: string) => boolean) =>
    lines.some(test)
      ? Promise.resolve()
      : Promise.race([
          new Promise<void>((resolve) => waiters.push({ test, resolve })),
          ended.then(() => {
            if (!lines.some(test)) throw new Error(`${path.basename(script)} ended before the line expected`);
          }),
        ]);
  const kill = async () => {
    child.kill('SIGKILL');
    await ended;
  };
  return { child: child as ChildProcess, lines, lineWhere, kill, ended };
}

const random = (below: number) => Math.floor(Math.random() * below);

test(
  'the kiosk killed while submitting, 100 times: every stored case reaches the server once',
  { timeout: 300_000 },
  async (t) => {
    const dir = mkdtempSync(path.join(tmpdir(), 'linli-kiosk-kills-'));
    t.after(() => rmSync(dir, { recursive: true, force: true }));
    const server = await startCaseServer(dir);
    t.after(() => server.stop());
    const serverUrl = server.url;
    const enrolled = server.device;

    const script = await bundle('kiosk-harness');
    const outbox = path.join(dir, 'cases.sqlite');
    const args = (mode: string) => [outbox, serverUrl, enrolled.deviceId, enrolled.secret, mode];
    const stored = new Set<string>();
    for (let kill = 0; kill < KILLS; kill++) {
      const kiosk = run(script, args('submit'));
      // Killed right after its 1st to 3rd case is committed: that case's send is under way then.
      const after = 1 + random(3);
      await kiosk.lineWhere(() => kiosk.lines.filter((line) => line.startsWith('stored ')).length >= after);
      await kiosk.kill();
      for (const line of kiosk.lines) if (line.startsWith('stored ')) stored.add(line.slice('stored '.length));
    }
    const last = run(script, args('drain'));
    await last.ended;
    assert.deepEqual(last.lines, ['drained']);

    const cases = await server.cases();
    const received = new Set(cases.map((row) => row.client_id));
    assert.equal(received.size, cases.length, '0 duplicated');
    const lost = [...stored].filter((clientId) => !received.has(clientId));
    assert.deepEqual(lost, [], '0 lost');
    for (const row of cases) assert.ok(row.description.endsWith(row.client_id), 'each case carries its own words');
    for (const row of cases)
      assert.deepEqual(
        row.photos,
        withPhoto(row.client_id) ? [createHash('sha256').update(photoFor(row.client_id)).digest('hex')] : [],
        'each case with its own photo, once',
      );
    assert.ok(cases.some((row) => row.photos.length > 0) && cases.some((row) => row.photos.length === 0));
    // What the outbox holds is what the server has: nothing queued, nothing the server lacks.
    const box = new BetterSqlite3(outbox, { readonly: true });
    t.after(() => box.close());
    const kept = box.prepare('SELECT client_id, state FROM outbox').all() as { client_id: string; state: string }[];
    assert.deepEqual(
      kept.filter((row) => row.state !== 'sent'),
      [],
    );
    assert.deepEqual(new Set(kept.map((row) => row.client_id)), received);
    assert.deepEqual(box.prepare('SELECT client_id FROM outbox_photos').all(), [], 'no photo kept on the kiosk');
    assert.ok(stored.size >= KILLS, `${stored.size} cases stored across ${KILLS} kills`);
  },
);

test(
  'the admin server killed while applying, 100 times: every case sent is applied exactly once',
  { timeout: 300_000 },
  async (t) => {
    const dir = mkdtempSync(path.join(tmpdir(), 'linli-apply-kills-'));
    t.after(() => rmSync(dir, { recursive: true, force: true }));
    const file = path.join(dir, 'admin.sqlite');
    const script = await bundle('apply-harness');
    const sent = new Map<string, string>();
    /** The tracking number each case got, once the server said so. */
    const answered = new Map<string, string>();
    const submission = (clientId: string) =>
      JSON.stringify({
        clientId,
        nature: 'complaint',
        category: 'sanitation/garbage',
        description: `垃圾未清运 ${clientId}`,
      });
    const apply = async (kill: boolean) => {
      const server = run(script, [file, caseRulesDir]);
      await server.lineWhere((line) => line === 'HARNESS_READY');
      // What had no answer is sent again (a sender never knows whether a lost answer was applied),
      // then new cases; one already answered is sent again too, as a kiosk whose answer was lost.
      const batch = [
        ...[...sent.keys()].filter((clientId) => !answered.has(clientId)),
        ...Array.from({ length: 5 }, () => uuidV7()),
        ...[...answered.keys()].slice(-1),
      ];
      for (const clientId of batch) sent.set(clientId, submission(clientId));
      server.child.stdin!.write(batch.map((clientId) => `${sent.get(clientId)}\n`).join(''));
      const appliedLines = () => server.lines.filter((line) => line.startsWith('applied '));
      if (kill) {
        // Killed after 1 to 4 answers: the next case is being applied then.
        const after = 1 + random(4);
        await server.lineWhere(() => appliedLines().length >= after);
        await server.kill();
      } else {
        await server.lineWhere(() => appliedLines().length >= batch.length);
        server.child.stdin!.end();
        await server.ended;
      }
      for (const line of appliedLines()) {
        const [, clientId, tracking, duplicate] = line.split(' ');
        const first = answered.get(clientId!);
        if (first) assert.equal(tracking, first, 'a repeat answers the first case');
        else assert.equal(duplicate, sent.has(clientId!) ? duplicate : 'false');
        answered.set(clientId!, tracking!);
      }
    };
    for (let kill = 0; kill < KILLS; kill++) await apply(true);
    await apply(false);

    const db = new BetterSqlite3(file, { readonly: true });
    t.after(() => db.close());
    assert.equal(db.pragma('integrity_check', { simple: true }), 'ok');
    const rows = db.prepare('SELECT client_id, tracking FROM cases').all() as { client_id: string; tracking: string }[];
    assert.equal(new Set(rows.map((row) => row.client_id)).size, rows.length, '0 duplicated');
    assert.deepEqual(new Set(rows.map((row) => row.client_id)), new Set(sent.keys()), '0 lost');
    for (const row of rows) assert.equal(answered.get(row.client_id), row.tracking);
    const steps = db.prepare("SELECT COUNT(*) AS n FROM case_steps WHERE action = 'register'").get() as { n: number };
    assert.equal(steps.n, rows.length, 'one first step per case: no half-written case');
  },
);
