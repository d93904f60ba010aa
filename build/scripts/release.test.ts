// `npm run release`: the packaging input a release machine starts from is complete for both apps,
// and what this machine cannot build is named, not attempted.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ARCHIVE_LAYOUT, unpackArchive, verifyArchive } from '../../kiosk-app/host/update/shell-archive';
import { missingInputs, release } from './release';
import { SHELL_UPDATE_DIRS } from './runtime-entries';
import { buildShellArchive } from './shell-archive';

const root = path.resolve(import.meta.dirname, '../..');

test('a release of the kiosk and of the player: the bundle holds all its configuration packs; the rest is named', async (t) => {
  for (const name of ['kiosk', 'player'] as const) {
    const appDir = mkdtempSync(path.join(tmpdir(), `linli-release-${name}-`));
    t.after(() => rmSync(appDir, { recursive: true, force: true }));
    const { ok, report } = await release(name, {}, { appDir });
    assert.equal(ok, true, report.join('\n'));
    assert.match(report[1]!, /✓ packaging input/);
    const text = report.join('\n');
    assert.match(text, /--linux dir/);
    assert.match(text, /Windows nsis \(--win\): a Windows machine/);
    assert.match(text, /AppImage and deb for x64 and arm64/);
  }
});

test('a packaging input without a file the configuration packs, or without its entry, is named', (t) => {
  const dir = mkdtempSync(path.join(tmpdir(), 'linli-release-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  mkdirSync(path.join(dir, 'page'));
  writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ main: 'main.mjs' }));
  const config = {
    productName: 'x',
    electronVersion: '45.5.0',
    directories: { app: dir, output: dir },
    files: ['main.mjs', 'page/**', 'package.json'],
    afterPack: 'build/electron/flip-fuses.mjs',
    linux: { target: ['dir'] },
    win: { target: ['nsis'] },
  };
  assert.deepEqual(missingInputs(dir, config), ['main.mjs', 'page/**', "package.json's main (main.mjs)"]);
});

for (const app of ['kiosk', 'player'] as const)
  test(`the ${app} browser shell's update archive is signed, accepted by the device's own checks, and runs where it is unpacked`, async (t) => {
    const dir = mkdtempSync(path.join(tmpdir(), 'linli-shell-archive-'));
    t.after(() => rmSync(dir, { recursive: true, force: true }));
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    writeFileSync(path.join(dir, 'release-key.pem'), privateKey.export({ type: 'pkcs8', format: 'pem' }));
    const version = '0.0.0-test';
    const archive = await buildShellArchive({ app, version, keyFile: path.join(dir, 'release-key.pem'), outDir: dir });
    assert.equal(path.basename(archive.file), `${app}-${version}.tar.gz`);
    assert.equal(readFileSync(`${archive.file}.sig`, 'utf8').trim(), archive.signature);

    await verifyArchive(archive.file, { sha512: archive.sha512, signature: archive.signature! }, [publicKey]);
    // Where the launcher finds updates in a checkout: <updates>/versions/<version>, beside dist/.
    const installed = path.join(root, SHELL_UPDATE_DIRS[app], 'versions', version);
    t.after(() => rmSync(installed, { recursive: true, force: true }));
    await unpackArchive(archive.file, installed, { app, version });
    for (const file of app === 'kiosk'
      ? ['renderer/main.js', 'peripheral-worker.mjs']
      : ['player-page/main.js', 'player-page/tv/main.js', 'player-page/pdfjs/build/pdf.worker.min.mjs'])
      assert.ok(existsSync(path.join(installed, file)), file);
    // Another app's archive is refused: its manifest names the other app.
    await assert.rejects(
      unpackArchive(archive.file, path.join(dir, 'other'), { app: app === 'kiosk' ? 'player' : 'kiosk', version }),
      (error: unknown) => (error as { code?: string }).code === 'UPDATE_INVALID',
    );
    // Its imports resolve from there (node_modules, the files beside the code): it gets as far as
    // asking the admin server for its enrollment, which is not there.
    const run = spawnSync(process.execPath, [path.join(installed, ARCHIVE_LAYOUT[app].entry)], {
      env: { PATH: process.env.PATH, LINLI_DATA_DIR: dir, LINLI_SERVER_URL: 'http://127.0.0.1:9' },
      encoding: 'utf8',
      timeout: 60_000,
    });
    assert.doesNotMatch(run.stderr, /ERR_MODULE_NOT_FOUND|Cannot find/);
    assert.match(
      run.stderr,
      new RegExp(
        `Linli ${app === 'kiosk' ? 'kiosk' : 'signage player'} could not start\\. (ENROLLMENT_CODE_INVALID|SERVER_UNREACHABLE|CONFIG_INVALID)`,
      ),
    );
  });
