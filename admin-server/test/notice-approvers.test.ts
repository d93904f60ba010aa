/**
 * Who could approve a notice one writes: enabled users who may review content at the writer's node
 * or above. A fresh install (the first administrator alone) has one, so the overview asks for a second.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { backends } from './backends';
import { startApp } from './app-harness';

const PASSWORD = 'Linli2026approve';

for (const backend of backends) {
  describe(`notice approvers on ${backend.name}`, { skip: backend.skip }, () => {
    test('counts reviewers whose reach covers the writer, not those beside or below, nor the disabled', async (t) => {
      const { app, admin, root, signInAs, call } = await startApp(t, await backend.open(t));
      const approvers = async (headers: typeof admin) => {
        const reply = await call(headers, 'GET', '/notices/approvers');
        assert.equal(reply.statusCode, 200, reply.body);
        return (reply.json() as { approvers: number }).approvers;
      };
      assert.equal(await approvers(admin), 1, 'a fresh install: the first administrator alone');

      const node = async (parentId: number, name: string, code: string) =>
        (await call(admin, 'POST', '/orgs', { parentId, name, code })).json() as { id: number };
      const anhe = await node(root.id, '安和街道', '330188001000');
      const linjiang = await node(anhe.id, '临江社区', '330188001001');
      const wanghu = await node(anhe.id, '望湖社区', '330188001002');
      const user = async (username: string, role: string, orgId: number) => {
        const reply = await call(admin, 'POST', '/users', {
          username,
          displayName: username,
          role,
          orgId,
          password: PASSWORD,
          mustChangePassword: false,
        });
        assert.equal(reply.statusCode, 201, reply.body);
        return signInAs(username, PASSWORD);
      };
      const linjiangOp = await user('linjiang.op', 'community-operator', linjiang.id);
      // Neither a clerk (read only) nor an auditor may approve; an operator of another community cannot reach.
      await user('linjiang.clerk', 'query-clerk', linjiang.id);
      await user('anhe.auditor', 'auditor', anhe.id);
      await user('wanghu.op', 'community-operator', wanghu.id);
      assert.equal(await approvers(admin), 1, 'those below the administrator do not approve its notices');
      assert.equal(await approvers(linjiangOp), 2, 'the operator and the administrator above');

      const streetAdmin = await user('anhe.admin', 'street-admin', anhe.id);
      assert.equal(await approvers(linjiangOp), 3);
      assert.equal(await approvers(streetAdmin), 2);
      const disabled = await app.inject({
        method: 'PATCH',
        url: '/api/v1/admin/users/anhe.admin',
        headers: admin,
        payload: { disabled: true },
      });
      assert.equal(disabled.statusCode, 200, disabled.body);
      assert.equal(await approvers(linjiangOp), 2, 'a disabled account approves nothing');
    });

    test('is for those who write notices; a clerk is refused, and the refusal audited', async (t) => {
      const { admin, root, signInAs, call } = await startApp(t, await backend.open(t));
      const anhe = (
        await call(admin, 'POST', '/orgs', { parentId: root.id, name: '安和街道', code: '330188001000' })
      ).json();
      const linjiang = (
        await call(admin, 'POST', '/orgs', { parentId: anhe.id, name: '临江社区', code: '330188001001' })
      ).json();
      await call(admin, 'POST', '/users', {
        username: 'linjiang.clerk',
        displayName: '查询员',
        role: 'query-clerk',
        orgId: linjiang.id,
        password: PASSWORD,
        mustChangePassword: false,
      });
      const clerk = await signInAs('linjiang.clerk', PASSWORD);
      const refused = await call(clerk, 'GET', '/notices/approvers');
      assert.equal(refused.statusCode, 403);
      const trail = (await call(admin, 'GET', '/audit?action=notice.approvers')).json();
      assert.deepEqual(
        trail.entries.map((entry: { actor: string; outcome: string }) => [entry.actor, entry.outcome]),
        [['linjiang.clerk', 'denied']],
      );
    });
  });
}
