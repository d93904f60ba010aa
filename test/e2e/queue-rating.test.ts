/**
 * 好差评 in the admin UI against a real admin server and Chromium: a 窗口工作人员 at 1 号窗口 opens the
 * window's rating pad (打开评价器, a second page of the same clerk), which waits showing the window;
 * the clerk calls and finishes a kiosk's ticket by key, the pad asks 请为本次服务评价, the resident taps
 * 不满意 and 态度差 and sends it, the pad says 谢谢 and waits again; the complaint case exists, and
 * the 统计 tab of 排队叫号 counts the ticket and its rating for the window and the clerk.
 */
import { randomUUID } from 'node:crypto';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { CaseList } from '@linli/protocol';
import { createUser, enrolledDevice, enrollmentCode, nodesByName } from '../../build/scripts/admin-api';
import { openAdminPage, signInToAdmin } from './admin-sign-in';
import { seriousViolations } from './axe';
import { openAdminServer } from './admin-fixture';
import { launchChromium } from './browser';

const ADMIN_PASSWORD = 'Admin2026rating';
const CLERK_PASSWORD = 'Clerk2026rating';
const HALL = '安和街道便民服务中心';

test(
  'a ticket finished at the counter is rated on the window’s pad; a 差评 opens a case; 统计 counts both',
  { timeout: 180_000 },
  async (t) => {
    const { url, api } = await openAdminServer(t, ADMIN_PASSWORD);
    const street = (await nodesByName(api)).get('安和街道')!;
    const created = await api('POST', '/queue/halls', {
      orgId: street.id,
      name: HALL,
      resetTime: '00:00',
      elderAge: null,
      hours: [{ weekdays: [1, 2, 3, 4, 5, 6, 7], windows: [{ from: '00:00', to: '23:59' }] }],
      followsWorkCalendar: false,
      businesses: [
        { id: 'general-enquiry', name: '综合咨询', prefix: 'A', maxPerDay: 300, open: true, serviceMinutes: 5 },
      ],
      windows: [{ number: 1, businesses: ['general-enquiry'] }],
    });
    assert.equal(created.status, 201, JSON.stringify(created.json));
    await createUser(api, {
      username: 'window1',
      displayName: '窗口一',
      role: 'hall-clerk',
      orgId: street.id,
      password: CLERK_PASSWORD,
    });
    const browser = await launchChromium();
    t.after(() => browser.close());

    // The clerk sits at 1 号窗口 and opens the window's pad beside the counter.
    const clerk = await signInToAdmin(browser, url, 'window1', CLERK_PASSWORD);
    await openAdminPage(clerk, '窗口叫号');
    await clerk.getByRole('button', { name: '开始服务' }).click();
    await clerk.getByText(`${HALL} · 1 号窗口`).waitFor();
    const [pad] = await Promise.all([
      clerk.waitForEvent('popup'),
      clerk.getByRole('button', { name: '打开评价器' }).click(),
    ]);
    const screen = pad.locator('main.rating-pad');
    await pad.locator('.rating-pad-window').getByText('1 号窗口').waitFor();
    assert.equal(await screen.getAttribute('data-screen'), 'waiting');
    assert.equal(await pad.getByText('请为本次服务评价').count(), 0, 'nothing to rate yet');
    assert.equal(await pad.getByRole('navigation', { name: '主菜单' }).count(), 0, 'no menus on the pad');

    // A resident's ticket from a kiosk of the street, called and finished by key.
    const kiosk = await enrolledDevice(url, await enrollmentCode(api, street.id), '大厅取号机', 'kiosk');
    const taken = await kiosk.call('POST', '/api/v1/queue/tickets', {
      clientId: randomUUID(),
      business: 'general-enquiry',
    });
    assert.equal(taken.status, 201, await taken.clone().text());
    await clerk.locator('.queue-waiting li').first().waitFor();
    await clerk.keyboard.press('n');
    await clerk.getByRole('status').getByText('已叫 A001 号到 1 号窗口').waitFor();
    await clerk.keyboard.press('f');
    await clerk.getByRole('status').getByText('A001 号已办结').waitFor();

    // The pad asks; the resident taps 不满意, then 态度差, and sends it.
    await pad.getByRole('heading', { name: '请为本次服务评价' }).waitFor();
    await pad.getByText('A001 号 · 综合咨询').waitFor();
    assert.deepEqual(await pad.locator('.rating-pad-levels button').allInnerTexts(), [
      '非常满意',
      '满意',
      '基本满意',
      '不满意',
      '非常不满意',
    ]);
    assert.deepEqual(await seriousViolations(pad, false), [], 'rating pad');
    await pad.getByRole('button', { name: '不满意', exact: true }).click();
    const rude = pad.getByRole('button', { name: '态度差' });
    await rude.click();
    assert.equal(await rude.getAttribute('aria-pressed'), 'true');
    await pad.getByRole('button', { name: '提交评价' }).click();
    await pad.getByRole('status').getByText('谢谢您的评价！').waitFor();
    await pad.getByText('我们会核查本次服务并改进。').waitFor();
    // Back to waiting after a short while.
    await pad.locator('main.rating-pad[data-screen="waiting"]').waitFor({ timeout: 20_000 });

    const complaints = (await api('GET', '/cases?nature=complaint')).json as unknown as CaseList;
    const filed = complaints.cases.filter((entry) => entry.description.includes('号码 A001'));
    assert.equal(filed.length, 1, JSON.stringify(complaints.cases.map((entry) => entry.description)));
    assert.match(filed[0]!.description, /1号窗口，综合咨询业务.*「不满意」，原因：态度差/);
    assert.equal(filed[0]!.orgId, street.id);

    // 统计: today's ticket, served, rated 不满意 at 1 号窗口 and for the clerk.
    await openAdminPage(clerk, '排队叫号');
    await clerk.getByRole('tab', { name: '统计' }).click();
    const totals = clerk.locator('.stat-totals');
    await totals.locator('[data-count="taken"] dd').getByText('1', { exact: true }).waitFor();
    assert.equal(await totals.locator('[data-count="served"] dd').innerText(), '1');
    assert.equal(await totals.locator('[data-count="ratings"] dd').innerText(), '1');
    assert.equal(await totals.locator('[data-count="satisfaction"] dd').innerText(), '0.0%');
    const window1 = clerk.locator('tr[data-window="1"]');
    assert.equal(await window1.locator('td[data-level="dissatisfied"]').innerText(), '1');
    const staff = clerk.locator('tr[data-staff="window1"]');
    assert.equal(await staff.locator('th').innerText(), '窗口一');
    assert.equal(await staff.locator('td[data-level="dissatisfied"]').innerText(), '1');
    assert.equal(await clerk.locator('tr[data-business="general-enquiry"] td').first().innerText(), '1');
    assert.deepEqual(await seriousViolations(clerk, false), [], '统计');

    // A period backwards is said beside the date it concerns.
    const to = clerk.locator('input[name="to"]');
    await to.fill('2020-01-01');
    await clerk.locator('.field-error').getByText(/.+/).first().waitFor();
    assert.equal(await to.getAttribute('aria-invalid'), 'true');
  },
);
