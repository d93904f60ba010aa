import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pauseAt, playAt } from '../core/playlist-position';
import { itemDurationMs, itemValidAt, pdfPageAt, validityChangesAfter } from '../core/playlist-item';
import { MEDIA, image } from './fixtures';

const [a, b, c, d] = ['a', 'b', 'c', 'd'].map((id) => image(id, 10));

test('a fresh zone starts at the first item; an item plays its duration, then the next, wrapping', () => {
  const first = playAt([a!, b!], undefined, 0);
  assert.deepEqual(first, { itemId: 'a', index: 0, startedAt: 0 });
  assert.deepEqual(playAt([a!, b!], first, 9_999), first);
  const second = playAt([a!, b!], first, 10_000);
  assert.deepEqual(second, { itemId: 'b', index: 1, startedAt: 10_000 });
  assert.deepEqual(playAt([a!, b!], second, 20_000), { itemId: 'a', index: 0, startedAt: 20_000 });
});

test('content changes keep the place: the same item plays on, wherever it moved', () => {
  const onB = { itemId: 'b', index: 1, startedAt: 0 };
  assert.deepEqual(playAt([d!, c!, a!, b!], onB, 5_000), { itemId: 'b', index: 3, startedAt: 0 });
  // A shorter duration counts from when the item started.
  assert.deepEqual(playAt([a!, image('b', 4), c!], onB, 5_000), { itemId: 'c', index: 2, startedAt: 5_000 });
});

test('a removed item gives way at once to the item that followed it, wrapping at the end', () => {
  assert.deepEqual(playAt([a!, c!, d!], { itemId: 'b', index: 1, startedAt: 0 }, 3_000), {
    itemId: 'c',
    index: 1,
    startedAt: 3_000,
  });
  assert.deepEqual(playAt([a!, b!], { itemId: 'c', index: 2, startedAt: 0 }, 3_000), {
    itemId: 'a',
    index: 0,
    startedAt: 3_000,
  });
});

test('a late call starts the next item now, skipping none', () => {
  assert.deepEqual(playAt([a!, b!, c!], { itemId: 'a', index: 0, startedAt: 0 }, 95_000), {
    itemId: 'b',
    index: 1,
    startedAt: 95_000,
  });
});

test('a paused zone resumes with the time its item had left', () => {
  const paused = pauseAt({ itemId: 'a', index: 0, startedAt: 0 }, 4_000);
  assert.equal(pauseAt(paused, 9_000), paused, 'pausing twice keeps the first pause');
  // Back 60 s later: 6 s of a are left.
  const resumed = playAt([a!, b!], paused, 64_000);
  assert.deepEqual(resumed, { itemId: 'a', index: 0, startedAt: 60_000 });
  assert.equal(playAt([a!, b!], resumed, 70_000)?.itemId, 'b');
});

test('an empty playlist keeps the old place for when items return', () => {
  const place = { itemId: 'b', index: 1, startedAt: 0 };
  assert.equal(playAt([], place, 1_000), place);
  assert.equal(playAt([], undefined, 1_000), undefined);
});

test('durations: a video plays its own length unless set; a PDF shows every page', () => {
  const video = { id: 'v', kind: 'video', media: MEDIA, lengthSec: 12.34 } as const;
  assert.equal(itemDurationMs(video), 12_340);
  assert.equal(itemDurationMs({ ...video, durationSec: 30 }), 30_000);
  const pdf = { id: 'p', kind: 'pdf', media: MEDIA, pageCount: 3, pageSec: 8 } as const;
  assert.equal(itemDurationMs(pdf), 24_000);
  assert.deepEqual(pdfPageAt(pdf, 1_000, 1_000), { page: 0, turnsAt: 9_000 });
  assert.deepEqual(pdfPageAt(pdf, 1_000, 17_500), { page: 2, turnsAt: 25_000 });
  assert.equal(itemDurationMs({ id: 't', kind: 'ticker', text: '通知', durationSec: 45 }), 45_000);
});

test('validity: from is included, until is excluded; only future changes are listed', () => {
  const item = image('x', 5, { validFrom: '2026-05-01T00:00:00Z', validUntil: '2026-05-02T00:00:00Z' });
  assert.equal(itemValidAt(item, Date.parse('2026-04-30T23:59:59.999Z')), false);
  assert.equal(itemValidAt(item, Date.parse('2026-05-01T00:00:00Z')), true);
  assert.equal(itemValidAt(item, Date.parse('2026-05-02T00:00:00Z')), false);
  assert.deepEqual(validityChangesAfter(item, Date.parse('2026-05-01T00:00:00Z')), [
    Date.parse('2026-05-02T00:00:00Z'),
  ]);
  assert.deepEqual(validityChangesAfter(image('y'), 0), []);
});
