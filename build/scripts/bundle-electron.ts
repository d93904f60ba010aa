// Bundles the Electron shells for packaging. The kiosk: main process (ESM), the device worker (ESM,
// run as a utility process), the sandboxed preload (one CommonJS file, as sandboxed preloads cannot
// be ESM), the prebuilt renderer, the forms, and the app's package.json that electron-builder packs
// (build/electron/electron-builder.json). The signage player: main process and its prebuilt page
// (build/electron/player-builder.json).
// Usage: tsx build/scripts/bundle-electron.ts [kiosk|player] [outDir]
//        (default kiosk into kiosk-app/dist/electron; player into signage-player/dist/electron)
import { build, type BuildOptions } from 'esbuild';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { writeRendererFiles } from '../../kiosk-app/shells/common/renderer-build';
import { writePlayerPageFiles } from '../../signage-player/shells/browser/player-page';

const root = path.resolve(import.meta.dirname, '../..');
const shellDir = path.join(root, 'kiosk-app/shells/electron');

/** Where the bundles go, relative to the repository root; electron-builder's app directories. */
export const ELECTRON_BUNDLE_DIR = 'kiosk-app/dist/electron';
export const PLAYER_ELECTRON_BUNDLE_DIR = 'signage-player/dist/electron';

// Packages the packaged app installs instead of bundling: native modules (better-sqlite3 is
// rebuilt for Electron's ABI; serialport's N-API binding is not) and pdf-to-printer, whose
// SumatraPDF executable must stay beside it.
const INSTALLED_PACKAGES = ['better-sqlite3', 'serialport', 'pdf-to-printer'];

function readPackage(dir: string): { version: string; dependencies: Record<string, string> } {
  return JSON.parse(readFileSync(path.join(root, dir, 'package.json'), 'utf8'));
}

/** The package.json electron-builder installs the app's native and kept-apart packages from. */
function appPackageJson(app: { name: string; version: string; description: string }, installed: string[]): string {
  const versions = {
    ...readPackage('device-drivers').dependencies,
    ...readPackage('kiosk-app').dependencies,
    ...readPackage('signage-player').dependencies,
  };
  return `${JSON.stringify(
    {
      ...app,
      author: 'Linli contributors',
      license: 'MIT',
      main: 'main.mjs',
      dependencies: Object.fromEntries(installed.map((name) => [name, versions[name]])),
    },
    null,
    2,
  )}\n`;
}

/** Main-process code as one ESM file, with `require` for the CommonJS packages it keeps apart. */
function mainProcessOptions(installed: string[]): BuildOptions {
  return {
    bundle: true,
    platform: 'node',
    target: 'node20',
    logLevel: 'silent',
    format: 'esm',
    external: ['electron', ...installed],
    banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" },
  };
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
  const esm = mainProcessOptions(INSTALLED_PACKAGES);
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
  const kioskApp = readPackage('kiosk-app');
  writeFileSync(
    path.join(outDir, 'package.json'),
    appPackageJson(
      { name: 'linli-kiosk', version: kioskApp.version, description: 'Linli kiosk (Electron shell)' },
      INSTALLED_PACKAGES,
    ),
  );
  // The printable forms (definitions and templates) travel with the app.
  const formsDir = path.join(root, 'device-drivers/forms');
  mkdirSync(path.join(outDir, 'forms'), { recursive: true });
  for (const name of readdirSync(formsDir).filter((file) => /\.(form\.json|pdf)$/.test(file)))
    copyFileSync(path.join(formsDir, name), path.join(outDir, 'forms', name));
}

/** The signage player: its main process and its page, prebuilt (no esbuild at run time). */
export async function bundlePlayerElectron(outDir: string): Promise<void> {
  mkdirSync(outDir, { recursive: true });
  const installed = ['better-sqlite3'];
  await build({
    ...mainProcessOptions(installed),
    entryPoints: [path.join(root, 'signage-player/shells/electron/main.ts')],
    outfile: path.join(outDir, 'main.mjs'),
  });
  await writePlayerPageFiles(path.join(outDir, 'page'));
  const player = readPackage('signage-player');
  writeFileSync(
    path.join(outDir, 'package.json'),
    appPackageJson(
      { name: 'linli-player', version: player.version, description: 'Linli signage player (Electron shell)' },
      installed,
    ),
  );
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const which = process.argv[2] === 'player' ? 'player' : 'kiosk';
  const named = process.argv[2] === 'player' || process.argv[2] === 'kiosk' ? process.argv[3] : process.argv[2];
  const outDir = path.resolve(
    named ?? path.join(root, which === 'player' ? PLAYER_ELECTRON_BUNDLE_DIR : ELECTRON_BUNDLE_DIR),
  );
  await (which === 'player' ? bundlePlayerElectron(outDir) : bundleElectron(outDir));
  console.log(`Electron shell (${which}) bundled into ${outDir}`);
}
