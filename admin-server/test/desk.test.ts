/**
 * The clerk desk on the device API: a clerk signs in at a desk of their community with their admin
 * account and serves residents there — the 咨询台账 (the resident masked), forms printed, today's
 * counts, bills on a resident's behalf audited as the clerk's. A clerk of another community, a role
 * without desk.serve and a wrong password are refused; nothing personal reaches the audit trail.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  DESK_SESSION_HEADER,
  PROTOCOL_VERSION,
  PROTOCOL_VERSION_HEADER,
  deviceAuthorization,
  type Consultation,
  type DeskSignedIn,
  type DeskToday,
} from '@linli/protocol';
import { createSimulatorProvider } from '../src/bills/simulator-provider';
import { startApp } from './app-harness';
import { backends } from './backends';

const PASSWORD = 'Linli2026desk';

for (const backend of backends) {
  describe(backend.name, { skip: backend.skip }, () => {
    test('a clerk serves at the desk of their community: ledger, prints, counts and bills, as theirs', async (t) => {
      const water = createSimulatorProvider({
        utility: 'water',
        clock: () => new Date(),
        delay: async () => undefined,
      });
      const { app, admin, root, call, db } = await startApp(t, await backend.open(t), undefined, {
        billProviders: [{ provider: water, orgPaths: [] }],
      });
      const node = async (parentId: number, name: string, code: string) =>
        (await call(admin, 'POST', '/orgs', { parentId, name, code })).json() as { id: number };
      const anhe = await node(root.id, '安和街道', '330188001000');
      const linjiang = await node(anhe.id, '临江社区', '330188001001');
      const grid = await node(linjiang.id, '临江第一网格', '330188001001001');
      const jiangbin = await node(root.id, '江滨街道', '330188002000');
      const chunhui = await node(jiangbin.id, '春晖社区', '330188002001');
      const user = async (username: string, role: string, orgId: number) => {
        const created = await call(admin, 'POST', '/users', {
          username,
          displayName: `${username} 同志`,
          role,
          orgId,
          password: PASSWORD,
          mustChangePassword: false,
        });
        assert.equal(created.statusCode, 201, created.body);
      };
      await user('wangli', 'query-clerk', grid.id);
      await user('zhaomin', 'community-operator', linjiang.id);
      await user('chunhui-clerk', 'query-clerk', chunhui.id);
      await user('shenji', 'auditor', anhe.id);

      const code = (
        await call(admin, 'POST', '/enrollment-codes', { orgId: linjiang.id, validDays: 7, maxUses: 1 })
      ).json().code as string;
      const enrolled = (
        await app.inject({ method: 'POST', url: '/api/v1/devices/enroll', payload: { code, name: '临江社区查询电脑' } })
      ).json() as { deviceId: string; secret: string };
      const device = {
        authorization: deviceAuthorization(enrolled.deviceId, enrolled.secret),
        [PROTOCOL_VERSION_HEADER]: String(PROTOCOL_VERSION),
      };
      const signIn = (username: string, password = PASSWORD) =>
        app.inject({ method: 'POST', url: '/api/v1/desk/sign-in', headers: device, payload: { username, password } });
      const as = (token: string) => ({ ...device, [DESK_SESSION_HEADER]: token });

      // Refused: a wrong password, a clerk of another community, a role that does not serve at desks.
      assert.equal((await signIn('wangli', 'wrong password 1')).json().error.code, 'BAD_CREDENTIALS');
      const elsewhere = await signIn('chunhui-clerk');
      assert.equal(elsewhere.statusCode, 403, elsewhere.body);
      assert.equal((await signIn('shenji')).statusCode, 403);

      // The grid's clerk serves at the community's desk.
      const signedIn = await signIn('wangli');
      assert.equal(signedIn.statusCode, 200, signedIn.body);
      const { clerk, token } = signedIn.json() as DeskSignedIn;
      assert.deepEqual([clerk.username, clerk.displayName, clerk.orgName], ['wangli', 'wangli 同志', '临江社区']);

      const record = (headers: object, payload: object) =>
        app.inject({ method: 'POST', url: '/api/v1/desk/consultations', headers: { ...headers }, payload });
      const entry = await record(as(token), {
        topic: '咨询城乡居民医保缴费档次',
        category: 'medical-insurance',
        outcome: 'answered',
        residentName: '张小三',
        residentPhone: '13812345678',
      });
      assert.equal(entry.statusCode, 201, entry.body);
      const written = entry.json() as Consultation;
      assert.equal(written.residentMasked, '张*三');
      assert.equal(written.phoneMasked, '138****5678');
      assert.ok(!entry.body.includes('13812345678') && !entry.body.includes('张小三'));
      const notSaid = await record(as(token), { topic: '反映楼道灯不亮', category: 'complaint', outcome: 'forwarded' });
      assert.equal(notSaid.statusCode, 400);
      assert.equal(notSaid.json().error.details[0].path, '/forwardedTo');
      await record(as(token), {
        topic: '反映楼道灯不亮',
        category: 'complaint',
        outcome: 'forwarded',
        forwardedTo: '12345',
      });
      const printed = await app.inject({
        method: 'POST',
        url: '/api/v1/desk/prints',
        headers: as(token),
        payload: { formId: 'community-residence-certificate' },
      });
      assert.equal(printed.statusCode, 204, printed.body);

      // A second clerk of the community: the node's counts hold both, each clerk's their own.
      const second = (await signIn('zhaomin').then((reply) => reply.json())) as DeskSignedIn;
      await record(as(second.token), { topic: '咨询水费缴纳', category: 'bills', outcome: 'answered' });
      const today = (await app.inject({ url: '/api/v1/desk/today', headers: as(token) })).json() as DeskToday;
      assert.deepEqual(today.mine, { consultations: 2, answered: 1, forwarded: 1, prints: 1 });
      assert.deepEqual(today.here, { consultations: 3, answered: 2, forwarded: 1, prints: 1 });
      assert.deepEqual(
        today.recent.map((consultation) => consultation.topic),
        ['反映楼道灯不亮', '咨询城乡居民医保缴费档次'],
      );

      // A bill asked at the desk is the clerk's, on the audit trail.
      const bill = await app.inject({
        method: 'POST',
        url: '/api/v1/bills/query',
        headers: as(token),
        payload: { utility: 'water', accountNumber: '1000010001' },
      });
      assert.equal(bill.statusCode, 200, bill.body);
      const query = await db.get<{ actor: string; org_path: string }>(
        "SELECT actor, org_path FROM audit_log WHERE action = 'bill.query' ORDER BY id DESC LIMIT 1",
      );
      assert.equal(query?.actor, 'wangli');

      // Nothing personal or asked reaches the trail: the ledger holds it, masked.
      const trail = JSON.stringify(await db.all("SELECT * FROM audit_log WHERE action LIKE 'desk.%'"));
      for (const secret of ['医保缴费档次', '张小三', '13812345678', '楼道灯'])
        assert.ok(!trail.includes(secret), secret);
      assert.match(trail, /desk\.print/);

      // No session, a made-up one, or one signed out: refused.
      const statusOfToday = async (headers: object) =>
        (await app.inject({ url: '/api/v1/desk/today', headers: { ...headers } })).statusCode;
      assert.equal(await statusOfToday(device), 401);
      assert.equal(await statusOfToday(as('not-a-session-token-at-all')), 401);
      await app.inject({ method: 'POST', url: '/api/v1/desk/sign-out', headers: as(token) });
      assert.equal(await statusOfToday(as(token)), 401);
    });
  });
}
