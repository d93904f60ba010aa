/**
 * The staff mobile app in Chromium on a phone-sized screen: a grid worker signs in, is reminded of the
 * case dispatched to them (a day to sign for it), signs for it, notes progress with a photo of the work
 * and answers it; then, with no network, reports a grid event with the
 * phone's position — kept on the phone, the app opening again offline from its service worker —
 * and, the network back, the report is sent once and placed in the grid it happened in.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createUser, nodesByName } from '../../build/scripts/admin-api';
import { seriousViolations } from './axe';
import { openAdminServer } from './admin-fixture';
import { launchChromium } from './browser';

const ADMIN_PASSWORD = 'Admin2026mobile';
const WORKER_PASSWORD = 'Grid2026worker';

test(
  'a grid worker handles a task and reports an event offline from the staff app',
  { timeout: 120_000 },
  async (t) => {
    const { url, api } = await openAdminServer(t, ADMIN_PASSWORD);
    const nodes = await nodesByName(api);
    const grid = nodes.get('临江第一网格')!;
    await createUser(api, {
      username: 'wangli',
      displayName: '王丽',
      role: 'query-clerk',
      orgId: grid.id,
      password: WORKER_PASSWORD,
    });
    // A case dispatched to the worker.
    const taken = await api('POST', '/cases', {
      channel: 'walk-in',
      orgId: nodes.get('临江社区')!.id,
      nature: 'help',
      category: 'neighbourhood/dispute',
      description: '2号楼楼上漏水到楼下',
      location: { text: '2号楼1单元' },
    });
    const [task] = (await api('GET', `/cases?q=${(taken.json as { tracking: string }).tracking}`)).json.cases as {
      id: number;
    }[];
    await api('POST', `/cases/${task!.id}/actions`, { action: 'accept', version: 1 });
    await api('POST', `/cases/${task!.id}/actions`, {
      action: 'dispatch',
      version: 2,
      assigneeOrgId: grid.id,
      assigneeUser: 'wangli',
    });

    const browser = await launchChromium();
    t.after(() => browser.close());
    // Inside 临江第一网格 (the demo grid's square south-west corner is 30.27°N 120.15°E).
    const context = await browser.newContext({
      viewport: { width: 390, height: 844 },
      geolocation: { latitude: 30.2715, longitude: 120.1515 },
      permissions: ['geolocation'],
    });
    const page = await context.newPage();
    await page.goto(`${url}/admin/mobile.html`);
    await page.getByLabel('用户名').fill('wangli');
    await page.getByLabel('密码').fill(WORKER_PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();

    // Dispatched with a day to sign for it, the task is reminded above the list; the reminder opens it.
    const reminders = page.getByRole('region', { name: '时限提醒' });
    await reminders.getByRole('button', { name: /^临近签收期限 \d{4}-\d{2}-\d{2} · \d{12}$/ }).click();
    // The task: signed for, a progress note with a photo of the work, then answered.
    await page.getByRole('button', { name: '签收', exact: true }).click();
    await page.getByText('办理中').waitFor();
    const workPhoto = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from('水管已修好')]);
    await page
      .getByLabel('办理照片（最多 6 张）')
      .setInputFiles({ name: 'pipe.jpg', mimeType: 'image/jpeg', buffer: workPhoto });
    await page.getByText('已选 1 张照片').waitFor();
    await page.getByLabel('进展说明').fill('已上门查看，正在维修水管');
    await page.getByRole('button', { name: '记录进展' }).click();
    await page.getByText('已选 1 张照片').waitFor({ state: 'detached' });
    await page.getByLabel('进展说明').fill('已协调楼上住户维修水管，楼下已不再漏水');
    await page.getByRole('button', { name: '答复办结' }).click();
    await page.getByText('已答复').waitFor();
    const handled = (await api('GET', `/cases/${task!.id}`)).json as { photos?: string[]; steps: { action: string }[] };
    assert.equal(handled.photos?.length, 1, 'the photo of the work is with the case');
    const reminded = (await api('GET', '/case-reminders')).json as { reminders: unknown[] };
    assert.deepEqual(reminded.reminders, [], 'the administrator was not reminded of the worker’s limit');
    assert.deepEqual(await seriousViolations(page, false), [], 'staff app: a task');

    // Reporting with no network: kept on the phone; the app opens again offline.
    await page.getByRole('button', { name: '上报事件' }).click();
    // The categories arrive before the network goes (the app keeps them for offline use).
    await page.getByLabel('事件类别').locator('option[value="safety/manhole"]').waitFor({ state: 'attached' });
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
    await context.setOffline(true);
    await page.getByText('当前离线').waitFor();
    await page.getByLabel('事件类别').selectOption('safety/manhole');
    await page.getByLabel('事件描述').fill('1号楼北侧井盖缺失，有人员跌落风险');
    const photo = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('井盖')]);
    await page
      .getByLabel('现场照片（最多 6 张）')
      .setInputFiles({ name: 'manhole.png', mimeType: 'image/png', buffer: photo });
    await page.getByText('已选 1 张照片').waitFor();
    await page.getByRole('button', { name: '获取当前位置' }).click();
    await page.getByText('已定位：30.27150, 120.15150').waitFor();
    await page.getByRole('button', { name: '上报', exact: true }).click();
    await page.getByText('1 条上报等待网络恢复后发送').waitFor();
    await page.reload();
    await page.getByRole('button', { name: '上报事件' }).click();
    await page.getByText('1 条上报等待网络恢复后发送').waitFor();

    // The network is back: sent once, placed in the grid.
    await context.setOffline(false);
    const sent = page.getByText(/^已上报，受理编号 \d{12}$/);
    await sent.waitFor();
    const tracking = (await sent.innerText()).slice(-12);
    const reported = (await api('GET', `/cases?q=${tracking}`)).json.cases as {
      id: number;
      channel: string;
      grid?: { name: string };
      location?: { lat?: number };
    }[];
    assert.equal(reported.length, 1);
    assert.deepEqual(
      [reported[0]!.channel, reported[0]!.grid?.name, reported[0]!.location?.lat],
      ['mobile', '临江第一网格', 30.2715],
    );
    // The photo came with it, byte for byte.
    const [photoId] = (await api('GET', `/cases/${reported[0]!.id}`)).json.photos as string[];
    const served = await api('GET', `/case-photos/${photoId}`);
    assert.equal(served.status, 200);
    assert.equal(
      ((await api('GET', '/cases?q=井盖')).json as { total: number }).total,
      1,
      'one case, whatever was sent twice',
    );
  },
);
