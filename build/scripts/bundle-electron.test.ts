import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { bundleElectron } from './bundle-electron';

test('the Electron shell bundles: a CommonJS preload needing only electron, an ESM main, the renderer', { timeout: 60_000 }, async (t) => {
  const outDir = mkdtempSync(path.join(tmpdir(), 'linli-electron-'));
  t.after(() => rmSync(outDir, { recursive: true, force: true }));
  await bundleElectron(outDir);

  const preload = readFileSync(path.join(outDir, 'preload.cjs'), 'utf8');
  const required = [...preload.matchAll(/require\("([^"]+)"\)/g)].map((match) => match[1]);
  assert.deepEqual([...new Set(required)], ['electron'], 'a sandboxed preload can require nothing else');
  assert.match(preload, /exposeInMainWorld\("linliBridge"/);
  assert.doesNotMatch(preload, /^\s*(import|export)\s/m, 'no ESM syntax in the preload');

  const main = readFileSync(path.join(outDir, 'main.mjs'), 'utf8');
  assert.match(main, /from "electron"/);
  assert.match(main, /app:\/\/kiosk/);
  assert.deepEqual(readdirSync(path.join(outDir, 'renderer')).sort(), ['main.css', 'main.js']);
});
