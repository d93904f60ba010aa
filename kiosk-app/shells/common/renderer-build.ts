/** Builds the renderer (kiosk-app/renderer) with esbuild, in memory. */
import { build } from 'esbuild';
import path from 'node:path';
import type { RendererFiles } from './renderer-assets';

const rendererDir = path.resolve(import.meta.dirname, '../../renderer');

export async function buildRendererFiles(): Promise<RendererFiles> {
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
  return new Map(result.outputFiles.map((file) => [path.basename(file.path), file.contents]));
}
