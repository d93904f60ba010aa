/** Bundles the renderer (kiosk-app/renderer) with esbuild and serves it with a strict CSP. */
import { build } from 'esbuild';
import path from 'node:path';

const rendererDir = path.resolve(import.meta.dirname, '../../renderer');

export interface RendererAsset {
  headers: Record<string, string>;
  body: string | Uint8Array;
}

export interface RendererBundle {
  asset(pathname: string, bootToken: string): RendererAsset | undefined;
}

const CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

export async function bundleRenderer(): Promise<RendererBundle> {
  const result = await build({
    entryPoints: [path.join(rendererDir, 'main.tsx')],
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
  const files = new Map(result.outputFiles.map((file) => [`/${path.basename(file.path)}`, file.contents]));
  return {
    asset(pathname, bootToken): RendererAsset | undefined {
      if (pathname === '/' || pathname === '/index.html') {
        return { headers: { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': CSP, 'cache-control': 'no-store' }, body: indexHtml(bootToken) };
      }
      const body = files.get(pathname);
      if (!body) return undefined;
      return { headers: { 'content-type': pathname.endsWith('.css') ? 'text/css; charset=utf-8' : 'text/javascript; charset=utf-8', 'cache-control': 'no-cache' }, body };
    },
  };
}

function indexHtml(bootToken: string): string {
  return `<!doctype html>
<html lang="zh-Hans"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1, user-scalable=no">
<meta name="linli-boot-token" content="${bootToken}">
<title>邻里 · 便民查询</title><link rel="stylesheet" href="/main.css"></head>
<body><div id="app"></div><script type="module" src="/main.js"></script></body></html>`;
}
