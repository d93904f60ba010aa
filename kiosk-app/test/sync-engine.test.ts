import { test } from 'node:test';
import assert from 'node:assert/strict';
import BetterSqlite3 from 'better-sqlite3';
import { LinliError, PROTOCOL_VERSION, type Change, type ChangesPage } from '@linli/protocol';
import { createSyncEngine } from '../host/sync/sync-engine';
import type { ServerClient } from '../host/sync/server-client';
import { openCacheDb, type CacheDb } from '../host/storage/cache-db';
import { createDiskHealth } from '../host/storage/disk-health';
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
      return {
        changes: page,
        nextCursor: page.at(-1)?.seq ?? cursor,
        hasMore: after.length > limit,
      } satisfies ChangesPage;
    },
    heartbeat: async () => undefined,
    reportCommand: async () => undefined,
    uploadPlays: async ({ plays }) => ({ stored: plays.length, alreadyStored: 0 }),
    uploadUsage: async ({ events }) => ({ stored: events.length, alreadyStored: 0, tooOld: 0 }),
    listen: () => new Promise(() => undefined),
  };
  return { client, calls };
}

function engineFor(cache: CacheDb, client: ServerClient) {
  const applied: Array<Change[] | 'all'> = [];
  const online: boolean[] = [];
  const engine = createSyncEngine({
    cache,
    client,
    clock: () => new Date('2026-11-28T09:00:00Z'),
    pullIntervalMs: 60_000,
    pageLimit: 2,
    onApplied: (changes) => applied.push(changes),
    onOnlineChange: (value) => online.push(value),
    log: () => undefined,
  });
  return { engine, applied, online };
}

test('pulls every page and ends on the last cursor', async (t) => {
  const { cache } = tempCache(t);
  const changes = [upsert(guide('a', '甲')), upsert(guide('b', '乙')), upsert(guide('c', '丙')), remove('a')];
  const { engine, applied, online } = engineFor(cache, fakeServer(changes).client);
  await engine.syncNow();
  assert.deepEqual(
    cache.allGuides().map((g) => g.id),
    ['b', 'c'],
  );
  assert.equal(cache.cursor(), changes.at(-1)!.seq);
  assert.equal(applied.length, 2, 'two pages of two');
  assert.deepEqual(online, [true]);
});

test('a sync cut off between pages keeps the complete pages and resumes from there', async (t) => {
  const { cache } = tempCache(t);
  const changes = [upsert(guide('a', '甲')), upsert(guide('b', '乙')), upsert(guide('c', '丙'))];
  let down = true;
  const server = fakeServer(changes, {
    fail: (cursor) => (down && cursor > 0 ? new LinliError('SERVER_UNREACHABLE') : undefined),
  });
  const { engine, online } = engineFor(cache, server.client);
  await engine.syncNow();
  assert.deepEqual(
    cache.allGuides().map((g) => g.id),
    ['a', 'b'],
    'first page kept',
  );
  assert.equal(engine.online(), false);
  down = false;
  await engine.syncNow();
  assert.deepEqual(
    cache.allGuides().map((g) => g.id),
    ['a', 'b', 'c'],
  );
  assert.equal(server.calls.at(-2), changes[1]!.seq, 'resumed from the stored cursor, not from 0');
  assert.deepEqual(online, [true], 'offline from the start, online once the server answers');
});

test('a page the disk has no room for is told as a full disk, not as the server away; the next page that fits clears it', async (t) => {
  const { cache } = tempCache(t);
  const changes = [upsert(guide('a', '甲')), upsert(guide('b', '乙')), upsert(guide('c', '丙'))];
  let full = true;
  const cramped: CacheDb = {
    ...cache,
    applyPage(page, nextCursor, at) {
      if (full && nextCursor > changes[1]!.seq) throw new LinliError('STORAGE_FULL', 'no space left on device');
      cache.applyPage(page, nextCursor, at);
    },
  };
  const said: boolean[] = [];
  const disk = createDiskHealth((value) => said.push(value));
  const engine = createSyncEngine({
    cache: cramped,
    client: fakeServer(changes).client,
    clock: () => new Date('2026-11-28T09:00:00Z'),
    pullIntervalMs: 60_000,
    pageLimit: 2,
    disk,
    onApplied: () => undefined,
    onOnlineChange: () => undefined,
    log: () => undefined,
  });
  await engine.syncNow();
  assert.equal(engine.online(), true, 'the server answered');
  assert.equal(disk.full(), true);
  assert.equal(cache.cursor(), changes[1]!.seq, 'the pages that fitted are kept');
  full = false;
  await engine.syncNow();
  assert.equal(disk.full(), false);
  assert.deepEqual(said, [true, false]);
  assert.equal(cache.allGuides().length, 3);
});

