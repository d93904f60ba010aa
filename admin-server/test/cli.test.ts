import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../..');
const cli = (dataDir: string, ...args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', path.join(root, 'admin-server/src/cli.ts'), ...args], {
    cwd: root,
    env: { ...process.env, LINLI_DATA_DIR: dataDir, LINLI_DATABASE_URL: '' },
    encoding: 'utf8',
  });

test('import-guides and export-guides round-trip a file; a bad file changes nothing', { timeout: 60_000 }, (t) => {
  const dir = mkdtempSync(path.join(tmpdir(), 'linli-cli-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const demo = execFileSync(
    process.execPath,
    [
      '--import',
      'tsx',
      '-e',
      "import('./admin-server/src/demo-content.ts').then((m) => process.stdout.write(JSON.stringify(m.readDemoGuides())))",
    ],
    { cwd: root, encoding: 'utf8' },
  );
  const good = path.join(dir, 'good.json');
  writeFileSync(good, demo);

  const imported = cli(dir, 'import-guides', good);
  assert.equal(imported.status, 0, imported.stderr);
  assert.match(imported.stdout, /169 new/);

  const bad = path.join(dir, 'bad.json');
  const broken = JSON.parse(demo);
  broken.guides[3].office = { name: '窗口' };
  broken.guides[0].title = '不应写入的标题';
  writeFileSync(bad, JSON.stringify(broken));
  const refused = cli(dir, 'import-guides', bad);
  assert.equal(refused.status, 1);
  assert.match(refused.stderr, /IMPORT_INVALID/);
  assert.match(refused.stderr, new RegExp(`/guides/3 \\(${broken.guides[3].id}\\)/office`));

  const out = path.join(dir, 'out.json');
  assert.equal(cli(dir, 'export-guides', out).status, 0);
  const exported = JSON.parse(readFileSync(out, 'utf8'));
  assert.equal(exported.guides.length, 169);
  assert.ok(
    !exported.guides.some((g: { title: string }) => g.title === '不应写入的标题'),
    'nothing of the bad file was written',
  );

  assert.equal(cli(dir, 'frobnicate').status, 2);
});

test(
  'rotate-signage-key and retire-signage-key: the two steps; a second run of either does nothing',
  { timeout: 60_000 },
  (t) => {
    const dir = mkdtempSync(path.join(tmpdir(), 'linli-cli-'));
    t.after(() => rmSync(dir, { recursive: true, force: true }));
    const rotated = cli(dir, 'rotate-signage-key');
    assert.equal(rotated.status, 0, rotated.stderr);
    const keys = /trust keys (sk-\S+), (sk-\S+) \(signing\)/.exec(rotated.stdout);
    assert.ok(keys, rotated.stdout);
    assert.match(rotated.stdout, /0 live publication\(s\) sent again/);
    assert.match(cli(dir, 'rotate-signage-key').stdout, /already under way/);
    const retired = cli(dir, 'retire-signage-key');
    assert.equal(retired.status, 0, retired.stderr);
    assert.match(retired.stdout, new RegExp(`now trust ${keys[2]} \\(signing\\) alone`));
    assert.match(cli(dir, 'retire-signage-key').stdout, /Nothing to retire/);
    assert.equal(cli(dir, 'rotate-signage-key', 'extra').status, 2);
  },
);

test(
  'import-bill-providers connects the documented example; a file with a mistake is refused naming the field',
  { timeout: 60_000 },
  (t) => {
    const dir = mkdtempSync(path.join(tmpdir(), 'linli-cli-'));
    t.after(() => rmSync(dir, { recursive: true, force: true }));
    const example = path.join(root, 'docs/examples/bill-provider-sunshine-water.json');
    const withoutSecret = cli(dir, 'import-bill-providers', example);
    assert.equal(withoutSecret.status, 1);
    assert.match(withoutSecret.stderr, /BILL_PROVIDER_CONFIG_INVALID/);
    assert.match(
      withoutSecret.stderr,
      /\/auth\/clientSecret: names the environment variable SUNSHINE_WATER_CLIENT_SECRET, which is not set/,
    );

    const env = { ...process.env, LINLI_DATA_DIR: dir, LINLI_DATABASE_URL: '', SUNSHINE_WATER_CLIENT_SECRET: 's3cret' };
    const run = (...args: string[]) =>
      spawnSync(process.execPath, ['--import', 'tsx', path.join(root, 'admin-server/src/cli.ts'), ...args], {
        cwd: root,
        env,
        encoding: 'utf8',
      });
    const connected = run('import-bill-providers', example);
    assert.equal(connected.status, 0, connected.stderr);
    assert.match(connected.stdout, /Connected 阳光水务 \(sunshine-water, water\)/);
    assert.equal(run('import-bill-providers', example, '--org', '999999').status, 1, 'an unknown node');
  },
);
