import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { PROTOCOL_VERSION, PROTOCOL_VERSION_HEADER, type Change } from '@linli/protocol';
import { backends } from './backends';
import { startApp, TEST_PASSWORD, type AdminHeaders } from './app-harness';

const PNG_1PX = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

for (const backend of backends) {
  describe(`device settings and remote commands on ${backend.name}`, { skip: backend.skip }, () => {
    async function fleet(t: Parameters<typeof startApp>[0], clock?: () => Date) {
      const harness = await startApp(t, await backend.open(t), clock);
      const { app, admin, root } = harness;
      const call = (headers: AdminHeaders, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) =>
        app.inject({ method, url: `/api/v1/admin${url}`, headers, ...(payload && { payload }) });
      const kiosk = async (name: string) => {
        const { deviceId, authorization } = await harness.enrollDevice(name);
        const headers = { authorization, [PROTOCOL_VERSION_HEADER]: String(PROTOCOL_VERSION) };
        let cursor = 0;
        const pull = async (from = cursor): Promise<Change[]> => {
          const page = (await app.inject({ url: `/api/v1/sync/changes?cursor=${from}&limit=1000`, headers })).json();
          cursor = page.nextCursor;
          return page.changes.filter((change: Change) => change.entity === 'settings' || change.entity === 'command');
        };
        const report = (id: string, result: object) =>
          app.inject({ method: 'POST', url: `/api/v1/devices/commands/${id}/result`, headers, payload: result });
        return { deviceId, pull, report };
      };
      return { ...harness, call, root, admin, kiosk };
    }

    test("a device runs with its groups' settings overlaid by its own, pushed on its feed", async (t) => {
      const { call, admin, root, kiosk } = await fleet(t);
      const lobby = await kiosk('大厅一号机');
      const window = await kiosk('窗口机');
      const group = (await call(admin, 'POST', '/device-groups', { orgId: root.id, name: '大厅屏' })).json();
      await call(admin, 'PUT', `/device-groups/${group.id}/members`, { deviceIds: [lobby.deviceId] });
      await lobby.pull();
      await window.pull();

      assert.equal(
        (
          await call(admin, 'PUT', `/settings/group/${group.id}`, {
            idleSec: 120,
            attractMessage: '工作日 9:00–17:00 有工作人员在岗',
            allowedOrigins: ['https://www.gov.cn'],
          })
        ).statusCode,
        200,
      );
      assert.equal(
        (await call(admin, 'PUT', `/settings/device/${lobby.deviceId}`, { idleSec: 300, screenOff: '22:00-07:00' }))
          .statusCode,
        200,
      );
      const received = (await lobby.pull()).filter((change) => change.entity === 'settings');
      assert.equal(received.length, 1, 'one entry per device: the latest settings');
      assert.deepEqual(
        received[0]!.op === 'upsert' && received[0]!.entity === 'settings' && received[0]!.data.settings,
        {
          idleSec: 300,
          attractMessage: '工作日 9:00–17:00 有工作人员在岗',
          allowedOrigins: ['https://www.gov.cn'],
          screenOff: '22:00-07:00',
        },
      );
      assert.deepEqual(await window.pull(), [], 'another device hears nothing of it');
      const view = (await call(admin, 'GET', `/settings/device/${lobby.deviceId}`)).json();
      assert.equal(view.effective.idleSec, 300);
      assert.equal(view.updatedBy, 'admin');

      await call(admin, 'PUT', `/device-groups/${group.id}/members`, { deviceIds: [window.deviceId] });
      const left = (await lobby.pull()).find((change) => change.entity === 'settings');
      assert.deepEqual(
        left?.op === 'upsert' && left.entity === 'settings' && left.data.settings,
        { idleSec: 300, screenOff: '22:00-07:00' },
        'leaving the group drops its settings',
      );
      const joined = (await window.pull()).find((change) => change.entity === 'settings');
      assert.equal(joined?.op === 'upsert' && joined.entity === 'settings' && joined.data.settings.idleSec, 120);
    });

    test('settings are checked field by field', async (t) => {
      const { call, admin, kiosk } = await fleet(t);
      const { deviceId } = await kiosk('大厅一号机');
      const bad = await call(admin, 'PUT', `/settings/device/${deviceId}`, {
        idleSec: 5,
        allowedOrigins: ['http://example.com'],
        screenOff: '25:00-07:00',
        volume: 3,
      });
      assert.equal(bad.statusCode, 400);
      const paths = bad
        .json()
        .error.details.map((detail: { path: string }) => detail.path)
        .join(' ');
      for (const field of ['idleSec', 'allowedOrigins/0', 'screenOff']) assert.match(paths, new RegExp(field));
      const devicesFile = await call(admin, 'PUT', `/settings/device/${deviceId}`, {
        peripherals: { peripherals: [{ id: 'x', kind: 'id-card-reader', driver: 'nonsense' }] },
      });
      assert.equal(devicesFile.statusCode, 400);
      assert.equal((await call(admin, 'GET', '/settings/device/no-such-device')).statusCode, 404);
    });

    test('only system administrators push peripherals, and never a file path, a hostile queue or a non-printing address', async (t) => {
      const { call, admin, root, kiosk, signInAs } = await fleet(t);
      const { deviceId } = await kiosk('大厅一号机');
      await call(admin, 'POST', '/users', {
        username: 'district.admin',
        displayName: '区管理员',
        role: 'street-admin',
        orgId: root.id,
        password: 'Linli2026fleet',
        mustChangePassword: false,
      });
      const districtAdmin = await signInAs('district.admin', 'Linli2026fleet');
      const push = (headers: AdminHeaders, peripheral: object) =>
        call(headers, 'PUT', `/settings/device/${deviceId}`, {
          idleSec: 60,
          peripherals: { peripherals: [peripheral] },
        });
      const printer = { id: 'receipt', driver: 'escpos-tcp', host: '192.168.1.50', port: 9100 };
      const refused = await push(districtAdmin, printer);
      assert.equal(refused.statusCode, 403, 'device management alone does not reach the peripherals');
      assert.equal((await call(districtAdmin, 'PUT', `/settings/device/${deviceId}`, { idleSec: 60 })).statusCode, 200);
      for (const [peripheral, path] of [
        [{ id: 'r', driver: 'escpos-usb', path: '/etc/hosts' }, '/peripherals/peripherals/0/path'],
        [{ id: 'r', driver: 'escpos-tcp', host: '10.0.0.1', port: 22 }, '/peripherals/peripherals/0/port'],
        [{ id: 'r', driver: 'escpos-tcp', host: '8.8.8.8', port: 9100 }, '/peripherals/peripherals/0/host'],
        [
          { id: 'a4', driver: 'system-printer', printer: 'x\u2019 $(Stop-Computer) \u2019' },
          '/peripherals/peripherals/0/printer',
        ],
      ] as const) {
        const reply = await push(admin, peripheral);
        assert.equal(reply.statusCode, 400, JSON.stringify(peripheral));
        assert.ok(
          reply.json().error.details.some((detail: { path: string }) => detail.path.endsWith(path)),
          `${path} in ${reply.body}`,
        );
      }
      assert.equal((await push(admin, printer)).statusCode, 200);
      const trail = (await call(admin, 'GET', '/audit?action=device.settings-peripherals')).json();
      assert.ok(
        trail.entries.some(
          (entry: { actor: string; outcome: string }) => entry.actor === 'district.admin' && entry.outcome === 'denied',
        ),
        'the refusal is audited',
      );
    });

    test('a command reaches its device once, the result is shown, and a fresh sync does not replay it', async (t) => {
      let now = new Date('2026-11-28T10:00:00Z');
      const { call, kiosk, signInAs } = await fleet(t, () => now);
      const admin = await signInAs('admin', TEST_PASSWORD);
      const lobby = await kiosk('大厅一号机');
      const other = await kiosk('窗口机');
      await lobby.pull();
      const issued = (await call(admin, 'POST', `/devices/${lobby.deviceId}/commands`, { kind: 'screenshot' })).json();
      assert.equal(issued.state, 'pending');
      const commands = await lobby.pull();
      assert.deepEqual(
        commands.map((change) => change.entity === 'command' && change.op === 'upsert' && change.data.kind),
        ['screenshot'],
      );
      assert.equal((await other.pull(0)).length, 0);
      assert.equal((await other.report(issued.id, { ok: true })).statusCode, 404, 'only its device may answer');
      assert.equal(
        (await lobby.report(issued.id, { ok: true, detail: '1080×1920', screenshotPng: PNG_1PX })).statusCode,
        204,
      );
      assert.equal((await lobby.report(issued.id, { ok: true })).json().error.code, 'COMMAND_ANSWERED');
      const listed = (await call(admin, 'GET', `/devices/${lobby.deviceId}/commands`)).json().commands;
      assert.deepEqual([listed[0].state, listed[0].detail, listed[0].hasScreenshot], ['done', '1080×1920', true]);
      const png = await call(admin, 'GET', `/commands/${issued.id}/screenshot`);
      assert.equal(png.headers['content-type'], 'image/png');
      assert.deepEqual(png.rawPayload.subarray(1, 4).toString(), 'PNG');
      assert.deepEqual(await lobby.pull(0), [], 'an answered command is not replayed to a device syncing from scratch');

      const restart = (await call(admin, 'POST', `/devices/${lobby.deviceId}/commands`, { kind: 'restart' })).json();
      now = new Date('2026-11-28T10:11:00Z');
      const fresh = await signInAs('admin', TEST_PASSWORD);
      assert.equal(
        (await call(fresh, 'GET', `/devices/${lobby.deviceId}/commands`))
          .json()
          .commands.find((c: { id: string }) => c.id === restart.id).state,
        'expired',
      );
      const trail = (await call(fresh, 'GET', '/audit?action=device.&limit=100')).json();
      assert.ok(
        trail.entries.some(
          (entry: { action: string; actor: string }) =>
            entry.action === 'device.command-result.screenshot' && entry.actor === `device:${lobby.deviceId}`,
        ),
      );
    });

    test('an operator commands and configures only the kiosks of their community', async (t) => {
      const { call, admin, root, kiosk, signInAs } = await fleet(t);
      const street = (
        await call(admin, 'POST', '/orgs', { parentId: root.id, name: '安和街道', code: '330188001000' })
      ).json();
      const community = (
        await call(admin, 'POST', '/orgs', { parentId: street.id, name: '临江社区', code: '330188001001' })
      ).json();
      await call(admin, 'POST', '/users', {
        username: 'lj.op',
        displayName: '临江操作员',
        role: 'community-operator',
        orgId: community.id,
        password: 'Linli2026fleet',
        mustChangePassword: false,
      });
      const operator = await signInAs('lj.op', 'Linli2026fleet');
      const { deviceId } = await kiosk('区政务大厅');
      assert.equal(
        (await call(operator, 'POST', `/devices/${deviceId}/commands`, { kind: 'restart' })).statusCode,
        403,
      );
      assert.equal((await call(operator, 'PUT', `/settings/device/${deviceId}`, { idleSec: 60 })).statusCode, 403);
    });
  });
}