test('RESYNC_REQUIRED downloads everything again, guides and notices, and swaps it in whole', async (t) => {
  const { cache } = tempCache(t);
  cache.applyPage(
    [
      upsert(guide('old', '已删除的指南')),
      upsertNotice(notice('old-notice', '已撤回的通知', '2026-10-01T00:00:00.000Z')),
    ],
    1,
    new Date(),
  );
  const changes = [
    upsert(guide('x', '新甲')),
    upsertNotice(notice('n1', '停水通知', '2026-11-01T00:00:00.000Z')),
    upsert(guide('y', '新乙')),
    upsertNotice(notice('n2', '停电通知', '2026-11-01T00:00:00.000Z')),
    upsert(guide('z', '新丙')),
    removeNotice('n2'),
  ];
  const server = fakeServer(changes, {
    fail: (cursor) => (cursor === 1 ? new LinliError('RESYNC_REQUIRED') : undefined),
  });
  const { engine, applied } = engineFor(cache, server.client);
  await engine.syncNow();
  assert.deepEqual(
    cache.allGuides().map((g) => g.id),
    ['x', 'y', 'z'],
  );
  assert.deepEqual(
    cache.allNotices().map((n) => n.id),
    ['n1'],
  );
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
    cache,
    client: server.client,
    clock: () => new Date(),
    pullIntervalMs: 50,
    log: () => undefined,
    onApplied: () => undefined,
    onOnlineChange: () => undefined,
  });
  t.after(() => engine.stop());
  await engine.start();
  assert.deepEqual(
    cache.allGuides().map((g) => g.id),
    ['a'],
  );
  changes.push(upsert(guide('b', '乙')));
  const deadline = Date.now() + 3000;
  while (cache.guide('b') === undefined && Date.now() < deadline)
    await new Promise((resolve) => setTimeout(resolve, 20));
  assert.equal(cache.guide('b')?.title, '乙');
});

test('a command reaches the host inside its page, once that page and its cursor are stored', async (t) => {
  const { cache } = tempCache(t);
  const reload = command('c1', 'reload', '2026-11-28T08:59:00.000Z');
  const changes = [upsert(guide('a', '甲')), reload, upsert(guide('b', '乙'))];
  const seen: Array<{ commands: string[]; cursor: number }> = [];
  const engine = createSyncEngine({
    cache,
    client: fakeServer(changes).client,
    clock: () => new Date(),
    pullIntervalMs: 60_000,
    pageLimit: 2,
    log: () => undefined,
    onOnlineChange: () => undefined,
    onApplied: (applied) => {
      assert.notEqual(applied, 'all');
      seen.push({
        commands: (applied as Change[]).filter((change) => change.entity === 'command').map((change) => change.id),
        cursor: cache.cursor(),
      });
    },
  });
  await engine.syncNow();
  await engine.syncNow();
  assert.deepEqual(
    seen,
    [
      { commands: ['c1'], cursor: reload.seq },
      { commands: [], cursor: changes.at(-1)!.seq },
    ],
    'handed on once, with the page already stored',
  );
});

test('a resync keeps the latest settings and leaves every command out', async (t) => {
  const { cache } = tempCache(t);
  cache.applyPage([upsert(guide('old', '旧'))], 1, new Date());
  const changes = [
    pushSettings({ idleSec: 60 }),
    command('c1', 'restart', '2026-11-28T08:59:00.000Z'),
    upsert(guide('x', '新')),
    pushSettings({ idleSec: 300 }),
    command('c2', 'reload', '2026-11-28T08:59:30.000Z'),
  ];
  const server = fakeServer(changes, {
    fail: (cursor) => (cursor === 1 ? new LinliError('RESYNC_REQUIRED') : undefined),
  });
  const { engine, applied } = engineFor(cache, server.client);
  await engine.syncNow();
  assert.deepEqual(applied, ['all'], 'the host hears of the resync as a whole, with no page and so no command');
  assert.equal(cache.settings()?.settings.idleSec, 300);
  assert.deepEqual(
    cache.allGuides().map((g) => g.id),
    ['x'],
  );
});

