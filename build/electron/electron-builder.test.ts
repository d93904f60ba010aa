// Guards the packaging config: every fuse and security-relevant electron-builder setting is
// asserted here, so weakening one is a visible test change, not a silent edit.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { FuseV1Options, FuseVersion, flipFuses, getCurrentFuseWire } from '@electron/fuses';
import { FuseState, SENTINEL } from '@electron/fuses/dist/constants';
import { ELECTRON_BUNDLE_DIR } from '../scripts/bundle-electron';

const root = path.resolve(import.meta.dirname, '../..');
const config = JSON.parse(readFileSync(path.join(import.meta.dirname, 'electron-builder.json'), 'utf8'));

interface PackContext {
  appOutDir: string;
  electronPlatformName: string;
  packager: { executableName: string; appInfo: { productFilename: string } };
}
type FusesModule = {
  FuseVersion: typeof FuseVersion;
  FuseV1Options: typeof FuseV1Options;
  flipFuses: typeof flipFuses;
};
interface FuseHook {
  kioskFuses: Record<string, boolean>;
  afterPack(context: PackContext, loadFuses?: () => Promise<FusesModule>): Promise<void>;
}
const hook = (await import(pathToFileURL(path.join(root, config.afterPack)).href)) as FuseHook;

const packContext = (electronPlatformName: string, appOutDir: string): PackContext => ({
  appOutDir,
  electronPlatformName,
  packager: { executableName: 'linli-kiosk', appInfo: { productFilename: 'linli-kiosk' } },
});

/**
 * A stand-in for the packed Electron binary (the real one cannot be downloaded here): program bytes
 * around the fuse wire as Electron 45 carries it: the sentinel, the wire version, the number of
 * fuses, then one byte a fuse ('1' on, '0' off), with Electron's own defaults.
 */
function packedBinary(file: string): void {
  const electronDefaults = '10110001'; // RunAsNode on, cookie encryption off, NODE_OPTIONS on, inspect on, …
  writeFileSync(
    file,
    Buffer.concat([
      Buffer.from('\x7fELF program bytes '),
      Buffer.from(SENTINEL),
      Buffer.from([1, electronDefaults.length]),
      Buffer.from(electronDefaults),
      Buffer.from(' more program bytes'),
    ]),
  );
}

test('every Electron fuse is set as a public kiosk needs it', () => {
  assert.deepEqual(hook.kioskFuses, {
    RunAsNode: false,
    EnableNodeOptionsEnvironmentVariable: false,
    EnableNodeCliInspectArguments: false,
    EnableCookieEncryption: true,
    GrantFileProtocolExtraPrivileges: false,
    OnlyLoadAppFromAsar: true,
    EnableEmbeddedAsarIntegrityValidation: true,
  });
});

test('packaging flips the fuses on the binary it just packed, on Linux and Windows (read back with @electron/fuses)', async (t) => {
  assert.equal(
    config.afterPack,
    'build/electron/flip-fuses.mjs',
    'electron-builder runs the hook after packing, before signing',
  );
  const out = mkdtempSync(path.join(tmpdir(), 'linli-fuses-'));
  t.after(() => rmSync(out, { recursive: true, force: true }));
  for (const [platform, name] of [
    ['linux', 'linli-kiosk'],
    ['win32', 'linli-kiosk.exe'],
  ] as const) {
    const appOutDir = path.join(out, platform);
    mkdirSync(appOutDir);
    packedBinary(path.join(appOutDir, name));
    await hook.afterPack(packContext(platform, appOutDir));
    const wire = await getCurrentFuseWire(path.join(appOutDir, name));
    const state = (fuse: string) => wire[FuseV1Options[fuse as keyof typeof FuseV1Options]];
    for (const [fuse, enabled] of Object.entries(hook.kioskFuses)) {
      assert.equal(state(fuse), enabled ? FuseState.ENABLE : FuseState.DISABLE, `${platform}: ${fuse}`);
    }
    assert.equal(
      state('LoadBrowserProcessSpecificV8Snapshot'),
      FuseState.DISABLE,
      `${platform}: a fuse the kiosk leaves alone keeps Electron's default`,
    );
  }
});

test('a fuse library that does not know a fuse stops the packaging instead of skipping it', async () => {
  // As an older @electron/fuses would be: it numbers only the first two fuses.
  const older: FusesModule = {
    FuseVersion,
    FuseV1Options: { RunAsNode: 0, EnableCookieEncryption: 1 } as unknown as typeof FuseV1Options,
    flipFuses,
  };
  await assert.rejects(
    hook.afterPack(packContext('linux', '/nowhere'), async () => older),
    /does not know the fuse/,
  );
  await assert.rejects(hook.afterPack(packContext('darwin', '/nowhere')), /linux or win32/);
});

test('electron-builder 25.1.8 gets no electronFuses key: its schema rejects unknown keys (the hook sets the fuses)', () => {
  assert.equal('electronFuses' in config, false);
});

test('the app is the bundle only, packed in an asar; only binaries are unpacked', () => {
  assert.equal(config.directories.app, ELECTRON_BUNDLE_DIR);
  assert.deepEqual(config.files, [
    'main.mjs',
    'peripheral-worker.mjs',
    'preload.cjs',
    'renderer/**',
    'forms/**',
    'package.json',
  ]);
  assert.equal(config.asar, true);
  // Anything unpacked escapes the asar integrity check: only native binaries and the PDF printing
  // helper the Windows spooler driver runs (an .exe cannot run from inside an archive).
  assert.deepEqual(config.asarUnpack, ['**/*.node', '**/node_modules/pdf-to-printer/dist/*.exe']);
  const kioskApp = JSON.parse(readFileSync(path.join(root, 'kiosk-app/package.json'), 'utf8'));
  assert.equal(
    config.electronVersion,
    kioskApp.devDependencies.electron,
    'packaged with the Electron the shell is typechecked against',
  );
});

test('native modules are rebuilt for Electron (better-sqlite3 is not N-API)', () => {
  assert.equal(config.npmRebuild, true);
});

test('targets: Linux dir, AppImage and deb; Windows NSIS installed per machine, so the kiosk user cannot change the app', () => {
  assert.deepEqual(config.linux.target, ['dir', 'AppImage', 'deb']);
  assert.deepEqual(config.win.target, ['nsis']);
  assert.equal(config.nsis.perMachine, true);
  assert.equal(config.nsis.oneClick, false);
  assert.equal(config.nsis.runAfterFinish, false);
  assert.equal(config.win.requestedExecutionLevel, 'asInvoker', 'the kiosk never runs elevated');
  assert.equal(config.publish, null, 'no update feed is generated or contacted');
});

test('the executable name matches what the OS recipes start', () => {
  assert.equal(config.executableName, 'linli-kiosk');
  const unit = readFileSync(path.join(root, 'build/kiosk-os/linux/linli-kiosk@.service'), 'utf8');
  assert.match(unit, /\/opt\/linli-kiosk\/linli-kiosk\b/);
  assert.ok(existsSync(path.join(root, 'build/kiosk-os/windows/shell-launcher.xml')));
  assert.match(
    readFileSync(path.join(root, 'build/kiosk-os/windows/shell-launcher.xml'), 'utf8'),
    /linli-kiosk\\linli-kiosk\.exe/,
  );
});
