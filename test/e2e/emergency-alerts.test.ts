/**
 * Emergency alerts across the whole system: an alert source posts a CAP 1.2 暴雨红色预警 whose
 * geocode covers one community (临江社区); that community's kiosk and signage player show it within
 * 2 s (the kiosk over its attract screen and then under the header of the visit's screens, with
 * full text and 朗读 in elder mode; the player over its whole screen), while a kiosk of another
 * community (春晖社区) shows nothing; the Cancel takes it off both within 2 s.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { startKiosk, startPlayer } from '../../build/scripts/processes';
import { seriousViolations } from './axe';
import { apiAs } from '../../build/scripts/admin-api';
import { startPushStack } from './push-stack';
import { liveRainstorm } from '../../admin-server/test/cap-fixtures';

const ADMIN_PASSWORD = 'Admin2026alerts';
/** How soon an alert must reach (and leave) the screens of the kiosks it covers. */
const WITHIN_MS = 2000;
const HEADLINE = '临江市气象台发布暴雨红色预警信号';

/** Waits for what the fake speech engine was given to contain `text` (the engine appends to a file). */
async function spoken(file: string, text: string): Promise<void> {
  const deadline = Date.now() + 5000;
  const said = () => {
    try {
      return readFileSync(file, 'utf8');
    } catch {
      return '';
    }
  };
  while (!said().includes(text)) {
    if (Date.now() > deadline) assert.fail(`read-aloud never said ${text}; it said: ${said()}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

test(
  "a CAP alert for one community shows on that community's kiosk and signage player within 2 s and leaves on its Cancel",
  { timeout: 240_000 },
  async (t) => {
    const { dataDir, env, url, browser } = await startPushStack(t, 'alerts-e2e', ADMIN_PASSWORD);

    // Set-up through the API: an enrollment code for 临江社区 (安和街道) and one for 春晖社区 (江滨街道),
    // and an alert source for the weather bureau.
    const system = await apiAs(url, 'admin', ADMIN_PASSWORD);
    const nodes = (await system('GET', '/orgs')).json.nodes as { id: number; name: string }[];
    const codeFor = async (name: string) => {
      const node = nodes.find((candidate) => candidate.name === name)!;
      const reply = await system('POST', '/enrollment-codes', { orgId: node.id, validDays: 1, maxUses: 1 });
      assert.equal(reply.status, 201, name);
      return reply.json.code as string;
    };
    const source = await system('POST', '/alert-sources', { name: '临江市预警信息发布中心' });
    assert.equal(source.status, 201);
    const sourceKey = source.json.key as string;
    const postCap = async (xml: string) => {
      const reply = await fetch(`${url}/api/v1/alerts/cap`, {
        method: 'POST',
        headers: { authorization: `Bearer ${sourceKey}`, 'content-type': 'application/cap+xml' },
        body: xml,
      });
      assert.equal(reply.status, 201, await reply.clone().text());
      return (await reply.json()) as { alert: { orgIds: number[]; state: string } };
    };

    // A read-aloud engine that writes down what it is given, so the test hears what would be said.
    const speechFile = path.join(dataDir, 'spoken.txt');
    writeFileSync(speechFile, '');
    const kioskAt = async (name: string, code: string): Promise<Page> => {
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
        LINLI_SPEECH_COMMAND: JSON.stringify(['tee', '-a', speechFile]),
      });
      t.after(() => kiosk.stop());
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      await page.goto(`${kiosk.ready.url}/`);
      // 热门事项 on the attract screen: the first sync is done.
      await page.locator('.attract-popular li').first().waitFor({ timeout: 20_000 });
      return page;
    };
    const linjiang = await kioskAt('linjiang-kiosk', await codeFor('临江社区'));
    const chunhui = await kioskAt('chunhui-kiosk', await codeFor('春晖社区'));
    const playerDir = path.join(dataDir, 'linjiang-player');
    const player = await startPlayer({
      ...env,
      LINLI_DATA_DIR: playerDir,
      LINLI_PLAYER_PORT: '0',
      LINLI_SERVER_URL: url,
      LINLI_ENROLLMENT_CODE: await codeFor('临江社区'),
      LINLI_DEVICE_NAME: 'linjiang-player',
    });
    t.after(() => player.stop());
    const screen = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    await screen.goto(`${player.ready.url}/`);
    await screen.locator('.player:not([data-state="loading"])').waitFor({ timeout: 20_000 });

    const rainstorm = liveRainstorm(`33018841600000_${Date.now()}_1`);

    await t.test('the covered kiosk and player show the alert within 2 s of the POST', async (t) => {
      const postedAt = Date.now();
      const receipt = await postCap(rainstorm.alert);
      t.diagnostic(`the admin server answered the POST after ${Date.now() - postedAt} ms`);
      assert.equal(receipt.alert.state, 'active');
      const takeover = linjiang.locator('.attract[data-alert="red"] .attract-alert');
      const onScreen = async (locator: Locator, what: string) => {
        await locator.waitFor({ timeout: 10_000 });
        const tookMs = Date.now() - postedAt;
        t.diagnostic(`on the ${what} ${tookMs} ms after the POST`);
        assert.ok(tookMs < WITHIN_MS, `on the ${what} ${tookMs} ms after the POST`);
      };
      const signage = screen.locator('.alert-screen[data-tone="red"]');
      await Promise.all([onScreen(takeover, 'kiosk'), onScreen(signage, 'signage player')]);
      assert.equal(await signage.locator('.alert-headline').innerText(), HEADLINE);
      const box = (await signage.boundingBox())!;
      assert.ok(box.width === 1920 && box.height === 1080, 'over the whole screen');
      assert.equal(await takeover.locator('.attract-alert-headline').innerText(), HEADLINE);
      const text = await takeover.innerText();
      for (const part of ['特别严重', '暴雨红色预警', '临江市气象台', '远离低洼地带', '防御指南'])
        assert.ok(text.includes(part), `the attract screen shows ${part}`);
      assert.equal(await linjiang.locator('.attract-popular').count(), 0, 'in place of the usual content');
      assert.deepEqual(await seriousViolations(linjiang, false), []);
    });

    await t.test("another community's kiosk shows nothing, though it has read the feed past the alert", async () => {
      // A setting for the second kiosk, saved after the alert: once it shows, that kiosk has pulled
      // every change up to it, so the alert had its chance to arrive there.
      const devices = (await system('GET', '/devices')).json.devices as { id: string; name: string }[];
      const device = devices.find((candidate) => candidate.name === 'chunhui-kiosk')!;
      assert.ok(device, 'the second kiosk is enrolled under its name');
      const saved = await system('PUT', `/settings/device/${device.id}`, { attractMessage: '春晖社区今日正常办公' });
      assert.equal(saved.status, 200);
      await chunhui.getByText('春晖社区今日正常办公').waitFor({ timeout: 10_000 });
      assert.equal(await chunhui.locator('.attract-alert, [data-alert]').count(), 0);
      await chunhui.locator('.attract').click();
      await chunhui.locator('.tile').first().waitFor();
      assert.equal(await chunhui.locator('.alert-banner').count(), 0, 'no band on its home screen either');
    });

    await t.test('after waking, the banner stays under the header with the full text and read-aloud', async () => {
      await linjiang.locator('.attract').click();
      await linjiang.locator('.tile').first().waitFor();
      assert.equal(await linjiang.getByRole('region', { name: '预警信息' }).count(), 1, 'a landmark named 预警信息');
      const banner = linjiang.locator('.alert-banner');
      const row = banner.locator('.alert-row[data-tone="red"]');
      await row.waitFor();
      assert.equal(await row.locator('.alert-headline').innerText(), HEADLINE);
      assert.match(await row.locator('.alert-byline').innerText(), /暴雨红色预警 · 临江市气象台/);
      const [header, band, firstTile] = [
        await linjiang.locator('.topbar').boundingBox(),
        await banner.boundingBox(),
        await linjiang.locator('.tile').first().boundingBox(),
      ];
      assert.ok(band!.y >= header!.y + header!.height - 1, 'under the header');
      assert.ok(band!.y < firstTile!.y, 'above the screen');
      await linjiang.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
      assert.ok((await banner.boundingBox())!.y < 200, 'still in view when the page is scrolled');

      await row.getByRole('button', { name: '查看全文' }).click();
      const detail = linjiang.getByRole('dialog', { name: HEADLINE });
      await detail.waitFor();
      const text = await detail.innerText();
      for (const part of ['预警内容', '100毫米以上降雨', '防御指南', '停止集会', '安和街道临江社区', '0571-12121'])
        assert.ok(text.includes(part), `the full text has ${part}`);
      assert.deepEqual(await seriousViolations(linjiang, false), []);
      await detail.getByRole('button', { name: '朗读' }).click();
      await spoken(speechFile, '停止集会');
      await detail.getByRole('button', { name: '关闭' }).click();
      await detail.waitFor({ state: 'detached' });

      // 长辈模式 with 自动朗读 (on by default): the alert is read out unasked, and everything is larger.
      writeFileSync(speechFile, '');
      const before = (await row.locator('.alert-headline').boundingBox())!.height;
      await linjiang.getByRole('button', { name: '长辈模式' }).click();
      await spoken(speechFile, HEADLINE);
      assert.ok((await row.locator('.alert-headline').boundingBox())!.height > before, 'larger in elder mode');
      assert.deepEqual(await seriousViolations(linjiang, true), []);
      await linjiang.getByRole('button', { name: 'English' }).click();
      await row.locator('.alert-summary[lang="zh-Hans"]').waitFor();
      assert.equal(
        await row.locator('.alert-severity').innerText(),
        'Extreme',
        'the interface in English; the alert has no English text, so it stays in Chinese, marked so',
      );
      await linjiang.getByRole('button', { name: '繁體' }).click();
      await row.locator('.alert-headline', { hasText: '臨江市氣象臺' }).waitFor();
      await linjiang.getByRole('button', { name: '简体' }).click();
      await row.getByRole('button', { name: '查看全文' }).click();
      await detail.waitFor();
    });

    await t.test('the Cancel takes the alert off both within 2 s, its open text too, without a reload', async (t) => {
      await linjiang.evaluate(() => ((window as unknown as { marker: number }).marker = 1));
      const postedAt = Date.now();
      await postCap(rainstorm.cancel());
      const gone = async (locator: Locator, what: string) => {
        await locator.waitFor({ state: 'detached', timeout: 10_000 });
        const tookMs = Date.now() - postedAt;
        t.diagnostic(`gone from the ${what} ${tookMs} ms after the Cancel`);
        assert.ok(tookMs < WITHIN_MS, `gone from the ${what} ${tookMs} ms after the Cancel`);
      };
      await Promise.all([
        gone(linjiang.locator('.alert-banner'), 'kiosk'),
        gone(screen.locator('.alert-screen'), 'signage player'),
      ]);
      assert.equal(await linjiang.getByRole('dialog').count(), 0, 'the open full text closed with it');
      assert.equal(await linjiang.evaluate(() => (window as unknown as { marker?: number }).marker), 1, 'no reload');
      await linjiang.getByRole('button', { name: '结束办理' }).click();
      await linjiang.locator('.attract-popular li').first().waitFor();
      assert.equal(await linjiang.locator('[data-alert]').count(), 0, 'the attract screen is back to normal');
    });
  },
);
