/**
 * 电视频道 in the admin UI against a real admin server (making real HLS streams with ffmpeg) in
 * Chromium: a street administrator writes a channel — told beside the field that the number is
 * the demo channel's —, adds a programme and drags it to 20:00 and stretches it to an hour on the
 * timeline, gives it a text card, saves and submits; the district administrator approves it. The
 * channel is then in the public M3U line-up and the XMLTV guide, its stream runs (ffprobe reads
 * H.264 from the address the M3U gives) and the page shows it running and plays it. A line-up key
 * issued on the page opens the line-up to a platform, and is refused once revoked.
 */
import { execFile } from 'node:child_process';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { promisify } from 'node:util';
import type { Page } from 'playwright-core';
import type { TvChannelView } from '@linli/protocol';
import { createUser, nodesByName } from '../../build/scripts/admin-api';
import { openAdminPage, signInToAdmin } from './admin-sign-in';
import { openAdminServer } from './admin-fixture';
import { seriousViolations } from './axe';
import { launchChromium } from './browser';

const run = promisify(execFile);
const ADMIN_PASSWORD = 'Admin2026channels';
const STREET_PASSWORD = 'Anhe-2026-channels';
const NAME = '安和街道频道';

/** Drags from the middle of `grip` by `dx` pixels, as a mouse would. */
async function drag(page: Page, selector: string, dx: number): Promise<void> {
  const grip = page.locator(selector);
  await grip.scrollIntoViewIfNeeded();
  const box = (await grip.boundingBox())!;
  const x = box.x + box.width / 2;
  const y = box.y + box.height / 2;
  await page.mouse.move(x, y);
  await page.mouse.down();
  await page.mouse.move(x + dx, y, { steps: 8 });
  await page.mouse.up();
}

test(
  'a channel laid out on the timeline, approved by a second person, streamed and listed for IPTV',
  { timeout: 240_000 },
  async (t) => {
    const { url, api } = await openAdminServer(t, ADMIN_PASSWORD, {
      LINLI_TV_STREAMS: 'on',
      LINLI_TV_STREAM_SIZE: '640x360',
    });
    const street = (await nodesByName(api)).get('安和街道')!;
    await createUser(api, {
      username: 'anhe.tv',
      displayName: '安和街道宣传员',
      role: 'street-admin',
      orgId: street.id,
      password: STREET_PASSWORD,
    });
    const browser = await launchChromium();
    t.after(() => browser.close());

    const author = await signInToAdmin(browser, url, 'anhe.tv', STREET_PASSWORD);
    await openAdminPage(author, '电视频道');
    await author.locator('tr[data-channel-id] >> text=社区频道').waitFor();
    await author.getByRole('button', { name: '新建频道' }).click();
    const editor = author.locator('form.tv-editor');
    await editor.locator('input[name=number]').fill('1');
    await editor.locator('input[name=name]').fill(NAME);
    await editor.getByRole('button', { name: '添加节目' }).click();
    const block = '.tv-block[data-programme="p1"]';
    await author.locator(block).waitFor();
    assert.equal(await editor.locator('input[name=programme-start]').inputValue(), '19:00');

    // The timeline is 1440 px wide: a pixel a minute.
    await drag(author, block, 60);
    await drag(author, `${block} .tv-block-stretch`, 30);
    assert.equal(await editor.locator('input[name=programme-start]').inputValue(), '20:00');
    assert.equal(await editor.locator('input[name=programme-duration]').inputValue(), '60');
    await editor.locator('input[name=programme-title]').fill('街道新闻');
    await editor.locator('.tv-programme [data-tv-item] input').first().fill('安和街道新闻 · 欢迎收看');
    await editor.locator('.tv-epg-day').first().getByText('20:00–21:00 街道新闻').waitFor();

    await editor.getByRole('button', { name: '保存' }).click();
    await editor.locator('#tv-problem-number', { hasText: '频道号 1 已被「社区频道」使用，请换一个' }).waitFor();
    assert.equal(await editor.locator('input[name=number]').getAttribute('aria-invalid'), 'true');
    assert.deepEqual(await seriousViolations(author, false), []);
    await editor.locator('input[name=number]').fill('6');
    await editor.getByRole('button', { name: '保存' }).click();
    await author.getByRole('status').getByText(`已保存「${NAME}」`).waitFor();
    const channels = (await api('GET', '/tv-channels')).json.channels as TvChannelView[];
    const channel = channels.find((each) => each.name === NAME)!;
    assert.deepEqual(
      channel.programmes.map((p) => [p.title, p.start, p.durationMin]),
      [['街道新闻', '20:00', 60]],
    );
    const row = author.locator(`tr[data-channel-id="${channel.id}"]`);
    await row.getByRole('button', { name: '提交审核' }).click();
    await row.getByText('待审核').waitFor();

    // The district administrator approves it.
    const reviewer = await signInToAdmin(browser, url, 'admin', ADMIN_PASSWORD);
    await openAdminPage(reviewer, '电视频道');
    const reviewRow = reviewer.locator(`tr[data-channel-id="${channel.id}"]`);
    await reviewRow.getByRole('button', { name: '审核', exact: true }).click();
    const review = reviewer.getByRole('region', { name: `审核：${NAME}` });
    await review.getByText('20:00 街道新闻').first().waitFor();
    await review.getByRole('button', { name: '审核通过' }).click();
    await reviewRow.getByText('已发布').waitFor();

    // Listed for IPTV players, in the guide, and streaming.
    const m3u = await (await fetch(`${url}/tv/channels.m3u`)).text();
    const streamUrl = m3u.split('\n').find((line) => line.includes(`/tv/streams/${channel.id}/`))!;
    assert.ok(streamUrl.startsWith('http://'), 'an absolute stream address');
    const guide = await (await fetch(`${url}/tv/xmltv.xml`)).text();
    assert.ok(guide.includes('<title lang="zh">街道新闻</title>'));
    await reviewRow.locator('[data-stream-state="running"]').waitFor({ timeout: 60_000 });
    const probe = await run('ffprobe', [
      '-v',
      'error',
      '-show_entries',
      'stream=codec_name,width',
      '-of',
      'csv=p=0',
      streamUrl,
    ]);
    assert.match(probe.stdout, /h264,640/);
    await reviewRow.getByRole('button', { name: '预览直播' }).click();
    const preview = reviewer.getByRole('region', { name: `预览直播：${NAME}` });
    await preview.locator('video').waitFor();
    await reviewer.waitForFunction(
      () => ((document.querySelector('.tv-preview video') as HTMLVideoElement | null)?.currentTime ?? 0) > 0.5,
      undefined,
      { timeout: 30_000 },
    );

    // A line-up key for a platform, shown once; refused once revoked.
    const keys = reviewer.locator('.tv-keys');
    await keys.locator('input[name=key-name]').fill('运营商IPTV平台');
    await keys.getByRole('button', { name: '签发密钥' }).click();
    const key = (await keys.locator('[data-issued-key]').textContent())!;
    assert.equal((await fetch(`${url}/tv/channels.m3u?key=${key}`)).status, 200);
    await keys.getByRole('button', { name: '吊销' }).click();
    await keys.locator('[data-key-id]').getByText('已吊销').waitFor();
    assert.equal((await fetch(`${url}/tv/channels.m3u?key=${key}`)).status, 401);
  },
);
