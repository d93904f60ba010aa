import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { PlayRecord } from '@linli/protocol';
import {
  KEEPALIVE_MAX_BYTES,
  KEEP_MAX,
  SEND_MAX,
  createPlayOutbox,
  withinBytes,
  type PlayStore,
} from '../../web/play-outbox';

const play = (n: number): PlayRecord => ({
  playId: `play-${String(n).padStart(4, '0')}`,
  publicationId: 'pub',
  layoutId: 'hall',
  zoneId: 'main',
  itemId: `item-${n}`,
  startedAt: new Date(n * 1000).toISOString(),
  endedAt: new Date(n * 1000 + 900).toISOString(),
});

function memoryStore(initial: PlayRecord[] = []): PlayStore & { kept: PlayRecord[] } {
  const store = { kept: initial, load: () => store.kept, save: (records: PlayRecord[]) => void (store.kept = records) };
  return store;
}

/** A host whose answers the test gives one by one. */
function scriptedHost() {
  const calls: Array<{ records: PlayRecord[]; unloading: boolean; answer: (ok: boolean) => void }> = [];
  return {
    calls,
    send: (records: PlayRecord[], unloading = false) =>
      new Promise<void>((resolve, reject) =>
        calls.push({ records, unloading, answer: (ok) => (ok ? resolve() : reject(new Error('down'))) }),
      ),
  };
}
const settle = () => new Promise((resolve) => setImmediate(resolve));

test('plays stay kept until the host has answered; a failure is sent again after a wait, not lost or doubled', async () => {
  const store = memoryStore();
  const host = scriptedHost();
  const waits: Array<{ ms: number; run: () => void }> = [];
  const outbox = createPlayOutbox({ store, send: host.send, after: (ms, run) => waits.push({ ms, run }) });
  outbox.add([play(1), play(2)]);
  assert.equal(store.kept.length, 2, 'kept before anything is sent');
  outbox.add([play(3)]);
  assert.equal(host.calls.length, 1, 'one request at a time');
  host.calls[0]!.answer(false);
  await settle();
  assert.equal(waits.length, 1);
  assert.equal(waits[0]!.ms, 1000);
  assert.equal(outbox.waiting(), 3);
  waits[0]!.run();
  assert.deepEqual(
    host.calls[1]!.records.map((record) => record.playId),
    ['play-0001', 'play-0002', 'play-0003'],
  );
  host.calls[1]!.answer(true);
  await settle();
  assert.equal(outbox.waiting(), 0);
  assert.deepEqual(store.kept, []);
});

test('a reloaded page sends what its storage kept, in batches the host takes', async () => {
  const store = memoryStore(Array.from({ length: SEND_MAX + 5 }, (_, n) => play(n)));
  const host = scriptedHost();
  createPlayOutbox({ store, send: host.send, after: () => undefined });
  assert.equal(host.calls[0]!.records.length, SEND_MAX);
  host.calls[0]!.answer(true);
  await settle();
  assert.equal(host.calls[1]!.records.length, 5);
});

test('a host gone for days: the storage keeps the newest plays only', () => {
  const store = memoryStore();
  const outbox = createPlayOutbox({ store, send: () => new Promise(() => undefined), after: () => undefined });
  outbox.add(Array.from({ length: KEEP_MAX + 10 }, (_, n) => play(n)));
  assert.equal(store.kept.length, KEEP_MAX);
  assert.equal(store.kept[0]!.playId, play(10).playId);
});

test('a page going away sends at once what is not already on its way, even while a request is', async () => {
  const store = memoryStore();
  const host = scriptedHost();
  const outbox = createPlayOutbox({ store, send: host.send, after: () => undefined });
  outbox.add([play(1)]);
  outbox.add([play(2), play(3)]);
  assert.equal(host.calls.length, 1, 'play 1 is on its way');
  outbox.flush();
  assert.equal(host.calls.length, 2);
  assert.deepEqual(
    host.calls[1]!.records.map((record) => record.playId),
    ['play-0002', 'play-0003'],
  );
  assert.equal(outbox.waiting(), 3, 'kept until answered: a page that stays sends them again if need be');
});

test('a backlog goes out in ordinary requests; only what is sent as the page unloads is held to the keepalive limit', async () => {
  // Chromium refuses a keepalive body over 64 KiB outright: a backlog sent that way would never drain.
  const store = memoryStore(Array.from({ length: 3 * SEND_MAX }, (_, n) => play(n)));
  const host = scriptedHost();
  const outbox = createPlayOutbox({ store, send: host.send, after: () => undefined });
  assert.equal(host.calls[0]!.unloading, false);
  assert.equal(host.calls[0]!.records.length, SEND_MAX);
  outbox.flush();
  const unloading = host.calls[1]!;
  assert.equal(unloading.unloading, true);
  const body = JSON.stringify({ records: unloading.records });
  assert.ok(body.length <= KEEPALIVE_MAX_BYTES && unloading.records.length > 0, `${body.length} bytes`);
  assert.equal(unloading.records[0]!.playId, play(SEND_MAX).playId, 'starting after what is on its way');
  host.calls[0]!.answer(true);
  await settle();
  assert.equal(host.calls[2]!.unloading, false, 'and the page that stays goes on as before');
});

test('plays are taken while their JSON body stays within the bytes given', () => {
  const records = Array.from({ length: 10 }, (_, n) => play(n));
  const one = JSON.stringify({ records: records.slice(0, 1) }).length;
  const three = JSON.stringify({ records: records.slice(0, 3) }).length;
  assert.equal(withinBytes(records, three).length, 3);
  assert.equal(withinBytes(records, three - 1).length, 2);
  assert.equal(withinBytes(records, one - 1).length, 0);
  assert.equal(withinBytes(records, 1_000_000).length, 10);
});
