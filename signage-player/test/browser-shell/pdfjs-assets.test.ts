/** pdf.js's files on the player's own origin: the worker and the listed package folders, and nothing else. */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { pdfjsAssets, writePdfjsFiles } from '../../shells/browser/pdfjs-assets';

test('the worker, CMaps, standard fonts, ICC profiles and image decoders of the installed pdfjs-dist are served', () => {
  const assets = pdfjsAssets();
  const worker = assets.asset('/pdfjs/pdf.worker.min.mjs');
  assert.equal(
    worker?.headers['content-type'],
    'text/javascript; charset=utf-8',
    'a module worker needs a script type',
  );
  assert.ok(worker.body.length > 100_000);
  for (const file of [
    '/pdfjs/cmaps/UniGB-UCS2-H.bcmap',
    '/pdfjs/cmaps/Adobe-GB1-UCS2.bcmap',
    '/pdfjs/standard_fonts/FoxitSerif.pfb',
    '/pdfjs/standard_fonts/LiberationSans-Regular.ttf',
    '/pdfjs/iccs/CGATS001Compat-v2-micro.icc',
  ]) {
    assert.equal(assets.asset(file)?.headers['content-type'], 'application/octet-stream', file);
  }
  assert.equal(assets.asset('/pdfjs/wasm/openjpeg.wasm')?.headers['content-type'], 'application/wasm');
  assert.equal(
    assets.asset('/pdfjs/wasm/openjpeg_nowasm_fallback.js')?.headers['content-type'],
    'text/javascript; charset=utf-8',
  );
});

test('any other path is not served: outside the folders, other package files, tricks with the path', () => {
  const assets = pdfjsAssets();
  for (const pathname of [
    '/pdfjs/',
    '/pdfjs/package.json',
    '/pdfjs/build/pdf.mjs',
    '/pdfjs/pdf.worker.mjs',
    '/pdfjs/cmaps/',
    '/pdfjs/cmaps/LICENSE',
    '/pdfjs/cmaps/../package.json',
    '/pdfjs/cmaps/..%2Fpackage.json',
    '/pdfjs/standard_fonts/LICENSE_FOXIT',
    '/pdfjs/wasm/quickjs-eval.wasm',
    '/pdfjs//cmaps/UniGB-UCS2-H.bcmap',
    '/pdfjs/CMAPS/UniGB-UCS2-H.bcmap',
    '/main.js',
  ]) {
    assert.equal(assets.asset(pathname), undefined, pathname);
  }
});

test('only the files present when the page was built are served, read from the package folder given', (t) => {
  const dir = mkdtempSync(path.join(tmpdir(), 'linli-pdfjs-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  for (const folder of ['build', 'cmaps', 'standard_fonts', 'iccs', 'wasm']) mkdirSync(path.join(dir, folder));
  writeFileSync(path.join(dir, 'build/pdf.worker.min.mjs'), 'export {};');
  writeFileSync(path.join(dir, 'cmaps/GBK-EUC-H.bcmap'), 'cmap');
  writeFileSync(path.join(dir, 'cmaps/notes.txt'), 'not a cmap');
  const assets = pdfjsAssets(dir);
  writeFileSync(path.join(dir, 'cmaps/Later-H.bcmap'), 'added after');
  assert.equal(new TextDecoder().decode(assets.asset('/pdfjs/cmaps/GBK-EUC-H.bcmap')!.body as Uint8Array), 'cmap');
  assert.equal(assets.asset('/pdfjs/cmaps/notes.txt'), undefined);
  assert.equal(assets.asset('/pdfjs/cmaps/Later-H.bcmap'), undefined);
});

test('a page built once carries a copy of the files, served the same without pdfjs-dist', (t) => {
  const dir = mkdtempSync(path.join(tmpdir(), 'linli-pdfjs-copy-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  writePdfjsFiles(dir);
  const installed = pdfjsAssets();
  const copy = pdfjsAssets(dir);
  for (const pathname of ['/pdfjs/pdf.worker.min.mjs', '/pdfjs/cmaps/UniGB-UCS2-H.bcmap', '/pdfjs/wasm/qcms_bg.wasm']) {
    assert.deepEqual(copy.asset(pathname), installed.asset(pathname), pathname);
  }
  assert.equal(copy.asset('/pdfjs/wasm/quickjs-eval.wasm'), undefined, 'only what is served is copied');
});
