import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { PlayRecord } from '@linli/protocol';
import { createPlayBatcher, createPlayLog } from '../../web/play-log';

const ids = (zoneId: string, itemId: string) => ({ publicationId: 'pub', layoutId: 'hall', zoneId, itemId });
const iso = (at: number) => new Date(at).toISOString();
const PLAY_ID = 'play-0001';
const record = (zoneId: string, itemId: string, from: number, to: number): PlayRecord => ({
  playId: PLAY_ID,
  ...ids(zoneId, itemId),
  startedAt: iso(from),
  endedAt: iso(to),
});
const T = Date.parse('2026-05-01T02:00:00Z');

test('the next item in a zone ends the play of the one before; ending the zone ends its last', () => {
  const log = createPlayLog(() => PLAY_ID);
  assert.deepEqual(log.begin(ids('main', 'a'), T), []);
  assert.deepEqual(log.begin(ids('side', 'x'), T + 100), []);
  assert.deepEqual(log.begin(ids('main', 'b'), T + 10_000), [record('main', 'a', T, T + 10_000)]);
  assert.deepEqual(log.end('hall', 'main', T + 12_000), [record('main', 'b', T + 10_000, T + 12_000)]);
  assert.deepEqual(log.end('hall', 'main', T + 13_000), [], 'nothing twice');
  assert.deepEqual(log.end('hall', 'side', T + 13_000), [record('side', 'x', T + 100, T + 13_000)]);
});

test('a zone of another layout is another slot', () => {
  const log = createPlayLog(() => PLAY_ID);
  log.begin(ids('main', 'a'), T);
  log.begin({ ...ids('main', 'z'), layoutId: 'board' }, T + 1000);
  assert.deepEqual(log.end('hall', 'main', T + 2000), [record('main', 'a', T, T + 2000)]);
});

test('a play of no length is not a play', () => {
  const log = createPlayLog(() => PLAY_ID);
  log.begin(ids('main', 'a'), T);
  assert.deepEqual(log.begin(ids('main', 'b'), T), []);
});

test('hiding the page ends every open play; showing it starts them again', () => {
  const log = createPlayLog(() => PLAY_ID);
  log.begin(ids('main', 'a'), T);
  log.begin(ids('side', 'x'), T);
  assert.deepEqual(log.suspend(T + 5000), [record('main', 'a', T, T + 5000), record('side', 'x', T, T + 5000)]);
  assert.deepEqual(log.suspend(T + 6000), [], 'hidden once');
  // An item that changes while hidden was never seen: nothing for it until the page shows again.
  assert.deepEqual(log.begin(ids('main', 'b'), T + 7000), []);
  log.resume(T + 9000);
  assert.deepEqual(log.end('hall', 'main', T + 10_000), [record('main', 'b', T + 9000, T + 10_000)]);
  assert.deepEqual(log.end('hall', 'side', T + 10_000), [record('side', 'x', T + 9000, T + 10_000)]);
});

test('records ended in one moment are reported in one batch; flush sends without waiting', async () => {
  const batches: PlayRecord[][] = [];
  const batcher = createPlayBatcher((records) => batches.push(records));
  batcher.add([record('main', 'a', T, T + 1)]);
  batcher.add([]);
  batcher.add([record('side', 'x', T, T + 1)]);
  assert.equal(batches.length, 0);
  await Promise.resolve();
  assert.deepEqual(batches, [[record('main', 'a', T, T + 1), record('side', 'x', T, T + 1)]]);
  batcher.add([record('main', 'b', T, T + 2)]);
  batcher.flush();
  assert.equal(batches.length, 2);
  await Promise.resolve();
  assert.equal(batches.length, 2, 'a flushed batch is not sent again');
});
