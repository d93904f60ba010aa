/**
 * 排队叫号 in the admin UI against a real admin server and Chromium: the street's administrator
 * sets up a hall — told beside the row that a prefix is used twice and that a time ends before it
 * begins —, a 窗口工作人员 of the street chooses 1 号窗口 at 窗口叫号, a kiosk of the street takes two
 * tickets, and the clerk works them from the keyboard: N calls the older resident's ticket first
 * though it was taken second, R calls it again, T moves it to 2 号窗口, N calls the other, F finishes
 * it, and N with nobody left is refused in words. The administrator's 大厅实况 follows every step
 * as the server pushes it.
 */
import { randomUUID } from 'node:crypto';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { QueueHall } from '@linli/protocol';
import { createUser, enrolledDevice, enrollmentCode, nodesByName } from '../../build/scripts/admin-api';
import { openAdminPage, signInToAdmin } from './admin-sign-in';
import { seriousViolations } from './axe';
import { openAdminServer } from './admin-fixture';
import { launchChromium } from './browser';

const ADMIN_PASSWORD = 'Admin2026queue';
const CLERK_PASSWORD = 'Clerk2026window';
const HALL = '安和街道便民服务中心';

test(
  'a hall set up in the admin UI, its tickets called from the counter by key, the hall watched live',
  { timeout: 180_000 },
  async (t) => {
    const { url, api } = await openAdminServer(t, ADMIN_PASSWORD);
    const street = (await nodesByName(api)).get('安和街道')!;
    const browser = await launchChromium();
    t.after(() => browser.close());

    // The hall, set up in the UI: two businesses, two windows, open every day at every hour.
    const admin = await signInToAdmin(browser, url, 'admin', ADMIN_PASSWORD);
    await openAdminPage(admin, '排队叫号');
    await admin.getByRole('button', { name: '新建服务大厅' }).click();
    const form = admin.getByRole('form', { name: '新建服务大厅' });
    await form.getByLabel('大厅名称').fill(HALL);
    await form.getByLabel('所属机构（其下的自助终端在此取号）').selectOption(String(street.id));
    await form.locator('input[name="hours-0-day-6"]').check();
    await form.locator('input[name="hours-0-day-7"]').check();
    await form.locator('[data-hours="0"]').getByRole('button', { name: '删除' }).first().click();
    await form.locator('input[name="hours-0-0-from"]').fill('00:00');
    await form.locator('input[name="hours-0-0-to"]').fill('00:00');
    await form.locator('input[name="followsWorkCalendar"]').uncheck();
    const business = (row: number) => form.locator(`tr[data-business="${row}"]`);
    await business(0).getByLabel('名称').fill('综合咨询');
    await business(0).getByLabel('编号').fill('general-enquiry');
    await form.getByRole('button', { name: '添加业务类型' }).click();
    await business(1).getByLabel('号头').fill('A');
    await business(1).getByLabel('名称').fill('社保医保');
    await business(1).getByLabel('编号').fill('social-security');
    await form.getByRole('button', { name: '添加窗口' }).click();
    await form.getByRole('button', { name: '创建' }).click();

    // Each mistake beside its row; nothing made.
    await business(1).getByText('重复了').waitFor();
    await form.locator('[data-hours="0"]').getByText('结束时间不晚于开始时间').waitFor();
    assert.equal(await business(1).getByLabel('号头').getAttribute('aria-invalid'), 'true');
    const hallNames = async () =>
      ((await api('GET', '/queue/halls')).json.halls as QueueHall[]).map((h) => h.name).filter((name) => name === HALL);
    assert.deepEqual(await hallNames(), []);

    await business(1).getByLabel('号头').fill('B');
    await form.locator('input[name="hours-0-0-to"]').fill('23:59');
    await form.getByRole('button', { name: '创建' }).click();
    await admin.getByRole('status').getByText(`已创建「${HALL}」`).waitFor();
    const { halls } = (await api('GET', '/queue/halls')).json as unknown as { halls: QueueHall[] };
    const hall = halls.find((h) => h.name === HALL)!;
    assert.equal(hall.orgId, street.id);
    // The business renamed in the form stayed served by its window.
    assert.deepEqual(
      hall.windows.map((w) => [w.number, w.businesses]),
      [
        [1, ['general-enquiry']],
        [2, ['general-enquiry', 'social-security']],
      ],
    );
    await admin.getByRole('tab', { name: '大厅实况' }).click();
    await admin.locator('.queue-window[data-window="1"]').getByText('空闲').waitFor();
    assert.deepEqual(await seriousViolations(admin, false), [], 'hall live');

    // A clerk of the street sits at 1 号窗口.
    await createUser(api, {
      username: 'window1',
      displayName: '窗口一',
      role: 'hall-clerk',
      orgId: street.id,
      password: CLERK_PASSWORD,
    });
    const clerk = await signInToAdmin(browser, url, 'window1', CLERK_PASSWORD);
    await openAdminPage(clerk, '窗口叫号');
    await clerk.locator('select[name="window"]').selectOption('1');
    await clerk.getByRole('button', { name: '开始服务' }).click();
    await clerk.getByText(`${HALL} · 1 号窗口`).waitFor();
    await clerk.getByText('当前没有办理中的号').waitFor();

    // A kiosk of the street: one ticket, then an older resident's (the kiosk read a card of 70+).
    const kiosk = await enrolledDevice(url, await enrollmentCode(api, street.id), '大厅取号机', 'kiosk');
    for (const priority of ['none', 'elder'] as const) {
      const taken = await kiosk.call('POST', '/api/v1/queue/tickets', {
        clientId: randomUUID(),
        business: 'general-enquiry',
        priority,
      });
      assert.equal(taken.status, 201, await taken.clone().text());
    }
    const waiting = clerk.locator('.queue-waiting li');
    await waiting.nth(1).waitFor();
    // Called first though taken second: the older resident.
    assert.deepEqual(await waiting.locator('.queue-label').allInnerTexts(), ['A002', 'A001']);

    const current = clerk.locator('.counter-current .queue-ticket');
    const liveWindow = (number: number) => admin.locator(`.queue-window[data-window="${number}"]`);
    await clerk.keyboard.press('n');
    await clerk.getByRole('status').getByText('已叫 A002 号到 1 号窗口').waitFor();
    assert.equal(await current.getAttribute('data-label'), 'A002');
    await liveWindow(1).locator('.queue-ticket[data-label="A002"]').waitFor();
    await admin.locator('.queue-calls').getByText('请 A002 号到 1 号窗口办理').waitFor();

    await clerk.keyboard.press('r');
    await clerk.getByText('已叫 2 次').waitFor();
    await liveWindow(1).getByText('已叫 2 次').waitFor();
    assert.deepEqual(await seriousViolations(clerk, false), [], 'counter');

    // To 2 号窗口: back in the waiting list, marked as moved from 1 号窗口.
    await clerk.keyboard.press('t');
    const transfer = clerk.getByRole('form', { name: '转移 A002 号' });
    await transfer.locator('select[name="toWindow"]').selectOption('2');
    await transfer.getByRole('button', { name: '确认转移' }).click();
    await clerk.getByRole('status').getByText('A002 号已转移').waitFor();
    await clerk.getByText('当前没有办理中的号').waitFor();
    await admin.locator('.queue-waiting .queue-ticket[data-label="A002"]').getByText('由 1 号窗口转来').waitFor();

    await clerk.keyboard.press('n');
    await clerk.getByRole('status').getByText('已叫 A001 号到 1 号窗口').waitFor();
    await clerk.keyboard.press('f');
    await clerk.getByRole('status').getByText('A001 号已办结').waitFor();
    await liveWindow(1).getByText('空闲').waitFor();

    // A002 waits for 2 号窗口 alone: 1 号窗口 has nobody to call, and is told so.
    await clerk.keyboard.press('n');
    await clerk.getByText('本窗口暂无等候的号').waitFor();
    const state = (await api('GET', `/queue/halls/${hall.id}/state`)).json as unknown as {
      waiting: { label: string }[];
    };
    assert.deepEqual(
      state.waiting.map((ticket) => ticket.label),
      ['A002'],
    );

    // The window is remembered on this computer.
    await clerk.reload();
    await openAdminPage(clerk, '窗口叫号');
    await clerk.getByText(`${HALL} · 1 号窗口`).waitFor();
  },
);
