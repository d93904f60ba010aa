/**
 * The notice workflow across the whole system: a street administrator creates a community and
 * its operator in the admin UI, the operator drafts a notice, the street administrator approves
 * it, and it appears on the kiosk of that community only; another community's operator never
 * sees it, in the UI or the API.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { startKiosk } from '../../build/scripts/processes';
import { seriousViolations } from './axe';
import { apiAs } from '../../build/scripts/admin-api';
import { signInToAdmin } from './admin-sign-in';
import { startPushStack } from './push-stack';
import { chooseOwnPassword } from './first-password';

const ADMIN_PASSWORD = 'Admin2026notice';
const PASSWORD = 'Linli2026notice';
const TITLE = '荷花社区12月1日停水通知';

/** The admin API as a signed-in user (for set-up and for what the UI must not show). */
test(
  "a notice drafted by a community operator and approved by the street reaches only that community's kiosk",
  { timeout: 240_000 },
  async (t) => {
    const { dataDir, env, url, browser } = await startPushStack(t, 'notice-e2e', ADMIN_PASSWORD);

    // Set-up through the API: the demo district's 安和街道 gets its street administrator, and
    // 临江社区 (another community) its operator and a kiosk.
    const system = await apiAs(url, 'admin', ADMIN_PASSWORD);
    const nodes = (await system('GET', '/orgs')).json.nodes as { id: number; name: string }[];
    const anhe = nodes.find((node) => node.name === '安和街道')!;
    const linjiang = nodes.find((node) => node.name === '临江社区')!;
    assert.equal(
      (
        await system('POST', '/users', {
          username: 'anhe.admin',
          displayName: '安和街道管理员',
          role: 'street-admin',
          orgId: anhe.id,
          password: PASSWORD,
          mustChangePassword: false,
        })
      ).status,
      201,
    );
    assert.equal(
      (
        await system('POST', '/users', {
          username: 'linjiang.op',
          displayName: '临江社区操作员',
          role: 'community-operator',
          orgId: linjiang.id,
          password: PASSWORD,
          mustChangePassword: false,
        })
      ).status,
      201,
    );
    const linjiangCode = (await system('POST', '/enrollment-codes', { orgId: linjiang.id, validDays: 1, maxUses: 1 }))
      .json.code as string;

    const streetPage = await signInToAdmin(browser, url, 'anhe.admin', PASSWORD);
    let hehuaCode = '';
    await t.test(
      'the street administrator creates a community, its operator and an enrollment code in the UI',
      async () => {
        await streetPage.getByRole('button', { name: '组织机构' }).click();
        await streetPage
          .getByRole('navigation', { name: '组织机构' })
          .getByRole('button', { name: /安和街道/ })
          .click();
        const add = streetPage.locator('form', { hasText: '添加下级社区' });
        await add.locator('input[name=name]').fill('荷花社区');
        await add.locator('input[name=code]').fill('330188001009');
        await add.getByRole('button', { name: '保存' }).click();
        const tree = streetPage.getByRole('navigation', { name: '组织机构' });
        await tree.getByRole('button', { name: /荷花社区/ }).waitFor();

        await streetPage.getByRole('button', { name: '用户' }).click();
        await tree.getByRole('button', { name: /荷花社区/ }).click();
        const form = streetPage.locator('form', { hasText: '新建用户' });
        await form.locator('input[name=username]').fill('hehua.op');
        await form.locator('input[name=displayName]').fill('荷花社区操作员');
        await form.locator('select[name=role]').selectOption('community-operator');
        await form.locator('input[name=password]').fill(PASSWORD);
        await form.getByRole('button', { name: '创建用户' }).click();
        await streetPage.locator('tr[data-username="hehua.op"]').waitFor();

        await streetPage.getByRole('button', { name: '设备' }).click();
        await tree.getByRole('button', { name: /荷花社区/ }).click();
        await streetPage.getByRole('button', { name: '生成注册码' }).click();
        const code = streetPage.locator('tr[data-code]').first();
        await code.waitFor();
        hehuaCode = (await code.getAttribute('data-code'))!;
        assert.match(hehuaCode, /^[A-Z0-9]{8}$/);
      },
    );

    const kioskAt = async (name: string, code: string) => {
      const kioskDir = path.join(dataDir, name);
      mkdirSync(kioskDir);
      const kiosk = await startKiosk({
        ...env,
        LINLI_DATA_DIR: kioskDir,
        LINLI_KIOSK_PORT: '0',
        LINLI_SERVER_URL: url,
        LINLI_ENROLLMENT_CODE: code,
        LINLI_DEMO_DEVICES: '0',
        LINLI_DEVICE_NAME: name,
        LINLI_HEARTBEAT_SEC: '5',
      });
      t.after(() => kiosk.stop());
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      await page.goto(`${kiosk.ready.url}/`);
      await page.locator('.attract').waitFor();
      return page;
    };
    const hehuaKiosk = await kioskAt('hehua-kiosk', hehuaCode);
    const linjiangKiosk = await kioskAt('linjiang-kiosk', linjiangCode);

    let noticeId = '';
    await t.test(
      'the operator drafts the notice with a map from the media library and cannot approve it alone',
      async () => {
        const operator = await signInToAdmin(browser, url, 'hehua.op', PASSWORD);
        await chooseOwnPassword(operator, PASSWORD, `${PASSWORD}own`);
        const { default: sharp } = await import('sharp');
        const map = path.join(dataDir, '停水范围图.png');
        writeFileSync(
          map,
          await sharp({ create: { width: 640, height: 400, channels: 3, background: '#1f5f8b' } })
            .png()
            .toBuffer(),
        );
        await operator.getByRole('button', { name: '媒体库' }).click();
        await operator.locator('input[type=file][multiple]').setInputFiles(map);
        await operator.locator('.media-card', { hasText: '停水范围图.png' }).waitFor();
        await operator.getByRole('button', { name: '通知公告' }).click();
        await operator.getByRole('button', { name: '新建通知' }).click();
        await operator.locator('input[name=title]').fill(TITLE);
        await operator
          .locator('textarea[name=body]')
          .fill('因管道检修，12月1日9:00至17:00荷花社区停水。\n\n请居民提前储水，不便之处敬请谅解。');
        await operator.getByLabel(/停水范围图\.png/).check();
        await operator.getByRole('button', { name: '保存' }).click();
        const row = operator.locator('tr', { hasText: TITLE });
        await row.getByText('草稿').waitFor();
        noticeId = (await row.getAttribute('data-notice-id'))!;
        await row.getByRole('button', { name: '提交审核' }).click();
        await row.getByText('待审核').waitFor();
        assert.equal(
          await row.getByRole('button', { name: '审核', exact: true }).count(),
          0,
          "no review button for the notice's own editor",
        );
        assert.deepEqual(await seriousViolations(operator, false), []);
        await operator.close();
      },
    );

    await t.test("the street administrator approves it; only the community's kiosk shows it", async () => {
      await streetPage.getByRole('button', { name: '概览' }).click();
      await streetPage.getByText('条通知待审核').first().waitFor();
      await streetPage.getByRole('button', { name: '通知公告' }).click();
      const row = streetPage.locator(`tr[data-notice-id="${noticeId}"]`);
      await row.getByRole('button', { name: '审核', exact: true }).click();
      const review = streetPage.getByRole('region', { name: `审核：${TITLE}` });
      await review.getByText('请居民提前储水').waitFor();
      await review.getByRole('button', { name: '审核通过' }).click();
      await row.getByText('已发布').waitFor();

      await hehuaKiosk.locator('.attract-notice', { hasText: TITLE }).waitFor({ timeout: 20_000 });
      await hehuaKiosk.locator('.attract').click();
      // On the home screen among the newest, and in the list of all of them.
      await hehuaKiosk.locator(`.notice-entry .notice-row[data-notice-id="${noticeId}"]`).waitFor();
      await hehuaKiosk.getByRole('button', { name: /全部公告/ }).click();
      await hehuaKiosk.locator(`.notice-list .notice-row[data-notice-id="${noticeId}"]`).click();
      await hehuaKiosk.locator('.notice-page h1', { hasText: TITLE }).waitFor();
      await hehuaKiosk.getByText('请居民提前储水').waitFor();
      const picture = hehuaKiosk.locator('.notice-page img[alt="停水范围图.png"]');
      await picture.waitFor();
      await hehuaKiosk.waitForFunction(
        (img) => (img as HTMLImageElement).complete && (img as HTMLImageElement).naturalWidth === 640,
        await picture.elementHandle(),
      );
      await hehuaKiosk.getByText('荷花社区', { exact: false }).first().waitFor();

      // The other kiosk has synced as far as the first (its heartbeat reports its cursor) and
      // still shows nothing of the notice.
      const cursors = async () =>
        Object.fromEntries(
          ((await system('GET', '/devices')).json.devices as { name: string; cursor: number | null }[]).map((d) => [
            d.name,
            d.cursor ?? 0,
          ]),
        );
      for (let tries = 0; ; tries++) {
        const now = await cursors();
        if (now['hehua-kiosk']! > 0 && now['linjiang-kiosk'] === now['hehua-kiosk']) break;
        assert.ok(tries < 40, `kiosks did not reach the same cursor: ${JSON.stringify(now)}`);
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
      await linjiangKiosk.reload();
      await linjiangKiosk.locator('.attract').waitFor();
      assert.equal(await linjiangKiosk.locator('.attract-notice', { hasText: TITLE }).count(), 0);
    });

    await t.test("another community's operator cannot see the notice, in the UI or the API", async () => {
      const other = await signInToAdmin(browser, url, 'linjiang.op', PASSWORD);
      await other.getByRole('button', { name: '通知公告' }).click();
      await other.locator('table.notices').waitFor();
      assert.equal(await other.getByText(TITLE).count(), 0);
      const api = await apiAs(url, 'linjiang.op', PASSWORD);
      assert.equal((await api('GET', `/notices/${noticeId}`)).status, 404);
      const listed = (await api('GET', '/notices')).json.notices as { id: string }[];
      assert.ok(!listed.some((notice) => notice.id === noticeId), "not listed (the district's own notices are)");
      assert.equal((await api('POST', `/notices/${noticeId}/withdraw`)).status, 404);
      await other.close();
    });
  },
);
