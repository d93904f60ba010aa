// electron-builder afterPack hook: flips the kiosk's Electron fuses on the binary it just packed,
// before signing (electron-builder signs after afterPack, so the signature covers the flipped bits).
//
// electron-builder 25.1.8 has no `electronFuses` option (it arrived in 26.0.0-alpha.1, and 25's
// schema rejects unknown keys), so the fuses are flipped here with @electron/fuses 1.8.0, the
// last CommonJS release that runs on Node 20 (2.x is ESM-only and wants Node >= 22.12). When the
// toolchain moves to electron-builder >= 26, `kioskFuses` maps one-to-one onto `electronFuses`
// (lower-camel-case keys) and this hook can go.
import path from 'node:path';

/**
 * The fuses, by their @electron/fuses FuseV1Options names. Every one is security-relevant;
 * build/electron/electron-builder.test.ts asserts each value so none is weakened silently.
 */
export const kioskFuses = {
  // ELECTRON_RUN_AS_NODE would turn the signed kiosk binary into a plain Node interpreter.
  RunAsNode: false,
  // NODE_OPTIONS could preload code into the main process.
  EnableNodeOptionsEnvironmentVariable: false,
  // --inspect, --inspect-brk and SIGUSR1 would open a debugger on the main process.
  EnableNodeCliInspectArguments: false,
  // Cookies on disk are encrypted with the OS key store (one-way: never turn it off again).
  EnableCookieEncryption: true,
  // file:// gets no more rights than in Chrome; the app is served from app://kiosk anyway.
  GrantFileProtocolExtraPrivileges: false,
  // Only app.asar is loaded, never a loose app/ folder dropped next to it.
  OnlyLoadAppFromAsar: true,
  // Electron checks app.asar against the hash embedded at packaging. Enforced on macOS
  // (Electron >= 16) and Windows (>= 30) only, NOT on Linux: there the app files are protected
  // by root-owned install paths and a read-only root (build/kiosk-os/README.md).
  EnableEmbeddedAsarIntegrityValidation: true,
};

/** The packed Electron executable: renamed to the product on Windows, to `executableName` on Linux. */
export function electronBinaryPath(context) {
  const { appOutDir, packager, electronPlatformName } = context;
  if (electronPlatformName === 'win32') return path.join(appOutDir, `${packager.appInfo.productFilename}.exe`);
  if (electronPlatformName === 'linux') return path.join(appOutDir, packager.executableName);
  throw new Error(`No kiosk fuses for platform ${electronPlatformName}: package for linux or win32`);
}

/** The fuse wire @electron/fuses expects: option indexes mapped to on/off. */
export function fuseWire(fusesModule) {
  const wire = { version: fusesModule.FuseVersion.V1 };
  for (const [name, enabled] of Object.entries(kioskFuses)) {
    const index = fusesModule.FuseV1Options[name];
    if (index === undefined) throw new Error(`@electron/fuses does not know the fuse ${name}`);
    wire[index] = enabled;
  }
  return wire;
}

export async function afterPack(context, loadFuses = () => import('@electron/fuses')) {
  const loaded = await loadFuses();
  const fusesModule = loaded.flipFuses ? loaded : loaded.default;
  await fusesModule.flipFuses(electronBinaryPath(context), fuseWire(fusesModule));
}
