/** Reads the prebuilt renderer files shipped with the packaged Electron app. */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { RendererFiles } from '../common/renderer-assets';

export function readRendererFiles(dir: string): RendererFiles {
  return new Map(readdirSync(dir).map((name) => [name, readFileSync(path.join(dir, name))]));
}
