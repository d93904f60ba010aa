/**
 * The web player's pages, bundled in memory for the shells, tests and screenshots: the signage page
 * (signage-player/web) with the pdf.js files its PDF items need (pdfjs-assets.ts), and the TV page
 * (signage-player/web/tv, the `tv` profile) for set-top boxes: ES2017 syntax in one classic script,
 * no pdf.js, media also from live HLS sources.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { PlayerProfile } from '@linli/protocol';
import { rendererBundle, type RendererBundle } from '../../../kiosk-app/shells/common/renderer-assets';
import {
  buildRendererFiles,
  readRendererFiles,
  writeRendererFiles,
  type RendererBuildOptions,
} from '../../../kiosk-app/shells/common/renderer-build';
import { pdfjsAssets, writePdfjsFiles } from './pdfjs-assets';

const PLAYER_PAGE_ENTRY = path.resolve(import.meta.dirname, '../../web/main.tsx');
const TV_PAGE_ENTRY = path.resolve(import.meta.dirname, '../../web/tv/tv-main.tsx');
/** Set-top boxes' browsers: the syntax the TV page is lowered to, in a classic script. */
export const TV_PAGE_BUILD: RendererBuildOptions = { target: 'es2017', classicScript: true };
/** pdf.js's files beside a page built once, so a package needs no pdfjs-dist installed. */
const PDFJS_DIR = 'pdfjs';
/** The TV page beside the signage page in a folder built once. */
const TV_DIR = 'tv';

/** Builds the web player's pages into `dir` once (test runs, packages), for LINLI_PLAYER_PAGE_DIR. */
export async function writePlayerPageFiles(dir: string): Promise<void> {
  await writeRendererFiles(dir, PLAYER_PAGE_ENTRY);
  await writeRendererFiles(path.join(dir, TV_DIR), TV_PAGE_ENTRY, TV_PAGE_BUILD);
  writePdfjsFiles(path.join(dir, PDFJS_DIR));
}

/** The TV page's files: from a folder built once (bundled now when the folder predates the TV page). */
async function tvPageFiles(builtDir: string | undefined) {
  const dir = builtDir && path.join(builtDir, TV_DIR);
  return dir && existsSync(dir) ? readRendererFiles(dir) : buildRendererFiles(TV_PAGE_ENTRY, TV_PAGE_BUILD);
}

/**
 * The page for the host's `profile` (signage by default). `webOrigins`: the origins the signage
 * page's web items may frame (its CSP allows only those); `builtDir`: where writePlayerPageFiles
 * put them, else the page is bundled now.
 */
export async function buildPlayerPage(
  webOrigins: string[],
  builtDir?: string,
  profile: PlayerProfile = 'signage',
): Promise<RendererBundle> {
  if (profile === 'tv') {
    // Live items relay HLS from the sources their signed channel names: media only, never frames or scripts.
    return rendererBundle(await tvPageFiles(builtDir), {
      title: '邻里 · 社区电视',
      mediaSources: ['https:', 'http:'],
      classicScript: true,
    });
  }
  const pdfjs = pdfjsAssets(builtDir && path.join(builtDir, PDFJS_DIR));
  const files = builtDir ? readRendererFiles(builtDir) : await buildRendererFiles(PLAYER_PAGE_ENTRY);
  const page = rendererBundle(files, {
    title: '邻里 · 信息屏',
    frameOrigins: webOrigins,
  });
  return { asset: (pathname, bootToken) => pdfjs.asset(pathname) ?? page.asset(pathname, bootToken) };
}
