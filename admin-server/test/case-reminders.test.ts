/**
 * Reminders of cases' limits: the intake side as the dispatch window runs short, the grid worker
 * when the case is theirs to sign for, the worker and the street's supervisor once it is late —
 * each once; a reminder whose limit no longer applies is not shown; staff mark only their own read.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { CaseList, CaseReceipt, CaseReminderList, ErrorBody } from '@linli/protocol';
import { startApp, type AdminHeaders } from './app-harness';
import { backends } from './backends';

const PASSWORD = 'Linli2026remind';

for (const backend of backends) {
  describe(backend.name, { skip: backend.skip }, () => {
    test('staff are reminded once as a case turns yellow and red, and the supervisor once it is late', async (t) => {
      let now = new Date('2026-12-07T02:00:00Z'); // Monday 10:00 in Beijing
      const { call, admin, root, services, signInAs } = await startApp(t, await backend.open(t), () => now);
      const node = async (parentId: number, name: string, code: string) =>
        ((await call(admin, 'POST', '/orgs', { parentId, name, code })).json() as { id: number }).id;
      const street = await node(root.id, '安和街道', '330188001000');
      const community = await node(street, '临江社区', '330188001001');
      const grid = await node(community, '临江第一网格', '330188001001001');
      for (const [username, role, orgId] of [
        ['lj.operator', 'community-operator', community],
        ['grid.wang', 'query-clerk', grid],
        ['anhe.admin', 'street-admin', street],
      ] as const)
        await call(admin, 'POST', '/users', {
          username,
          displayName: username,
          role,
          orgId,
          password: PASSWORD,
          mustChangePassword: false,
        });
      // Signed in afresh after each jump of the clock (sessions end when idle).
      const signIn = async () =>
        (await Promise.all(['lj.operator', 'grid.wang', 'anhe.admin'].map((name) => signInAs(name, PASSWORD)))) as [
          AdminHeaders,
          AdminHeaders,
          AdminHeaders,
        ];
      let [operator, worker, supervisor] = await signIn();
      const reminders = async (who: typeof admin) =>
        (await call(who, 'GET', '/case-reminders')).json() as CaseReminderList;
      const summary = (list: CaseReminderList) => list.reminders.map((r) => [r.limit, r.light, r.role, r.read]);

      const receipt = (
        await call(operator, 'POST', '/cases', {
          channel: 'walk-in',
          nature: 'complaint',
          category: 'property/leaks',
          description: '楼上漏水',
        })
      ).json() as CaseReceipt;
      const id = ((await call(operator, 'GET', `/cases?q=${receipt.tracking}`)).json() as CaseList).cases[0]!.id;
      assert.equal(await services.caseReminders.sweep(), 0, 'a day to dispatch: nothing to remind');

      now = new Date('2026-12-07T21:00:00Z'); // 19 of the 24 hours gone
      [operator, worker, supervisor] = await signIn();
      assert.equal(await services.caseReminders.sweep(), 1);
      assert.equal(await services.caseReminders.sweep(), 0, 'once');
      const dispatchSoon = await reminders(operator);
      assert.deepEqual(summary(dispatchSoon), [['dispatch', 'yellow', 'act', false]]);
      assert.equal(dispatchSoon.unread, 1);
      assert.deepEqual(
        [dispatchSoon.reminders[0]!.caseId, dispatchSoon.reminders[0]!.tracking],
        [id, receipt.tracking],
      );

      // Dispatched to the grid: the sign-by date is today, so the worker is reminded at once; the operator's reminder is past.
      await call(operator, 'POST', `/cases/${id}/actions`, { action: 'accept', version: 1 });
      await call(operator, 'POST', `/cases/${id}/actions`, { action: 'dispatch', version: 2, assigneeOrgId: grid });
      assert.equal(await services.caseReminders.sweep(), 0, 'reminded as it was dispatched');
      assert.deepEqual(summary(await reminders(operator)), []);
      assert.deepEqual(summary(await reminders(worker)), [['sign', 'yellow', 'act', false]]);

      now = new Date('2026-12-09T02:00:00Z'); // Wednesday: the sign-by date has passed
      [operator, worker, supervisor] = await signIn();
      assert.equal(await services.caseReminders.sweep(), 2);
      const late = await reminders(worker);
      assert.deepEqual(summary(late), [
        ['sign', 'red', 'act', false],
        ['sign', 'yellow', 'act', false],
      ]);
      const supervised = await reminders(supervisor);
      assert.deepEqual(summary(supervised), [['sign', 'red', 'supervise', false]]);

      // Marking another's reminder changes nothing; one's own, it is read.
      const others = await call(worker, 'POST', '/case-reminders/read', { ids: [supervised.reminders[0]!.id] });
      assert.equal((others.json() as CaseReminderList).unread, 2);
      assert.equal((await reminders(supervisor)).unread, 1);
      const read = await call(worker, 'POST', '/case-reminders/read', { ids: [late.reminders[0]!.id] });
      assert.deepEqual(summary(read.json() as CaseReminderList), [
        ['sign', 'red', 'act', true],
        ['sign', 'yellow', 'act', false],
      ]);
      assert.equal(
        ((await call(supervisor, 'POST', '/case-reminders/read', { all: true })).json() as CaseReminderList).unread,
        0,
      );
      const empty = await call(worker, 'POST', '/case-reminders/read', { ids: [] });
      assert.equal((empty.json() as ErrorBody).error.code, 'VALIDATION_FAILED');

      // Signed for, the sign limit's reminders no longer apply.
      await call(worker, 'POST', `/cases/${id}/actions`, { action: 'sign', version: 3 });
      assert.deepEqual(summary(await reminders(worker)), []);
      assert.deepEqual(summary(await reminders(supervisor)), []);
    });
  });
}
