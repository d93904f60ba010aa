/** The web player's page (signage-player/web), bundled in memory for the shells, tests and screenshots. */
import path from 'node:path';
import { rendererBundle, type RendererBundle } from '../../../kiosk-app/shells/common/renderer-assets';
import { buildRendererFiles } from '../../../kiosk-app/shells/common/renderer-build';

const PLAYER_PAGE_ENTRY = path.resolve(import.meta.dirname, '../../web/main.tsx');

/** `webOrigins`: the origins web items may frame (the page's CSP allows only those). */
export async function buildPlayerPage(webOrigins: string[]): Promise<RendererBundle> {
  return rendererBundle(await buildRendererFiles(PLAYER_PAGE_ENTRY), {
    title: '邻里 · 信息屏',
    frameOrigins: webOrigins,
  });
}
