/**
 * The working-day calendar edited in the admin UI: a year entered when the State Council announces
 * it counts in the deadlines of cases received after; mistakes are named by field and nothing is
 * saved; a stale edit is refused; only system administrators edit; dropping the edit brings the
 * shipped file back.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { AuditPage, CaseReceipt, ErrorBody, WorkCalendarEntry, WorkCalendarList } from '@linli/protocol';
import { startApp } from './app-harness';
import { backends } from './backends';

/** A made-up 2027: a week off from Friday 5 February, Saturday the 13th worked instead. */
const YEAR_2027 = {
  year: 2027,
  source: '测试用 2027 年安排',
  holidays: [{ name: '春节', from: '2027-02-05', to: '2027-02-11' }],
  makeUpWorkdays: ['2027-02-13'],
};

for (const backend of backends) {
  describe(backend.name, { skip: backend.skip }, () => {
    test('a year entered in the admin UI counts in the deadlines of cases received after it', async (t) => {
      const now = new Date('2027-02-04T02:00:00Z'); // Thursday 4 February 2027, 10:00 in Beijing
      const { call, admin } = await startApp(t, await backend.open(t), () => now);
      const walkIn = async () =>
        (
          await call(admin, 'POST', '/cases', {
            channel: 'walk-in',
            nature: 'complaint',
            category: 'property/leaks',
            description: '楼上漏水',
          })
        ).json() as CaseReceipt;

      const before = (await call(admin, 'GET', '/work-calendars')).json() as WorkCalendarList;
      assert.deepEqual(
        before.years.map((entry) => [entry.calendar.year, entry.origin]),
        [[2026, 'shipped']],
      );
      // No 2027 calendar: 13 working days counted Monday to Friday.
      assert.equal((await walkIn()).replyBy, '2027-02-23');

      const saved = await call(admin, 'PUT', '/work-calendars/2027', YEAR_2027, 0);
      assert.equal(saved.statusCode, 200, saved.body);
      assert.equal(saved.headers.etag, '"1"');
      assert.deepEqual(
        [(saved.json() as WorkCalendarEntry).origin, (saved.json() as WorkCalendarEntry).updatedBy],
        ['edited', 'admin'],
      );
      // The holiday week is skipped and the Saturday worked counts.
      assert.equal((await walkIn()).replyBy, '2027-03-01');
      const catalogue = (await call(admin, 'GET', '/case-catalogue')).json() as { calendarYears: number[] };
      assert.deepEqual(catalogue.calendarYears, [2026, 2027]);

      const audit = (await call(admin, 'GET', '/audit?action=work-calendar.update')).json() as AuditPage;
      assert.equal(audit.entries[0]?.targetId, '2027');

      // Dropped, the year counts Monday to Friday again.
      assert.equal((await call(admin, 'DELETE', '/work-calendars/2027')).statusCode, 204);
      assert.equal((await walkIn()).replyBy, '2027-02-23');
      assert.equal((await call(admin, 'DELETE', '/work-calendars/2027')).json<ErrorBody>().error.code, 'NOT_FOUND');
    });

    test('a calendar with mistakes, a stale edit or a user who is not a system administrator changes nothing', async (t) => {
      const { call, admin, root, signInAs } = await startApp(t, await backend.open(t));
      const refused = async (body: object, version: number, code: string, path?: string) => {
        const reply = await call(admin, 'PUT', '/work-calendars/2027', body, version);
        const { error } = reply.json() as ErrorBody;
        assert.equal(error.code, code, reply.body);
        if (path)
          assert.ok(
            error.details?.some((detail) => detail.path === path),
            JSON.stringify(error.details),
          );
      };
      await refused({ ...YEAR_2027, makeUpWorkdays: ['2027-02-15'] }, 0, 'VALIDATION_FAILED', '/makeUpWorkdays/0');
      await refused(
        { ...YEAR_2027, holidays: [{ name: '春节', from: '2027-02-11', to: '2027-02-05' }] },
        0,
        'VALIDATION_FAILED',
        '/holidays/0/to',
      );
      await refused({ ...YEAR_2027, year: 2028 }, 0, 'VALIDATION_FAILED', '/year');
      await refused({ year: 2027 }, 0, 'VALIDATION_FAILED');
      const noVersion = await call(admin, 'PUT', '/work-calendars/2027', YEAR_2027);
      assert.equal(noVersion.json<ErrorBody>().error.code, 'VERSION_REQUIRED');
      const list = async () => ((await call(admin, 'GET', '/work-calendars')).json() as WorkCalendarList).years;
      assert.equal((await list()).length, 1, 'nothing saved');

      // 2026 edited twice from the shipped file: the second save is stale.
      const shipped2026 = (await list())[0]!.calendar;
      const edited = { ...shipped2026, source: '区里补充' };
      assert.equal((await call(admin, 'PUT', '/work-calendars/2026', edited, 0)).statusCode, 200);
      const stale = await call(admin, 'PUT', '/work-calendars/2026', { ...shipped2026, source: '另一人' }, 0);
      assert.equal(stale.json<ErrorBody>().error.code, 'EDIT_CONFLICT');
      assert.equal((await list())[0]!.calendar.source, '区里补充');
      assert.equal((await call(admin, 'DELETE', '/work-calendars/2026')).statusCode, 204);
      assert.deepEqual((await list())[0], { calendar: shipped2026, origin: 'shipped', version: 0, hasShipped: true });

      // A street administrator runs cases but does not set the calendar.
      const street = (
        await call(admin, 'POST', '/orgs', { parentId: root.id, name: '安和街道', code: '330188001000' })
      ).json() as { id: number };
      await call(admin, 'POST', '/users', {
        username: 'anhe-admin',
        displayName: '街道管理员',
        role: 'street-admin',
        orgId: street.id,
        password: 'Linli2026calendar',
        mustChangePassword: false,
      });
      const streetAdmin = await signInAs('anhe-admin', 'Linli2026calendar');
      assert.equal((await call(streetAdmin, 'GET', '/work-calendars')).json<ErrorBody>().error.code, 'FORBIDDEN');
      const denied = await call(streetAdmin, 'PUT', '/work-calendars/2027', YEAR_2027, 0);
      assert.equal(denied.json<ErrorBody>().error.code, 'FORBIDDEN');
      assert.equal((await list()).length, 1, 'nothing saved');
    });
  });
}
