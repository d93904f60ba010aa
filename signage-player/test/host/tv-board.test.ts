import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test, type TestContext } from 'node:test';
import type { Change, SignagePublicKey, SignedTvChannel, TvChannelSchedule } from '@linli/protocol';
import { openCacheDb, type CacheDb } from '../../../kiosk-app/host/storage/cache-db';
import { createTvBoard } from '../../host/tv-board';
import { makeKey, signed, type TestKey } from './signer';

const key = makeKey('k1');
const stranger = makeKey('k9');

function tempCache(t: TestContext): CacheDb {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'linli-tv-board-'));
  const cache = openCacheDb(path.join(dir, 'cache.sqlite'));
  t.after(() => {
    cache.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return cache;
}

const channel = (id: string, number: number, version = 1): TvChannelSchedule => ({
  id,
  version,
  number,
  name: `频道${number}`,
  public: true,
  timeZone: 'Asia/Shanghai',
  programmes: [],
  filler: [
    {
      id: 'promo',
      kind: 'video',
      media: { sha256: String(number).repeat(64).slice(0, 64), bytes: 10, mime: 'video/mp4', name: 'promo.mp4' },
      lengthSec: 12,
    },
  ],
  spotlights: [],
});

const envelope = (
  by: TestKey,
  schedule: TvChannelSchedule,
  kind: 'channel' | 'bundle' = 'channel',
): SignedTvChannel => ({
  id: schedule.id,
  version: schedule.version,
  ...signed(by, kind, JSON.stringify(schedule)),
});

let seq = 0;
const store = (cache: CacheDb, ...data: SignedTvChannel[]) =>
  cache.applyPage(
    data.map((each) => ({ seq: ++seq, entity: 'tv-channel', op: 'upsert', id: each.id, data: each }) as Change),
    seq,
    new Date(),
  );

function boardOn(cache: CacheDb, trusted: SignagePublicKey[]) {
  const logs: string[] = [];
  return { board: createTvBoard({ cache, trustedKeys: () => trusted, log: (line) => logs.push(line) }), logs };
}

test('channels signed by a trusted key are shown by number; their files are wanted', (t) => {
  const cache = tempCache(t);
  const { board } = boardOn(cache, [key.publicKey]);
  store(cache, envelope(key, channel('tv-b', 12)), envelope(key, channel('tv-a', 3)));
  assert.equal(board.refresh(), true);
  assert.deepEqual(
    board.channels().map((each) => each.number),
    [3, 12],
  );
  assert.equal(board.wantedMedia().length, 2);
  assert.equal(board.refresh(), false, 'nothing new: nothing changed');
});

test('a channel signed by an unknown key, in the bundle context, tampered or passed off as another is refused and reported', (t) => {
  const cache = tempCache(t);
  const { board, logs } = boardOn(cache, [key.publicKey]);
  const good = envelope(key, channel('tv-good', 1));
  const tampered = envelope(key, channel('tv-tampered', 2));
  store(
    cache,
    good,
    envelope(stranger, channel('tv-stranger', 3)),
    envelope(key, channel('tv-bundle', 4), 'bundle'),
    { ...tampered, payload: tampered.payload.replace('频道2', '假频道') },
    { ...envelope(key, channel('tv-good', 1)), id: 'tv-other' },
  );
  board.refresh();
  assert.deepEqual(
    board.channels().map((each) => each.id),
    ['tv-good'],
  );
  assert.deepEqual(
    board.refusals().map(({ id, code }) => `${id} ${code}`),
    [
      'tv-bundle SIGNATURE_INVALID',
      'tv-other SIGNATURE_INVALID',
      'tv-stranger SIGNATURE_INVALID',
      'tv-tampered SIGNATURE_INVALID',
    ],
  );
  assert.equal(logs.length, 4, 'each refusal logged once');
  board.refresh();
  assert.equal(logs.length, 4, 'and not again for the same envelope');
});

test('a withdrawn channel leaves the line-up', (t) => {
  const cache = tempCache(t);
  const { board } = boardOn(cache, [key.publicKey]);
  store(cache, envelope(key, channel('tv-a', 3)));
  board.refresh();
  cache.applyPage([{ seq: ++seq, entity: 'tv-channel', op: 'delete', id: 'tv-a' }], seq, new Date());
  assert.equal(board.refresh(), true);
  assert.deepEqual(board.channels(), []);
});
