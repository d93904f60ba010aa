/**
 * 计费机构: a system administrator connects a utility by its configuration file — 阳光水务, whose
 * foreign-shaped API runs on a local port — for one street; kiosks there are answered by it, kiosks
 * elsewhere are not. A file with mistakes is refused whole, naming each field; secrets written in
 * a file are never shown back nor written to the audit trail, and sending one back as shown keeps
 * it. Only system administrators connect utilities; a disconnected one is no longer asked.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  PROTOCOL_VERSION,
  PROTOCOL_VERSION_HEADER,
  SECRET_SHOWN,
  deviceAuthorization,
  type BillAccount,
  type BillProviderList,
  type BillProviderView,
} from '@linli/protocol';
import { startApp } from './app-harness';
import { backends } from './backends';
import { ACCOUNTS, CLIENT_SECRET, ENV, exampleFor, startSunshine } from './sunshine-water';

const PASSWORD = 'Linli2026utilities';

for (const backend of backends) {
  describe(backend.name, { skip: backend.skip }, () => {
    test('a utility connected by its file answers the kiosks of its street only; mistakes name their field', async (t) => {
      const sunshine = await startSunshine(t);
      const { app, admin, root, call, signInAs, db } = await startApp(t, await backend.open(t), undefined, {
        env: ENV,
      });
      const node = async (parentId: number, name: string, code: string) =>
        (await call(admin, 'POST', '/orgs', { parentId, name, code })).json() as { id: number };
      const anhe = await node(root.id, '安和街道', '330188001000');
      const linjiang = await node(anhe.id, '临江社区', '330188001001');
      const jiangbin = await node(root.id, '江滨街道', '330188002000');
      const kiosk = async (orgId: number, name: string) => {
        const code = (await call(admin, 'POST', '/enrollment-codes', { orgId, validDays: 7, maxUses: 1 })).json()
          .code as string;
        const enrolled = (
          await app.inject({ method: 'POST', url: '/api/v1/devices/enroll', payload: { code, name } })
        ).json() as { deviceId: string; secret: string };
        const headers = {
          authorization: deviceAuthorization(enrolled.deviceId, enrolled.secret),
          [PROTOCOL_VERSION_HEADER]: String(PROTOCOL_VERSION),
        };
        return (accountNumber: string) =>
          app.inject({
            method: 'POST',
            url: '/api/v1/bills/query',
            headers,
            payload: { utility: 'water', accountNumber },
          });
      };
      const inLinjiang = await kiosk(linjiang.id, '临江社区一号机');
      const inJiangbin = await kiosk(jiangbin.id, '江滨街道一号机');

      // Files with mistakes: refused, every mistake named by its field; nothing stored.
      const mistakes = [
        { change: (config: object) => ((config as { timeout?: number }).timeout = 5000), path: '/timeout' },
        {
          change: (config: object) =>
            ((config as ReturnType<typeof exampleFor>).operations.lookupAccount.response.amountDue.path =
              'shuju.qianfei'),
          path: '/operations/lookupAccount/response/amountDue/path',
        },
      ];
      for (const mistake of mistakes) {
        const refused = await call(admin, 'PUT', '/bill-providers', {
          orgId: anhe.id,
          config: exampleFor(sunshine, mistake.change),
        });
        assert.equal(refused.statusCode, 400, refused.body);
        const error = refused.json().error as { code: string; details: { path: string }[] };
        assert.equal(error.code, 'BILL_PROVIDER_CONFIG_INVALID');
        assert.deepEqual(
          error.details.map((detail) => detail.path),
          [mistake.path],
        );
      }
      assert.equal(((await call(admin, 'GET', '/bill-providers')).json() as BillProviderList).providers.length, 0);

      // Connected for 安和街道: its kiosks are answered by 阳光水务, masked; 江滨 has no water utility.
      const saved = await call(admin, 'PUT', '/bill-providers', { orgId: anhe.id, config: exampleFor(sunshine) });
      assert.equal(saved.statusCode, 200, saved.body);
      const view = saved.json() as BillProviderView;
      assert.deepEqual(
        [view.id, view.name, view.orgName, view.authKind, view.circuit],
        ['sunshine-water', '阳光水务', '安和街道', 'oauth2-client-credentials', 'closed'],
      );
      const answered = await inLinjiang(ACCOUNTS.full);
      assert.equal(answered.statusCode, 200, answered.body);
      const account = answered.json() as BillAccount;
      assert.equal(account.provider.name, '阳光水务');
      assert.equal(account.holderMasked, '张*丰');
      assert.equal(account.amountDueFen, 10982);
      // Reading the connections again (the list, another server's timer) keeps the provider and its token.
      await call(admin, 'GET', '/bill-providers');
      assert.equal((await inLinjiang(ACCOUNTS.noBill)).statusCode, 200);
      assert.equal(sunshine.state.tokensIssued, 1, 'one token, not one per reading');
      const elsewhere = await inJiangbin(ACCOUNTS.full);
      assert.equal(elsewhere.json().error.code, 'BILL_PROVIDER_UNAVAILABLE');

      // A secret written into the file is never shown back; sent back as shown, the stored one stays.
      const withKey = exampleFor(sunshine, (config) => {
        config.id = 'sunshine-gateway';
        config.utility = 'gas';
        config.auth = { kind: 'header', header: 'X-Api-Key', value: 'k-9f8e7d6c5b4a' };
      });
      await call(admin, 'PUT', '/bill-providers', { orgId: linjiang.id, config: withKey });
      const listed = (await call(admin, 'GET', '/bill-providers')).json() as BillProviderList;
      const keyed = listed.providers.find((provider) => provider.id === 'sunshine-gateway')!;
      assert.equal((keyed.config as { auth: { value: string } }).auth.value, SECRET_SHOWN);
      assert.ok(!JSON.stringify(listed).includes('k-9f8e7d6c5b4a') && !JSON.stringify(listed).includes(CLIENT_SECRET));
      const again = await call(admin, 'PUT', '/bill-providers', {
        orgId: linjiang.id,
        config: { ...(keyed.config as object), name: '阳光燃气' },
      });
      assert.equal(again.statusCode, 200, again.body);
      const stored = await db.get<{ config: string }>(
        "SELECT config FROM bill_providers WHERE id = 'sunshine-gateway'",
      );
      assert.match(stored!.config, /k-9f8e7d6c5b4a/, 'the stored key was kept');
      assert.match(stored!.config, /阳光燃气/);
      const trail = JSON.stringify(await db.all("SELECT * FROM audit_log WHERE action LIKE 'bill-provider.%'"));
      assert.ok(!trail.includes('k-9f8e7d6c5b4a'), 'no secret in the audit trail');
      assert.match(trail, /bill-provider\.create/);
      assert.match(trail, /bill-provider\.update/);

      // A second water utility for the same street is refused next to the node chosen.
      const twin = await call(admin, 'PUT', '/bill-providers', {
        orgId: anhe.id,
        config: exampleFor(sunshine, (config) => (config.id = 'sunshine-twin')),
      });
      assert.equal(twin.statusCode, 400);
      assert.equal(twin.json().error.details[0].path, '/orgId');

      // Only system administrators; a street administrator is refused.
      const created = await call(admin, 'POST', '/users', {
        username: 'anhe-admin',
        displayName: '安和管理员',
        role: 'street-admin',
        orgId: anhe.id,
        password: PASSWORD,
        mustChangePassword: false,
      });
      assert.equal(created.statusCode, 201, created.body);
      const streetAdmin = await signInAs('anhe-admin', PASSWORD);
      assert.equal((await call(streetAdmin, 'GET', '/bill-providers')).statusCode, 403);
      assert.equal((await call(streetAdmin, 'DELETE', '/bill-providers/sunshine-water')).statusCode, 403);

      // Disconnected: the street's kiosks can no longer ask it.
      assert.equal((await call(admin, 'DELETE', '/bill-providers/sunshine-water')).statusCode, 204);
      assert.equal((await inLinjiang(ACCOUNTS.full)).json().error.code, 'BILL_PROVIDER_UNAVAILABLE');
      assert.equal((await call(admin, 'DELETE', '/bill-providers/sunshine-water')).statusCode, 404);
    });
  });
}
