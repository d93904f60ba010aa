/**
 * Builds a page with esbuild, in memory (the kiosk's renderer, kiosk-app/renderer, by default; the
 * signage player's, signage-player/web); or reads it from a folder it was built into once
 * (`LINLI_RENDERER_DIR`; `npm test` builds it once per run, `npm run build` for deployment).
 * esbuild is loaded only to build: a process that reads a built page never starts its service.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { RendererFiles } from './renderer-assets';

const KIOSK_RENDERER_ENTRY = path.resolve(import.meta.dirname, '../../renderer/main.tsx');

/** How a page is built; the defaults are the kiosk's (and the signage page's). */
export interface RendererBuildOptions {
  /** esbuild's target: the syntax the page's browsers must read (default chrome100). */
  target?: string;
  /**
   * One classic script (an IIFE, no lazily loaded chunks) instead of an ES module with chunks, for
   * browsers that run no module scripts (older set-top boxes); the page must be served with
   * `classicScript` (renderer-assets.ts).
   */
  classicScript?: boolean;
}

/** Builds a page (the kiosk's renderer by default) into `dir`, for readRendererFiles (and the Electron bundle's renderer/). */
export async function writeRendererFiles(
  dir: string,
  entry = KIOSK_RENDERER_ENTRY,
  options: RendererBuildOptions = {},
): Promise<void> {
  mkdirSync(dir, { recursive: true });
  for (const [name, contents] of await buildRendererFiles(entry, options))
    writeFileSync(path.join(dir, name), contents);
}

/** The built files in `dir` (its folders are not the bundle's: the player keeps pdf.js's files in one). */
export function readRendererFiles(dir: string): RendererFiles {
  return new Map(
    readdirSync(dir, { withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => [entry.name, new Uint8Array(readFileSync(path.join(dir, entry.name)))]),
  );
}

/**
 * Bundles a Preact page from its entry file into main.js and main.css (whatever the entry's name:
 * the page asks for those), plus its chunks.
 */
export async function buildRendererFiles(
  entry = KIOSK_RENDERER_ENTRY,
  options: RendererBuildOptions = {},
): Promise<RendererFiles> {
  const { build } = await import('esbuild');
  const result = await build({
    entryPoints: [{ in: entry, out: 'main' }],
    bundle: true,
    write: false,
    format: options.classicScript ? 'iife' : 'esm',
    // Lazily imported modules (the keyboard's ~1 MB pinyin dictionary) become files of their own,
    // fetched on first use instead of delaying the first paint.
    splitting: !options.classicScript,
    // Hanzi as UTF-8 rather than \u escapes: the dictionary chunk is 1.0 MB instead of 1.4 MB.
    charset: 'utf8',
    target: options.target ?? 'chrome100',
    minify: true,
    outdir: 'out',
    jsx: 'automatic',
    jsxImportSource: 'preact',
    logLevel: 'silent',
  });
  return new Map(result.outputFiles.map((file) => [path.basename(file.path), file.contents]));
}
