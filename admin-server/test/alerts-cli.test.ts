/** `npm run admin -- create-alert-source NAME` registers a source and prints its key once. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openDatabase } from '../src/db/open';
import { createAlertSources } from '../src/domain/alert-sources';
import { createAuditService } from '../src/domain/audit';

const root = path.resolve(import.meta.dirname, '../..');

test(
  'create-alert-source prints a key that authenticates; only its hash is stored; audited',
  { timeout: 60_000 },
  async (t) => {
    const dir = mkdtempSync(path.join(tmpdir(), 'linli-cli-'));
    t.after(() => rmSync(dir, { recursive: true, force: true }));
    const run = spawnSync(
      process.execPath,
      ['--import', 'tsx', path.join(root, 'admin-server/src/cli.ts'), 'create-alert-source', '临江市预警信息发布中心'],
      { cwd: root, env: { ...process.env, LINLI_DATA_DIR: dir, LINLI_DATABASE_URL: '' }, encoding: 'utf8' },
    );
    assert.equal(run.status, 0, run.stderr);
    const [intro, key] = run.stdout.trim().split('\n');
    assert.match(intro!, /^Alert source 临江市预警信息发布中心 \(src-[0-9a-f-]+\) registered/);
    assert.match(key!, /^cap_[A-Za-z0-9_-]{40,}$/);

    const db = await openDatabase({ kind: 'sqlite', file: path.join(dir, 'admin.sqlite') });
    t.after(() => db.close());
    const clock = () => new Date();
    const sources = createAlertSources({ db, clock, audit: createAuditService({ db, clock }) });
    assert.equal((await sources.authenticate(`Bearer ${key}`)).name, '临江市预警信息发布中心');
    // The server's own source of manual alerts has no key.
    const stored = await db.all<{ key_hash: string }>("SELECT key_hash FROM alert_sources WHERE id <> 'manual'");
    assert.equal(stored.length, 1);
    assert.notEqual(stored[0]!.key_hash, key, 'the key itself is not stored');
    const audit = await db.all<{ actor: string; action: string }>(
      "SELECT actor, action FROM audit_log WHERE action LIKE 'alert-source.%'",
    );
    assert.deepEqual(audit, [{ actor: 'cli', action: 'alert-source.create' }]);
    assert.equal(
      spawnSync(
        process.execPath,
        ['--import', 'tsx', path.join(root, 'admin-server/src/cli.ts'), 'create-alert-source'],
        { cwd: root, encoding: 'utf8' },
      ).status,
      2,
    );
  },
);

test(
  'create-alert-source NAME --feed URL registers the feed the server polls; a bad address changes nothing',
  { timeout: 60_000 },
  async (t) => {
    const dir = mkdtempSync(path.join(tmpdir(), 'linli-cli-'));
    t.after(() => rmSync(dir, { recursive: true, force: true }));
    const cli = (...args: string[]) =>
      spawnSync(process.execPath, ['--import', 'tsx', path.join(root, 'admin-server/src/cli.ts'), ...args], {
        cwd: root,
        env: { ...process.env, LINLI_DATA_DIR: dir, LINLI_DATABASE_URL: '' },
        encoding: 'utf8',
      });
    const bad = cli('create-alert-source', '省预警信息发布中心', '--feed', 'ftp://yj.example.cn/feed.atom');
    assert.equal(bad.status, 1);
    assert.match(bad.stderr, /VALIDATION_FAILED: \/feedUrl: must be an http or https address/);
    const run = cli('create-alert-source', '省预警信息发布中心', '--feed', 'https://user:pw@yj.example.cn/feed.atom');
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /Its feed https:\/\/\*\*\*@yj\.example\.cn\/feed\.atom is polled every 60 s/);
    assert.ok(!run.stdout.includes('pw@'), 'the password is not printed');

    const db = await openDatabase({ kind: 'sqlite', file: path.join(dir, 'admin.sqlite') });
    t.after(() => db.close());
    assert.deepEqual(await db.all('SELECT url, poll_sec FROM alert_feeds'), [
      { url: 'https://user:pw@yj.example.cn/feed.atom', poll_sec: 60 },
    ]);
    assert.deepEqual(
      (await db.all<{ name: string }>("SELECT name FROM alert_sources WHERE id <> 'manual'")).map((row) => row.name),
      ['省预警信息发布中心'],
      'the refused one was not registered',
    );
    assert.equal(cli('create-alert-source', 'x', '--feed').status, 2);
  },
);
