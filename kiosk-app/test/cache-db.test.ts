import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import type { Change, DeviceForm } from '@linli/protocol';
import BetterSqlite3 from 'better-sqlite3';
import { createCatalog } from '../host/catalog/catalog';
import { openCacheDb, NO_CACHED_CONTENT } from '../host/storage/cache-db';
import {
  command,
  guide,
  notice,
  pushSettings,
  remove,
  removeNotice,
  tempCache,
  upsert,
  upsertNotice,
} from './fixtures';

test('a page and its cursor are stored together and survive reopening', (t) => {
  const { cache, file } = tempCache(t);
  cache.applyPage(
    [upsert(guide('a', '社会保障卡挂失')), upsert(guide('b', '医保参保'))],
    7,
    new Date('2026-11-28T08:00:00Z'),
  );
  cache.applyPage([remove('b')], 8, new Date('2026-11-28T08:01:00Z'));
  const reopened = openCacheDb(file);
  t.after(() => reopened.close());
  assert.deepEqual(
    reopened.allGuides().map((g) => g.id),
    ['a'],
  );
  assert.equal(reopened.cursor(), 8);
  assert.equal(reopened.lastSyncAt(), '2026-11-28T08:01:00.000Z');
});

test('a page that fails half-way leaves the cache and cursor as they were', (t) => {
  const { cache } = tempCache(t);
  cache.applyPage([upsert(guide('a', '旧标题'))], 3, new Date());
  const broken = { seq: 5, entity: 'guide', op: 'upsert', id: 'c' } as unknown as Change; // no data: fails while applying
  assert.throws(() => cache.applyPage([upsert(guide('a', '新标题')), broken], 5, new Date()));
  assert.equal(cache.guide('a')?.title, '旧标题');
  assert.equal(cache.cursor(), 3);
});

test('replaceAll swaps the whole catalog, guides and notices, at once', (t) => {
  const { cache } = tempCache(t);
  cache.applyPage(
    [
      upsert(guide('a', '甲')),
      upsert(guide('b', '乙')),
      upsertNotice(notice('n1', '停水通知', '2026-11-01T00:00:00.000Z')),
    ],
    3,
    new Date(),
  );
  cache.replaceAll(
    {
      ...NO_CACHED_CONTENT,
      guides: [guide('c', '丙')],
      notices: [notice('n2', '疫苗接种通知', '2026-11-02T00:00:00.000Z')],
      forms: [],
      alerts: [],
      settings: null,
    },
    40,
    new Date(),
  );
  assert.deepEqual(
    cache.allGuides().map((g) => g.id),
    ['c'],
  );
  assert.deepEqual(
    cache.allNotices().map((n) => n.id),
    ['n2'],
  );
  assert.equal(cache.cursor(), 40);
});

test('notices are stored apart from guides: upserted, replaced by a new version, deleted', (t) => {
  const { cache, file } = tempCache(t);
  const first = notice('n1', '停水通知', '2026-11-01T00:00:00.000Z');
  cache.applyPage(
    [upsert(guide('a', '甲')), upsertNotice(first), upsertNotice(notice('n2', '停电通知', '2026-11-01T00:00:00.000Z'))],
    3,
    new Date(),
  );
  cache.applyPage(
    [upsertNotice({ ...first, title: '停水通知（更正）', version: 2 }), removeNotice('n2')],
    5,
    new Date(),
  );
  const reopened = openCacheDb(file);
  t.after(() => reopened.close());
  assert.deepEqual(reopened.allNotices(), [{ ...first, title: '停水通知（更正）', version: 2 }]);
  assert.deepEqual(
    reopened.allGuides().map((g) => g.id),
    ['a'],
    'no notice became a guide',
  );
  assert.equal(reopened.cursor(), 5);
});

