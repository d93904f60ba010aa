import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildPlayerPage } from '../../shells/browser/player-page';
import { largestFitting } from '../../web/fit-text';
import { retryDelayMs } from '../../web/retry-delay';
import { zoneBox } from '../../web/zone-box';

test('a zone is placed by its grid cells as percentages of the screen', () => {
  assert.deepEqual(zoneBox({ x: 0, y: 0, w: 12, h: 12 }), { left: 0, top: 0, width: 100, height: 100 });
  const ticker = zoneBox({ x: 0, y: 11, w: 12, h: 1 });
  assert.ok(Math.abs(ticker.top - 91.6667) < 0.001 && Math.abs(ticker.height - 8.3333) < 0.001);
  // On every common screen a grid cell is a whole number of pixels.
  for (const pixels of [1080, 1920, 2160, 3840]) {
    const cell = (pixels * zoneBox({ x: 0, y: 0, w: 1, h: 1 }).width) / 100;
    assert.ok(Math.abs(cell - Math.round(cell)) < 1e-9, `${pixels}: ${cell}`);
  }
});

test('the largest fitting size is found by bisection, the smallest when nothing fits', () => {
  const asked: number[] = [];
  const fits = (size: number) => {
    asked.push(size);
    return size <= 137;
  };
  assert.equal(largestFitting(8, 1000, fits), 137);
  assert.ok(asked.length <= 10, `${asked.length} layouts`);
  assert.equal(
    largestFitting(8, 1000, () => false),
    8,
  );
  assert.equal(
    largestFitting(8, 1000, () => true),
    1000,
  );
});

test('asking the host again waits 1 s, then twice as long each time, at most 30 s', () => {
  assert.deepEqual(
    [0, 1, 2, 3, 4, 5, 6, 20].map(retryDelayMs),
    [1000, 2000, 4000, 8000, 16_000, 30_000, 30_000, 30_000],
  );
});

test('the player page script stays small: it carries no schema library (set-top boxes load it too)', async () => {
  const page = await buildPlayerPage([], process.env.LINLI_PLAYER_PAGE_DIR);
  const script = page.asset('/main.js', 'token');
  assert.ok(script, 'the page has its main script');
  const text = Buffer.from(script.body).toString('utf8');
  // TypeBox marks every schema it builds with this key: its presence means the schemas came along.
  assert.ok(!text.includes('"~kind"'), 'no TypeBox in the page');
  assert.ok(script.body.length < 80 * 1024, `${Math.round(script.body.length / 1024)} KB`);
});
