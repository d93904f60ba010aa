/** The web player's page (signage-player/web), bundled in memory for the shells, tests and screenshots. */
import path from 'node:path';
import { rendererBundle, type RendererBundle } from '../../../kiosk-app/shells/common/renderer-assets';
import {
  buildRendererFiles,
  readRendererFiles,
  writeRendererFiles,
} from '../../../kiosk-app/shells/common/renderer-build';

const PLAYER_PAGE_ENTRY = path.resolve(import.meta.dirname, '../../web/main.tsx');

/** Builds the web player into `dir` once (test runs, packages), for LINLI_PLAYER_PAGE_DIR. */
export function writePlayerPageFiles(dir: string): Promise<void> {
  return writeRendererFiles(dir, PLAYER_PAGE_ENTRY);
}

/**
 * `webOrigins`: the origins web items may frame (the page's CSP allows only those); `builtDir`:
 * where writePlayerPageFiles put it, else it is bundled now.
 */
export async function buildPlayerPage(webOrigins: string[], builtDir?: string): Promise<RendererBundle> {
  const files = builtDir ? readRendererFiles(builtDir) : await buildRendererFiles(PLAYER_PAGE_ENTRY);
  return rendererBundle(files, {
    title: '邻里 · 信息屏',
    frameOrigins: webOrigins,
  });
}
