// Bundles the Electron shell for packaging: main process (ESM), the device worker (ESM, run as a
// utility process), the sandboxed preload (one CommonJS file, as sandboxed preloads cannot be
// ESM), the prebuilt renderer, the forms, and the app's package.json that electron-builder packs
// (build/electron/electron-builder.json).
// Usage: tsx build/scripts/bundle-electron.ts [outDir]   (default kiosk-app/dist/electron)
import { build, type BuildOptions } from 'esbuild';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { writeRendererFiles } from '../../kiosk-app/shells/common/renderer-build';

const root = path.resolve(import.meta.dirname, '../..');
const shellDir = path.join(root, 'kiosk-app/shells/electron');

/** Where the bundle goes, relative to the repository root; electron-builder's app directory. */
export const ELECTRON_BUNDLE_DIR = 'kiosk-app/dist/electron';

// Packages the packaged app installs instead of bundling: native modules (better-sqlite3 is
// rebuilt for Electron's ABI; serialport's N-API binding is not) and pdf-to-printer, whose
// SumatraPDF executable must stay beside it.
const INSTALLED_PACKAGES = ['better-sqlite3', 'serialport', 'pdf-to-printer'];

function readPackage(dir: string): { version: string; dependencies: Record<string, string> } {
  return JSON.parse(readFileSync(path.join(root, dir, 'package.json'), 'utf8'));
}

function appPackageJson(): string {
  const kioskApp = readPackage('kiosk-app');
  const versions = { ...readPackage('device-drivers').dependencies, ...kioskApp.dependencies };
  return `${JSON.stringify(
    {
      name: 'linli-kiosk',
      version: kioskApp.version,
      description: 'Linli kiosk (Electron shell)',
      author: 'Linli contributors',
      license: 'MIT',
      main: 'main.mjs',
      dependencies: Object.fromEntries(INSTALLED_PACKAGES.map((name) => [name, versions[name]])),
    },
    null,
    2,
  )}\n`;
}

export async function bundleElectron(outDir: string): Promise<void> {
  mkdirSync(outDir, { recursive: true });
  const common: BuildOptions = {
    bundle: true,
    platform: 'node',
    target: 'node20',
    logLevel: 'silent',
    external: ['electron'],
  };
  const esm: BuildOptions = {
    ...common,
    format: 'esm',
    external: ['electron', ...INSTALLED_PACKAGES],
    banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" },
  };
  await build({ ...esm, entryPoints: [path.join(shellDir, 'main.ts')], outfile: path.join(outDir, 'main.mjs') });
  // The devices run in a utility process of their own (kiosk-app/host/peripherals/peripheral-worker.ts).
  await build({
    ...esm,
    entryPoints: [path.join(root, 'kiosk-app/host/peripherals/peripheral-worker.ts')],
    outfile: path.join(outDir, 'peripheral-worker.mjs'),
  });
  await build({
    ...common,
    entryPoints: [path.join(shellDir, 'preload.ts')],
    outfile: path.join(outDir, 'preload.cjs'),
    format: 'cjs',
  });
  await writeRendererFiles(path.join(outDir, 'renderer'));
  writeFileSync(path.join(outDir, 'package.json'), appPackageJson());
  // The printable forms (definitions and templates) travel with the app.
  const formsDir = path.join(root, 'device-drivers/forms');
  mkdirSync(path.join(outDir, 'forms'), { recursive: true });
  for (const name of readdirSync(formsDir).filter((file) => /\.(form\.json|pdf)$/.test(file)))
    copyFileSync(path.join(formsDir, name), path.join(outDir, 'forms', name));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const outDir = path.resolve(process.argv[2] ?? path.join(root, ELECTRON_BUNDLE_DIR));
  await bundleElectron(outDir);
  console.log(`Electron shell bundled into ${outDir}`);
}
