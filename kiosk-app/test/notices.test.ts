/**
 * Notices on the kiosk: shown only between their publish and expiry times by the host's clock,
 * newest first, in 繁體 on request, kept out of the guide search, and announced when their time comes.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createCatalog } from '../host/catalog/catalog';
import { excerptOf } from '../host/catalog/notice-board';
import { createMomentTimer } from '../host/lifecycle/moment-timer';
import { NO_CACHED_CONTENT, type CacheDb } from '../host/storage/cache-db';
import { guide, notice, removeNotice, tempCache, upsert, upsertNotice } from './fixtures';

const NOW = new Date('2026-11-28T08:00:00.000Z');

function catalogAt(
  cache: CacheDb,
  clock: () => Date = () => NOW,
  mediaStored: (sha256: string) => boolean = () => false,
) {
  return createCatalog({
    cache,
    clock,
    mediaStored,
    status: () => ({ online: true, storageFull: false, lastSyncAt: null, deviceName: '测试机', mediaPending: 0 }),
  });
}

test('listNotices shows what is published and not expired, newest first; getNotice hides the rest', async (t) => {
  const { cache } = tempCache(t);
  cache.applyPage(
    [
      upsertNotice(notice('older', '社区停水通知', '2026-11-20T00:00:00.000Z')),
      upsertNotice(
        notice('newer', '冬季供暖通知', '2026-11-27T00:00:00.000Z', {
          kind: 'open-government',
          expireAt: '2026-12-31T00:00:00.000Z',
        }),
      ),
      upsertNotice(notice('future', '元旦放假通知', '2026-12-01T00:00:00.000Z')),
      upsertNotice(
        notice('expired', '国庆放假通知', '2026-09-20T00:00:00.000Z', { expireAt: '2026-10-08T00:00:00.000Z' }),
      ),
      upsertNotice(notice('ends-now', '疫苗接种通知', '2026-11-01T00:00:00.000Z', { expireAt: NOW.toISOString() })),
    ],
    5,
    NOW,
  );
  const { bridge } = catalogAt(cache);

  const shown = await bridge.listNotices({});
  assert.deepEqual(
    shown.map((n) => n.id),
    ['newer', 'older'],
  );
  assert.deepEqual(shown[0], {
    id: 'newer',
    kind: 'open-government',
    title: '冬季供暖通知',
    issuer: '安和街道办事处',
    publishAt: '2026-11-27T00:00:00.000Z',
    excerpt: '冬季供暖通知。请居民相互转告。',
  });
  assert.equal((await bridge.getNotice({ id: 'older' })).body, '社区停水通知。\n\n请居民相互转告。');
  for (const id of ['future', 'expired', 'ends-now', 'nope'])
    await assert.rejects(bridge.getNotice({ id }), { code: 'NOT_FOUND' }, id);
});

test('the host clock decides: a notice appears at its publish time and goes at its expiry', async (t) => {
  const { cache } = tempCache(t);
  cache.applyPage(
    [upsertNotice(notice('n', '停电通知', '2026-12-01T00:00:00.000Z', { expireAt: '2026-12-02T00:00:00.000Z' }))],
    1,
    NOW,
  );
  let now = new Date('2026-11-30T23:59:59.999Z');
  const catalog = catalogAt(cache, () => now);
  assert.deepEqual(await catalog.bridge.listNotices({}), []);
  assert.deepEqual(catalog.nextNoticeChangeAt(), new Date('2026-12-01T00:00:00.000Z'));
  now = new Date('2026-12-01T00:00:00.000Z');
  assert.equal((await catalog.bridge.getNotice({ id: 'n' })).title, '停电通知');
  assert.deepEqual(catalog.nextNoticeChangeAt(), new Date('2026-12-02T00:00:00.000Z'));
  now = new Date('2026-12-02T00:00:00.000Z');
  await assert.rejects(catalog.bridge.getNotice({ id: 'n' }), { code: 'NOT_FOUND' });
  assert.equal(catalog.nextNoticeChangeAt(), null);
});

test('a notice with files is shown only once every one of them is stored', async (t) => {
  const { cache } = tempCache(t);
  const [photo, leaflet] = [
    { sha256: 'a'.repeat(64), bytes: 10, mime: 'image/jpeg', name: '新址照片.jpg' },
    { sha256: 'b'.repeat(64), bytes: 20, mime: 'application/pdf', name: '办事须知.pdf' },
  ];
  cache.applyPage(
    [
      upsertNotice(notice('plain', '停水通知', '2026-11-01T00:00:00.000Z')),
      upsertNotice(
        notice('with-files', '卫生服务站搬迁通知', '2026-11-02T00:00:00.000Z', { attachments: [photo, leaflet] }),
      ),
    ],
    2,
    NOW,
  );
  const stored = new Set<string>();
  const { bridge } = catalogAt(
    cache,
    () => NOW,
    (sha256) => stored.has(sha256),
  );
  const shown = async () => (await bridge.listNotices({})).map((n) => n.id);

  assert.deepEqual(await shown(), ['plain']);
  stored.add(photo.sha256);
  assert.deepEqual(await shown(), ['plain']);
  await assert.rejects(bridge.getNotice({ id: 'with-files' }), { code: 'NOT_FOUND' });
  stored.add(leaflet.sha256);
  assert.deepEqual(await shown(), ['with-files', 'plain']);
  const traditional = await bridge.getNotice({ id: 'with-files', locale: 'zh-Hant' });
  assert.deepEqual(
    traditional.attachments,
    [
      { ...photo, name: '新址照片.jpg' },
      { ...leaflet, name: '辦事須知.pdf' },
    ],
    'file names in 繁體, hashes as they are',
  );
});

test('zh-Hant converts title, body and issuer; codes and times stay as they are', async (t) => {
  const { cache } = tempCache(t);
  const original = notice('n', '关于社区卫生服务站搬迁的通知', '2026-11-01T00:00:00.000Z', {
    body: '卫生服务站将于12月迁往新址。\n\n请携带医保卡。',
    issuer: '安和街道社区卫生服务中心',
  });
  cache.applyPage([upsertNotice(original)], 1, NOW);
  const { bridge } = catalogAt(cache);
  const [summary] = await bridge.listNotices({ locale: 'zh-Hant' });
  assert.equal(summary?.title, '關於社區衛生服務站搬遷的通知');
  assert.equal(summary?.issuer, '安和街道社區衛生服務中心');
  assert.equal(summary?.excerpt, '衛生服務站將於12月遷往新址。請攜帶醫保卡。');
  assert.deepEqual(await bridge.getNotice({ id: 'n', locale: 'zh-Hant' }), {
    ...original,
    title: '關於社區衛生服務站搬遷的通知',
    body: '衛生服務站將於12月遷往新址。\n\n請攜帶醫保卡。',
    issuer: '安和街道社區衛生服務中心',
  });
  assert.deepEqual(await bridge.getNotice({ id: 'n', locale: 'en' }), original, 'English shows the notice as written');
});

test('the excerpt is the start of the body on one line', () => {
  assert.equal(excerptOf('  第一段\n第二行\n\n第二段  '), '第一段 第二行 第二段');
  assert.equal(
    excerptOf('停水时间：\n  上午9时至下午5时。\n\nWater is off.\nSorry.'),
    '停水时间：上午9时至下午5时。Water is off. Sorry.',
  );
  const long = '为'.repeat(59) + '𠀀' + '民'.repeat(10);
  assert.equal(excerptOf(long), `${'为'.repeat(59)}𠀀…`, 'cut by characters, not UTF-16 units');
});

test('notices never reach the guide search or the guide counts, and still update through sync', async (t) => {
  const { cache } = tempCache(t);
  cache.applyPage([upsert(guide('shebao-card-loss', '社会保障卡挂失', { aliases: ['社保'] }))], 1, NOW);
  const catalog = catalogAt(cache);
  const changes = [
    upsertNotice(
      notice('shebao-notice', '社保卡集中换发通知', '2026-11-01T00:00:00.000Z', {
        body: '社保卡 社会保障卡 换发 挂失',
      }),
    ),
  ];
  cache.applyPage(changes, 2, NOW);
  catalog.applied(changes);
  assert.deepEqual(
    (await catalog.bridge.searchGuides({ query: '社保' })).map((hit) => hit.id),
    ['shebao-card-loss'],
  );
  assert.deepEqual(
    (await catalog.bridge.searchGuides({ query: '换发' })).map((hit) => hit.id),
    [],
  );
  assert.equal((await catalog.bridge.getStatus({})).guideCount, 1);
  assert.equal(
    (await catalog.bridge.listCategories({})).reduce((sum, c) => sum + c.count, 0),
    1,
  );
  await assert.rejects(catalog.bridge.getGuide({ id: 'shebao-notice' }), { code: 'NOT_FOUND' });
  assert.deepEqual(
    (await catalog.bridge.listNotices({})).map((n) => n.id),
    ['shebao-notice'],
  );

  const withdrawn = [removeNotice('shebao-notice')];
  cache.applyPage(withdrawn, 3, NOW);
  catalog.applied(withdrawn);
  assert.deepEqual(await catalog.bridge.listNotices({}), []);
  assert.deepEqual(
    (await catalog.bridge.searchGuides({ query: '社保' })).map((hit) => hit.id),
    ['shebao-card-loss'],
    'the guide is still found',
  );
});

test('a resync reloads the notices from the cache too', async (t) => {
  const { cache } = tempCache(t);
  const catalog = catalogAt(cache);
  cache.replaceAll(
    {
      ...NO_CACHED_CONTENT,
      guides: [],
      notices: [notice('n', '停水通知', '2026-11-01T00:00:00.000Z')],
      forms: [],
      alerts: [],
      settings: null,
    },
    9,
    NOW,
  );
  catalog.applied('all');
  assert.deepEqual(
    (await catalog.bridge.listNotices({})).map((n) => n.id),
    ['n'],
  );
});

test('the notice timer announces each appearance and expiry when it comes, even weeks ahead', async (t) => {
  t.mock.timers.enable({ apis: ['setTimeout', 'Date'], now: NOW });
  const { cache } = tempCache(t);
  const at = (ms: number) => new Date(NOW.getTime() + ms).toISOString();
  const day = 24 * 3600_000;
  cache.applyPage(
    [
      upsertNotice(notice('drill', '消防演练通知', at(30_000))),
      upsertNotice(notice('water', '临时停水通知', '2026-11-01T00:00:00.000Z', { expireAt: at(60_000) })),
      upsertNotice(notice('new-year', '元旦放假通知', at(40 * day))),
    ],
    1,
    NOW,
  );
  const catalog = catalogAt(cache, () => new Date());
  let announced = 0;
  const timer = createMomentTimer({
    nextChangeAt: catalog.nextNoticeChangeAt,
    clock: () => new Date(),
    onChange: () => announced++,
  });
  t.after(() => timer.stop());
  const shown = async () => (await catalog.bridge.listNotices({})).map((n) => n.id);
  timer.schedule();

  t.mock.timers.tick(29_999);
  assert.equal(announced, 0);
  t.mock.timers.tick(1);
  assert.equal(announced, 1);
  assert.deepEqual(await shown(), ['drill', 'water']);
  t.mock.timers.tick(30_000);
  assert.equal(announced, 2);
  assert.deepEqual(await shown(), ['drill']);
  t.mock.timers.tick(30 * day);
  assert.equal(announced, 2, 'a wait longer than setTimeout allows is taken in steps, without announcing');
  t.mock.timers.tick(10 * day);
  assert.equal(announced, 3);
  assert.deepEqual(await shown(), ['new-year', 'drill']);
});
