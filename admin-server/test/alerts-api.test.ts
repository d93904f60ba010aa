/**
 * Emergency alerts through the HTTP API on every backend: alert sources, CAP and GB/T 35965.1
 * ingestion (key before body), lifecycle in the store, delivery on the devices' sync feed, and the
 * admin list's scope.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  PROTOCOL_VERSION_HEADER,
  type AlertSourceCreated,
  type AlertView,
  type CapReceipt,
  type Change,
} from '@linli/protocol';
import { backends } from './backends';
import { district } from './alert-district';
import { LINJIANG_AREA, POLYGON_AREA, cancelXml, capXml, heartbeatXml, referenceTo, updateXml } from './cap-fixtures';
import { GBT_IDENTIFIER, GBT_SENDER, LINJIANG_AREA_CODE, gbtCancelXml, gbtXml } from './gbt35965-fixtures';

for (const backend of backends) {
  describe(`emergency alerts on ${backend.name}`, { skip: backend.skip }, () => {
    test('a system administrator registers, lists and revokes alert sources; others may not; all audited', async (t) => {
      const { call, admin, user, anhe, source, send, feedSource } = await district(t, backend);
      assert.match(feedSource.key, /^cap_/);
      const listed = (await call(admin, 'GET', '/alert-sources')).json().sources as AlertSourceCreated[];
      assert.deepEqual(
        listed.map((entry) => [entry.name, 'key' in entry]),
        [['临江市预警信息发布中心', false]],
        'the key is shown once, never listed',
      );
      const streetAdmin = await user('anhe.admin', 'street-admin', anhe.id);
      const refused = await call(streetAdmin, 'POST', '/alert-sources', { name: '街道自建源' });
      assert.equal(refused.statusCode, 403);
      assert.equal(refused.json().error.code, 'FORBIDDEN');
      assert.equal((await call(streetAdmin, 'GET', '/alert-sources')).statusCode, 403);

      const second = await source('省预警中心');
      assert.equal((await send(capXml(), second.key)).statusCode, 201);
      const revoked = await call(admin, 'POST', `/alert-sources/${second.id}/revoke`);
      assert.equal(revoked.statusCode, 200);
      assert.ok(revoked.json().revokedAt);
      assert.equal((await call(admin, 'POST', '/alert-sources/src-nope/revoke')).statusCode, 404);

      const audit = (await call(admin, 'GET', '/audit?limit=50')).json().entries as {
        action: string;
        outcome: string;
        actor: string;
      }[];
      const actions = audit.map((entry) => `${entry.action}:${entry.outcome}`);
      for (const expected of [
        'alert-source.create:ok',
        'alert-source.create:denied',
        'alert-source.revoke:ok',
        'alert.receive:ok',
      ])
        assert.ok(actions.includes(expected), `${expected} in ${actions.join(', ')}`);
      assert.ok(audit.some((entry) => entry.actor === `alert-source:${second.id}`));
    });

    test('the key is checked before the body: 401 without it, with a wrong or revoked one, whatever the body', async (t) => {
      const { app, admin, call, send, source } = await district(t, backend);
      const noKey = await app.inject({
        method: 'POST',
        url: '/api/v1/alerts/cap',
        headers: { 'content-type': 'application/cap+xml' },
        payload: capXml(),
      });
      assert.equal(noKey.statusCode, 401);
      assert.equal(noKey.json().error.code, 'ALERT_SOURCE_UNKNOWN');
      assert.equal((await send(capXml(), 'cap_wrong')).statusCode, 401);
      // Bodies that would fail parsing (not XML, wrong type, too large) are never read without a key.
      assert.equal((await send('<!DOCTYPE x [<!ENTITY a "a">]><x/>', 'cap_wrong')).statusCode, 401);
      assert.equal((await send('{"a":1}', 'cap_wrong', 'application/json')).statusCode, 401);
      assert.equal((await send('x'.repeat(400 * 1024), 'cap_wrong')).statusCode, 401);

      const revokedSource = await source('旧的预警中心');
      await call(admin, 'POST', `/alert-sources/${revokedSource.id}/revoke`);
      const revoked = await send(capXml(), revokedSource.key);
      assert.equal(revoked.statusCode, 401);
      assert.equal(revoked.json().error.code, 'ALERT_SOURCE_UNKNOWN');
    });

    test('with a key: 400 CAP_INVALID naming the element, 415 for other types, 413 when too large, 201 then 200', async (t) => {
      const { send, linjiang } = await district(t, backend);
      const bad = await send(capXml().replace('<severity>Extreme</severity>', '<severity>Red</severity>'));
      assert.equal(bad.statusCode, 400);
      assert.equal(bad.json().error.code, 'CAP_INVALID');
      assert.equal(
        bad.json().error.message,
        '/alert/info[1]/severity: must be one of Extreme, Severe, Moderate, Minor, Unknown',
      );
      assert.deepEqual(bad.json().error.details[0].path, '/alert/info[1]/severity');
      assert.equal((await send('<!DOCTYPE alert [<!ENTITY a "a">]><alert/>')).json().error.code, 'CAP_INVALID');
      assert.equal((await send(capXml(), undefined, 'application/json')).statusCode, 415);
      assert.equal((await send('x'.repeat(300 * 1024))).statusCode, 413);
      assert.equal((await send('')).json().error.code, 'BODY_REQUIRED');

      const first = await send(capXml({ area: LINJIANG_AREA }), undefined, 'text/xml; charset=utf-8');
      assert.equal(first.statusCode, 201, first.body);
      const created = first.json() as CapReceipt;
      assert.equal(created.duplicate, false);
      assert.equal(created.alert.state, 'active');
      assert.deepEqual(created.alert.orgIds, [linjiang.id]);
      assert.equal(created.alert.alert?.headline, '临江市气象台发布暴雨红色预警信号');

      const again = await send(capXml({ area: LINJIANG_AREA }), undefined, 'application/xml');
      assert.equal(again.statusCode, 200, 'the same message again is the stored one');
      assert.equal((again.json() as CapReceipt).duplicate, true);
      assert.equal((again.json() as CapReceipt).alert.id, created.alert.id);
    });

    test('an alert reaches the kiosk of the community it covers, not one elsewhere; Update replaces, Cancel removes', async (t) => {
      const { app, receive, kiosks, services } = await district(t, backend);
      const announced: number[] = [];
      t.after(services.hub.subscribe((seq) => announced.push(seq)));
      assert.deepEqual(await kiosks.linjiang.sync(), {});

      const alert = await receive(capXml({ area: LINJIANG_AREA }));
      assert.equal(announced.length, 1, 'devices are told at once (push)');
      assert.deepEqual(await kiosks.linjiang.sync(), { [alert.alert.id]: '临江市气象台发布暴雨红色预警信号' });
      assert.deepEqual(await kiosks.chunhui.sync(), {}, 'a kiosk in another street gets nothing');
      const older = (
        await app.inject({
          url: '/api/v1/sync/changes?cursor=0',
          headers: { ...kiosks.linjiang.headers, [PROTOCOL_VERSION_HEADER]: '2' },
        })
      ).json() as { changes: Change[] };
      assert.ok(
        !older.changes.some((change) => change.entity === 'alert'),
        'a device of protocol 2 is not sent alerts',
      );
      assert.deepEqual(kiosks.chunhui.seen, []);
      const delivered = kiosks.linjiang.seen[0]!;
      assert.ok(delivered.entity === 'alert' && delivered.op === 'upsert');
      assert.equal(delivered.data.severity, 'Extreme');
      assert.equal(delivered.data.senderName, '临江市气象台');
      assert.equal(delivered.data.test, false);
      assert.deepEqual(
        delivered.data.info.map((info) => info.language),
        ['zh-CN', 'en-US'],
      );

      const update = await receive(
        updateXml({ area: LINJIANG_AREA }).replace('发布暴雨红色预警信号', '更新暴雨红色预警信号'),
      );
      assert.deepEqual(update.ended, [alert.alert.id]);
      assert.deepEqual(
        await kiosks.linjiang.sync(),
        { [update.alert.id]: '临江市气象台更新暴雨红色预警信号' },
        'the update replaces the alert, never both',
      );

      const cancel = await receive(
        cancelXml({
          references: referenceTo({ identifier: '33018841600000_20260701093000_2', sent: '2026-07-01T09:30:00+08:00' }),
        }),
      );
      assert.deepEqual(cancel.ended, [update.alert.id]);
      assert.equal(cancel.alert.state, 'withheld', 'a Cancel is not itself shown');
      assert.deepEqual(await kiosks.linjiang.sync(), {});
      const last = kiosks.linjiang.seen.at(-1)!;
      assert.deepEqual([last.op, last.id], ['delete', update.alert.id], 'the cancel arrives as a tombstone');
      assert.deepEqual(await kiosks.chunhui.sync(), {});
      assert.deepEqual(kiosks.chunhui.seen, [], 'nor its tombstone');
    });

    test('a district-wide alert reaches every kiosk; it ends at its expiry with a tombstone', async (t) => {
      const { receive, kiosks, services, setNow, system } = await district(t, backend);
      const alert = await receive(capXml());
      assert.deepEqual(Object.keys(await kiosks.linjiang.sync()), [alert.alert.id]);
      assert.deepEqual(Object.keys(await kiosks.chunhui.sync()), [alert.alert.id]);
      assert.equal((await services.alerts.sweep()).next, '2026-07-01T12:30:00.000Z', 'the next sweep is at the expiry');

      setNow(new Date('2026-07-01T12:30:00Z'));
      assert.deepEqual((await services.alerts.sweep()).ended, [alert.alert.id]);
      assert.deepEqual(await kiosks.linjiang.sync(), {});
      assert.equal(kiosks.chunhui.seen.length, 1);
      assert.deepEqual(await kiosks.chunhui.sync(), {});
      assert.equal(kiosks.chunhui.seen.at(-1)!.op, 'delete');
      // (The admin's session has idled out over those hours: ask the service.)
      assert.equal((await services.alerts.list(system, {})).alerts[0]!.state, 'expired');

      const late = await receive(capXml({ identifier: 'late-1', expires: '2026-07-01T20:00:00+08:00' }));
      assert.equal(late.alert.state, 'expired', 'an alert that arrives expired is kept, not sent');
      assert.deepEqual(await kiosks.linjiang.sync(), {});
    });

    test('System is stored and never shown; Test is sent flagged; Restricted stays on the server', async (t) => {
      const { receive, kiosks, call, admin } = await district(t, backend);
      const heartbeat = await receive(heartbeatXml());
      assert.equal(heartbeat.alert.state, 'withheld');
      const drill = await receive(capXml({ identifier: 'drill-1', status: 'Exercise', area: LINJIANG_AREA }));
      const restricted = await receive(capXml({ identifier: 'internal-1', scope: 'Restricted', area: LINJIANG_AREA }));
      assert.equal(restricted.alert.state, 'withheld');
      assert.deepEqual(Object.keys(await kiosks.linjiang.sync()), [drill.alert.id]);
      const sent = kiosks.linjiang.seen[0]!;
      assert.ok(sent.entity === 'alert' && sent.op === 'upsert');
      assert.equal(sent.data.test, true);
      assert.equal(sent.data.status, 'Exercise');
      const listed = (await call(admin, 'GET', '/alerts')).json().alerts as AlertView[];
      assert.deepEqual(
        listed.map((alert) => alert.identifier),
        ['drill-1', 'internal-1'],
        'heartbeats are not listed; active first',
      );

      // A Test cancel never clears an Actual alert.
      const actual = await receive(capXml({ area: LINJIANG_AREA }));
      const testCancel = await receive(cancelXml({ status: 'Test' }));
      assert.deepEqual(testCancel.ended, []);
      assert.ok(Object.keys(await kiosks.linjiang.sync()).includes(actual.alert.id));
    });

    test('a GB/T 35965.1 warning, then its Cancel by identifier, on the same endpoint and the same lifecycle', async (t) => {
      const { send, receive, kiosks, linjiang, call, admin } = await district(t, backend);
      const bad = await send(gbtXml({ severity: 'Purple' }));
      assert.equal(bad.statusCode, 400);
      assert.equal(bad.json().error.code, 'CAP_INVALID');
      assert.equal(bad.json().error.details[0].path, '/alert/info[1]/severity');
      assert.match(
        bad.json().error.message,
        /^\/alert\/info\[1\]\/severity: must be one of Red, .*\(read as GB\/T 35965\.1,/,
      );

      const first = await send(gbtXml({ area: LINJIANG_AREA_CODE }));
      assert.equal(first.statusCode, 201, first.body);
      const warning = first.json() as CapReceipt;
      assert.equal(warning.alert.state, 'active');
      assert.deepEqual(warning.alert.orgIds, [linjiang.id]);
      assert.equal(warning.alert.source, '临江市预警信息发布中心', 'the list says which source it came through');
      assert.deepEqual(
        [warning.alert.alert?.event, warning.alert.alert?.severity, warning.alert.sent],
        ['暴雨红色预警', 'Extreme', '2026-07-01T08:30:00+08:00'],
      );
      assert.deepEqual(await kiosks.linjiang.sync(), {
        [warning.alert.id]: '临江市气象台发布暴雨红色预警[I级/特别严重]',
      });
      assert.deepEqual(await kiosks.chunhui.sync(), {}, 'a kiosk in another street gets nothing');
      assert.equal((await send(gbtXml({ area: LINJIANG_AREA_CODE }))).statusCode, 200, 'the same warning again');

      const cancel = await receive(gbtCancelXml({ area: LINJIANG_AREA_CODE }));
      assert.deepEqual(cancel.ended, [warning.alert.id]);
      assert.deepEqual(cancel.alert.references, [`${GBT_SENDER},${GBT_IDENTIFIER}`]);
      assert.deepEqual(await kiosks.linjiang.sync(), {});
      const last = kiosks.linjiang.seen.at(-1)!;
      assert.deepEqual([last.op, last.id], ['delete', warning.alert.id], 'the cancel arrives as a tombstone');
      const listed = (await call(admin, 'GET', '/alerts')).json().alerts as AlertView[];
      assert.equal(listed.find((alert) => alert.id === warning.alert.id)?.state, 'cancelled');

      // A Cancel by identifier that overtakes its warning ends it on arrival.
      const later = '33018841600000_20260701094000_1';
      await receive(gbtCancelXml({ identifier: '33018841600000_20260701095000_1', references: later }));
      const overtaken = await receive(
        gbtXml({ identifier: later, sent: '2026-07-01 09:40:00', area: LINJIANG_AREA_CODE }),
      );
      assert.equal(overtaken.alert.state, 'cancelled');
      assert.deepEqual(await kiosks.linjiang.sync(), {});
    });

    test('a Cancel that overtakes its alert, or comes from another source, is handled', async (t) => {
      const { receive, kiosks, source } = await district(t, backend);
      const other = await source('另一个信息源');
      const foreign = await receive(cancelXml(), other.key);
      assert.deepEqual(foreign.ended, []);
      const alert = await receive(capXml({ area: LINJIANG_AREA }));
      assert.equal(alert.alert.state, 'active', "another source's cancel does not end it");

      const early = await receive(
        cancelXml({
          identifier: 'cancel-first',
          references: referenceTo({ identifier: 'later-1', sent: '2026-07-01T08:40:00+08:00' }),
        }),
      );
      assert.deepEqual(early.ended, []);
      const overtaken = await receive(
        capXml({ identifier: 'later-1', sent: '2026-07-01T08:40:00+08:00', area: LINJIANG_AREA }),
      );
      assert.equal(overtaken.alert.state, 'cancelled');
      assert.equal(overtaken.alert.endedBy, early.alert.id);
      assert.deepEqual(Object.keys(await kiosks.linjiang.sync()), [alert.alert.id]);
    });

    test('administrators see the alerts covering part of their subtree; unmatched ones only system administrators', async (t) => {
      const { receive, user, linjiang, chunhui, anhe, call, admin } = await district(t, backend);
      const local = await receive(capXml({ identifier: 'linjiang-1', area: LINJIANG_AREA }));
      const wide = await receive(capXml({ identifier: 'district-1' }));
      const polygon = await receive(capXml({ identifier: 'polygon-1', area: POLYGON_AREA }));
      const elsewhere = await receive(
        capXml({ identifier: 'beijing-1', area: LINJIANG_AREA.replace('330188001001', '110101') }),
      );
      assert.deepEqual(polygon.alert.orgIds, []);
      assert.equal(polygon.alert.areas[0]!.polygons[0]!.length, 5, 'the geometry is kept');
      assert.deepEqual(polygon.alert.deviceIds, [], 'no device has a location here');
      assert.deepEqual(elsewhere.alert.orgIds, []);
      const ids = async (headers: Awaited<ReturnType<typeof user>>) =>
        ((await call(headers, 'GET', '/alerts')).json().alerts as AlertView[]).map((alert) => alert.id).sort();
      assert.deepEqual(await ids(admin), [local, wide, polygon, elsewhere].map((receipt) => receipt.alert.id).sort());
      assert.deepEqual(
        await ids(await user('linjiang.op', 'community-operator', linjiang.id)),
        [local.alert.id, wide.alert.id].sort(),
      );
      assert.deepEqual(
        await ids(await user('anhe.admin', 'street-admin', anhe.id)),
        [local.alert.id, wide.alert.id].sort(),
      );
      assert.deepEqual(await ids(await user('chunhui.op', 'community-operator', chunhui.id)), [wide.alert.id]);
    });

    test('a polygon or circle reaches the devices located inside it and only those; their staff see the alert', async (t) => {
      const { receive, user, linjiang, call, admin, kiosks } = await district(t, backend);
      const locate = (deviceId: string, location: { latitude: number; longitude: number } | null) =>
        call(admin, 'PUT', `/devices/${deviceId}/location`, { location });
      // By the river (inside the polygon and the circle), and in Shanghai.
      assert.equal((await locate(kiosks.linjiang.deviceId, { latitude: 30.27, longitude: 120.16 })).statusCode, 204);
      assert.equal((await locate(kiosks.chunhui.deviceId, { latitude: 31.23, longitude: 121.47 })).statusCode, 204);
      const wrong = await locate(kiosks.chunhui.deviceId, { latitude: 91, longitude: 121.47 });
      assert.equal(wrong.statusCode, 400);
      assert.equal(wrong.json().error.details[0].path, 'body/location/latitude');
      const operator = await user('linjiang.op', 'community-operator', linjiang.id);
      assert.equal(
        (await call(operator, 'PUT', `/devices/${kiosks.chunhui.deviceId}/location`, { location: null })).statusCode,
        404,
        "another community's device is not there to locate",
      );
      const listed = (await call(admin, 'GET', '/devices')).json().devices as { id: string; location: unknown }[];
      assert.deepEqual(listed.find((device) => device.id === kiosks.linjiang.deviceId)!.location, {
        latitude: 30.27,
        longitude: 120.16,
      });

      const river = await receive(capXml({ identifier: 'polygon-1', area: POLYGON_AREA }));
      assert.deepEqual(river.alert.orgIds, []);
      assert.deepEqual(river.alert.deviceIds, [kiosks.linjiang.deviceId]);
      assert.deepEqual(Object.keys(await kiosks.linjiang.sync()), [river.alert.id]);
      assert.deepEqual(await kiosks.chunhui.sync(), {});
      const seen = ((await call(operator, 'GET', '/alerts')).json().alerts as AlertView[]).map((alert) => alert.id);
      assert.deepEqual(seen, [river.alert.id], "the staff of the reached device's node see it");

      assert.equal((await locate(kiosks.linjiang.deviceId, null)).statusCode, 204);
      assert.deepEqual(await kiosks.linjiang.sync(), {}, 'its location gone, the kiosk drops the alert');
      const later = await receive(capXml({ identifier: 'polygon-2', area: POLYGON_AREA }));
      assert.deepEqual(later.alert.deviceIds, [], 'a device without a location is reached by codes only');
    });

    test('a device placed inside an alert in force shows it at once, and drops it when moved out', async (t) => {
      const { receive, call, admin, kiosks } = await district(t, backend);
      const locate = async (location: { latitude: number; longitude: number } | null) =>
        assert.equal(
          (await call(admin, 'PUT', `/devices/${kiosks.chunhui.deviceId}/location`, { location })).statusCode,
          204,
        );
      const river = await receive(capXml({ identifier: 'polygon-1', area: POLYGON_AREA }));
      assert.deepEqual(await kiosks.chunhui.sync(), {});
      await locate({ latitude: 30.27, longitude: 120.16 });
      assert.deepEqual(Object.keys(await kiosks.chunhui.sync()), [river.alert.id]);
      const listed = (await call(admin, 'GET', '/alerts')).json().alerts as AlertView[];
      assert.deepEqual(listed.find((alert) => alert.id === river.alert.id)!.deviceIds, [kiosks.chunhui.deviceId]);
      await locate({ latitude: 31.23, longitude: 121.47 });
      assert.deepEqual(await kiosks.chunhui.sync(), {}, 'moved to Shanghai, out of the area');
      assert.deepEqual(await kiosks.linjiang.sync(), {}, 'a device never located is not reached');
    });
  });
}
