/**
 * The browser shell's update archive: a .tar.gz of one version of the kiosk (kiosk.mjs,
 * peripheral-worker.mjs, renderer/) or of the player (player.mjs, player-page/), with version.json,
 * signed with Ed25519 over its SHA-512 by the release machine's key.
 * Checked whole before anything of it is unpacked; unpacked beside the other versions under a
 * temporary name and renamed into place, so a version folder is complete or absent.
 */
import { LinliError, ShellArchiveManifest, parseWith, type ReleaseApp } from '@linli/protocol';
import { readTarGz, saveEntry } from '@linli/device-drivers/archive/tar-archive';
import { createHash, createPublicKey, verify, type KeyObject } from 'node:crypto';
import { createReadStream, existsSync, readFileSync } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';

/** What each app's archive holds: its entry (the launcher starts it), the bundles beside it, its pages' folder. */
export const ARCHIVE_LAYOUT: Record<ReleaseApp, { entry: string; bundles: readonly string[]; pages: string }> = {
  kiosk: { entry: 'kiosk.mjs', bundles: ['kiosk.mjs', 'peripheral-worker.mjs'], pages: 'renderer' },
  player: { entry: 'player.mjs', bundles: ['player.mjs'], pages: 'player-page' },
};
export const ARCHIVE_MANIFEST = 'version.json';
/** A file in the pages' folder, at most two folders down: nothing outside its own folder. */
const PAGE_FILE = /^(?:[A-Za-z0-9][A-Za-z0-9._-]{0,80}\/){0,2}[A-Za-z0-9][A-Za-z0-9._-]{0,80}$/;

/** The only names an app's archive may hold. */
function allowedEntry(app: ReleaseApp, name: string): boolean {
  const layout = ARCHIVE_LAYOUT[app];
  if (name === ARCHIVE_MANIFEST || layout.bundles.includes(name)) return true;
  return name.startsWith(`${layout.pages}/`) && PAGE_FILE.test(name.slice(layout.pages.length + 1));
}

/** The release keys a kiosk trusts: the PEM public keys (Ed25519) in one file, installed with it. */
export function readTrustedKeys(file: string): KeyObject[] {
  if (!existsSync(file)) throw new LinliError('CONFIG_INVALID', `No release key file at ${file}`);
  const blocks = readFileSync(file, 'utf8').match(/-----BEGIN PUBLIC KEY-----[\s\S]+?-----END PUBLIC KEY-----/g) ?? [];
  const keys = blocks.map((pem) => createPublicKey(pem));
  if (keys.length === 0 || keys.some((key) => key.asymmetricKeyType !== 'ed25519'))
    throw new LinliError('CONFIG_INVALID', `${file} must hold one or more Ed25519 public keys (PEM)`);
  return keys;
}

async function sha512Of(file: string): Promise<Buffer> {
  const hash = createHash('sha512');
  await pipeline(createReadStream(file), hash);
  return hash.digest();
}

/** The archive is the one offered (its SHA-512) and signed by a trusted key, or it is refused. */
export async function verifyArchive(
  file: string,
  offer: { sha512: string; signature: string },
  trusted: readonly KeyObject[],
): Promise<void> {
  const digest = await sha512Of(file);
  if (digest.toString('base64') !== offer.sha512)
    throw new LinliError('UPDATE_INVALID', 'The archive is not the one offered: its SHA-512 differs');
  const signature = Buffer.from(offer.signature, 'base64');
  if (!trusted.some((key) => verify(null, digest, key, signature)))
    throw new LinliError('SIGNATURE_INVALID', 'The archive is not signed by a release key this kiosk trusts');
}

/** Unpacks a verified archive into `dir`; its manifest must name the app and version expected. */
export async function unpackArchive(file: string, dir: string, expected: { app: ReleaseApp; version: string }) {
  const partial = `${dir}.partial`;
  await rm(partial, { recursive: true, force: true });
  const layout = ARCHIVE_LAYOUT[expected.app];
  await mkdir(path.join(partial, layout.pages), { recursive: true });
  let manifest: ShellArchiveManifest | undefined;
  try {
    await readTarGz(
      file,
      async (entry) => {
        if (!allowedEntry(expected.app, entry.name))
          throw new LinliError('UPDATE_INVALID', `The archive holds ${JSON.stringify(entry.name.slice(0, 120))}`);
        if (entry.name === ARCHIVE_MANIFEST) {
          const chunks: Buffer[] = [];
          for await (const chunk of entry.body) chunks.push(chunk as Buffer);
          manifest = parseWith(
            ShellArchiveManifest,
            JSON.parse(Buffer.concat(chunks).toString('utf8')),
            'UPDATE_INVALID',
          );
          return;
        }
        await mkdir(path.dirname(path.join(partial, entry.name)), { recursive: true });
        await saveEntry(entry, path.join(partial, entry.name));
      },
      'UPDATE_INVALID',
    );
    if (!manifest || manifest.app !== expected.app || manifest.version !== expected.version)
      throw new LinliError(
        'UPDATE_INVALID',
        `The archive is not ${expected.app} ${expected.version} (its manifest says ${manifest ? `${manifest.app} ${manifest.version}` : 'nothing'})`,
      );
    if (!existsSync(path.join(partial, layout.entry)))
      throw new LinliError('UPDATE_INVALID', `The archive has no ${layout.entry}`);
    await rm(dir, { recursive: true, force: true });
    await rename(partial, dir);
  } catch (error) {
    await rm(partial, { recursive: true, force: true });
    if (error instanceof SyntaxError) throw new LinliError('UPDATE_INVALID', 'The archive manifest is not JSON');
    throw error;
  }
}