test('pushed settings are stored with their page, replaced whole, and kept across a restart; commands are not stored', (t) => {
  const { cache, file } = tempCache(t);
  assert.equal(cache.settings(), null);
  cache.applyPage(
    [pushSettings({ idleSec: 120, attractNotices: false }), command('c1', 'reload', '2026-11-28T08:00:00.000Z')],
    4,
    new Date(),
  );
  cache.applyPage([pushSettings({ openingHours: '09:00-17:00' }, '2026-11-28T09:00:00.000Z')], 5, new Date());
  const reopened = openCacheDb(file);
  t.after(() => reopened.close());
  assert.deepEqual(
    reopened.settings(),
    { settings: { openingHours: '09:00-17:00' }, updatedAt: '2026-11-28T09:00:00.000Z' },
    'the latest push, nothing merged from the one before',
  );
  assert.deepEqual(reopened.allGuides(), []);
  assert.deepEqual(reopened.allNotices(), [], 'the command became nothing stored');
  assert.equal(reopened.cursor(), 5);
});

test('a page with settings that fails half-way keeps the settings before it', (t) => {
  const { cache } = tempCache(t);
  cache.applyPage([pushSettings({ idleSec: 120 })], 3, new Date());
  const broken = { seq: 5, entity: 'guide', op: 'upsert', id: 'c' } as unknown as Change;
  assert.throws(() => cache.applyPage([pushSettings({ idleSec: 600 }), broken], 5, new Date()));
  assert.equal(cache.settings()?.settings.idleSec, 120);
});

test('replaceAll sets the settings a resync found, or drops them when it found none', (t) => {
  const { cache } = tempCache(t);
  cache.applyPage([pushSettings({ idleSec: 120 })], 3, new Date());
  const payload = { settings: { attractMessage: '欢迎' }, updatedAt: '2026-11-28T10:00:00.000Z' };
  cache.replaceAll({ ...NO_CACHED_CONTENT, settings: payload }, 10, new Date());
  assert.deepEqual(cache.settings(), payload);
  cache.replaceAll(NO_CACHED_CONTENT, 11, new Date());
  assert.equal(cache.settings(), null);
});

test('a version-1 cache (guides only) gains the notices table and keeps its guides and cursor', (t) => {
  const { cache, file } = tempCache(t);
  cache.close();
  rmSync(file);
  const v1 = new BetterSqlite3(file);
  v1.exec(`CREATE TABLE guides (id TEXT PRIMARY KEY, category TEXT NOT NULL, data TEXT NOT NULL);
    CREATE INDEX guides_category ON guides (category);
    CREATE TABLE sync_state (key TEXT PRIMARY KEY, value TEXT NOT NULL);`);
  v1.prepare('INSERT INTO guides (id, category, data) VALUES (?, ?, ?)').run(
    'a',
    'social-security',
    JSON.stringify(guide('a', '社会保障卡挂失')),
  );
  v1.prepare('INSERT INTO sync_state (key, value) VALUES (?, ?)').run('cursor', '17');
  v1.pragma('user_version = 1');
  v1.close();

  const migrated = openCacheDb(file);
  t.after(() => migrated.close());
  assert.deepEqual(
    migrated.allGuides().map((g) => g.title),
    ['社会保障卡挂失'],
  );
  assert.equal(migrated.cursor(), 17);
  assert.deepEqual(migrated.allNotices(), []);
  migrated.applyPage([upsertNotice(notice('n1', '停水通知', '2026-11-01T00:00:00.000Z'))], 18, new Date());
  assert.deepEqual(
    migrated.allNotices().map((n) => n.id),
    ['n1'],
  );
  const raw = new BetterSqlite3(file, { readonly: true });
  t.after(() => raw.close());
  assert.equal(raw.pragma('user_version', { simple: true }), 8);
  assert.deepEqual(migrated.allForms(), [], 'and the forms table');
  assert.deepEqual(migrated.allAlerts(), [], 'and the alerts table');
  assert.deepEqual(migrated.guideViews(), new Map(), 'and the table of guide openings');
  assert.deepEqual(migrated.allTvChannels(), [], 'and the TV channels table');
});

