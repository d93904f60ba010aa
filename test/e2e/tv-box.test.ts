/**
 * Community TV across the whole system: a fresh set-top box (a player in its TV profile) in
 * 临江社区 shows the demo 社区频道; a street administrator's channel 8 with a video, approved by a
 * second person, reaches the box (the file downloaded and checked by the box), which tunes to it
 * by the remote's digits and names now and next on OK. A second box started later shows the same
 * item at the same moment: the two are within 100 ms of each other.
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { promisify } from 'node:util';
import type { Page } from 'playwright-core';
import type { TvChannelInput } from '@linli/protocol';
import { startPlayer } from '../../build/scripts/processes';
import { apiAs, createUser, enrollmentCode, nodesByName, publishSignage } from '../../build/scripts/admin-api';
import { startPushStack } from './push-stack';

const run = promisify(execFile);
const ADMIN_PASSWORD = 'Admin2026channels';
const PASSWORD = 'Anhe-street-2026-tv';
const SAME_MOMENT_MS = 100;

/** Where a box's picture is against the channel's clock, read at one instant in the page. */
async function videoLag(page: Page): Promise<{ item: string; start: number; lagMs: number }> {
  return page.evaluate(() => {
    const screen = document.querySelector('[data-item-start]') as HTMLElement;
    const video = document.querySelector('video[data-current]') as HTMLVideoElement;
    const start = Number(screen.dataset.itemStart);
    return { item: screen.dataset.item!, start, lagMs: Date.now() - start - video.currentTime * 1000 };
  });
}

/** Keys the channel's number on the remote once the box holds it (its line-up names it), and waits for the picture. */
async function tuneTo(page: Page, number: number, channelId: string): Promise<void> {
  await page.locator(`[data-state="watching"][data-lineup~="${number}"]`).waitFor({ timeout: 30_000 });
  for (const digit of String(number)) await page.keyboard.press(digit);
  await page.keyboard.press('Enter');
  await page.locator(`[data-item-start][data-channel="${channelId}"]`).waitFor();
}

test(
  'a channel approved for a community is on its set-top boxes, and two boxes show the same moment',
  { timeout: 240_000 },
  async (t) => {
    const { dataDir, env, url, browser } = await startPushStack(t, 'tv-e2e', ADMIN_PASSWORD);
    const system = await apiAs(url, 'admin', ADMIN_PASSWORD);
    const nodes = await nodesByName(system);
    const [anhe, linjiang] = [nodes.get('安和街道')!, nodes.get('临江社区')!];
    await createUser(system, {
      username: 'anhe.tv',
      displayName: '安和街道宣传员',
      role: 'street-admin',
      orgId: anhe.id,
      password: PASSWORD,
    });
    const street = await apiAs(url, 'anhe.tv', PASSWORD);

    // A 12-second clip, made here and put in the street's media library.
    const clip = path.join(dataDir, 'clip.mp4');
    await run('ffmpeg', [
      '-v',
      'error',
      '-f',
      'lavfi',
      '-i',
      'testsrc=size=320x240:rate=25:duration=12',
      '-c:v',
      'libx264',
      '-pix_fmt',
      'yuv420p',
      '-preset',
      'ultrafast',
      clip,
    ]);
    const uploaded = await street('POST', `/media?name=${encodeURIComponent('街道宣传片.mp4')}`, readFileSync(clip));
    assert.equal(uploaded.status, 201, JSON.stringify(uploaded.json));
    const media = uploaded.json as { sha256: string; bytes: number; mime: string };

    const boxEnv = (name: string, code: string) => ({
      ...env,
      LINLI_DATA_DIR: path.join(dataDir, name),
      LINLI_PLAYER_PORT: '0',
      LINLI_SERVER_URL: url,
      LINLI_DEVICE_NAME: `临江社区机顶盒 ${name}`,
      LINLI_PLAYER_PROFILE: 'tv',
      LINLI_ENROLLMENT_CODE: code,
    });
    const first = await startPlayer(boxEnv('box-1', await enrollmentCode(system, linjiang.id)));
    t.after(() => first.stop());
    const screen1 = await browser.newPage({ viewport: { width: 1280, height: 720 } });

    await t.test('a fresh box shows the demo 社区频道', async () => {
      await screen1.goto(`${first.ready.url}/`);
      await screen1.locator('[data-state="watching"]').waitFor({ timeout: 30_000 });
      await screen1.keyboard.press('Enter');
      await screen1.locator('.tv-banner').getByText('社区频道').waitFor();
    });

    const channel: TvChannelInput = {
      number: 8,
      name: '安和街道频道',
      public: true,
      timeZone: 'Asia/Shanghai',
      // All day, so the test airs it whenever it runs.
      programmes: [
        {
          id: 'clips',
          title: '街道宣传片',
          start: '00:00',
          durationMin: 1440,
          repeat: { every: 'day' },
          items: [
            { id: 'clip', kind: 'video', media: { ...media, name: '街道宣传片.mp4' }, lengthSec: 12 },
            { id: 'hello', kind: 'card', text: '安和街道频道', durationSec: 4 },
          ],
        },
      ],
      filler: [],
      targets: { orgIds: [linjiang.id], groupIds: [] },
    };

    let channelId = '';
    await t.test('channel 8, approved by a second person, is tuned by the digits and named on OK', async () => {
      const published = await publishSignage(street, system, channel, 'tv-channels');
      assert.equal(published.submitted.status, 200, JSON.stringify(published.submitted.json));
      assert.equal((await published.approve()).status, 200);
      channelId = published.id;
      await tuneTo(screen1, 8, published.id);
      await screen1.keyboard.press('Enter');
      await screen1.locator('.tv-banner-now[data-title="街道宣传片"]').waitFor();
    });

    await t.test('a second box started later shows the same moment, within 100 ms', async () => {
      const second = await startPlayer(boxEnv('box-2', await enrollmentCode(system, linjiang.id)));
      t.after(() => second.stop());
      const screen2 = await browser.newPage({ viewport: { width: 1280, height: 720 } });
      await screen2.goto(`${second.ready.url}/`);
      await screen2.locator('[data-state="watching"]').waitFor({ timeout: 30_000 });
      await tuneTo(screen2, 8, channelId);
      // Both on the clip, playing: compare where each is against the channel's clock.
      const playing = (page: Page) =>
        page.waitForFunction(
          () => {
            const screen = document.querySelector('[data-item-start]') as HTMLElement | null;
            const video = document.querySelector('video[data-current]') as HTMLVideoElement | null;
            return screen?.dataset.item === 'clip' && video !== null && !video.paused && video.currentTime > 1;
          },
          undefined,
          { timeout: 40_000 },
        );
      await Promise.all([playing(screen1), playing(screen2)]);
      const [a, b] = await Promise.all([videoLag(screen1), videoLag(screen2)]);
      assert.equal(a.item, b.item);
      assert.equal(a.start, b.start, 'the same airing of the clip');
      assert.ok(
        Math.abs(a.lagMs - b.lagMs) < SAME_MOMENT_MS,
        `box 1 is ${Math.round(a.lagMs)} ms behind the channel's clock, box 2 ${Math.round(b.lagMs)} ms`,
      );
    });
  },
);
