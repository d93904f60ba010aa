import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { bundleElectron, bundlePlayerElectron } from './bundle-electron';

const builderConfig = JSON.parse(
  readFileSync(path.join(import.meta.dirname, '../electron/electron-builder.json'), 'utf8'),
);

test(
  'the Electron shell bundles: a CommonJS preload needing only electron, an ESM main, the renderer',
  { timeout: 60_000 },
  async (t) => {
    const outDir = mkdtempSync(path.join(tmpdir(), 'linli-electron-'));
    t.after(() => rmSync(outDir, { recursive: true, force: true }));
    await bundleElectron(outDir);

    const preload = readFileSync(path.join(outDir, 'preload.cjs'), 'utf8');
    const required = [...preload.matchAll(/require\("([^"]+)"\)/g)].map((match) => match[1]);
    assert.deepEqual([...new Set(required)], ['electron'], 'a sandboxed preload can require nothing else');
    assert.match(preload, /exposeInMainWorld\("linliBridge"/);
    assert.doesNotMatch(preload, /^\s*(import|export)\s/m, 'no ESM syntax in the preload');

    const main = readFileSync(path.join(outDir, 'main.mjs'), 'utf8');
    assert.match(main, /peripheral-worker\.mjs/, 'main starts the device worker it ships with');
    const worker = readFileSync(path.join(outDir, 'peripheral-worker.mjs'), 'utf8');
    assert.match(worker, /parentPort/);
    assert.doesNotMatch(worker, /from "electron"/, 'the worker is plain Node');
    assert.match(main, /from "electron"/);
    assert.match(main, /app:\/\/kiosk/);
    const rendererFiles = readdirSync(path.join(outDir, 'renderer')).sort();
    assert.ok(rendererFiles.includes('main.css') && rendererFiles.includes('main.js'), rendererFiles.join(', '));
    // Lazily loaded parts (the pinyin dictionary) ship as chunks of their own.
    assert.ok(
      rendererFiles.some((name) => /^pinyin-dictionary-[\w-]+\.js$/.test(name)),
      rendererFiles.join(', '),
    );

    // The packaged app installs only what its package.json lists: every package main or the worker imports is there.
    const appPackage = JSON.parse(readFileSync(path.join(outDir, 'package.json'), 'utf8'));
    assert.equal(appPackage.main, 'main.mjs');
    // Static imports start a line; require() and import() calls may sit anywhere (bundled code also
    // holds strings such as '" from "', so a looser pattern would find packages that are not there).
    const imported = [main, worker].flatMap((code) =>
      [
        ...code.matchAll(/^import [^;]*? from "([^"./][^"]*)";?$/gm),
        ...code.matchAll(/\b(?:require|import)\("([^"./][^"]*)"\)/g),
      ].map((match) => match[1]!),
    );
    const packages = new Set(
      imported.filter((name) => !name.startsWith('node:') && !builtinModules.includes(name) && name !== 'electron'),
    );
    assert.deepEqual([...packages].sort(), Object.keys(appPackage.dependencies).sort());

    // electron-builder packs exactly what the bundle writes (build/electron/electron-builder.json).
    assert.deepEqual(readdirSync(outDir).sort(), [
      'forms',
      'main.mjs',
      'package.json',
      'peripheral-worker.mjs',
      'preload.cjs',
      'renderer',
    ]);
    assert.deepEqual([...builderConfig.files].sort(), [
      'forms/**',
      'main.mjs',
      'package.json',
      'peripheral-worker.mjs',
      'preload.cjs',
      'renderer/**',
    ]);
    assert.ok(
      readdirSync(path.join(outDir, 'forms')).includes('residence-certificate.form.json'),
      'the demo forms are packed',
    );
  },
);

test(
  'the signage player bundles: an ESM main needing only electron and better-sqlite3, its page prebuilt',
  { timeout: 60_000 },
  async (t) => {
    const outDir = mkdtempSync(path.join(tmpdir(), 'linli-player-electron-'));
    t.after(() => rmSync(outDir, { recursive: true, force: true }));
    await bundlePlayerElectron(outDir);
    const main = readFileSync(path.join(outDir, 'main.mjs'), 'utf8');
    assert.match(main, /from "electron"/);
    assert.match(main, /prevent-display-sleep/, 'the screen is kept awake');
    const imported = [
      ...main.matchAll(/^import [^;]*? from "([^"./][^"]*)";?$/gm),
      ...main.matchAll(/\b(?:require|import)\("([^"./][^"]*)"\)/g),
    ].map((match) => match[1]!);
    const packages = new Set(
      imported.filter((name) => !name.startsWith('node:') && !builtinModules.includes(name) && name !== 'electron'),
    );
    const appPackage = JSON.parse(readFileSync(path.join(outDir, 'package.json'), 'utf8'));
    assert.equal(appPackage.name, 'linli-player');
    assert.deepEqual([...packages].sort(), Object.keys(appPackage.dependencies).sort());
    assert.deepEqual(Object.keys(appPackage.dependencies), ['better-sqlite3']);
    const pageFiles = readdirSync(path.join(outDir, 'page')).sort();
    assert.ok(pageFiles.includes('main.js') && pageFiles.includes('main.css'), pageFiles.join(', '));

    // electron-builder packs exactly what the bundle writes, with the kiosk's hardening.
    const playerConfig = JSON.parse(
      readFileSync(path.join(import.meta.dirname, '../electron/player-builder.json'), 'utf8'),
    );
    assert.deepEqual(readdirSync(outDir).sort(), ['main.mjs', 'package.json', 'page']);
    assert.deepEqual([...playerConfig.files].sort(), ['main.mjs', 'package.json', 'page/**']);
    for (const key of ['asar', 'afterPack', 'publish', 'npmRebuild', 'electronVersion', 'nsis'])
      assert.deepEqual(playerConfig[key], builderConfig[key], key);
  },
);
