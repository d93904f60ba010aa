// The kiosk browser shell's update archive (`npm run release -- kiosk`): its host bundle, device
// worker and screens as a .tar.gz with version.json, signed with the release key (Ed25519 over the
// archive's SHA-512) when one is given. Built in the folder a kiosk unpacks it into,
// updates/versions/<version>/ beside dist/, so its bundles find node_modules and the files beside
// the code as dist/ does; the archive goes to release/. Staff upload it with its signature on the
// admin UI's 版本发布 page; kiosks trust the public key named by LINLI_UPDATE_KEYS.
import { createHash, createPrivateKey, sign } from 'node:crypto';
import { mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { writeTarGz } from '@linli/device-drivers/archive/tar-archive';
import { buildRuntime } from './build-runtime';
import { KIOSK, PERIPHERAL_WORKER } from './runtime-entries';

const root = path.resolve(import.meta.dirname, '../..');
/** Where kiosks unpack updates (the launcher's LINLI_UPDATE_DIR default), relative to the checkout. */
export const UPDATES_DIR = 'updates';

export interface ShellArchive {
  file: string;
  sha512: string;
  /** base64, for the upload form; null when no key was given. */
  signature: string | null;
}

export async function buildShellArchive(options: {
  version: string;
  /** A PEM Ed25519 private key file. */
  keyFile?: string;
  outDir?: string;
}): Promise<ShellArchive> {
  const key = options.keyFile && createPrivateKey(readFileSync(options.keyFile));
  if (key && key.asymmetricKeyType !== 'ed25519') throw new Error(`${options.keyFile} is not an Ed25519 private key`);
  const stage = path.join(root, UPDATES_DIR, 'versions', options.version);
  const outDir = options.outDir ?? path.join(root, 'release');
  mkdirSync(outDir, { recursive: true });
  const file = path.join(outDir, `kiosk-${options.version}.tar.gz`);
  try {
    await buildRuntime(stage, [KIOSK, PERIPHERAL_WORKER]);
    const writer = writeTarGz(file, new Date());
    await writer.addBytes('version.json', Buffer.from(JSON.stringify({ app: 'kiosk', version: options.version })));
    for (const name of [KIOSK.bundle, PERIPHERAL_WORKER.bundle])
      await writer.addFile(name, path.join(stage, name), statSync(path.join(stage, name)).size);
    for (const name of readdirSync(path.join(stage, 'renderer')).sort()) {
      const source = path.join(stage, 'renderer', name);
      await writer.addFile(`renderer/${name}`, source, statSync(source).size);
    }
    await writer.finish();
  } finally {
    rmSync(stage, { recursive: true, force: true });
  }
  const digest = createHash('sha512').update(readFileSync(file)).digest();
  const signature = key ? sign(null, digest, key).toString('base64') : null;
  if (signature) writeFileSync(`${file}.sig`, `${signature}\n`);
  return { file, sha512: digest.toString('base64'), signature };
}
