import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServerClock, observedOffset } from '../host/sync/server-clock';

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
  const clock = createServerClock(() => device);
  assert.equal(clock.now().toISOString(), '2026-12-06T08:00:00.000Z', "the device's own until a reply");
  clock.observe('Sun, 06 Dec 2026 07:00:00 GMT', device, device);
  assert.equal(clock.offsetMs(), -3600_000 + 500);
  device += 60_000;
  clock.observe('Sun, 06 Dec 2026 07:01:01 GMT', device, device);
  assert.equal(clock.offsetMs(), -3600_000 + 500, 'within the tolerance: unchanged');
  clock.observe('Sun, 06 Dec 2026 08:01:00 GMT', device, device);
  assert.equal(clock.offsetMs(), 500, 'the server was corrected: so is the kiosk');
});
