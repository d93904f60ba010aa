// Bundles the Electron shell for packaging: main process (ESM), the sandboxed preload (one
// CommonJS file, as sandboxed preloads cannot be ESM), the prebuilt renderer, and the app's
// package.json that electron-builder packs (build/electron/electron-builder.json).
// Usage: tsx build/scripts/bundle-electron.ts [outDir]   (default kiosk-app/dist/electron)
import { build, type BuildOptions } from 'esbuild';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { buildRendererFiles } from '../../kiosk-app/shells/common/renderer-build';

const root = path.resolve(import.meta.dirname, '../..');
const shellDir = path.join(root, 'kiosk-app/shells/electron');

/** Where the bundle goes, relative to the repository root; electron-builder's app directory. */
export const ELECTRON_BUNDLE_DIR = 'kiosk-app/dist/electron';

// Native modules stay packages the packaged app installs: better-sqlite3 is rebuilt for Electron's ABI.
const NATIVE_PACKAGES = ['better-sqlite3'];

function appPackageJson(): string {
  const kioskApp = JSON.parse(readFileSync(path.join(root, 'kiosk-app/package.json'), 'utf8')) as { version: string; dependencies: Record<string, string> };
  return `${JSON.stringify(
    {
      name: 'linli-kiosk',
      version: kioskApp.version,
      description: 'Linli kiosk (Electron shell)',
      author: 'Linli contributors',
      license: 'MIT',
      main: 'main.mjs',
      dependencies: Object.fromEntries(NATIVE_PACKAGES.map((name) => [name, kioskApp.dependencies[name]])),
    },
    null,
    2,
  )}\n`;
}

export async function bundleElectron(outDir: string): Promise<void> {
  mkdirSync(path.join(outDir, 'renderer'), { recursive: true });
  const common: BuildOptions = { bundle: true, platform: 'node', target: 'node20', logLevel: 'silent', external: ['electron'] };
  await build({
    ...common,
    entryPoints: [path.join(shellDir, 'main.ts')],
    outfile: path.join(outDir, 'main.mjs'),
    format: 'esm',
    external: ['electron', ...NATIVE_PACKAGES],
    banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" },
  });
  await build({ ...common, entryPoints: [path.join(shellDir, 'preload.ts')], outfile: path.join(outDir, 'preload.cjs'), format: 'cjs' });
  for (const [name, contents] of await buildRendererFiles()) writeFileSync(path.join(outDir, 'renderer', name), contents);
  writeFileSync(path.join(outDir, 'package.json'), appPackageJson());
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const outDir = path.resolve(process.argv[2] ?? path.join(root, ELECTRON_BUNDLE_DIR));
  await bundleElectron(outDir);
  console.log(`Electron shell bundled into ${outDir}`);
}
