/**
 * The district the alert tests run in: 安和区 with 安和街道 (临江社区, 望湖社区) and 江滨街道 (春晖社区),
 * a kiosk in 临江 and one in 春晖 that pull the sync feed like kiosks, and a registered alert
 * source to send CAP documents with.
 */
import assert from 'node:assert/strict';
import {
  PROTOCOL_VERSION,
  PROTOCOL_VERSION_HEADER,
  deviceAuthorization,
  type AlertSourceCreated,
  type CapReceipt,
  type Change,
} from '@linli/protocol';
import type { backends } from './backends';
import { DURING } from './cap-fixtures';
import { startApp } from './app-harness';

const PASSWORD = 'Linli2026alerts';

export async function district(t: Parameters<typeof startApp>[0], backend: (typeof backends)[number]) {
  let now = DURING;
  const clock = () => now;
  const harness = await startApp(t, await backend.open(t), clock);
  const { app, admin, root, call, signInAs } = harness;
  const node = async (parentId: number, name: string, code: string) =>
    (await call(admin, 'POST', '/orgs', { parentId, name, code })).json() as { id: number };
  const anhe = await node(root.id, '安和街道', '330188001000');
  const linjiang = await node(anhe.id, '临江社区', '330188001001');
  await node(anhe.id, '望湖社区', '330188001002');
  const jiangbin = await node(root.id, '江滨街道', '330188002000');
  const chunhui = await node(jiangbin.id, '春晖社区', '330188002001');
  const user = async (username: string, role: string, orgId: number) => {
    const created = await call(admin, 'POST', '/users', {
      username,
      displayName: username,
      role,
      orgId,
      password: PASSWORD,
      mustChangePassword: false,
    });
    assert.equal(created.statusCode, 201, created.body);
    return signInAs(username, PASSWORD);
  };

  const kiosk = async (orgId: number, name: string) => {
    const code = (await call(admin, 'POST', '/enrollment-codes', { orgId, validDays: 7, maxUses: 1 })).json()
      .code as string;
    const enrolled = (
      await app.inject({ method: 'POST', url: '/api/v1/devices/enroll', payload: { code, name } })
    ).json();
    const headers = {
      authorization: deviceAuthorization(enrolled.deviceId, enrolled.secret),
      [PROTOCOL_VERSION_HEADER]: String(PROTOCOL_VERSION),
    };
    let cursor = 0;
    const held = new Map<string, string>();
    const seen: Change[] = [];
    /** Pulls like a kiosk; returns the alerts it holds (id → headline) and keeps every alert change seen. */
    const sync = async () => {
      for (;;) {
        const reply = await app.inject({ url: `/api/v1/sync/changes?cursor=${cursor}&limit=3`, headers });
        assert.equal(reply.statusCode, 200, reply.body);
        const page = reply.json() as { changes: Change[]; nextCursor: number; hasMore: boolean };
        for (const change of page.changes) {
          if (change.entity !== 'alert') continue;
          seen.push(change);
          if (change.op === 'upsert') held.set(change.id, change.data.headline);
          else held.delete(change.id);
        }
        cursor = page.nextCursor;
        if (!page.hasMore) break;
      }
      return Object.fromEntries(held);
    };
    return { sync, seen, headers, deviceId: enrolled.deviceId as string };
  };

  const source = async (name = '临江市预警信息发布中心') => {
    const reply = await call(admin, 'POST', '/alert-sources', { name });
    assert.equal(reply.statusCode, 201, reply.body);
    return reply.json() as AlertSourceCreated;
  };
  const feedSource = await source();
  const send = (xml: string, key = feedSource.key, contentType = 'application/cap+xml') =>
    app.inject({
      method: 'POST',
      url: '/api/v1/alerts/cap',
      headers: { authorization: `Bearer ${key}`, 'content-type': contentType },
      payload: xml,
    });
  const receive = async (xml: string, key = feedSource.key) => {
    const reply = await send(xml, key);
    assert.ok(reply.statusCode === 201 || reply.statusCode === 200, reply.body);
    return reply.json() as CapReceipt;
  };
  return {
    ...harness,
    setNow: (instant: Date) => {
      now = instant;
    },
    anhe,
    linjiang,
    chunhui,
    user,
    source,
    feedSource,
    send,
    receive,
    kiosks: { linjiang: await kiosk(linjiang.id, '临江社区大厅'), chunhui: await kiosk(chunhui.id, '春晖社区大厅') },
  };
}
