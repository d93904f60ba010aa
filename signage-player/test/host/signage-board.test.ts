import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test, type TestContext } from 'node:test';
import type { Change, SignagePublicKey, SignedKeySet, SignedSignage } from '@linli/protocol';
import { openCacheDb, type CacheDb } from '../../../kiosk-app/host/storage/cache-db';
import { createSignageBoard } from '../../host/signage-board';
import { makeKey, publication, signedBundle, signedKeySet } from './signer';

const oldKey = makeKey('k1');
const newKey = makeKey('k2');

function tempCache(t: TestContext): { cache: CacheDb; file: string } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'linli-signage-board-'));
  const file = path.join(dir, 'cache.sqlite');
  const cache = openCacheDb(file);
  t.after(() => {
    cache.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return { cache, file };
}

let seq = 0;
const store = (cache: CacheDb, ...changes: Array<Omit<Change, 'seq'>>) =>
  cache.applyPage(
    changes.map((change) => ({ ...change, seq: ++seq }) as Change),
    seq,
    new Date(),
  );
const bundleChange = (data: SignedSignage) => ({ entity: 'signage', op: 'upsert', id: data.id, data }) as const;
const keysChange = (data: SignedKeySet) => ({ entity: 'signage-keys', op: 'upsert', id: 'current', data }) as const;

function boardOn(cache: CacheDb, trusted: SignagePublicKey[]) {
  const logs: string[] = [];
  const keys = { list: trusted };
  const board = createSignageBoard({
    cache,
    keys: { current: () => keys.list, replace: (next) => (keys.list = next) },
    stored: () => true,
    log: (message) => logs.push(message),
  });
  return { board, logs, keys };
}

test('a tampered version is refused and reported; the last good one keeps playing, across a restart too', (t) => {
  const { cache, file } = tempCache(t);
  const { board, logs } = boardOn(cache, [oldKey.publicKey]);
  store(cache, bundleChange(signedBundle(oldKey, publication('hall', 1))));
  assert.equal(board.refresh(), true);
  assert.equal(board.playing()?.version, 1);

  const next = signedBundle(oldKey, publication('hall', 2));
  store(cache, bundleChange({ ...next, payload: next.payload.replace('信息屏', '假消息') }));
  assert.equal(board.refresh(), false, 'nothing changes on screen');
  assert.equal(board.playing()?.version, 1);
  assert.deepEqual(
    board.refusals().map(({ id, version, code }) => ({ id, version, code })),
    [{ id: 'hall', version: 2, code: 'SIGNATURE_INVALID' }],
  );
  assert.equal(logs.filter((line) => line.includes('refused hall v2')).length, 1);
  board.refresh();
  assert.equal(logs.filter((line) => line.includes('refused hall v2')).length, 1, 'logged once, not at every sync');

  cache.close();
  const reopened = openCacheDb(file);
  t.after(() => reopened.close());
  const restarted = boardOn(reopened, [oldKey.publicKey]).board;
  assert.equal(restarted.playing()?.version, 1, 'boots into what played, before any sync');
});

test('an envelope whose signed content names another publication or version is refused', (t) => {
  const { cache } = tempCache(t);
  const { board } = boardOn(cache, [oldKey.publicKey]);
  const genuine = signedBundle(oldKey, publication('hall', 1));
  store(cache, bundleChange({ ...genuine, id: 'lobby' }), bundleChange({ ...genuine, version: 7 }));
  board.refresh();
  assert.equal(board.playing(), null);
  assert.deepEqual(
    board.refusals().map((refusal) => refusal.code),
    ['SIGNATURE_INVALID', 'SIGNATURE_INVALID'],
  );
});

test('a rotated key set moves trust on; bundles re-signed with the new key play', (t) => {
  const { cache } = tempCache(t);
  const { board, keys } = boardOn(cache, [oldKey.publicKey]);
  store(
    cache,
    keysChange(signedKeySet(oldKey, [oldKey, newKey])),
    bundleChange(signedBundle(newKey, publication('hall', 1))),
  );
  board.refresh();
  assert.deepEqual(keys.list, [oldKey.publicKey, newKey.publicKey]);
  assert.equal(board.playing()?.id, 'hall');
  store(cache, keysChange(signedKeySet(newKey, [newKey])));
  board.refresh();
  assert.deepEqual(keys.list, [newKey.publicKey], 'the old key retired');
});

test('withdrawal (a tombstone) takes the publication off the screen', (t) => {
  const { cache } = tempCache(t);
  const { board } = boardOn(cache, [oldKey.publicKey]);
  store(cache, bundleChange(signedBundle(oldKey, publication('hall', 1))));
  board.refresh();
  store(cache, { entity: 'signage', op: 'delete', id: 'hall' });
  assert.equal(board.refresh(), true);
  assert.equal(board.playing(), null);
});
