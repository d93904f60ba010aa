import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { LinliError } from '@linli/protocol';
import { openCacheDb } from '../host/storage/cache-db';
import { cachedServerClock, createServerClock, observedOffset } from '../host/sync/server-clock';

test("a reply's Date header gives the server's offset, to within its second and half the round trip", () => {
  const sent = Date.parse('2026-12-06T08:00:00.200Z');
  // The server wrote 09:00:00 (an hour ahead) while the request was out.
  assert.equal(observedOffset('Sun, 06 Dec 2026 09:00:00 GMT', sent, sent + 100), 3600_000 + 500 - 250);
  assert.equal(observedOffset(null, sent, sent + 100), undefined);
  assert.equal(observedOffset('not a date', sent, sent + 100), undefined);
  assert.equal(observedOffset('Sun, 06 Dec 2026 09:00:00 GMT', sent, sent + 10_000), undefined, 'too slow to tell');
});

test('the clock follows the server once it differs by more than a second, and does not wobble within it', () => {
  let device = Date.parse('2026-12-06T08:00:00.000Z');
  const clock = createServerClock({ deviceNow: () => device });
  assert.equal(clock.now().toISOString(), '2026-12-06T08:00:00.000Z', "the device's own until a reply");
  clock.observe('Sun, 06 Dec 2026 07:00:00 GMT', device, device);
  assert.equal(clock.offsetMs(), -3600_000 + 500);
  device += 60_000;
  clock.observe('Sun, 06 Dec 2026 07:01:01 GMT', device, device);
  assert.equal(clock.offsetMs(), -3600_000 + 500, 'within the tolerance: unchanged');
  clock.observe('Sun, 06 Dec 2026 08:01:00 GMT', device, device);
  assert.equal(clock.offsetMs(), 500, 'the server was corrected: so is the kiosk');
});

test("the offset learnt is kept by the cache: a device restarted without the server keeps the server's time", (t) => {
  const dir = mkdtempSync(path.join(tmpdir(), 'linli-clock-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const file = path.join(dir, 'cache.sqlite');
  const first = openCacheDb(file);
  const clock = cachedServerClock(first, () => undefined);
  const sent = Date.now();
  clock.observe(new Date(sent + 3600_000).toUTCString(), sent, sent);
  first.close();

  const again = openCacheDb(file);
  t.after(() => again.close());
  const restarted = cachedServerClock(again, () => undefined);
  assert.ok(Math.abs(restarted.offsetMs() - 3600_000) <= 1000, `offset ${restarted.offsetMs()}`);
  assert.ok(Math.abs(restarted.now().getTime() - (Date.now() + 3600_000)) <= 2000, 'an hour ahead, with no reply yet');
});

test('a cache that cannot keep the offset (a full disk) loses only that: the clock still follows the server', () => {
  const logged: string[] = [];
  const clock = cachedServerClock(
    {
      serverOffsetMs: () => 0,
      setServerOffsetMs: () => {
        throw new LinliError('STORAGE_FULL', 'no space left');
      },
    },
    (message) => logged.push(message),
  );
  const sent = Date.now();
  clock.observe(new Date(sent - 3600_000).toUTCString(), sent, sent);
  assert.ok(Math.abs(clock.offsetMs() + 3600_000) <= 1000);
  assert.deepEqual(logged, ["the server's clock offset was not kept: STORAGE_FULL"]);
});
