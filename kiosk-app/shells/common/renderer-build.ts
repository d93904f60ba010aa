/**
 * Builds a page with esbuild, in memory (the kiosk's renderer, kiosk-app/renderer, by default; the
 * signage player's, signage-player/web); or reads it from a folder it was built into once
 * (`LINLI_RENDERER_DIR`; `npm test` builds it once per run).
 */
import { build } from 'esbuild';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { RendererFiles } from './renderer-assets';

const KIOSK_RENDERER_ENTRY = path.resolve(import.meta.dirname, '../../renderer/main.tsx');

/** Builds a page (the kiosk's renderer by default) into `dir`, for readRendererFiles (and the Electron bundle's renderer/). */
export async function writeRendererFiles(dir: string, entry = KIOSK_RENDERER_ENTRY): Promise<void> {
  mkdirSync(dir, { recursive: true });
  for (const [name, contents] of await buildRendererFiles(entry)) writeFileSync(path.join(dir, name), contents);
}

/** The built files in `dir` (its folders are not the bundle's: the player keeps pdf.js's files in one). */
export function readRendererFiles(dir: string): RendererFiles {
  return new Map(
    readdirSync(dir, { withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => [entry.name, new Uint8Array(readFileSync(path.join(dir, entry.name)))]),
  );
}

/** Bundles a Preact page from its entry file (`main.tsx` → main.js and main.css). */
export async function buildRendererFiles(entry = KIOSK_RENDERER_ENTRY): Promise<RendererFiles> {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    write: false,
    format: 'esm',
    // Lazily imported modules (the keyboard's ~1 MB pinyin dictionary) become files of their own,
    // fetched on first use instead of delaying the first paint.
    splitting: true,
    // Hanzi as UTF-8 rather than \u escapes: the dictionary chunk is 1.0 MB instead of 1.4 MB.
    charset: 'utf8',
    target: 'chrome100',
    minify: true,
    outdir: 'out',
    jsx: 'automatic',
    jsxImportSource: 'preact',
    logLevel: 'silent',
  });
  return new Map(result.outputFiles.map((file) => [path.basename(file.path), file.contents]));
}