test('notices cached before they carried files gain an empty attachment list; others keep theirs', (t) => {
  const { cache, file } = tempCache(t);
  const file1 = { sha256: 'a'.repeat(64), bytes: 3, mime: 'image/png', name: '示意图.png' };
  const { attachments: _none, ...old } = notice('old', '停水通知', '2026-11-01T00:00:00.000Z');
  cache.applyPage(
    [upsertNotice(notice('new', '停电通知', '2026-11-02T00:00:00.000Z', { attachments: [file1] }))],
    1,
    new Date(),
  );
  cache.close();
  const v2 = new BetterSqlite3(file);
  v2.prepare('INSERT INTO notices (id, data) VALUES (?, ?)').run('old', JSON.stringify(old));
  // Back to how a version-2 app left it: no forms table yet, no guide openings counted, no alerts, no signage, no channels.
  v2.exec('DROP TABLE forms; DROP TABLE guide_views; DROP TABLE alerts; DROP TABLE signage; DROP TABLE tv_channels');
  v2.pragma('user_version = 2');
  v2.close();

  const migrated = openCacheDb(file);
  t.after(() => migrated.close());
  assert.deepEqual(
    migrated.allNotices().map((n) => [n.id, n.attachments]),
    [
      ['new', [file1]],
      ['old', []],
    ],
  );
});

test('a cache written by a newer app is refused rather than misread', (t) => {
  const { cache, file } = tempCache(t);
  cache.close();
  const raw = new BetterSqlite3(file);
  raw.pragma('user_version = 99');
  raw.close();
  assert.throws(() => openCacheDb(file), /schema 99, newer than this app/);
});

test('forms are kept with their template reference, replaced by version and removed by tombstone', (t) => {
  const { cache } = tempCache(t);
  const form = (version: number): DeviceForm => ({
    id: 'residence-certificate',
    version,
    category: 'household',
    definition: {
      id: 'residence-certificate',
      title: `居住证明申请表 v${version}`,
      template: 'residence-certificate.pdf',
      mode: 'acroform',
      fields: [{ id: 'name', source: { from: 'id-card', field: 'name' }, target: { acroField: 'name' } }],
    },
    template: { sha256: 'b'.repeat(64), bytes: 1024, mime: 'application/pdf', name: '居住证明.pdf' },
  });
  cache.applyPage(
    [{ seq: 1, entity: 'form', op: 'upsert', id: 'residence-certificate', data: form(1) }],
    1,
    new Date(),
  );
  cache.applyPage(
    [{ seq: 2, entity: 'form', op: 'upsert', id: 'residence-certificate', data: form(2) }],
    2,
    new Date(),
  );
  assert.deepEqual(
    cache.allForms().map((f) => [f.definition.title, f.template.sha256]),
    [['居住证明申请表 v2', 'b'.repeat(64)]],
  );
  cache.applyPage([{ seq: 3, entity: 'form', op: 'delete', id: 'residence-certificate' }], 3, new Date());
  assert.deepEqual(cache.allForms(), []);
});

test('opening a guide is counted and the counts survive a restart and a resync; the most opened are offered first', async (t) => {
  const { cache, file } = tempCache(t);
  const guides = [
    guide('a', '居住证申领', { category: 'residence-permit' }),
    guide('b', '社会保障卡挂失'),
    guide('c', '居住证签注（年度续签）', { category: 'residence-permit' }),
  ];
  cache.replaceAll({ ...NO_CACHED_CONTENT, guides }, 1, new Date('2026-12-01T08:00:00Z'));
  const catalog = createCatalog({
    cache,
    clock: () => new Date('2026-12-01T09:00:00Z'),
    mediaStored: () => true,
    status: () => ({ online: true, storageFull: false, lastSyncAt: null, deviceName: '测试机', mediaPending: 0 }),
  });
  const offered = async () => (await catalog.bridge.popularGuides({})).map((summary) => summary.id);
  assert.deepEqual(await offered(), ['b', 'a'], "nothing opened yet: each category's plainest guide");
  for (const id of ['c', 'b', 'c']) await catalog.bridge.getGuide({ id });
  assert.deepEqual(await offered(), ['c', 'b', 'a'], 'the most opened first, then the plainest of the rest');
  cache.replaceAll({ ...NO_CACHED_CONTENT, guides }, 2, new Date('2026-12-01T10:00:00Z'));
  cache.close();
  const reopened = openCacheDb(file);
  t.after(() => reopened.close());
  assert.deepEqual(
    reopened.guideViews(),
    new Map([
      ['b', 1],
      ['c', 2],
    ]),
  );
});
