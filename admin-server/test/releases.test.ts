import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, generateKeyPairSync, sign } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { PROTOCOL_VERSION, PROTOCOL_VERSION_HEADER, compareVersions, type DeviceView } from '@linli/protocol';
import { releaseFor, rolloutBucket, type RolloutRelease } from '../src/domain/release-rollout';
import { backends } from './backends';
import { startApp } from './app-harness';

describe('which release a device runs', () => {
  const release = (id: number, version: string, over: Partial<RolloutRelease> = {}): RolloutRelease => ({
    id,
    channel: 'stable',
    version,
    state: 'rolling',
    percent: 100,
    groupIds: [],
    ...over,
  });
  const device = (id: string, over: Partial<Parameters<typeof releaseFor>[0]> = {}) => ({
    id,
    groupIds: [],
    channel: 'stable' as const,
    runs: '1.0.0',
    ...over,
  });
  const fleet = Array.from({ length: 2000 }, (_, index) => `device-${index}`);

  test('versions order as semantic versioning does, a pre-release before its release', () => {
    const sorted = ['1.10.0', '1.2.0', '1.2.0-beta.2', '1.2.0-beta.10', '0.9.9', '1.2.0-alpha'].sort(compareVersions);
    assert.deepEqual(sorted, ['0.9.9', '1.2.0-alpha', '1.2.0-beta.2', '1.2.0-beta.10', '1.2.0', '1.10.0']);
  });

  test('a share reaches about that share of the fleet, and widening it keeps those it reached', () => {
    const reachedAt = (percent: number) =>
      new Set(fleet.filter((id) => releaseFor(device(id), [release(7, '1.1.0', { percent })]) !== null));
    const tenth = reachedAt(10);
    const fifth = reachedAt(20);
    assert.ok(tenth.size > 150 && tenth.size < 250, `10 % reached ${tenth.size} of 2000`);
    assert.ok(fifth.size > 330 && fifth.size < 470, `20 % reached ${fifth.size} of 2000`);
    assert.ok(
      [...tenth].every((id) => fifth.has(id)),
      'every device of the first tenth still has it at 20 %',
    );
    assert.equal(reachedAt(0).size, 0);
    assert.equal(reachedAt(100).size, fleet.length);
    // Another release draws another share: the same devices are not always first.
    const other = fleet.filter((id) => rolloutBucket(id, 8) < 10);
    assert.notDeepEqual(new Set(other), tenth);
  });

  test('a pilot group gets a release whatever the share; beta releases reach only devices on the beta channel', () => {
    const releases = [release(1, '1.0.0'), release(2, '1.1.0', { percent: 0, groupIds: [5] })];
    assert.equal(releaseFor(device('a', { groupIds: [5] }), releases)?.version, '1.1.0');
    assert.equal(releaseFor(device('b', { groupIds: [6] }), releases)?.version, '1.0.0');
    const withBeta = [...releases, release(3, '1.2.0-beta.1', { channel: 'beta' })];
    assert.equal(releaseFor(device('c'), withBeta)?.version, '1.0.0');
    assert.equal(releaseFor(device('c', { channel: 'beta' }), withBeta)?.version, '1.2.0-beta.1');
  });

  test('a paused release keeps the devices on it and takes no more; a withdrawn one sends them back', () => {
    const paused = [release(1, '1.0.0'), release(2, '1.1.0', { state: 'paused' })];
    assert.equal(releaseFor(device('on', { runs: '1.1.0' }), paused)?.version, '1.1.0');
    assert.equal(releaseFor(device('off', { runs: '1.0.0' }), paused)?.version, '1.0.0');
    const withdrawn = [release(1, '1.0.0', { percent: 0 }), release(2, '1.1.0', { state: 'withdrawn' })];
    assert.equal(
      releaseFor(device('on', { runs: '1.1.0' }), withdrawn)?.version,
      '1.0.0',
      'back to the release before, though its share never reached this device',
    );
    const fixed = [...withdrawn, release(3, '1.1.1')];
    assert.equal(releaseFor(device('on', { runs: '1.1.0' }), fixed)?.version, '1.1.1', 'or on to a fix');
    assert.equal(releaseFor(device('new', { runs: null }), [release(1, '1.0.0', { percent: 0 })]), null);
  });
});

