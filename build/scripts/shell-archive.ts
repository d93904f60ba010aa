// A browser shell's update archive (`npm run release -- kiosk|player`): the app's bundles and pages
// (kiosk: kiosk.mjs, peripheral-worker.mjs, renderer/; player: player.mjs, player-page/) as a
// .tar.gz with version.json, signed with the release key (Ed25519 over the archive's SHA-512) when
// one is given. Built in the folder a device unpacks it into, <updates>/versions/<version>/ beside
// dist/ (SHELL_UPDATE_DIRS), so its bundles find node_modules and the files beside the code as
// dist/ does; the archive goes to release/. Staff upload it with its signature on the admin UI's
// 版本发布 page; devices trust the public key named by LINLI_UPDATE_KEYS.
import { createHash, createPrivateKey, sign } from 'node:crypto';
import { mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { ReleaseApp } from '@linli/protocol';
import { writeTarGz } from '@linli/device-drivers/archive/tar-archive';
import { ARCHIVE_LAYOUT, ARCHIVE_MANIFEST } from '../../kiosk-app/host/update/shell-archive';
import { buildRuntime } from './build-runtime';
import { KIOSK, PERIPHERAL_WORKER, PLAYER, SHELL_UPDATE_DIRS } from './runtime-entries';

const root = path.resolve(import.meta.dirname, '../..');
const ENTRIES = { kiosk: [KIOSK, PERIPHERAL_WORKER], player: [PLAYER] };

export interface ShellArchive {
  file: string;
  sha512: string;
  /** base64, for the upload form; null when no key was given. */
  signature: string | null;
}

/** Every file in `dir`'s folder `prefix`, as paths relative to `dir`, sorted. */
function filesBelow(dir: string, prefix = ''): string[] {
  return readdirSync(path.join(dir, prefix), { withFileTypes: true })
    .flatMap((entry) =>
      entry.isDirectory() ? filesBelow(dir, path.join(prefix, entry.name)) : [path.join(prefix, entry.name)],
    )
    .sort();
}

export async function buildShellArchive(options: {
  app: ReleaseApp;
  version: string;
  /** A PEM Ed25519 private key file. */
  keyFile?: string;
  outDir?: string;
}): Promise<ShellArchive> {
  const key = options.keyFile && createPrivateKey(readFileSync(options.keyFile));
  if (key && key.asymmetricKeyType !== 'ed25519') throw new Error(`${options.keyFile} is not an Ed25519 private key`);
  const layout = ARCHIVE_LAYOUT[options.app];
  const stage = path.join(root, SHELL_UPDATE_DIRS[options.app], 'versions', options.version);
  const outDir = options.outDir ?? path.join(root, 'release');
  mkdirSync(outDir, { recursive: true });
  const file = path.join(outDir, `${options.app}-${options.version}.tar.gz`);
  try {
    await buildRuntime(stage, ENTRIES[options.app]);
    const writer = writeTarGz(file, new Date());
    await writer.addBytes(
      ARCHIVE_MANIFEST,
      Buffer.from(JSON.stringify({ app: options.app, version: options.version })),
    );
    for (const name of [...layout.bundles, ...filesBelow(stage, layout.pages)])
      await writer.addFile(name, path.join(stage, name), statSync(path.join(stage, name)).size);
    await writer.finish();
  } finally {
    rmSync(stage, { recursive: true, force: true });
  }
  const digest = createHash('sha512').update(readFileSync(file)).digest();
  const signature = key ? sign(null, digest, key).toString('base64') : null;
  if (signature) writeFileSync(`${file}.sig`, `${signature}\n`);
  return { file, sha512: digest.toString('base64'), signature };
}
