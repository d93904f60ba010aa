/**
 * 工作日历 in the admin UI against a real admin server and Chromium: the system administrator finds
 * 2026 as shipped (the National Day week off, Saturday 10 October worked), adds 2027 when it is
 * announced, is told beside the row that a holiday ends before it begins and that a weekday cannot be
 * a make-up workday, fixes both and saves; the months show the days off and the year's working days
 * change with the draft. The server then counts 2027 as saved.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { WorkCalendarList } from '@linli/protocol';
import { signInToAdmin } from './admin-sign-in';
import { seriousViolations } from './axe';
import { openAdminServer } from './admin-fixture';
import { launchChromium } from './browser';

const ADMIN_PASSWORD = 'Admin2026calendar';

test(
  'a new year of holidays is entered, corrected beside its rows and saved in the admin UI',
  { timeout: 120_000 },
  async (t) => {
    const { url, api } = await openAdminServer(t, ADMIN_PASSWORD);
    const browser = await launchChromium();
    t.after(() => browser.close());
    const page = await signInToAdmin(browser, url, 'admin', ADMIN_PASSWORD);
    await page.getByRole('navigation', { name: '主菜单' }).getByRole('button', { name: '工作日历' }).click();

    // 2026 as shipped: the National Day week is off, the Saturday after it worked.
    await page.getByRole('tab', { name: /2026/ }).waitFor();
    assert.equal(await page.getByRole('tab', { name: /2026/ }).getAttribute('aria-selected'), 'true');
    assert.match(await page.getByRole('tab', { name: /2026/ }).innerText(), /随系统提供/);
    assert.equal(await page.locator('td[data-date="2026-10-05"]').getAttribute('class'), 'day-off');
    assert.equal(await page.locator('td[data-date="2026-10-10"]').getAttribute('class'), 'day-makeUp');

    await page.getByRole('button', { name: '添加年份' }).click();
    await page.getByRole('tab', { name: /2027/ }).waitFor();
    const form = page.getByRole('form', { name: '2027' });
    const workingDays = async () => Number(await page.locator('[data-working-days]').getAttribute('data-working-days'));
    const mondayToFriday = await workingDays();
    assert.equal(mondayToFriday, 261, '2027 has 261 weekdays');

    await form.getByLabel('依据').fill('国务院办公厅关于2027年部分节假日安排的通知');
    await form.getByRole('button', { name: '添加节假日' }).click();
    const holiday = form.locator('tr[data-holiday="0"]');
    await holiday.getByLabel('名称').fill('春节');
    await holiday.getByLabel('开始').fill('2027-02-11');
    await holiday.getByLabel('结束').fill('2027-02-05');
    await form.getByRole('button', { name: '添加调休上班日' }).click();
    await form.locator('li[data-make-up="0"] input').fill('2027-02-15');
    await form.getByRole('button', { name: '保存' }).click();

    // Each mistake beside its row; nothing saved.
    await holiday.getByText('结束日期早于开始日期').waitFor();
    await form.locator('li[data-make-up="0"]').getByText('只有周末才能设为调休上班日').waitFor();
    assert.equal(await holiday.getByLabel('结束').getAttribute('aria-invalid'), 'true');
    assert.equal(((await api('GET', '/work-calendars')).json as WorkCalendarList).years.length, 1);

    await holiday.getByLabel('开始').fill('2027-02-05');
    await holiday.getByLabel('结束').fill('2027-02-11');
    await form.locator('li[data-make-up="0"] input').fill('2027-02-13');
    // Five weekdays off, one Saturday worked, before anything is saved.
    assert.equal(await workingDays(), mondayToFriday - 5 + 1);
    assert.equal(await page.locator('td[data-date="2027-02-08"]').getAttribute('class'), 'day-off');
    await form.getByRole('button', { name: '保存' }).click();
    await page.getByRole('status').getByText('2027 年工作日历已保存').waitFor();
    assert.match(await page.getByRole('tab', { name: /2027/ }).innerText(), /已修改/);
    assert.deepEqual(await seriousViolations(page, false), [], 'work calendar');

    const saved = ((await api('GET', '/work-calendars')).json as WorkCalendarList).years.find(
      (entry) => entry.calendar.year === 2027,
    );
    assert.deepEqual(saved?.calendar.holidays, [{ name: '春节', from: '2027-02-05', to: '2027-02-11' }]);
    assert.deepEqual(saved?.calendar.makeUpWorkdays, ['2027-02-13']);
  },
);
