import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FRAME_MS, slotAt } from '../core/share-of-voice';

const frame = 1000 * FRAME_MS; // some frame start

test('each interrupt opens every five-minute frame with its share of it, in the order given', () => {
  const shares = [
    { interrupt: 'alert', sharePercent: 10 },
    { interrupt: 'ad', sharePercent: 20 },
  ];
  assert.deepEqual(slotAt(shares, frame), { interrupt: 'alert', endsAt: frame + 30_000 });
  assert.deepEqual(slotAt(shares, frame + 29_999), { interrupt: 'alert', endsAt: frame + 30_000 });
  assert.deepEqual(slotAt(shares, frame + 30_000), { interrupt: 'ad', endsAt: frame + 90_000 });
  assert.deepEqual(slotAt(shares, frame + 90_000), { interrupt: undefined, endsAt: frame + FRAME_MS });
});

test('shares over 100 % are cut in order; with no interrupt nothing is scheduled', () => {
  const shares = [
    { interrupt: 'a', sharePercent: 80 },
    { interrupt: 'b', sharePercent: 50 },
    { interrupt: 'c', sharePercent: 10 },
  ];
  assert.deepEqual(slotAt(shares, frame + 239_999), { interrupt: 'a', endsAt: frame + 240_000 });
  assert.deepEqual(slotAt(shares, frame + 240_000), { interrupt: 'b', endsAt: frame + FRAME_MS });
  assert.deepEqual(slotAt([{ interrupt: 'all', sharePercent: 100 }], frame + 5), {
    interrupt: 'all',
    endsAt: frame + FRAME_MS,
  });
  assert.deepEqual(slotAt([], frame + 5), { interrupt: undefined, endsAt: undefined });
});

test('an hour holds twelve frames, so a share is spread over the hour in equal slots', () => {
  let shown = 0;
  const hourStart = 500_000 * 3_600_000;
  for (let t = hourStart; t < hourStart + 3_600_000;) {
    const slot = slotAt([{ interrupt: 'x', sharePercent: 7 }], t);
    if (slot.interrupt) shown += slot.endsAt! - t;
    t = slot.endsAt!;
  }
  assert.equal(shown, 252_000); // 7 % of an hour
});
