/**
 * The admin UI (admin-server/web): bundled in memory with esbuild when the server starts, or read
 * from a folder it was built into once (`LINLI_ADMIN_UI_DIR`; `npm test` builds it once per run).
 * With it, two preview pages the editors show in a frame, the same code devices run, not a copy:
 * the kiosk's own guide page (kiosk-app/renderer/guide-preview.tsx) for the guide editor, and the
 * web signage player (signage-player/web/signage-preview.tsx) for the signage editor.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { WebAsset } from './http/web-routes';

const webDir = path.resolve(import.meta.dirname, '../web');
const kioskPreviewEntry = path.resolve(import.meta.dirname, '../../kiosk-app/renderer/guide-preview.tsx');
const signagePreviewEntry = path.resolve(import.meta.dirname, '../../signage-player/web/signage-preview.tsx');
/** hls.js's light build's file name under /admin/ (web/live-stream.ts loads it by this name). */
const HLS_MODULE = 'hls-light.js';
const mobileEntries = ['mobile/mobile.tsx', 'mobile/mobile-sw.ts'].map((file) => path.join(webDir, file));

/** Built file name (`main.js`, `main.css`) → contents. */
export type AdminWebFiles = Map<string, Uint8Array>;

/** The admin UI's assets, from a folder built before or bundled now. */
export async function loadAdminWeb(prebuiltDir?: string): Promise<Map<string, WebAsset>> {
  return adminWebAssets(prebuiltDir ? readBuiltFiles(prebuiltDir) : await buildAdminWebFiles());
}

/** Builds the admin UI into `dir`, to be served from there (`npm run admin -- build-ui DIR`). */
export async function writeAdminWeb(dir: string): Promise<void> {
  mkdirSync(dir, { recursive: true });
  for (const [name, contents] of await buildAdminWebFiles()) writeFileSync(path.join(dir, name), contents);
}

function readBuiltFiles(dir: string): AdminWebFiles {
  return new Map(readdirSync(dir).map((name) => [name, new Uint8Array(readFileSync(path.join(dir, name)))]));
}

export async function buildAdminWebFiles(): Promise<AdminWebFiles> {
  // Loaded only to build: a server that reads a built UI never starts esbuild's service.
  const { build } = await import('esbuild');
  const result = await build({
    entryPoints: [path.join(webDir, 'main.tsx'), kioskPreviewEntry, signagePreviewEntry, ...mobileEntries],
    bundle: true,
    write: false,
    format: 'esm',
    target: 'chrome100',
    minify: true,
    outdir: 'out',
    jsx: 'automatic',
    jsxImportSource: 'preact',
    // Leaflet's stylesheet names its few icons; they travel inside it.
    loader: { '.png': 'dataurl', '.svg': 'dataurl' },
    logLevel: 'silent',
  });
  // The TV live preview's HLS player (hls.js, ~370 KB) is a module of its own, fetched when a preview opens.
  const hls = await build({
    entryPoints: [{ in: fileURLToPath(import.meta.resolve('hls.js/light')), out: HLS_MODULE.replace(/\.js$/, '') }],
    bundle: true,
    write: false,
    format: 'esm',
    target: 'chrome100',
    minify: true,
    outdir: 'out',
    logLevel: 'silent',
  });
  return new Map([...result.outputFiles, ...hls.outputFiles].map((file) => [path.basename(file.path), file.contents]));
}

function adminWebAssets(files: AdminWebFiles): Map<string, WebAsset> {
  const assets = new Map<string, WebAsset>();
  for (const [name, body] of files) {
    assets.set(name, {
      contentType: name.endsWith('.css') ? 'text/css; charset=utf-8' : 'text/javascript; charset=utf-8',
      body,
    });
  }
  assets.set('index.html', { contentType: 'text/html; charset=utf-8', body: indexHtml(assets.has('main.css')) });
  // The staff mobile app (web/mobile), with its service worker beside it.
  assets.set('mobile.html', { contentType: 'text/html; charset=utf-8', body: mobileHtml() });
  const previews = { 'kiosk-preview.html': 'guide-preview', 'signage-preview.html': 'signage-preview' };
  for (const [page, bundle] of Object.entries(previews))
    assets.set(page, { contentType: 'text/html; charset=utf-8', body: previewHtml(bundle), frameable: true });
  return assets;
}

function indexHtml(withCss: boolean): string {
  return `<!doctype html>
<html lang="zh-Hans"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>邻里 · 管理后台</title>${withCss ? '<link rel="stylesheet" href="/admin/main.css">' : ''}</head>
<body><div id="app"></div><script type="module" src="/admin/main.js"></script></body></html>`;
}

function mobileHtml(): string {
  return `<!doctype html>
<html lang="zh-Hans"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>邻里 · 网格员</title><link rel="stylesheet" href="/admin/mobile.css"></head>
<body><div id="app"></div><script type="module" src="/admin/mobile.js"></script></body></html>`;
}

/** A preview page: the bundle's script and stylesheet (`guide-preview` → guide-preview.js and .css). */
function previewHtml(bundle: string): string {
  return `<!doctype html>
<html lang="zh-Hans"><head><meta charset="utf-8"><title>预览</title>
<link rel="stylesheet" href="/admin/${bundle}.css"></head>
<body><div id="app"></div><script type="module" src="/admin/${bundle}.js"></script></body></html>`;
}
