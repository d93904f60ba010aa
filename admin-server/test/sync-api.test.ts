import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { PROTOCOL_VERSION } from '@linli/protocol';
import { backends } from './backends';
import { startApp } from './app-harness';
import { guideInput } from './fixtures';

for (const backend of backends) {
  describe(`sync API on ${backend.name}`, { skip: backend.skip }, () => {
    test('devices page through changes; unpublish and delete arrive as tombstones', async (t) => {
      const { app, services, system, enrollDevice } = await startApp(t, await backend.open(t));
      const { authorization } = await enrollDevice();
      for (const id of ['g-a', 'g-b', 'g-c']) await services.guides.create(system, guideInput({ id }));
      await services.guides.create(system, guideInput({ id: 'g-draft', published: false }));

      const first = (
        await app.inject({ url: '/api/v1/sync/changes?cursor=0&limit=2', headers: { authorization } })
      ).json();
      assert.deepEqual(
        first.changes.map((c: { id: string }) => c.id),
        ['g-a', 'g-b'],
      );
      assert.equal(first.hasMore, true);
      const second = (
        await app.inject({ url: `/api/v1/sync/changes?cursor=${first.nextCursor}&limit=2`, headers: { authorization } })
      ).json();
      assert.deepEqual(
        second.changes.map((c: { id: string }) => c.id),
        ['g-c'],
        'drafts never reach devices',
      );
      assert.equal(second.hasMore, false);

      await services.guides.setPublished(system, 'g-a', false);
      await services.guides.remove(system, 'g-b');
      const third = (
        await app.inject({ url: `/api/v1/sync/changes?cursor=${second.nextCursor}`, headers: { authorization } })
      ).json();
      assert.deepEqual(
        third.changes.map((c: { id: string; op: string }) => `${c.op}:${c.id}`),
        ['delete:g-a', 'delete:g-b'],
      );
    });

    test('ten edits on a large catalog cost ten changes, not the catalog', async (t) => {
      const { app, services, system, enrollDevice } = await startApp(t, await backend.open(t));
      const { authorization } = await enrollDevice();
      await services.guides.importFile(system, {
        format: 'linli-guides',
        formatVersion: 1,
        guides: Array.from({ length: 300 }, (_, i) => guideInput({ id: `g-${i}` })),
      });
      const all = (
        await app.inject({ url: '/api/v1/sync/changes?cursor=0&limit=1000', headers: { authorization } })
      ).json();
      assert.equal(all.changes.length, 300);
      for (let i = 0; i < 10; i++)
        await services.guides.update(system, `g-${i * 7}`, guideInput({ id: `g-${i * 7}`, title: `改 ${i}` }), 1);
      await services.guides.update(system, 'g-0', guideInput({ id: 'g-0', title: '再改' }), 2);
      const delta = (
        await app.inject({
          url: `/api/v1/sync/changes?cursor=${all.nextCursor}&limit=1000`,
          headers: { authorization },
        })
      ).json();
      assert.equal(delta.changes.length, 10, 'one change per edited guide, the latest state');
      assert.equal(delta.changes.find((c: { id: string }) => c.id === 'g-0').data.title, '再改');
    });

    test('a cursor older than the retained tombstones gets 409 RESYNC_REQUIRED', async (t) => {
      let now = new Date('2026-01-01T00:00:00Z');
      const { app, services, system, enrollDevice } = await startApp(t, await backend.open(t), () => now);
      const { authorization } = await enrollDevice();
      await services.guides.create(system, guideInput({ id: 'g-a' }));
      await services.guides.create(system, guideInput({ id: 'g-b' }));
      const start = (await app.inject({ url: '/api/v1/sync/changes?cursor=0', headers: { authorization } })).json();
      const oldCursor = start.changes[0].seq;
      await services.guides.remove(system, 'g-a');
      now = new Date('2026-12-01T00:00:00Z');
      assert.ok((await services.feed.pruneTombstones()) > 0);
      const stale = await app.inject({ url: `/api/v1/sync/changes?cursor=${oldCursor}`, headers: { authorization } });
      assert.equal(stale.statusCode, 409);
      assert.equal(stale.json().error.code, 'RESYNC_REQUIRED');
      const fresh = (await app.inject({ url: '/api/v1/sync/changes?cursor=0', headers: { authorization } })).json();
      assert.deepEqual(
        fresh.changes.map((c: { id: string }) => c.id),
        ['g-b'],
      );
    });

    test('unknown and revoked devices get 401; a bad cursor gets 400 naming it', async (t) => {
      const { app, admin, enrollDevice } = await startApp(t, await backend.open(t));
      assert.equal((await app.inject({ url: '/api/v1/sync/changes?cursor=0' })).statusCode, 401);
      const forged = await app.inject({
        url: '/api/v1/sync/changes?cursor=0',
        headers: { authorization: 'Bearer 00000000-0000-0000-0000-000000000000.abc' },
      });
      assert.equal(forged.json().error.code, 'DEVICE_UNKNOWN');
      const { deviceId, authorization } = await enrollDevice();
      assert.equal(
        (await app.inject({ url: '/api/v1/sync/changes?cursor=0', headers: { authorization } })).statusCode,
        200,
      );
      const badCursor = await app.inject({ url: '/api/v1/sync/changes?cursor=-3', headers: { authorization } });
      assert.equal(badCursor.statusCode, 400);
      assert.equal(badCursor.json().error.details[0].path, 'querystring/cursor');
      await app.inject({ method: 'POST', url: `/api/v1/admin/devices/${deviceId}/revoke`, headers: admin });
      assert.equal(
        (await app.inject({ url: '/api/v1/sync/changes?cursor=0', headers: { authorization } })).statusCode,
        401,
      );
    });

    test('a device speaking an unsupported protocol version is told to update', async (t) => {
      const { app, enrollDevice } = await startApp(t, await backend.open(t));
      const { authorization } = await enrollDevice();
      const future = await app.inject({
        url: '/api/v1/sync/changes?cursor=0',
        headers: { authorization, 'x-linli-protocol': '99' },
      });
      assert.equal(future.statusCode, 426);
      assert.equal(future.json().error.code, 'VERSION_NOT_SUPPORTED');
      const current = await app.inject({
        url: '/api/v1/sync/changes?cursor=0',
        headers: { authorization, 'x-linli-protocol': '1' },
      });
      assert.equal(current.statusCode, 200);
    });

    test('a device of protocol 1 is sent guides only, and its cursor passes what it would not understand', async (t) => {
      const { app, services, system, enrollDevice } = await startApp(t, await backend.open(t));
      const { authorization, deviceId } = await enrollDevice();
      await services.guides.create(system, guideInput({ id: 'g-a' }));
      const command = await services.deviceCommands.issue(system, deviceId, 'reload');
      await services.guides.create(system, guideInput({ id: 'g-b' }));
      const pull = (protocol: string) =>
        app
          .inject({ url: '/api/v1/sync/changes?cursor=0', headers: { authorization, 'x-linli-protocol': protocol } })
          .then((reply) => reply.json());
      const old = await pull('1');
      assert.deepEqual(
        old.changes.map((c: { entity: string; id: string }) => `${c.entity}:${c.id}`),
        ['guide:g-a', 'guide:g-b'],
      );
      const latest = await pull(String(PROTOCOL_VERSION));
      assert.deepEqual(
        latest.changes.map((c: { entity: string; id: string }) => `${c.entity}:${c.id}`),
        ['guide:g-a', `command:${command.id}`, 'guide:g-b'],
      );
      assert.equal(old.nextCursor, latest.nextCursor, 'both end on the same cursor');
    });

    test('a wrong enrollment code is refused; heartbeats show up in the fleet view', async (t) => {
      const { app, admin, enrollDevice } = await startApp(t, await backend.open(t));
      const wrong = await app.inject({
        method: 'POST',
        url: '/api/v1/devices/enroll',
        payload: { code: 'NOPE1234', name: 'x' },
      });
      assert.equal(wrong.json().error.code, 'ENROLLMENT_CODE_INVALID');
      const { deviceId, authorization } = await enrollDevice('安和社区一楼');
      const beat = await app.inject({
        method: 'POST',
        url: '/api/v1/devices/heartbeat',
        headers: { authorization },
        payload: { appVersion: '0.1.0', cursor: 42, uptimeSec: 360 },
      });
      assert.equal(beat.statusCode, 204);
      const fleet = (await app.inject({ url: '/api/v1/admin/devices', headers: admin })).json();
      const device = fleet.devices.find((d: { id: string }) => d.id === deviceId);
      assert.equal(device.name, '安和社区一楼');
      assert.equal(device.cursor, 42);
      assert.equal(device.appVersion, '0.1.0');
      assert.deepEqual(device.peripherals, []);
      assert.equal(device.storageFull, false);
      assert.equal(fleet.enrollmentCode, 'TESTCODE');
      // A kiosk whose disk has no room says so, and the fleet view shows it until it says otherwise.
      const full = await app.inject({
        method: 'POST',
        url: '/api/v1/devices/heartbeat',
        headers: { authorization },
        payload: { appVersion: '0.1.0', cursor: 42, uptimeSec: 390, storageFull: true },
      });
      assert.equal(full.statusCode, 204);
      const after = (await app.inject({ url: '/api/v1/admin/devices', headers: admin })).json();
      assert.equal(after.devices.find((d: { id: string }) => d.id === deviceId).storageFull, true);
    });

    test("a heartbeat carries the kiosk's device health into the fleet view as codes; a malformed one is refused", async (t) => {
      const { app, admin, enrollDevice } = await startApp(t, await backend.open(t));
      const { deviceId, authorization } = await enrollDevice();
      const printer = {
        id: 'receipt',
        kind: 'receipt-printer',
        driver: 'escpos-tcp',
        state: 'paper-out',
        since: '2026-11-28T08:00:00.000Z',
      };
      const reader = {
        id: 'idcard',
        kind: 'id-card-reader',
        driver: 'ga467-serial',
        state: 'offline',
        code: 'ENOENT',
        since: '2026-11-28T08:01:00.000Z',
      };
      const beat = await app.inject({
        method: 'POST',
        url: '/api/v1/devices/heartbeat',
        headers: { authorization },
        // An older kiosk still sends the words; the server keeps only the code.
        payload: {
          appVersion: '0.1.0',
          cursor: 1,
          uptimeSec: 5,
          peripherals: [printer, { ...reader, detail: 'connect ECONNREFUSED 10.0.0.1:22' }],
        },
      });
      assert.equal(beat.statusCode, 204);
      const fleet = (await app.inject({ url: '/api/v1/admin/devices', headers: admin })).json();
      assert.deepEqual(fleet.devices.find((d: { id: string }) => d.id === deviceId).peripherals, [printer, reader]);
      const bad = await app.inject({
        method: 'POST',
        url: '/api/v1/devices/heartbeat',
        headers: { authorization },
        payload: { appVersion: '0.1.0', cursor: 1, uptimeSec: 5, peripherals: [{ ...printer, state: 'on fire' }] },
      });
      assert.equal(bad.json().error.code, 'VALIDATION_FAILED');
      assert.match(JSON.stringify(bad.json().error.details), /peripherals\/0\/state/);
    });

    test('the push channel announces a change to connected devices', async (t) => {
      const { app, services, system, enrollDevice } = await startApp(t, await backend.open(t));
      const { authorization } = await enrollDevice();
      const address = await app.listen({ port: 0, host: '127.0.0.1' });
      const controller = new AbortController();
      t.after(() => controller.abort());
      const response = await fetch(`${address}/api/v1/sync/events`, {
        headers: { authorization },
        signal: controller.signal,
      });
      assert.equal(response.headers.get('content-type'), 'text/event-stream; charset=utf-8');
      const reader = response.body!.getReader();
      const decoder = new TextDecoder();
      let received = '';
      const readUntil = async (pattern: RegExp) => {
        while (!pattern.test(received)) received += decoder.decode((await reader.read()).value);
      };
      await readUntil(/"latestSeq":0/);
      await services.guides.create(system, guideInput());
      await readUntil(/"latestSeq":[1-9]/);
      assert.match(received, /event: changes/);
    });

    test('revoking a device ends its open push channel at once', async (t) => {
      const { app, admin, call, enrollDevice } = await startApp(t, await backend.open(t));
      const { deviceId, authorization } = await enrollDevice();
      const address = await app.listen({ port: 0, host: '127.0.0.1' });
      const controller = new AbortController();
      t.after(() => controller.abort());
      const response = await fetch(`${address}/api/v1/sync/events`, {
        headers: { authorization },
        signal: controller.signal,
      });
      const reader = response.body!.getReader();
      await reader.read();
      assert.equal((await call(admin, 'POST', `/devices/${deviceId}/revoke`)).statusCode, 204);
      for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read());
      const again = await fetch(`${address}/api/v1/sync/events`, { headers: { authorization } });
      assert.equal(again.status, 401, 'and it cannot open another');
    });
  });
}
