/**
 * The calling display's stream on every backend: only a signage player at or below the hall's node
 * gets it (an admin session, a kiosk and a player of another street are refused with their codes);
 * the player gets the hall's state at once and each call as it is made, and its stream ends when
 * it is revoked. A publication may show only a hall within reach of its node.
 */
import { describe, test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import {
  PROTOCOL_VERSION,
  PROTOCOL_VERSION_HEADER,
  deviceAuthorization,
  presetLayout,
  type QueueHall,
  type QueueHallInput,
  type QueueHallState,
  type SignageInput,
} from '@linli/protocol';
import { startApp } from './app-harness';
import { backends } from './backends';
import type { Database } from '../src/db/database';

/** 安和街道便民服务中心, open every hour of every day: 社保医保 (A) at windows 1 and 2. */
const hallInput = (orgId: number): QueueHallInput => ({
  orgId,
  name: '安和街道便民服务中心',
  resetTime: '00:00',
  elderAge: null,
  hours: [{ weekdays: [1, 2, 3, 4, 5, 6, 7], windows: [{ from: '00:00', to: '23:59' }] }],
  followsWorkCalendar: false,
  businesses: [{ id: 'social', name: '社保医保', prefix: 'A', maxPerDay: 300, open: true, serviceMinutes: 6 }],
  windows: [
    { number: 1, businesses: ['social'] },
    { number: 2, businesses: ['social'] },
  ],
});

/** 安和街道 with its hall and 临江社区 below it, 江滨街道 beside it; a kiosk and players where the test needs them. */
async function displayFixture(t: TestContext, db: Database) {
  const harness = await startApp(t, db);
  const { app, call, admin, root } = harness;
  const node = async (parentId: number, name: string, code: string) => {
    const created = await call(admin, 'POST', '/orgs', { parentId, name, code });
    assert.equal(created.statusCode, 201, created.body);
    return (created.json() as { id: number }).id;
  };
  const anhe = await node(root.id, '安和街道', '330188001000');
  const linjiang = await node(anhe, '临江社区', '330188001001');
  const jiangbin = await node(root.id, '江滨街道', '330188002000');
  const hallReply = await call(admin, 'POST', '/queue/halls', hallInput(anhe));
  assert.equal(hallReply.statusCode, 201, hallReply.body);
  const hall = hallReply.json() as QueueHall;
  const deviceAt = async (orgId: number, name: string, kind: 'kiosk' | 'player') => {
    const code = (await call(admin, 'POST', '/enrollment-codes', { orgId, validDays: 7, maxUses: 1 })).json()
      .code as string;
    const enrolled = await app.inject({ method: 'POST', url: '/api/v1/devices/enroll', payload: { code, name, kind } });
    const { deviceId, secret } = enrolled.json() as { deviceId: string; secret: string };
    const headers = {
      authorization: deviceAuthorization(deviceId, secret),
      [PROTOCOL_VERSION_HEADER]: String(PROTOCOL_VERSION),
    };
    return { deviceId, headers };
  };
  return { ...harness, anhe, linjiang, jiangbin, hall, deviceAt };
}

const PASSWORD = 'Linli2026display';
const codeOf = (reply: { json(): unknown }) => (reply.json() as { error: { code: string } }).error.code;

/** The `event: state` blocks of a text/event-stream, one at a time; `ended` once the server closed it. */
function stateReader(body: ReadableStream<Uint8Array>) {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffered = '';
  return {
    async next(): Promise<QueueHallState> {
      for (;;) {
        const end = buffered.indexOf('\n\n');
        if (end >= 0) {
          const block = buffered.slice(0, end);
          buffered = buffered.slice(end + 2);
          const data = block.split('\n').find((line) => line.startsWith('data: '));
          if (block.startsWith('event: state\n') && data) return JSON.parse(data.slice(6)) as QueueHallState;
          continue;
        }
        const chunk = await reader.read();
        if (chunk.done) throw new Error('the stream ended');
        buffered += decoder.decode(chunk.value, { stream: true });
      }
    },
    async ended(): Promise<boolean> {
      for (;;) if ((await reader.read()).done) return true;
    },
  };
}

for (const backend of backends) {
  describe(backend.name, { skip: backend.skip }, () => {
    test('only a player at or below the hall gets its calls: the state at once, then each call; revoked, the stream ends', async (t) => {
      const { app, call, admin, hall, anhe, linjiang, jiangbin, deviceAt } = await displayFixture(
        t,
        await backend.open(t),
      );
      const path = `/api/v1/queue/halls/${hall.id}/calls`;
      const kiosk = await deviceAt(linjiang, '临江社区一号机', 'kiosk');
      const inside = await deviceAt(linjiang, '临江社区叫号屏', 'player');
      const atHall = await deviceAt(anhe, '安和街道大厅叫号屏', 'player');
      const outside = await deviceAt(jiangbin, '江滨街道叫号屏', 'player');

      const asAdmin = await app.inject({ method: 'GET', url: path, headers: admin });
      assert.deepEqual([asAdmin.statusCode, codeOf(asAdmin)], [401, 'DEVICE_UNKNOWN'], 'a session is no device');
      const asKiosk = await app.inject({ method: 'GET', url: path, headers: kiosk.headers });
      assert.deepEqual([asKiosk.statusCode, codeOf(asKiosk)], [403, 'FORBIDDEN'], 'a kiosk shows no calls');
      const elsewhere = await app.inject({ method: 'GET', url: path, headers: outside.headers });
      assert.deepEqual([elsewhere.statusCode, codeOf(elsewhere)], [404, 'NOT_FOUND'], "another street's player");
      const noHall = await app.inject({ method: 'GET', url: '/api/v1/queue/halls/999/calls', headers: inside.headers });
      assert.deepEqual([noHall.statusCode, codeOf(noHall)], [404, 'NOT_FOUND'], 'as unknown as a hall elsewhere');

      const ticket = await app.inject({
        method: 'POST',
        url: '/api/v1/queue/tickets',
        headers: kiosk.headers,
        payload: { clientId: '0193a1b2-c3d4-7e5f-8a9b-000000000001', business: 'social' },
      });
      assert.equal(ticket.statusCode, 201, ticket.body);
      const address = await app.listen({ port: 0, host: '127.0.0.1' });
      const open = async (headers: Record<string, string>) => {
        const controller = new AbortController();
        t.after(() => controller.abort());
        const connectedAt = Date.now();
        const response = await fetch(`${address}${path}`, { headers, signal: controller.signal });
        assert.equal(response.status, 200);
        assert.equal(response.headers.get('content-type'), 'text/event-stream; charset=utf-8');
        const states = stateReader(response.body!);
        const first = await states.next();
        return { states, first, firstAfterMs: Date.now() - connectedAt };
      };

      const display = await open(inside.headers);
      assert.ok(display.firstAfterMs < 1000, `the state came ${display.firstAfterMs} ms after connecting`);
      assert.deepEqual(
        [display.first.hallId, display.first.waiting.map((each) => each.label), display.first.calls],
        [hall.id, ['A001'], []],
      );
      assert.equal((await open(atHall.headers)).first.hallId, hall.id, 'a player at the hall’s own node too');

      const called = await call(admin, 'POST', `/queue/halls/${hall.id}/windows/2/actions`, { action: 'call-next' });
      assert.equal(called.statusCode, 200, called.body);
      let state = await display.states.next();
      while (state.calls.length === 0) state = await display.states.next();
      assert.deepEqual(
        state.calls.map(({ label, window }) => [label, window]),
        [['A001', 2]],
      );
      assert.equal(state.windows[1]!.current?.label, 'A001');

      // A display that connects again is shown the hall as it is now, at once.
      const again = await open(inside.headers);
      assert.deepEqual(again.first.calls, state.calls);

      const revoked = await call(admin, 'POST', `/devices/${inside.deviceId}/revoke`);
      assert.equal(revoked.statusCode, 204, revoked.body);
      assert.equal(await display.states.ended(), true, 'the revoked player’s stream ends');
      assert.equal(await again.states.ended(), true);
      const refused = await app.inject({ method: 'GET', url: path, headers: inside.headers });
      assert.equal(refused.statusCode, 401);
    });

    test('a publication’s calling display shows a hall within reach of its node: below it or above it', async (t) => {
      const { call, admin, signInAs, hall, linjiang, jiangbin } = await displayFixture(t, await backend.open(t));
      const userAt = async (username: string, role: string, orgId: number) => {
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
      const publication = (orgId: number, hallId: number): SignageInput => {
        const layout = presetLayout('full', 'portrait', 'hall', '叫号');
        layout.zones[0]!.playlist = [{ id: 'calls', kind: 'queue-calls', hallId, durationSec: 60, announce: true }];
        return {
          title: '大厅叫号屏',
          targets: { orgIds: [orgId], groupIds: [] },
          schedule: { timeZone: 'Asia/Shanghai', layouts: [layout], entries: [], defaultLayoutId: 'hall' },
        };
      };
      const hallPath = '/schedule/layouts/0/zones/0/playlist/0/hallId';
      const problemPaths = (reply: { json(): unknown }) =>
        (reply.json() as { error: { details: { path: string }[] } }).error.details.map((detail) => detail.path);

      const community = await userAt('linjiang-op', 'community-operator', linjiang);
      const below = await call(community, 'POST', '/signage', publication(linjiang, hall.id));
      assert.equal(below.statusCode, 201, `the street's hall above the community: ${below.body}`);
      const otherStreet = await userAt('jiangbin-admin', 'street-admin', jiangbin);
      const elsewhere = await call(otherStreet, 'POST', '/signage', publication(jiangbin, hall.id));
      assert.deepEqual([codeOf(elsewhere), problemPaths(elsewhere)], ['VALIDATION_FAILED', [hallPath]]);
      const unknown = await call(admin, 'POST', '/signage', publication(linjiang, hall.id + 100));
      assert.deepEqual([codeOf(unknown), problemPaths(unknown)], ['VALIDATION_FAILED', [hallPath]]);
    });
  });
}
