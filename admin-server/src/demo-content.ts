/** The demo catalogue shipped in admin-server/demo/guides/, one JSON array per category. */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { GUIDE_FILE_FORMAT, type GuideFile, type GuideInput } from '@linli/protocol';

export const DEMO_GUIDES_DIR = path.resolve(import.meta.dirname, '../demo/guides');

export function readDemoGuides(dir = DEMO_GUIDES_DIR): GuideFile {
  const guides = readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .flatMap((name) => JSON.parse(readFileSync(path.join(dir, name), 'utf8')) as GuideInput[]);
  return { format: GUIDE_FILE_FORMAT, formatVersion: 1, guides };
}