for (const backend of backends) {
  describe(`enrollment on ${backend.name}`, { skip: backend.skip }, () => {
    test('a single-use code enrolls exactly one of two kiosks enrolling at once; the trail never holds a code', async (t) => {
      const { app, admin, root, call } = await startApp(t, await backend.open(t));
      const { code } = (
        await call(admin, 'POST', '/enrollment-codes', { orgId: root.id, validDays: 1, maxUses: 1 })
      ).json();
      const enroll = (name: string) =>
        app.inject({ method: 'POST', url: '/api/v1/devices/enroll', payload: { code, name } });
      const replies = await Promise.all([enroll('一号机'), enroll('二号机')]);
      assert.deepEqual(replies.map((reply) => reply.statusCode).sort(), [200, 401]);
      await call(admin, 'POST', `/enrollment-codes/${code}/revoke`);
      const trail = (await call(admin, 'GET', '/audit?limit=200')).json();
      assert.ok(trail.entries.some((entry: { action: string }) => entry.action === 'device.revoke-code'));
      assert.doesNotMatch(JSON.stringify(trail), new RegExp(code), 'the code itself is nowhere in the trail');
    });

    test("behind a load balancer, two instances count one address's wrong codes together", async (t) => {
      const db = await backend.open(t);
      let now = new Date('2026-12-01T09:00:00Z');
      const clock = () => now;
      const instances = [(await startApp(t, db, clock)).app, (await startApp(t, db, clock)).app];
      const enroll = (instance: number, code: string) =>
        instances[instance]!.inject({
          method: 'POST',
          url: '/api/v1/devices/enroll',
          payload: { code, name: '测试机' },
          remoteAddress: '198.51.100.30',
        });
      for (let i = 0; i < 20; i++)
        assert.equal((await enroll(i % 2, `WRONG${i}CODE`)).json().error.code, 'ENROLLMENT_CODE_INVALID');
      for (const instance of [0, 1])
        assert.equal(
          (await enroll(instance, 'WRONG99CODE')).json().error.code,
          'TOO_MANY_ATTEMPTS',
          `instance ${instance}`,
        );
      now = new Date('2026-12-01T09:15:01Z');
      assert.equal(
        (await enroll(1, 'WRONG98CODE')).json().error.code,
        'ENROLLMENT_CODE_INVALID',
        'the window has passed',
      );
    });

    test('wrong codes from one address are slowed down; the deployment-wide code expires and is then replaced', async (t) => {
      let now = new Date('2026-12-01T09:00:00Z');
      const { app, services } = await startApp(t, await backend.open(t), () => now);
      const enroll = (code: string, from = '198.51.100.20') =>
        app.inject({
          method: 'POST',
          url: '/api/v1/devices/enroll',
          payload: { code, name: '测试机' },
          remoteAddress: from,
        });
      const codes: string[] = [];
      for (let i = 0; i < 30; i++) codes.push((await enroll(`WRONG${i}CODE`)).json().error.code);
      assert.equal(codes.filter((code) => code === 'ENROLLMENT_CODE_INVALID').length, 20);
      assert.equal(codes.at(-1), 'TOO_MANY_ATTEMPTS');
      assert.equal((await enroll('TESTCODE', '198.51.100.21')).statusCode, 200, 'another address is not held up');

      now = new Date('2026-12-08T09:00:01Z');
      assert.match((await enroll('TESTCODE', '198.51.100.22')).json().error.message, /expired/);
      const renewed = await services.devices.ensureDeploymentCode();
      assert.equal(renewed.created, true);
      assert.notEqual(renewed.code, 'TESTCODE');
      assert.equal((await enroll(renewed.code, '198.51.100.22')).statusCode, 200);
      assert.equal((await services.devices.ensureDeploymentCode()).created, false, 'a valid code is kept');
    });
  });
}
