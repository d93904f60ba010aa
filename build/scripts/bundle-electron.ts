// Bundles the Electron shell for packaging: main process (ESM), the sandboxed preload (one
// CommonJS file, as sandboxed preloads cannot be ESM) and the prebuilt renderer.
// Usage: tsx build/scripts/bundle-electron.ts [outDir]   (default kiosk-app/dist/electron)
import { build, type BuildOptions } from 'esbuild';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { buildRendererFiles } from '../../kiosk-app/shells/common/renderer-build';

const root = path.resolve(import.meta.dirname, '../..');
const shellDir = path.join(root, 'kiosk-app/shells/electron');

export async function bundleElectron(outDir: string): Promise<void> {
  mkdirSync(path.join(outDir, 'renderer'), { recursive: true });
  const common: BuildOptions = { bundle: true, platform: 'node', target: 'node20', logLevel: 'silent', external: ['electron'] };
  await build({
    ...common,
    entryPoints: [path.join(shellDir, 'main.ts')],
    outfile: path.join(outDir, 'main.mjs'),
    format: 'esm',
    // Native and heavy modules stay as packages the app installs (better-sqlite3 is rebuilt for Electron).
    external: ['electron', 'better-sqlite3'],
    banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" },
  });
  await build({ ...common, entryPoints: [path.join(shellDir, 'preload.ts')], outfile: path.join(outDir, 'preload.cjs'), format: 'cjs' });
  for (const [name, contents] of await buildRendererFiles()) writeFileSync(path.join(outDir, 'renderer', name), contents);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const outDir = path.resolve(process.argv[2] ?? path.join(root, 'kiosk-app/dist/electron'));
  await bundleElectron(outDir);
  console.log(`Electron shell bundled into ${outDir}`);
}
