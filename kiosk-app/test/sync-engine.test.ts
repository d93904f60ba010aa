import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LinliError, type Change, type ChangesPage } from '@linli/protocol';
import { createSyncEngine } from '../host/sync/sync-engine';
import type { ServerClient } from '../host/sync/server-client';
import type { CacheDb } from '../host/storage/cache-db';
import { guide, notice, remove, removeNotice, tempCache, upsert, upsertNotice } from './fixtures';

/** A server holding a list of changes, paged like the real feed; `fail` makes a call throw. */
function fakeServer(changes: Change[], options: { fail?: (cursor: number) => LinliError | undefined } = {}) {
  const calls: number[] = [];
  const client: ServerClient = {
    async changes(cursor, limit = 500) {
      calls.push(cursor);
      const failure = options.fail?.(cursor);
      if (failure) throw failure;
      const after = changes.filter((change) => change.seq > cursor);
      const page = after.slice(0, limit);
      return { changes: page, nextCursor: page.at(-1)?.seq ?? cursor, hasMore: after.length > limit } satisfies ChangesPage;
    },
    heartbeat: async () => undefined,
    listen: () => new Promise(() => undefined),
  };
  return { client, calls };
}

function engineFor(cache: CacheDb, client: ServerClient) {
  const applied: Array<Change[] | 'all'> = [];
  const online: boolean[] = [];
  const engine = createSyncEngine({
    cache, client, clock: () => new Date('2026-11-28T09:00:00Z'), pullIntervalMs: 60_000, pageLimit: 2,
    onApplied: (changes) => applied.push(changes), onOnlineChange: (value) => online.push(value), log: () => undefined,
  });
  return { engine, applied, online };
}

test('pulls every page and ends on the last cursor', async (t) => {
  const { cache } = tempCache(t);
  const changes = [upsert(guide('a', '甲')), upsert(guide('b', '乙')), upsert(guide('c', '丙')), remove('a')];
  const { engine, applied, online } = engineFor(cache, fakeServer(changes).client);
  await engine.syncNow();
  assert.deepEqual(cache.allGuides().map((g) => g.id), ['b', 'c']);
  assert.equal(cache.cursor(), changes.at(-1)!.seq);
  assert.equal(applied.length, 2, 'two pages of two');
  assert.deepEqual(online, [true]);
});

test('a sync cut off between pages keeps the complete pages and resumes from there', async (t) => {
  const { cache } = tempCache(t);
  const changes = [upsert(guide('a', '甲')), upsert(guide('b', '乙')), upsert(guide('c', '丙'))];
  let down = true;
  const server = fakeServer(changes, { fail: (cursor) => (down && cursor > 0 ? new LinliError('SERVER_UNREACHABLE') : undefined) });
  const { engine, online } = engineFor(cache, server.client);
  await engine.syncNow();
  assert.deepEqual(cache.allGuides().map((g) => g.id), ['a', 'b'], 'first page kept');
  assert.equal(engine.online(), false);
  down = false;
  await engine.syncNow();
  assert.deepEqual(cache.allGuides().map((g) => g.id), ['a', 'b', 'c']);
  assert.equal(server.calls.at(-2), changes[1]!.seq, 'resumed from the stored cursor, not from 0');
  assert.deepEqual(online, [true], 'offline from the start, online once the server answers');
});

test('RESYNC_REQUIRED downloads everything again, guides and notices, and swaps it in whole', async (t) => {
  const { cache } = tempCache(t);
  cache.applyPage([upsert(guide('old', '已删除的指南')), upsertNotice(notice('old-notice', '已撤回的通知', '2026-10-01T00:00:00.000Z'))], 1, new Date());
  const changes = [
    upsert(guide('x', '新甲')), upsertNotice(notice('n1', '停水通知', '2026-11-01T00:00:00.000Z')), upsert(guide('y', '新乙')),
    upsertNotice(notice('n2', '停电通知', '2026-11-01T00:00:00.000Z')), upsert(guide('z', '新丙')), removeNotice('n2'),
  ];
  const server = fakeServer(changes, { fail: (cursor) => (cursor === 1 ? new LinliError('RESYNC_REQUIRED') : undefined) });
  const { engine, applied } = engineFor(cache, server.client);
  await engine.syncNow();
  assert.deepEqual(cache.allGuides().map((g) => g.id), ['x', 'y', 'z']);
  assert.deepEqual(cache.allNotices().map((n) => n.id), ['n1']);
  assert.equal(cache.cursor(), changes.at(-1)!.seq);
  assert.deepEqual(applied, ['all']);
});

test('with the push channel down, the periodic pull still brings changes in', async (t) => {
  const { cache } = tempCache(t);
  const changes = [upsert(guide('a', '甲'))];
  const server = fakeServer(changes);
  server.client.listen = async () => {
    throw new LinliError('SERVER_UNREACHABLE', 'push refused');
  };
  const engine = createSyncEngine({
    cache, client: server.client, clock: () => new Date(), pullIntervalMs: 50, log: () => undefined,
    onApplied: () => undefined, onOnlineChange: () => undefined,
  });
  t.after(() => engine.stop());
  await engine.start();
  assert.deepEqual(cache.allGuides().map((g) => g.id), ['a']);
  changes.push(upsert(guide('b', '乙')));
  const deadline = Date.now() + 3000;
  while (cache.guide('b') === undefined && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
  assert.equal(cache.guide('b')?.title, '乙');
});
