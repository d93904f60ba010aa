/**
 * 预警信息 in the admin UI, against a real admin server, a real signage player and Chromium: a
 * community operator writes a rainstorm alert from its template (the level changes the suggested
 * headline; an end in the past is refused under its field), submits it, and may not approve it
 * herself; the street administrator approves it and the community's screen shows it within 2 s;
 * cancelling it takes it off the screen within 2 s. A system administrator adds an alert source and
 * sees its key once.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { startPlayer } from '../../build/scripts/processes';
import { apiAs, createUser, enrollmentCode, nodesByName } from '../../build/scripts/admin-api';
import { signInToAdmin } from './admin-sign-in';
import { seriousViolations } from './axe';
import { startPushStack } from './push-stack';

const ADMIN_PASSWORD = 'Admin2026warnings';
const PASSWORD = 'Linjiang-2026-warnings';
/** How soon an approved (or cancelled) alert must be on (or off) the screens of its area. */
const WITHIN_MS = 2000;

test(
  'an operator writes a rainstorm alert from its template; approved by a second person it is on the screen within 2 s; cancelled it leaves',
  { timeout: 180_000 },
  async (t) => {
    const { dataDir, env, url, browser } = await startPushStack(t, 'admin-alerts', ADMIN_PASSWORD);

    const system = await apiAs(url, 'admin', ADMIN_PASSWORD);
    const nodes = await nodesByName(system);
    const linjiang = nodes.get('临江社区')!;
    await createUser(system, {
      username: 'lj.op',
      displayName: '王敏',
      role: 'community-operator',
      orgId: linjiang.id,
      password: PASSWORD,
    });
    await createUser(system, {
      username: 'ah.admin',
      displayName: '李强',
      role: 'street-admin',
      orgId: nodes.get('安和街道')!.id,
      password: PASSWORD,
    });
    const player = await startPlayer({
      ...env,
      LINLI_DATA_DIR: path.join(dataDir, 'player'),
      LINLI_PLAYER_PORT: '0',
      LINLI_SERVER_URL: url,
      LINLI_ENROLLMENT_CODE: await enrollmentCode(system, linjiang.id),
      LINLI_DEVICE_NAME: 'linjiang-screen',
    });
    t.after(() => player.stop());
    const screen = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    await screen.goto(`${player.ready.url}/`);
    await screen.locator('.player:not([data-state="loading"])').waitFor({ timeout: 20_000 });

    const operator = await signInToAdmin(browser, url, 'lj.op', PASSWORD);
    await operator.getByRole('navigation', { name: '主菜单' }).getByRole('button', { name: '预警信息' }).click();
    await operator.getByRole('button', { name: '新建预警' }).click();
    const form = operator.getByRole('form', { name: '新建预警' });
    await form.getByLabel('暴雨').check();
    const headline = form.getByLabel('标题');
    assert.equal(await headline.inputValue(), '暴雨橙色预警', 'the template suggests the headline at its level');
    await form.getByLabel('级别').selectOption('Extreme');
    assert.equal(await headline.inputValue(), '暴雨红色预警', 'and follows the level');
    assert.match(await form.getByLabel('防御指引').inputValue(), /远离低洼地带/);
    await form.getByLabel('临江社区').check();
    const yesterday = new Date(Date.now() - 86_400_000 - new Date().getTimezoneOffset() * 60_000)
      .toISOString()
      .slice(0, 16);
    await form.getByLabel('结束时间').fill(yesterday);
    await form.getByRole('button', { name: '提交审核' }).click();
    await form.locator('.field-error', { hasText: '须晚于现在' }).waitFor();
    assert.equal(
      await form.getByLabel('结束时间').getAttribute('aria-invalid'),
      'true',
      'said under the field it concerns',
    );
    const later = new Date(Date.now() + 3 * 3_600_000 - new Date().getTimezoneOffset() * 60_000)
      .toISOString()
      .slice(0, 16);
    await form.getByLabel('结束时间').fill(later);
    await form.getByRole('button', { name: '提交审核' }).click();
    await operator.getByText('已提交，等待另一位人员审核').waitFor();
    const ownRow = operator.locator('table.manual-alerts tbody tr').first();
    assert.match(await ownRow.innerText(), /暴雨红色预警[\s\S]*待审核/);
    assert.equal(await ownRow.getByRole('button', { name: '批准发布' }).count(), 0, 'nobody approves their own alert');
    assert.deepEqual(await seriousViolations(operator, false), []);

    const reviewer = await signInToAdmin(browser, url, 'ah.admin', PASSWORD);
    await reviewer.getByRole('navigation', { name: '主菜单' }).getByRole('button', { name: '预警信息' }).click();
    const row = reviewer.locator('table.manual-alerts tbody tr').first();
    const alertOnScreen = screen.locator('.alert-screen[data-tone="red"]');
    /** When the page sent its request to the server: the click and its confirmation come before. */
    const sentAt = (step: 'review' | 'cancel') =>
      new Promise<number>((resolve) =>
        reviewer.on('request', (request) => {
          if (request.method() === 'POST' && request.url().endsWith(`/${step}`)) resolve(Date.now());
        }),
      );
    const approval = sentAt('review');
    await row.getByRole('button', { name: '批准发布' }).click();
    await alertOnScreen.waitFor({ timeout: 10_000 });
    const onMs = Date.now() - (await approval);
    t.diagnostic(`on the screen ${onMs} ms after the approval was sent`);
    assert.ok(onMs < WITHIN_MS, `on the screen ${onMs} ms after approval`);
    assert.equal(await alertOnScreen.locator('.alert-headline').innerText(), '暴雨红色预警');
    await reviewer.getByText('已发布，范围内的屏幕正在显示').waitFor();
    const received = reviewer.locator('table.alerts tbody tr').first();
    assert.match(await received.innerText(), /红色[\s\S]*暴雨红色预警[\s\S]*临江社区[\s\S]*人工发布[\s\S]*生效中/);

    const cancelling = sentAt('cancel');
    await row.getByRole('button', { name: '撤销预警' }).click();
    await alertOnScreen.waitFor({ state: 'detached', timeout: 10_000 });
    const offMs = Date.now() - (await cancelling);
    t.diagnostic(`off the screen ${offMs} ms after the cancellation was sent`);
    assert.ok(offMs < WITHIN_MS, `off the screen ${offMs} ms after cancelling`);
    await reviewer.getByText('已撤销，屏幕上的预警已取下').waitFor();
    assert.match(await row.innerText(), /已撤销/);

    // 预警信息源: a system administrator adds one and sees its key this once.
    const systemPage = await signInToAdmin(browser, url, 'admin', ADMIN_PASSWORD);
    await systemPage.getByRole('navigation', { name: '主菜单' }).getByRole('button', { name: '预警信息' }).click();
    const sources = systemPage.getByRole('region', { name: '预警信息源' });
    await sources.getByLabel('名称').fill('临江市预警信息发布中心');
    await sources.getByRole('button', { name: '添加信息源' }).click();
    const key = await sources.locator('.key-once .secret').innerText();
    assert.match(key, /^cap_/);
    await sources.locator('table.alert-sources', { hasText: '临江市预警信息发布中心' }).waitFor();
    await systemPage.reload();
    await systemPage.getByRole('region', { name: '预警信息源' }).locator('table.alert-sources').waitFor();
    assert.equal(await systemPage.getByText(key).count(), 0, 'the key is not shown again');
    assert.equal(
      await operator.getByRole('region', { name: '预警信息源' }).count(),
      0,
      'only system administrators manage sources',
    );
  },
);
