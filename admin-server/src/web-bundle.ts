/** Bundles the admin UI (admin-server/web) in memory with esbuild when the server starts. */
import { build } from 'esbuild';
import path from 'node:path';
import type { WebAsset } from './http/web-routes';

const webDir = path.resolve(import.meta.dirname, '../web');

export async function bundleAdminWeb(): Promise<Map<string, WebAsset>> {
  const result = await build({
    entryPoints: [path.join(webDir, 'main.tsx')],
    bundle: true,
    write: false,
    format: 'esm',
    target: 'chrome100',
    minify: true,
    outdir: 'out',
    jsx: 'automatic',
    jsxImportSource: 'preact',
    logLevel: 'silent',
  });
  const assets = new Map<string, WebAsset>();
  for (const file of result.outputFiles) {
    const name = path.basename(file.path);
    assets.set(name, {
      contentType: name.endsWith('.css') ? 'text/css; charset=utf-8' : 'text/javascript; charset=utf-8',
      body: file.contents,
    });
  }
  assets.set('index.html', { contentType: 'text/html; charset=utf-8', body: indexHtml(assets.has('main.css')) });
  return assets;
}

function indexHtml(withCss: boolean): string {
  return `<!doctype html>
<html lang="zh-Hans"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>邻里 · 管理后台</title>${withCss ? '<link rel="stylesheet" href="/admin/main.css">' : ''}</head>
<body><div id="app"></div><script type="module" src="/admin/main.js"></script></body></html>`;
}
