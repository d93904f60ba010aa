// Guards the packaging config: every fuse and security-relevant electron-builder setting is
// asserted here, so weakening one is a visible test change, not a silent edit.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ELECTRON_BUNDLE_DIR } from '../scripts/bundle-electron';

const root = path.resolve(import.meta.dirname, '../..');
const config = JSON.parse(readFileSync(path.join(import.meta.dirname, 'electron-builder.json'), 'utf8'));

interface PackContext {
  appOutDir: string;
  electronPlatformName: string;
  packager: { executableName: string; appInfo: { productFilename: string } };
}
interface FusesModule {
  FuseVersion: { V1: string };
  FuseV1Options: Record<string, number>;
  flipFuses(binary: string, wire: Record<string, unknown>): Promise<number>;
}
interface FuseHook {
  kioskFuses: Record<string, boolean>;
  afterPack(context: PackContext, loadFuses: () => Promise<FusesModule>): Promise<void>;
}
const hook = (await import(pathToFileURL(path.join(root, config.afterPack)).href)) as FuseHook;

/** FuseV1Options as @electron/fuses 1.8.0 numbers them (its enum, both directions). */
function fakeFusesModule(names = ['RunAsNode', 'EnableCookieEncryption', 'EnableNodeOptionsEnvironmentVariable', 'EnableNodeCliInspectArguments', 'EnableEmbeddedAsarIntegrityValidation', 'OnlyLoadAppFromAsar', 'LoadBrowserProcessSpecificV8Snapshot', 'GrantFileProtocolExtraPrivileges']) {
  const flipped: Array<{ binary: string; wire: Record<string, unknown> }> = [];
  const options: Record<string, number> = Object.fromEntries(names.map((name, index) => [name, index]));
  const fuses: FusesModule = {
    FuseVersion: { V1: '1' },
    FuseV1Options: options,
    flipFuses: async (binary, wire) => flipped.push({ binary, wire }),
  };
  return { fuses, flipped };
}

const packContext = (electronPlatformName: string): PackContext => ({
  appOutDir: '/out/unpacked',
  electronPlatformName,
  packager: { executableName: 'linli-kiosk', appInfo: { productFilename: 'linli-kiosk' } },
});

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

test('packaging flips the fuses on the binary it just packed, on Linux and Windows', async () => {
  assert.equal(config.afterPack, 'build/electron/flip-fuses.mjs', 'electron-builder runs the hook after packing, before signing');
  for (const [platform, binary] of [['linux', '/out/unpacked/linli-kiosk'], ['win32', '/out/unpacked/linli-kiosk.exe']]) {
    const { fuses, flipped } = fakeFusesModule();
    await hook.afterPack(packContext(platform!), async () => fuses);
    assert.deepEqual(flipped, [{ binary, wire: { version: '1', 0: false, 1: true, 2: false, 3: false, 4: true, 5: true, 7: false } }], platform);
  }
});

test('a fuse library that does not know a fuse stops the packaging instead of skipping it', async () => {
  const { fuses } = fakeFusesModule(['RunAsNode', 'EnableCookieEncryption']);
  await assert.rejects(hook.afterPack(packContext('linux'), async () => fuses), /does not know the fuse/);
  await assert.rejects(hook.afterPack(packContext('darwin'), async () => fakeFusesModule().fuses), /linux or win32/);
});

test('electron-builder 25.1.8 gets no electronFuses key: its schema rejects unknown keys (the hook sets the fuses)', () => {
  assert.equal('electronFuses' in config, false);
});

test('the app is the bundle only, packed in an asar; only binaries are unpacked', () => {
  assert.equal(config.directories.app, ELECTRON_BUNDLE_DIR);
  assert.deepEqual(config.files, ['main.mjs', 'device-worker.mjs', 'preload.cjs', 'renderer/**', 'forms/**', 'package.json']);
  assert.equal(config.asar, true);
  // Anything unpacked escapes the asar integrity check: only native binaries and the PDF printing
  // helper the Windows spooler driver runs (an .exe cannot run from inside an archive).
  assert.deepEqual(config.asarUnpack, ['**/*.node', '**/node_modules/pdf-to-printer/dist/*.exe']);
  const kioskApp = JSON.parse(readFileSync(path.join(root, 'kiosk-app/package.json'), 'utf8'));
  assert.equal(config.electronVersion, kioskApp.devDependencies.electron, 'packaged with the Electron the shell is typechecked against');
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
  assert.match(readFileSync(path.join(root, 'build/kiosk-os/windows/shell-launcher.xml'), 'utf8'), /linli-kiosk\\linli-kiosk\.exe/);
});
