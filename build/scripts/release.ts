// `npm run release -- kiosk|player`: builds what can be built of an Electron release on this
// machine and says exactly what is left for a release machine. Here: the app's bundle (the
// packaging input, build/scripts/bundle-electron.ts), checked against its electron-builder
// configuration (every file it packs is there, the app's entry, the fuse hook). With the locked
// packaging toolchain installed (`npm ci --prefix build/electron`) and a local unpacked Electron
// (LINLI_ELECTRON_DIST), also the unpacked Linux app (`--linux dir`, which needs no download).
// AppImage and deb need tools electron-builder downloads; NSIS needs Windows; signing needs the
// keys: those are named, never attempted. Exits 1 when the packaging input is incomplete.
// Also the app's browser shell update archive (shell-archive.ts), signed with --key.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { VERSION_PATTERN, type ReleaseApp } from '@linli/protocol';
import { bundleElectron, bundlePlayerElectron } from './bundle-electron';
import { buildShellArchive } from './shell-archive';

const root = path.resolve(import.meta.dirname, '../..');
const TOOLCHAIN = path.join(root, 'build/electron/node_modules/.bin/electron-builder');

export const RELEASES = {
  kiosk: { config: 'build/electron/electron-builder.json', bundle: bundleElectron },
  player: { config: 'build/electron/player-builder.json', bundle: bundlePlayerElectron },
} as const;
export type ReleaseName = keyof typeof RELEASES;

interface BuilderConfig {
  productName: string;
  electronVersion: string;
  directories: { app: string; output: string };
  files: string[];
  afterPack?: string;
  linux: { target: string[] };
  win: { target: string[] };
}

/** What the configuration packs that the app folder lacks: `name` must be a file, `dir/**` a non-empty folder. */
export function missingInputs(appDir: string, config: BuilderConfig): string[] {
  const missing = config.files.filter((pattern) => {
    const folder = /^([^*]+)\/\*\*$/.exec(pattern)?.[1];
    if (folder) return !existsSync(path.join(appDir, folder)) || readdirSync(path.join(appDir, folder)).length === 0;
    return !existsSync(path.join(appDir, pattern));
  });
  const manifest = path.join(appDir, 'package.json');
  if (existsSync(manifest)) {
    const main = (JSON.parse(readFileSync(manifest, 'utf8')) as { main?: string }).main;
    if (!main || !existsSync(path.join(appDir, main))) missing.push(`package.json's main (${main ?? 'none'})`);
  }
  if (config.afterPack && !existsSync(path.join(root, config.afterPack)))
    missing.push(`the afterPack hook ${config.afterPack}`);
  return missing;
}

/**
 * `appDir`: bundle into another folder than the configuration's (the tests do, to leave the
 * repository as it is); electron-builder is then pointed at it.
 */
export async function release(
  name: ReleaseName,
  env: NodeJS.ProcessEnv,
  options: { appDir?: string } = {},
): Promise<{ ok: boolean; report: string[] }> {
  const { config: configFile, bundle } = RELEASES[name];
  const config = JSON.parse(readFileSync(path.join(root, configFile), 'utf8')) as BuilderConfig;
  const appDir = options.appDir ?? path.join(root, config.directories.app);
  const shownDir = path.relative(root, appDir);
  await bundle(appDir);
  const missing = missingInputs(appDir, config);
  const report = [`${config.productName} (Electron ${config.electronVersion}), from ${configFile}:`];
  if (missing.length > 0) {
    report.push(`  ✗ the packaging input in ${shownDir} lacks: ${missing.join(', ')}`);
    return { ok: false, report };
  }
  report.push(
    `  ✓ packaging input: ${config.directories.app} (${config.files.join(', ')}), fuse hook ${config.afterPack}`,
  );
  const electronDist = env.LINLI_ELECTRON_DIST;
  if (!existsSync(TOOLCHAIN))
    report.push(
      '  – unpacked Linux app (--linux dir): install the locked toolchain first: npm ci --prefix build/electron',
    );
  else if (!electronDist || !existsSync(electronDist))
    report.push(
      `  – unpacked Linux app (--linux dir): set LINLI_ELECTRON_DIST to an unpacked Electron ${config.electronVersion} for this platform`,
    );
  else {
    const built = spawnSync(
      TOOLCHAIN,
      [
        '--config',
        configFile,
        '--linux',
        'dir',
        `-c.electronDist=${electronDist}`,
        `-c.directories.app=${appDir}`,
        '--publish',
        'never',
      ],
      { cwd: root, stdio: 'inherit' },
    );
    if (built.status !== 0) {
      report.push(`  ✗ electron-builder --linux dir failed (exit ${built.status})`);
      return { ok: false, report };
    }
    report.push(`  ✓ unpacked Linux app in ${config.directories.output}, fuses flipped`);
  }
  const linuxPackages = config.linux.target.filter((target) => target !== 'dir');
  report.push(
    `  – Linux ${linuxPackages.join(' and ')} for x64 and arm64 (--linux ${linuxPackages.join(' ')} --x64 --arm64): a release machine with network, as electron-builder downloads fpm and appimagetool; the packages are signed by the apt repository that serves them`,
    `  – Windows ${config.win.target.join(', ')} (--win): a Windows machine, where the installer is signed with the street office's code-signing certificate`,
    '  Steps: build/electron/README.md',
  );
  return { ok: true, report };
}

/** The browser shell's update archive, and what to do with it. */
async function shellArchiveReport(app: ReleaseApp, version: string, keyFile: string | undefined): Promise<string[]> {
  const archive = await buildShellArchive({ app, version, ...(keyFile && { keyFile }) });
  const shown = path.relative(root, archive.file);
  return [
    `${app === 'kiosk' ? 'Kiosk' : 'Player'} browser shell update ${version}:`,
    `  ✓ ${shown} (${(statSync(archive.file).size / 1024 / 1024).toFixed(1)} MB)`,
    archive.signature
      ? `  ✓ signed: ${shown}.sig — upload both on the admin UI's 版本发布 page (platform: browser shell)`
      : '  – not signed: give --key FILE (an Ed25519 private key, PEM); devices install signed archives only',
  ];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { key: { type: 'string' }, version: { type: 'string' } },
  });
  const name = positionals[0];
  const version =
    values.version ??
    (JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string }).version;
  if (
    positionals.length !== 1 ||
    !(name === 'kiosk' || name === 'player') ||
    !new RegExp(VERSION_PATTERN).test(version)
  ) {
    console.error('usage: npm run release -- kiosk|player [--version 1.2.0] [--key release-key.pem]');
    process.exit(2);
  }
  const { ok, report } = await release(name, process.env);
  if (ok) report.push(...(await shellArchiveReport(name, version, values.key)));
  console.log(report.join('\n'));
  process.exit(ok ? 0 : 1);
}