test('resync() downloads everything from cursor 0 after the pull under way; clear empties the cache first', async (t) => {
  const { cache } = tempCache(t);
  const changes = [
    upsert(guide('a', '甲')),
    upsert(guide('b', '乙')),
    upsertNotice(notice('n', '停水通知', '2026-11-01T00:00:00.000Z')),
  ];
  const server = fakeServer(changes);
  const { engine, applied } = engineFor(cache, server.client);
  await engine.syncNow();
  server.calls.length = 0;
  applied.length = 0;

  const pull = engine.syncNow();
  await engine.resync({ clear: false });
  await pull;
  assert.deepEqual(server.calls, [changes.at(-1)!.seq, 0, changes[1]!.seq], 'the pull first, then pages from 0');
  assert.deepEqual(applied, ['all']);
  assert.deepEqual(
    cache.allGuides().map((g) => g.id),
    ['a', 'b'],
  );

  const guidesWhenTold: string[][] = [];
  const clearing = createSyncEngine({
    cache,
    client: server.client,
    clock: () => new Date(),
    pullIntervalMs: 60_000,
    log: () => undefined,
    onOnlineChange: () => undefined,
    onApplied: () => guidesWhenTold.push(cache.allGuides().map((g) => g.id)),
  });
  await clearing.resync({ clear: true });
  assert.deepEqual(guidesWhenTold, [[], ['a', 'b']], 'emptied and announced, then filled again');
  assert.equal(cache.cursor(), changes.at(-1)!.seq);
});

test('a resync that cannot download rejects with the reason; a cleared cache then starts again from 0', async (t) => {
  const { cache } = tempCache(t);
  cache.applyPage([upsert(guide('a', '甲')), pushSettings({ idleSec: 60 })], 7, new Date());
  const server = fakeServer([], { fail: () => new LinliError('SERVER_UNREACHABLE') });
  const { engine, online } = engineFor(cache, server.client);
  await assert.rejects(engine.resync({ clear: false }), { code: 'SERVER_UNREACHABLE' });
  assert.deepEqual(
    cache.allGuides().map((g) => g.id),
    ['a'],
    'a failed re-sync keeps what the kiosk had',
  );
  await assert.rejects(engine.resync({ clear: true }), { code: 'SERVER_UNREACHABLE' });
  assert.deepEqual(cache.allGuides(), []);
  assert.equal(cache.settings(), null);
  assert.equal(cache.cursor(), 0);
  assert.deepEqual(online, [], 'offline throughout');
  await engine.stop();
  await assert.rejects(engine.resync({ clear: false }), { code: 'SERVER_UNREACHABLE' }, 'refused once stopped');
});

test('a cache filled by an app of an older protocol is downloaded again once, in whole; after that the app pulls from its cursor', async (t) => {
  const { cache, file } = tempCache(t);
  cache.applyPage([upsert(guide('a', '甲'))], 1, new Date());
  assert.equal(cache.protocol(), PROTOCOL_VERSION, "a cache read from the start records this app's protocol");
  cache.close();
  // As an app of protocol 1 left it: guides only, no protocol recorded.
  const raw = new BetterSqlite3(file);
  raw.prepare("DELETE FROM sync_state WHERE key = 'protocol'").run();
  raw.close();

  const reopened = openCacheDb(file);
  t.after(() => reopened.close());
  assert.equal(reopened.protocol(), 1);
  const changes = [
    upsert(guide('a', '甲')),
    upsertNotice(notice('n1', '停水通知', '2026-11-01T00:00:00.000Z')),
    upsert(guide('b', '乙')),
  ];
  const server = fakeServer(changes);
  const { engine, applied } = engineFor(reopened, server.client);
  await engine.syncNow();
  assert.deepEqual(server.calls[0], 0, 'the first pull starts from 0, not from the stored cursor');
  assert.deepEqual(applied, ['all']);
  assert.deepEqual(
    reopened.allNotices().map((n) => n.id),
    ['n1'],
    'the notice an old app was never sent is here now',
  );
  assert.equal(reopened.protocol(), PROTOCOL_VERSION);
  await engine.syncNow();
  assert.equal(server.calls.at(-1), changes.at(-1)!.seq, 'then pulls go on from the cursor');
});
