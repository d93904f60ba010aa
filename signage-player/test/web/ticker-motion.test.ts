import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TICKER_CHARS_PER_SEC, tickerMotion, tickerSpeedPxPerSec } from '../../web/ticker-motion';

test('the ticker moves at the same reading pace on every screen: speed follows the text size', () => {
  assert.equal(tickerSpeedPxPerSec(50), 50 * TICKER_CHARS_PER_SEC);
  assert.equal(tickerSpeedPxPerSec(100), 2 * tickerSpeedPxPerSec(50), 'a 4K screen has text twice as large');
});

test('one cycle moves the strip by one copy at constant speed', () => {
  const motion = tickerMotion(1200, 1920, 200);
  assert.deepEqual(motion, { copies: 3, shiftPx: 1200, durationSec: 6 });
});

test('the copies cover the zone at every moment of the cycle, for text shorter or longer than the zone', () => {
  for (const copyWidth of [37.5, 100, 999, 1920, 1921, 5000]) {
    for (const zoneWidth of [480, 1080, 1920, 3840]) {
      const { copies, shiftPx } = tickerMotion(copyWidth, zoneWidth, 200);
      // Moved by up to one copy, the strip must still reach the zone's right edge.
      assert.ok(copies * copyWidth - shiftPx >= zoneWidth, `${copyWidth} in ${zoneWidth}`);
    }
  }
});
