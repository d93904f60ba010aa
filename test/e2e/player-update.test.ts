/**
 * A signage player with the browser shell updates from the admin server's feed: a player release
 * published, its signed archive uploaded and rolled out through the admin API reaches a running
 * player, which checks it, unpacks it beside itself and exits for its launcher to start it on
 * trial (player-launcher.mjs; the launcher's own going back is tested in kiosk-app/test/launcher.test.ts).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, generateKeyPairSync, sign } from 'node:crypto';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { writeTarGz } from '@linli/device-drivers/archive/tar-archive';
import { apiAs } from '../../build/scripts/admin-api';
import { startAdminServer, startPlayer } from '../../build/scripts/processes';

const PASSWORD = 'Admin2026player';

test('a player release rolled out through the admin API is installed by a running player for its launcher', async (t) => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'linli-player-update-'));
  t.after(() => rmSync(dataDir, { recursive: true, force: true }));
  const env = { ...process.env, LINLI_LOG_LEVEL: 'warn', LINLI_PULL_INTERVAL_SEC: '300' };
  const releaseKey = generateKeyPairSync('ed25519');
  const releaseKeys = path.join(dataDir, 'release-keys.pem');
  writeFileSync(releaseKeys, releaseKey.publicKey.export({ type: 'spki', format: 'pem' }));
  const admin = await startAdminServer({
    ...env,
    LINLI_DATA_DIR: path.join(dataDir, 'admin'),
    LINLI_ADMIN_PORT: '0',
    LINLI_ADMIN_PASSWORD: PASSWORD,
  });
  t.after(() => admin.stop());
  const api = await apiAs(admin.ready.url!, 'admin', PASSWORD);

  // The archive as `npm run release -- player --key` makes it, signed.
  const archive = path.join(dataDir, 'player-0.2.0.tar.gz');
  const writer = writeTarGz(archive, new Date());
  await writer.addBytes('version.json', Buffer.from(JSON.stringify({ app: 'player', version: '0.2.0' })));
  await writer.addBytes('player.mjs', Buffer.from("console.log('0.2.0');\n"));
  await writer.addBytes('player-page/main.js', Buffer.from(''));
  await writer.addBytes('player-page/pdfjs/build/pdf.min.mjs', Buffer.from(''));
  await writer.finish();
  const bytes = readFileSync(archive);
  const signature = sign(null, createHash('sha512').update(bytes).digest(), releaseKey.privateKey).toString('base64');
  const release = await api('POST', '/releases', { app: 'player', channel: 'stable', version: '0.2.0', notes: '' });
  assert.equal(release.status, 201, JSON.stringify(release.json));
  const id = release.json.id as number;
  const uploaded = await api(
    'PUT',
    `/releases/${id}/files/browser-shell?name=player-0.2.0.tar.gz&signature=${encodeURIComponent(signature)}`,
    new Uint8Array(bytes),
  );
  assert.equal(uploaded.status, 200, JSON.stringify(uploaded.json));
  const rollout = await api('PUT', `/releases/${id}/rollout`, { groupIds: [], percent: 100, paused: false });
  assert.equal(rollout.status, 200, JSON.stringify(rollout.json));

  const updateDir = path.join(dataDir, 'updates');
  const player = await startPlayer({
    ...env,
    LINLI_DATA_DIR: path.join(dataDir, 'player'),
    LINLI_PLAYER_PORT: '0',
    LINLI_SERVER_URL: admin.ready.url!,
    LINLI_ENROLLMENT_CODE: admin.ready.enrollmentCode!,
    LINLI_UPDATE_DIR: updateDir,
    LINLI_UPDATE_KEYS: releaseKeys,
  });
  t.after(() => player.stop());
  const [code] = await (player.child.exitCode === null ? once(player.child, 'exit') : [player.child.exitCode]);
  assert.equal(code, 75, 'exits for its launcher to start the new version');
  const state = JSON.parse(readFileSync(path.join(updateDir, 'state.json'), 'utf8'));
  assert.deepEqual([state.current, state.trial], ['0.2.0', true]);
  assert.equal(
    readFileSync(path.join(updateDir, 'versions', '0.2.0', 'player.mjs'), 'utf8'),
    "console.log('0.2.0');\n",
  );
});
