/**
 * Two admin server processes on one PostgreSQL database, sharing one media folder, behind a load
 * balancer: a session signed in on one is good on the other, a file uploaded through one is served
 * by the other (with Range), and so is one kept in the database by two more instances sharing no
 * folder; a guide saved on one is on the other; and a kiosk syncing through the
 * balancer carries on when the instance it talks to is killed (SIGKILL) between two pages of its
 * sync, and ends holding every guide.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import sharp from 'sharp';
import { CSRF_HEADER, GUIDE_FILE_FORMAT, type GuideFile, type SessionView } from '@linli/protocol';
import { startAdminServer, startKiosk } from '../../build/scripts/processes';
import { launchChromium } from './browser';
import { startFailoverBalancer } from './failover-balancer';
import { startVisit } from './kiosk-fixture';

const PG_URL = process.env.LINLI_TEST_PG_URL;
const PASSWORD = 'instances-password-123';
const METRICS_TOKEN = 'instances-metrics-0123456789';
/** Copies of the demo guides added, so the kiosk's first sync takes several pages (500 changes each). */
const COPIES = 6;

test(
  'two admin instances on one PostgreSQL: either serves any request; a kiosk fails over between them mid-sync',
  { skip: PG_URL ? false : 'needs PostgreSQL: set LINLI_TEST_PG_URL', timeout: 300_000 },
  async (t) => {
    const schema = `linli_e2e_${randomBytes(6).toString('hex')}`;
    const client = new pg.Client({ connectionString: PG_URL });
    await client.connect();
    await client.query(`CREATE SCHEMA ${schema}`);
    await client.end();
    t.after(async () => {
      const cleanup = new pg.Client({ connectionString: PG_URL });
      await cleanup.connect();
      await cleanup.query(`DROP SCHEMA ${schema} CASCADE`);
      await cleanup.end();
    });
    const databaseUrl = `${PG_URL}${PG_URL!.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema}`)}`;
    const dataDir = mkdtempSync(path.join(tmpdir(), 'linli-instances-'));
    t.after(() => rmSync(dataDir, { recursive: true, force: true }));
    const env = {
      ...process.env,
      LINLI_LOG_LEVEL: 'warn',
      LINLI_DATABASE_URL: databaseUrl,
      // One media folder for both: the shared path of a deployment (NFS or the like).
      LINLI_DATA_DIR: path.join(dataDir, 'admin'),
      LINLI_ADMIN_PORT: '0',
      LINLI_ADMIN_PASSWORD: PASSWORD,
      LINLI_ENROLLMENT_CODE: randomBytes(9).toString('hex').toUpperCase(),
      LINLI_METRICS_TOKEN: METRICS_TOKEN,
    };
    const first = await startAdminServer(env);
    t.after(() => first.stop());
    const second = await startAdminServer(env);
    t.after(() => second.stop());
    const [a, b] = [first.ready.url!, second.ready.url!];

    const login = await fetch(`${a}/api/v1/admin/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: PASSWORD }),
    });
    const session = {
      cookie: login.headers.get('set-cookie')!.split(';')[0]!,
      [CSRF_HEADER]: ((await login.json()) as SessionView).csrfToken,
    };
    const api = (base: string, route: string, init: RequestInit = {}) =>
      fetch(`${base}/api/v1/admin${route}`, { ...init, headers: { ...session, ...init.headers } });

    await t.test(
      'a session from one instance is good on the other; a file uploaded to one is served by the other',
      async () => {
        assert.equal((await api(b, '/session')).status, 200, 'signed in on A, known on B');
        const image = await sharp({ create: { width: 800, height: 600, channels: 3, background: '#1f6f43' } })
          .png()
          .toBuffer();
        const uploaded = await api(a, `/media?name=${encodeURIComponent('大厅海报.png')}`, {
          method: 'POST',
          headers: { 'content-type': 'application/octet-stream' },
          body: new Uint8Array(image),
        });
        assert.equal(uploaded.status, 201, await uploaded.clone().text());
        const { sha256 } = (await uploaded.json()) as { sha256: string };
        const part = await fetch(`${b}/media/${sha256}`, { headers: { range: 'bytes=100-199' } });
        assert.equal(part.status, 206);
        assert.deepEqual(Buffer.from(await part.arrayBuffer()), image.subarray(100, 200));
      },
    );

    await t.test(
      'with media kept in the database (LINLI_MEDIA_STORE=database) and no folder shared, a file uploaded to one is served by the other',
      async () => {
        const own = (name: string) => ({
          ...env,
          LINLI_MEDIA_STORE: 'database',
          LINLI_DATA_DIR: path.join(dataDir, name),
        });
        const third = await startAdminServer(own('c'));
        t.after(() => third.stop());
        const fourth = await startAdminServer(own('d'));
        t.after(() => fourth.stop());
        const [c, d] = [third.ready.url!, fourth.ready.url!];
        const video = Buffer.concat([Buffer.from('00000020667479706d703432', 'hex'), randomBytes(3 * 1024 * 1024)]);
        const uploaded = await api(c, `/media?name=${encodeURIComponent('社区宣传片.mp4')}`, {
          method: 'POST',
          headers: { 'content-type': 'application/octet-stream' },
          body: new Uint8Array(video),
        });
        assert.equal(uploaded.status, 201, await uploaded.clone().text());
        const { sha256 } = (await uploaded.json()) as { sha256: string };
        // A span across the first two of its 1 MiB parts, then the whole file.
        const start = 1024 * 1024 - 10;
        const part = await fetch(`${d}/media/${sha256}`, { headers: { range: `bytes=${start}-${start + 99}` } });
        assert.equal(part.status, 206);
        assert.deepEqual(Buffer.from(await part.arrayBuffer()), video.subarray(start, start + 100));
        const whole = await fetch(`${d}/media/${sha256}`);
        assert.deepEqual(Buffer.from(await whole.arrayBuffer()), video);
      },
    );

    await t.test('guides added on one instance are what the other exports', async () => {
      const demo = (await (await api(b, '/guides/export')).json()) as GuideFile;
      for (let copy = 1; copy <= COPIES; copy++) {
        const file: GuideFile = {
          format: GUIDE_FILE_FORMAT,
          formatVersion: 1,
          guides: demo.guides.map((guide) => ({
            ...guide,
            id: `${guide.id}-c${copy}`,
            title: `${guide.title}（${copy}）`,
          })),
        };
        const imported = await api(a, '/guides/import', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(file),
        });
        assert.equal(imported.status, 200, await imported.clone().text());
      }
      const all = (await (await api(b, '/guides/export')).json()) as GuideFile;
      assert.equal(all.guides.length, demo.guides.length * (COPIES + 1));
    });

    // The kiosk reaches the instances through the balancer, the first preferred; that one is
    // killed as soon as the first page of the kiosk's sync has passed.
    const balancer = await startFailoverBalancer([a, b]);
    t.after(() => balancer.close());
    let killed: Promise<void> | undefined;
    balancer.onServed((served) => {
      if (served.path === '/api/v1/sync/changes' && served.instance === 0 && !killed) killed = first.kill();
    });
    const kiosk = await startKiosk({
      ...process.env,
      LINLI_LOG_LEVEL: 'warn',
      LINLI_DATA_DIR: path.join(dataDir, 'kiosk'),
      LINLI_KIOSK_PORT: '0',
      LINLI_SERVER_URL: balancer.url,
      LINLI_ENROLLMENT_CODE: env.LINLI_ENROLLMENT_CODE,
      LINLI_HEARTBEAT_SEC: '5',
      LINLI_PULL_INTERVAL_SEC: '300',
    });
    t.after(() => kiosk.stop());

    await t.test(
      'the kiosk syncing through the balancer carries on from the other instance and holds every guide',
      async () => {
        const scrape = async () => {
          const reply = await fetch(`${b}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
          return reply.text();
        };
        // Caught up: the kiosk's heartbeat (to the instance left) reports the feed's latest change.
        const deadline = Date.now() + 120_000;
        while (
          !/^linli_devices_online\{kind="kiosk"\} 1$/m.test(await scrape()) ||
          !/^linli_sync_devices_behind 0$/m.test(await scrape())
        ) {
          assert.ok(Date.now() < deadline, `the kiosk did not catch up:\n${await scrape()}`);
          await new Promise((resolve) => setTimeout(resolve, 250));
        }
        await killed;
        const pages = balancer.served.filter((entry) => entry.path === '/api/v1/sync/changes' && entry.status === 200);
        assert.equal(pages[0]?.instance, 0, 'the first page came from the first instance');
        assert.ok(pages.length >= 3 && pages.slice(1).every((page) => page.instance === 1), JSON.stringify(pages));

        const browser = await launchChromium();
        t.after(() => browser.close());
        const page = await browser.newPage({ viewport: { width: 1080, height: 1920 } });
        await page.goto(`${kiosk.ready.url}/`);
        await startVisit(page);
        const counts = await page.locator('.tile-category .tile-count').allInnerTexts();
        const total = counts.reduce((sum, text) => sum + Number(text.replace(/\D/g, '')), 0);
        const all = (await (await api(b, '/guides/export')).json()) as GuideFile;
        assert.equal(total, all.guides.filter((guide) => guide.published).length);
      },
    );
  },
);
