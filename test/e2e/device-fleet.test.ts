/** Settings and remote commands from the admin UI reaching a running kiosk (browser shell) and its answers coming back. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, generateKeyPairSync, sign } from 'node:crypto';
import { once } from 'node:events';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { writeTarGz } from '@linli/device-drivers/archive/tar-archive';
import { startAdminServer, startKiosk } from '../../build/scripts/processes';
import { seriousViolations } from './axe';
import { launchChromium } from './browser';

const PASSWORD = 'Admin2026fleet';

test(
  'admin UI: kiosk settings and remote commands reach the kiosk and show their results',
  { timeout: 180_000 },
  async (t) => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'linli-fleet-e2e-'));
    t.after(() => rmSync(dataDir, { recursive: true, force: true }));
    const env = { ...process.env, LINLI_LOG_LEVEL: 'warn', LINLI_PULL_INTERVAL_SEC: '300' };
    mkdirSync(path.join(dataDir, 'kiosk'));
    const releaseKey = generateKeyPairSync('ed25519');
    const releaseKeys = path.join(dataDir, 'release-keys.pem');
    writeFileSync(releaseKeys, releaseKey.publicKey.export({ type: 'spki', format: 'pem' }));
    const admin = await startAdminServer({
      ...env,
      LINLI_DATA_DIR: path.join(dataDir, 'admin'),
      LINLI_ADMIN_PORT: '0',
      LINLI_ADMIN_PASSWORD: PASSWORD,
    });
    t.after(() => admin.stop());
    const kiosk = await startKiosk({
      ...env,
      LINLI_DATA_DIR: path.join(dataDir, 'kiosk'),
      LINLI_KIOSK_PORT: '0',
      LINLI_SERVER_URL: admin.ready.url!,
      LINLI_ENROLLMENT_CODE: admin.ready.enrollmentCode!,
      LINLI_DEMO_DEVICES: '0',
      LINLI_DEVICE_NAME: '安和街道大厅一号机',
      LINLI_HEARTBEAT_SEC: '5',
      // Updates from the admin server's feed, checked every 10 s, signed with this run's release key.
      LINLI_UPDATE_DIR: path.join(dataDir, 'updates'),
      LINLI_UPDATE_KEYS: releaseKeys,
      LINLI_UPDATE_CHECK_SEC: '10',
    });
    t.after(() => kiosk.stop());
    const browser = await launchChromium();
    t.after(() => browser.close());

    const kioskPage = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await kioskPage.goto(`${kiosk.ready.url}/`);
    await kioskPage.locator('.attract').waitFor();

    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    page.on('dialog', (dialog) => void dialog.accept());
    await page.goto(`${admin.ready.url}/admin/`);
    await page.locator('input[name=password]').fill(PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByRole('button', { name: '设备' }).click();
    const row = page.locator('tr', { hasText: '安和街道大厅一号机' });
    await row.getByText('在线').waitFor({ timeout: 20_000 });
    await row.getByRole('button', { name: '命令与设置' }).click();
    const panel = page.getByRole('region', { name: '安和街道大厅一号机' });

    await t.test('a setting saved in the admin UI shows on the kiosk within seconds', async () => {
      await panel.locator('input[name=attractMessage]').fill('今日窗口办理至16:30');
      await panel.locator('input[name=openingHours]').fill('09:00-16:30');
      await panel.locator('input[name=idleSec]').fill('5');
      await panel.getByRole('button', { name: '保存设置' }).click();
      await panel.getByRole('alert').filter({ hasText: '空闲提示时间：' }).waitFor();
      await panel.locator('input[name=idleSec]').fill('60');
      await panel.getByRole('button', { name: '保存设置' }).click();
      await panel.getByRole('status').filter({ hasText: '设置已保存' }).waitFor();
      await kioskPage.getByText('今日窗口办理至16:30').waitFor({ timeout: 10_000 });
      assert.deepEqual(await seriousViolations(page, false), []);
    });

    await t.test('commands run on the kiosk and their results come back', async () => {
      await kioskPage.evaluate(() => ((window as unknown as { marker: number }).marker = 7));
      await panel.getByRole('button', { name: '重新加载页面' }).click();
      await panel.locator('tr[data-command="reload"]').getByText('已完成').waitFor({ timeout: 15_000 });
      await kioskPage.locator('.attract').waitFor();
      await kioskPage.waitForFunction(
        () => (window as unknown as { marker?: number }).marker === undefined,
        undefined,
        { timeout: 10_000 },
      );

      await panel.getByRole('button', { name: '重新同步' }).click();
      await panel.locator('tr[data-command="re-sync"]').getByText('已完成').waitFor({ timeout: 15_000 });

      // While a resident is using the kiosk no screenshot is taken: their data may be on screen.
      await kioskPage.locator('.attract').click();
      await panel.getByRole('button', { name: '截屏' }).click();
      const shots = panel.locator('tr[data-command="screenshot"]');
      await shots.first().getByText('失败').waitFor({ timeout: 15_000 });
      assert.match(await shots.first().innerText(), /resident is using the kiosk/);
      await kioskPage.getByRole('button', { name: '结束办理' }).first().click();
      await kioskPage.locator('.attract').waitFor();
      await panel.getByRole('button', { name: '截屏' }).click();
      await shots.nth(1).waitFor();
      await shots.first().getByText('失败').waitFor({ timeout: 15_000 });
      assert.match(await shots.first().innerText(), /Electron/);
    });

    await t.test(
      'a release rolled out from the admin UI reaches the kiosk, which waits for the visit to end',
      async () => {
        // The browser shell's archive as `npm run release -- kiosk --key` makes it, signed.
        const archive = path.join(dataDir, 'kiosk-0.2.0.tar.gz');
        const writer = writeTarGz(archive, new Date());
        await writer.addBytes('version.json', Buffer.from(JSON.stringify({ app: 'kiosk', version: '0.2.0' })));
        await writer.addBytes('kiosk.mjs', Buffer.from("console.log('0.2.0');\n"));
        await writer.addBytes('renderer/main.js', Buffer.from(''));
        await writer.finish();
        const digest = createHash('sha512').update(readFileSync(archive)).digest();
        const signature = sign(null, digest, releaseKey.privateKey).toString('base64');

        // A resident is at the kiosk the whole time the update arrives.
        await kioskPage.locator('.attract').click();
        await page.getByRole('button', { name: '版本发布' }).click();
        const publish = page.getByRole('form', { name: '发布新版本' });
        await publish.locator('input[name=version]').fill('0.2');
        await publish.getByRole('button', { name: '发布' }).click();
        // Said next to the field it concerns.
        await publish.locator('input[name=version][aria-invalid=true]').waitFor();
        await publish.locator('#release-problem-version').waitFor();
        await publish.locator('input[name=version]').fill('0.2.0');
        await publish.locator('textarea[name=notes]').fill('办事指南页面改版');
        await publish.getByRole('button', { name: '发布' }).click();
        await publish.getByRole('status').filter({ hasText: '已发布 0.2.0' }).waitFor();
        const release = page.locator('[data-release="kiosk-0.2.0"]');
        const uploadForm = release.getByRole('form', { name: '上传 0.2.0' });
        await uploadForm.locator('select').selectOption('browser-shell');
        await uploadForm.locator('input[type=file]').setInputFiles(archive);
        await uploadForm.locator('input[name=signature]').fill(signature);
        await uploadForm.getByRole('button', { name: '上传' }).click();
        await release.getByText('浏览器外壳（签名更新包） · kiosk-0.2.0.tar.gz').waitFor();
        const rollout = release.getByRole('form', { name: '推送范围 0.2.0' });
        await rollout.locator('input[name=percent]').fill('100');
        await rollout.getByRole('button', { name: '保存推送范围' }).click();
        await release.getByText('其余设备 100%').waitFor();

        await page.getByRole('button', { name: '设备' }).click();
        await row
          .locator('[data-update-step="waiting-for-visit"]')
          .filter({ hasText: '等待无人使用时升级 0.2.0' })
          .waitFor({ timeout: 30_000 });
        assert.deepEqual(await seriousViolations(page, false), []);
        const exited = once(kiosk.child, 'exit');
        await kioskPage.getByRole('button', { name: '结束办理' }).first().click();
        // The visit over, the kiosk marks 0.2.0 for trial and exits for its launcher to start it.
        const [code] = await exited;
        assert.equal(code, 75);
        const state = JSON.parse(readFileSync(path.join(dataDir, 'updates', 'state.json'), 'utf8'));
        assert.deepEqual([state.current, state.trial], ['0.2.0', true]);
        assert.equal(
          readFileSync(path.join(dataDir, 'updates', 'versions', '0.2.0', 'kiosk.mjs'), 'utf8'),
          "console.log('0.2.0');\n",
        );
      },
    );
  },
);
