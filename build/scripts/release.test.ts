// `npm run release`: the packaging input a release machine starts from is complete for both apps,
// and what this machine cannot build is named, not attempted.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { missingInputs, release } from './release';

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
