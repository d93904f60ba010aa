import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestContext } from 'node:test';
import type { ShellUpdateOffer } from '@linli/protocol';
import { writeTarGz } from '@linli/device-drivers/archive/tar-archive';
import { downloadMedia } from '../host/media/media-download';
import { SYSTEM_TIMERS } from '../host/lifecycle/timers';
import { readTrustedKeys } from '../host/update/shell-archive';
import { createShellUpdater } from '../host/update/shell-updater';
import { readUpdateState, rolledBack, writeUpdateState } from '../host/update/update-state';
import { sha256Of, startMediaServer } from './media-server';
import { until } from './until';

type Offered = NonNullable<ShellUpdateOffer['release']>;

const releaseKey = generateKeyPairSync('ed25519');

/** A release archive as `npm run release -- kiosk` makes it, signed with `key`. */
async function archive(
  dir: string,
  version: string,
  entries: Record<string, string> = {},
  key: KeyObject = releaseKey.privateKey,
): Promise<{ offer: Offered; data: Buffer }> {
  const file = path.join(dir, `kiosk-${version}.tar.gz`);
  const writer = writeTarGz(file, new Date('2026-12-01T00:00:00Z'));
  const files = {
    'version.json': JSON.stringify({ app: 'kiosk', version }),
    'kiosk.mjs': `console.log('kiosk ${version}');\n`,
    'peripheral-worker.mjs': '',
    'renderer/main.js': `/* ${version} */`,
    'renderer/index.html': '<!doctype html>',
    // As big as a chunk of the real bundle, and as hard to compress, so a download can be cut inside it.
    'renderer/chunk.js': randomBytes(450_000).toString('base64'),
    ...entries,
  };
  for (const [name, text] of Object.entries(files)) await writer.addBytes(name, Buffer.from(text));
  await writer.finish();
  const data = readFileSync(file);
  const digest = createHash('sha512').update(data).digest();
  return {
    data,
    offer: {
      releaseId: 1,
      version,
      url: `updates/kiosk/files/1/browser-shell/kiosk-${version}.tar.gz`,
      size: data.length,
      sha256: sha256Of(data),
      sha512: digest.toString('base64'),
      signature: sign(null, digest, key).toString('base64'),
    },
  };
}

/** An updater over a real update folder, downloading over real HTTP (with Range) the archives given. */
async function kioskUpdater(t: TestContext, made: Array<{ offer: Offered; data: Buffer }>, running = '1.0.0') {
  const server = await startMediaServer(
    t,
    made.map(({ offer, data }) => ({ ref: { sha256: offer.sha256, bytes: offer.size, mime: 'x', name: 'x' }, data })),
  );
  const updateDir = path.join(workDir(t), 'updates');
  const keysFile = path.join(workDir(t), 'release-keys.pem');
  writeFileSync(keysFile, releaseKey.publicKey.export({ type: 'spki', format: 'pem' }));
  const state = { offer: null as Offered | null, visit: false, restarts: 0 };
  const updater = createShellUpdater({
    app: 'kiosk',
    updateDir,
    running,
    trustedKeys: readTrustedKeys(keysFile),
    offer: async () => state.offer,
    download: (offer, target, signal) =>
      downloadMedia(
        { sha256: offer.sha256, bytes: offer.size, mime: 'application/gzip', name: offer.version },
        target,
        { fetch, serverUrl: server.url, signal, onBytes: () => undefined },
        { url: `${server.url}/media/${offer.sha256}` },
      ),
    inVisit: () => state.visit,
    restart: () => state.restarts++,
    log: () => undefined,
    timers: SYSTEM_TIMERS,
    checkMs: 3600_000,
    visitCheckMs: 5,
  });
  t.after(() => updater.stop());
  const versions = () => readdirSync(path.join(updateDir, 'versions')).sort();
  return { updateDir, updater, state, server, versions };
}

const dirs = new WeakMap<TestContext, string>();
function workDir(t: TestContext): string {
  let dir = dirs.get(t);
  if (!dir) {
    dir = mkdtempSync(path.join(tmpdir(), 'linli-update-'));
    const made = dir;
    t.after(() => rmSync(made, { recursive: true, force: true }));
    dirs.set(t, dir);
  }
  return dir;
}