const APPIMAGE = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46]), Buffer.alloc(4096, 7)]);
const SHELL_ARCHIVE = gzipSync(Buffer.alloc(10_000, 1));
const sha512 = (bytes: Buffer) => createHash('sha512').update(bytes).digest('base64');

for (const backend of backends) {
  describe(`releases and the update feed on ${backend.name}`, { skip: backend.skip }, () => {
    test('published, uploaded and rolled out to a pilot group, then to all, then withdrawn: each kiosk is told what to run', async (t) => {
      const { app, admin, call, root, enrollDevice, signInAs } = await startApp(t, await backend.open(t));
      const device = async (name: string) => {
        const { deviceId, authorization } = await enrollDevice(name);
        const headers = { authorization, [PROTOCOL_VERSION_HEADER]: String(PROTOCOL_VERSION) };
        const get = (url: string, extra: Record<string, string> = {}) =>
          app.inject({ url: `/api/v1/${url}`, headers: { ...headers, ...extra } });
        const beat = (appVersion: string, update?: object) =>
          app.inject({
            method: 'POST',
            url: '/api/v1/devices/heartbeat',
            headers,
            payload: { appVersion, cursor: 0, uptimeSec: 5, ...(update && { update }) },
          });
        await beat('1.0.0');
        return { deviceId, get, beat };
      };
      const pilot = await device('试点大厅');
      const other = await device('其他大厅');
      const upload = (id: number, platform: string, body: Buffer, query: string) =>
        app.inject({
          method: 'PUT',
          url: `/api/v1/admin/releases/${id}/files/${platform}?${query}`,
          headers: { ...admin, 'content-type': 'application/octet-stream' },
          payload: body,
        });

      const base = (
        await call(admin, 'POST', '/releases', { app: 'kiosk', channel: 'stable', version: '1.0.0', notes: '' })
      ).json();
      assert.equal((await upload(base.id, 'linux-x64', APPIMAGE, 'name=Linli-1.0.0.AppImage')).statusCode, 200);
      assert.equal(
        (await call(admin, 'PUT', `/releases/${base.id}/rollout`, { groupIds: [], percent: 100, paused: false }))
          .statusCode,
        200,
      );

      const created = await call(admin, 'POST', '/releases', {
        app: 'kiosk',
        channel: 'stable',
        version: '1.1.0',
        notes: '排队叫号页面改版',
      });
      assert.equal(created.statusCode, 201, created.body);
      const release = created.json();
      assert.equal(
        (
          await call(admin, 'POST', '/releases', { app: 'kiosk', channel: 'stable', version: '1.1.0', notes: '' })
        ).json().error.code,
        'RELEASE_EXISTS',
      );
      assert.equal(
        (
          await call(admin, 'PUT', `/releases/${release.id}/rollout`, { groupIds: [], percent: 10, paused: false })
        ).json().error.code,
        'RELEASE_EMPTY',
      );

      // Each platform's package is checked to be one; the browser shell's must be signed.
      assert.equal(
        (await upload(release.id, 'linux-x64', SHELL_ARCHIVE, 'name=x.AppImage')).json().error.code,
        'RELEASE_FILE_INVALID',
      );
      assert.equal(
        (await upload(release.id, 'browser-shell', SHELL_ARCHIVE, 'name=kiosk.tar.gz')).json().error.code,
        'RELEASE_SIGNATURE_REQUIRED',
      );
      assert.equal((await upload(release.id, 'linux-x64', APPIMAGE, 'name=../../etc/passwd')).statusCode, 400);
      const appImage = Buffer.concat([APPIMAGE, Buffer.from('1.1.0')]);
      assert.equal((await upload(release.id, 'linux-x64', appImage, 'name=Linli-1.1.0.AppImage')).statusCode, 200);
      assert.equal(
        (await upload(release.id, 'linux-x64', appImage, 'name=Linli-1.1.0.AppImage')).json().error.code,
        'RELEASE_FILE_EXISTS',
      );
      const { privateKey } = generateKeyPairSync('ed25519');
      const signature = sign(null, createHash('sha512').update(SHELL_ARCHIVE).digest(), privateKey).toString('base64');
      const shellUpload = await upload(
        release.id,
        'browser-shell',
        SHELL_ARCHIVE,
        `name=kiosk-1.1.0.tar.gz&signature=${encodeURIComponent(signature)}`,
      );
      assert.equal(shellUpload.statusCode, 200, shellUpload.body);
      assert.deepEqual(
        shellUpload.json().files.map((file: { platform: string; sha512: string }) => [file.platform, file.sha512]),
        [
          ['browser-shell', sha512(SHELL_ARCHIVE)],
          ['linux-x64', sha512(appImage)],
        ],
      );

      // A pilot group first: its kiosk is offered 1.1.0, the others stay on 1.0.0.
      const group = (await call(admin, 'POST', '/device-groups', { orgId: root.id, name: '试点' })).json();
      await call(admin, 'PUT', `/device-groups/${group.id}/members`, { deviceIds: [pilot.deviceId] });
      assert.equal(
        (
          await call(admin, 'PUT', `/releases/${release.id}/rollout`, { groupIds: [999], percent: 0, paused: false })
        ).json().error.details[0].path,
        '/groupIds/0',
      );
      assert.equal(
        (
          await call(admin, 'PUT', `/releases/${release.id}/rollout`, {
            groupIds: [group.id],
            percent: 0,
            paused: false,
          })
        ).statusCode,
        200,
      );
      const feed = await pilot.get('updates/kiosk/latest-linux.yml');
      assert.equal(feed.statusCode, 200);
      assert.match(feed.headers['content-type'] as string, /yaml/);
      const url = `files/${release.id}/linux-x64/Linli-1.1.0.AppImage`;
      assert.equal(
        feed.body,
        `version: 1.1.0\nfiles:\n  - url: ${url}\n    sha512: ${sha512(appImage)}\n    size: ${appImage.length}\npath: ${url}\nsha512: ${sha512(appImage)}\nreleaseDate: '${shellUpload.json().files[1].uploadedAt}'\n`,
      );
      assert.match((await other.get('updates/kiosk/latest-linux.yml')).body, /^version: 1\.0\.0$/m);
      const offer = (await pilot.get('updates/kiosk/shell')).json().release;
      assert.deepEqual(offer, {
        releaseId: release.id,
        version: '1.1.0',
        url: `updates/kiosk/files/${release.id}/browser-shell/kiosk-1.1.0.tar.gz`,
        size: SHELL_ARCHIVE.length,
        sha256: createHash('sha256').update(SHELL_ARCHIVE).digest('hex'),
        sha512: sha512(SHELL_ARCHIVE),
        signature,
      });
      assert.deepEqual(
        (await other.get('updates/kiosk/shell')).json(),
        { release: null },
        '1.0.0 has no browser-shell archive',
      );
      assert.equal(
        (await pilot.get('updates/kiosk/latest-linux-arm64.yml')).statusCode,
        404,
        'no arm64 package in any release',
      );
      assert.equal(
        (await pilot.get('updates/player/latest-linux.yml')).statusCode,
        404,
        'a kiosk has no player updates',
      );
      assert.equal((await pilot.get('updates/kiosk/..%2F..%2Fetc.yml')).statusCode, 404);
      assert.equal((await pilot.get('updates/kiosk/constructor')).statusCode, 404);
      assert.equal(
        (await app.inject({ url: '/api/v1/updates/kiosk/latest-linux.yml' })).statusCode,
        401,
        'devices only',
      );

      // The download resumes where a broken one stopped (Range), and is what the feed said.
      const whole = await pilot.get(url.replace('files', 'updates/kiosk/files'));
      assert.equal(whole.statusCode, 200);
      assert.equal(sha512(whole.rawPayload), sha512(appImage));
      const rest = await pilot.get(`updates/kiosk/${url}`, { range: 'bytes=1000-' });
      assert.equal(rest.statusCode, 206);
      assert.deepEqual(rest.rawPayload, appImage.subarray(1000));
      assert.equal((await pilot.get(`updates/kiosk/files/${release.id}/linux-x64/other.AppImage`)).statusCode, 404);

      // The pilot updates and says so; the fleet view shows each kiosk's version and step.
      await pilot.beat('1.1.0', { step: 'current', version: null, detail: null });
      await other.beat('1.0.0', { step: 'downloading', version: '1.1.0', detail: null });
      const fleet = (await call(admin, 'GET', '/devices')).json().devices as DeviceView[];
      const pilotView = fleet.find((d) => d.id === pilot.deviceId)!;
      assert.equal(pilotView.appVersion, '1.1.0');
      assert.deepEqual(fleet.find((d) => d.id === other.deviceId)!.update, {
        step: 'downloading',
        version: '1.1.0',
        detail: null,
      });
      const listed = (await call(admin, 'GET', '/releases')).json().releases;
      assert.deepEqual(
        listed.map((r: { version: string; devicesOn: number }) => [r.version, r.devicesOn]),
        [
          ['1.1.0', 1],
          ['1.0.0', 1],
        ],
      );

      // Paused: the pilot keeps it, widening does not happen; then everyone.
      await call(admin, 'PUT', `/releases/${release.id}/rollout`, { groupIds: [group.id], percent: 100, paused: true });
      assert.match((await pilot.get('updates/kiosk/latest-linux.yml')).body, /^version: 1\.1\.0$/m);
      assert.match((await other.get('updates/kiosk/latest-linux.yml')).body, /^version: 1\.0\.0$/m);
      await call(admin, 'PUT', `/releases/${release.id}/rollout`, { groupIds: [], percent: 100, paused: false });
      assert.match((await other.get('updates/kiosk/latest-linux.yml')).body, /^version: 1\.1\.0$/m);

      // Withdrawn: the pilot, on 1.1.0, goes back to 1.0.0; the release takes no more changes.
      const withdrawn = await call(admin, 'POST', `/releases/${release.id}/withdraw`);
      assert.equal(withdrawn.json().state, 'withdrawn');
      assert.match((await pilot.get('updates/kiosk/latest-linux.yml')).body, /^version: 1\.0\.0$/m);
      assert.equal(
        (
          await call(admin, 'PUT', `/releases/${release.id}/rollout`, { groupIds: [], percent: 100, paused: false })
        ).json().error.code,
        'RELEASE_WITHDRAWN',
      );

      // The beta channel, set per device in the fleet view.
      const beta = (
        await call(admin, 'POST', '/releases', { app: 'kiosk', channel: 'beta', version: '1.2.0-beta.1', notes: '' })
      ).json();
      await upload(
        beta.id,
        'linux-x64',
        Buffer.concat([APPIMAGE, Buffer.from('beta')]),
        'name=Linli-1.2.0-beta.1.AppImage',
      );
      await call(admin, 'PUT', `/releases/${beta.id}/rollout`, { groupIds: [], percent: 100, paused: false });
      assert.match((await other.get('updates/kiosk/latest-linux.yml')).body, /^version: 1\.0\.0$/m);
      assert.equal(
        (await call(admin, 'PUT', `/devices/${other.deviceId}/update-channel`, { channel: 'beta' })).statusCode,
        204,
      );
      assert.match((await other.get('updates/kiosk/beta-linux.yml')).body, /^version: 1\.2\.0-beta\.1$/m);

      // Releases are the system administrators' alone.
      const anhe = (
        await call(admin, 'POST', '/orgs', { parentId: root.id, name: '安和街道', code: '330188001000' })
      ).json();
      await call(admin, 'POST', '/users', {
        username: 'anhe-admin',
        displayName: '安和管理员',
        role: 'street-admin',
        orgId: anhe.id,
        password: 'Linli2026releases',
        mustChangePassword: false,
      });
      const streetAdmin = await signInAs('anhe-admin', 'Linli2026releases');
      assert.equal((await call(streetAdmin, 'GET', '/releases')).statusCode, 403);
      assert.equal((await call(streetAdmin, 'POST', `/releases/${beta.id}/withdraw`)).statusCode, 403);
    });
  });
}
