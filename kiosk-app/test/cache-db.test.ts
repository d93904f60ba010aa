import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Change } from '@linli/protocol';
import BetterSqlite3 from 'better-sqlite3';
import { openCacheDb } from '../host/storage/cache-db';
import { guide, remove, tempCache, upsert } from './fixtures';

test('a page and its cursor are stored together and survive reopening', (t) => {
  const { cache, file } = tempCache(t);
  cache.applyPage([upsert(guide('a', '社会保障卡挂失')), upsert(guide('b', '医保参保'))], 7, new Date('2026-11-28T08:00:00Z'));
  cache.applyPage([remove('b')], 8, new Date('2026-11-28T08:01:00Z'));
  const reopened = openCacheDb(file);
  t.after(() => reopened.close());
  assert.deepEqual(reopened.allGuides().map((g) => g.id), ['a']);
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

test('replaceAll swaps the whole catalogue at once', (t) => {
  const { cache } = tempCache(t);
  cache.applyPage([upsert(guide('a', '甲')), upsert(guide('b', '乙'))], 2, new Date());
  cache.replaceAll([guide('c', '丙')], 40, new Date());
  assert.deepEqual(cache.allGuides().map((g) => g.id), ['c']);
  assert.equal(cache.cursor(), 40);
});

test('a cache written by a newer app is refused rather than misread', (t) => {
  const { cache, file } = tempCache(t);
  cache.close();
  const raw = new BetterSqlite3(file);
  raw.pragma('user_version = 99');
  raw.close();
  assert.throws(() => openCacheDb(file), /schema 99, newer than this app/);
});
