/**
 * The web player's page (signage-player/web), bundled in memory for the shells, tests and
 * screenshots, with the pdf.js files its PDF items need (pdfjs-assets.ts).
 */
import path from 'node:path';
import { rendererBundle, type RendererBundle } from '../../../kiosk-app/shells/common/renderer-assets';
import {
  buildRendererFiles,
  readRendererFiles,
  writeRendererFiles,
} from '../../../kiosk-app/shells/common/renderer-build';
import { pdfjsAssets, writePdfjsFiles } from './pdfjs-assets';

const PLAYER_PAGE_ENTRY = path.resolve(import.meta.dirname, '../../web/main.tsx');
/** pdf.js's files beside a page built once, so a package needs no pdfjs-dist installed. */
const PDFJS_DIR = 'pdfjs';

/** Builds the web player into `dir` once (test runs, packages), for LINLI_PLAYER_PAGE_DIR. */
export async function writePlayerPageFiles(dir: string): Promise<void> {
  await writeRendererFiles(dir, PLAYER_PAGE_ENTRY);
  writePdfjsFiles(path.join(dir, PDFJS_DIR));
}

/**
 * `webOrigins`: the origins web items may frame (the page's CSP allows only those); `builtDir`:
 * where writePlayerPageFiles put it, else it is bundled now.
 */
export async function buildPlayerPage(webOrigins: string[], builtDir?: string): Promise<RendererBundle> {
  const pdfjs = pdfjsAssets(builtDir && path.join(builtDir, PDFJS_DIR));
  const files = builtDir ? readRendererFiles(builtDir) : await buildRendererFiles(PLAYER_PAGE_ENTRY);
  const page = rendererBundle(files, {
    title: '邻里 · 信息屏',
    frameOrigins: webOrigins,
  });
  return { asset: (pathname, bootToken) => pdfjs.asset(pathname) ?? page.asset(pathname, bootToken) };
}