test('an offered version is downloaded (resuming a cut), checked, unpacked beside the running one, and started once the visit ends', async (t) => {
  const made = await archive(workDir(t), '1.1.0');
  const kiosk = await kioskUpdater(t, [made]);
  kiosk.state.offer = made.offer;
  kiosk.state.visit = true;
  assert.ok(made.data.length > 400_000, 'big enough to cut inside');
  kiosk.server.state.cutAfter = 300_000;
  await kiosk.updater.check();
  assert.equal(kiosk.updater.report().step, 'failed', 'the cut download fails this check');
  assert.match(kiosk.updater.report().detail ?? '', /^SERVER_UNREACHABLE/);
  kiosk.server.state.cutAfter = undefined;

  const checked = kiosk.updater.check();
  await until(() => kiosk.updater.report().step === 'waiting-for-visit', 'the update waiting for the visit to end');
  const [first, second] = kiosk.server.requests;
  assert.equal(first?.status, 200);
  assert.match(second?.range ?? '', /^bytes=[1-9]\d*-$/, 'the second download resumed after the cut');
  assert.equal(second?.status, 206);
  assert.deepEqual(kiosk.versions(), ['1.1.0']);
  assert.equal(readFileSync(path.join(kiosk.updateDir, 'versions/1.1.0/renderer/main.js'), 'utf8'), '/* 1.1.0 */');
  assert.equal(existsSync(path.join(kiosk.updateDir, 'versions/1.1.0/version.json')), false);
  assert.equal(readUpdateState(kiosk.updateDir).current, null, 'nothing switched while a resident is at the kiosk');
  assert.equal(kiosk.state.restarts, 0);

  kiosk.state.visit = false;
  await checked;
  assert.equal(kiosk.state.restarts, 1);
  assert.deepEqual(kiosk.updater.report(), { step: 'restarting', version: '1.1.0', detail: null });
  const state = readUpdateState(kiosk.updateDir);
  assert.deepEqual([state.current, state.previous, state.trial], ['1.1.0', null, true]);
  assert.deepEqual(readdirSync(path.join(kiosk.updateDir, 'downloads')), [], 'the archive is gone once unpacked');
});

test('an archive that is not the one offered, not signed by a trusted key, or holds a path outside its folder is refused, nothing installed', async (t) => {
  const stranger = generateKeyPairSync('ed25519').privateKey;
  const unsigned = await archive(workDir(t), '1.2.0', {}, stranger);
  const escaping = await archive(workDir(t), '1.3.0', { '../../evil.mjs': 'x' });
  const mislabelled = await archive(workDir(t), '1.4.0', {
    'version.json': JSON.stringify({ app: 'kiosk', version: '9.9.9' }),
  });
  const good = await archive(workDir(t), '1.5.0');
  const kiosk = await kioskUpdater(t, [unsigned, escaping, mislabelled, good]);
  const refusal = async (offer: Offered) => {
    kiosk.state.offer = offer;
    await kiosk.updater.check();
    assert.equal(kiosk.updater.report().step, 'failed');
    return (kiosk.updater.report().detail ?? '').split(':')[0];
  };
  assert.equal(await refusal(unsigned.offer), 'SIGNATURE_INVALID');
  assert.equal(await refusal({ ...good.offer, sha512: unsigned.offer.sha512 }), 'UPDATE_INVALID');
  assert.equal(await refusal(escaping.offer), 'UPDATE_INVALID');
  assert.equal(await refusal(mislabelled.offer), 'UPDATE_INVALID');
  assert.deepEqual(kiosk.versions(), [], 'no version folder, whole or partial');
  assert.equal(kiosk.state.restarts, 0);
  assert.equal(existsSync(path.join(path.dirname(kiosk.updateDir), 'evil.mjs')), false);
  assert.equal(readUpdateState(kiosk.updateDir).current, null);
});

test('a version that failed to start and was rolled back is reported and never installed again', async (t) => {
  const made = await archive(workDir(t), '2.0.0');
  const kiosk = await kioskUpdater(t, [made]);
  kiosk.state.offer = made.offer;
  await kiosk.updater.check();
  assert.equal(kiosk.state.restarts, 1);
  // What the launcher does when 2.0.0 does not start: back to the installed version.
  writeUpdateState(kiosk.updateDir, rolledBack(readUpdateState(kiosk.updateDir), 'it exited with code 1', new Date()));

  // The kiosk as the launcher started it again, on 1.0.0, in the same update folder.
  const fix = await archive(workDir(t), '2.0.1');
  const restarted = await kioskUpdater(t, [made, fix]);
  const rolled = { step: 'rolled-back', version: '2.0.0', detail: 'it exited with code 1' };
  assert.deepEqual(restarted.updater.report(), rolled);
  restarted.state.offer = made.offer;
  await restarted.updater.check();
  assert.deepEqual(restarted.updater.report(), rolled, 'the server still offers 2.0.0: it is not taken');
  assert.equal(restarted.server.requests.length, 0, 'nor downloaded again');
  assert.equal(restarted.state.restarts, 0);
  restarted.state.offer = fix.offer;
  await restarted.updater.check();
  assert.equal(restarted.state.restarts, 1, 'a fixed version is');
  assert.deepEqual(restarted.versions(), ['2.0.1'], 'the version that failed is removed');
});
