/** The audit trail filtered by what its entries are about (guides, users, devices, sign-ins…), on every backend. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { AUDIT_SUBJECTS, type AuditEntry } from '@linli/protocol';
import { backends } from './backends';
import { startApp } from './app-harness';
import { guideInput } from './fixtures';

for (const backend of backends) {
  describe(`audit subjects on ${backend.name}`, { skip: backend.skip }, () => {
    test('each subject keeps its own entries; sign-ins stand apart from other changes to users', async (t) => {
      const { app, admin, root, call, enrollDevice } = await startApp(t, await backend.open(t));
      const failed = await app.inject({
        method: 'POST',
        url: '/api/v1/admin/login',
        payload: { username: 'admin', password: 'not the password 1' },
      });
      assert.equal(failed.statusCode, 401);
      const street = (
        await call(admin, 'POST', '/orgs', { parentId: root.id, name: '安和街道', code: '330188001000' })
      ).json() as { id: number };
      const created = await call(admin, 'POST', '/users', {
        username: 'anhe.admin',
        displayName: '安和管理员',
        role: 'street-admin',
        orgId: street.id,
        password: 'Linli2026subject',
      });
      assert.equal(created.statusCode, 201, created.body);
      assert.equal((await call(admin, 'POST', '/guides', guideInput({ id: 'audit-subject-guide' }))).statusCode, 201);
      assert.equal((await call(admin, 'POST', '/device-groups', { orgId: street.id, name: '大厅' })).statusCode, 201);
      const { deviceId } = await enrollDevice('安和一号机');
      const settings = await call(admin, 'PUT', `/settings/device/${deviceId}`, { idleSec: 60 });
      assert.equal(settings.statusCode, 200, settings.body);

      const entries = async (query: string) => {
        const reply = await call(admin, 'GET', `/audit?limit=500${query}`);
        assert.equal(reply.statusCode, 200, reply.body);
        return (reply.json() as { entries: AuditEntry[] }).entries;
      };
      const seen = async (subject: string) =>
        [
          ...new Set((await entries(`&subject=${subject}`)).map((e) => `${e.targetType} ${e.action} ${e.outcome}`)),
        ].sort();

      assert.deepEqual(await seen('sign-in'), ['user session.sign-in failed', 'user session.sign-in ok']);
      assert.deepEqual(await seen('user'), ['user user.create ok']);
      assert.deepEqual(await seen('org'), ['org org.create ok']);
      assert.deepEqual(await seen('guide'), ['guide guide.create ok']);
      assert.deepEqual(await seen('form'), []);
      assert.deepEqual(await seen('device'), [
        'device device.enroll ok',
        'device-group device.create-group ok',
        'device-settings device.settings ok',
      ]);
      // Every entry is about exactly one subject (the refusals and views of the trail itself aside).
      const all = await entries('');
      let counted = 0;
      for (const subject of AUDIT_SUBJECTS) counted += (await entries(`&subject=${subject}`)).length;
      assert.equal(counted, all.filter((entry) => entry.targetType !== 'audit').length);

      // With the other filters, and in the CSV export.
      assert.equal((await entries('&subject=sign-in&outcome=failed')).length, 1);
      assert.equal((await entries('&subject=device&action=device.enroll')).length, 1);
      const csv = await call(admin, 'GET', '/audit/export?subject=org');
      assert.equal(csv.statusCode, 200);
      assert.equal(csv.body.trim().split('\r\n').length, 2, 'the header and the one org entry');
      assert.equal((await call(admin, 'GET', '/audit?subject=printer')).statusCode, 400);
    });
  });
}
