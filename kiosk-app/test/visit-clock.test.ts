import { test } from 'node:test';
import assert from 'node:assert/strict';
import { timingFor, visitMomentAt } from '../renderer/visit/visit-clock';

const timing = { idleSec: 90, warningSec: 15 };

test('a visit stays active until the idle time, then counts down whole seconds, then expires', () => {
  assert.deepEqual(visitMomentAt(0, 30_000, timing), { phase: 'active', checkInMs: 60_000 });
  assert.deepEqual(visitMomentAt(0, 90_000, timing), { phase: 'warning', secondsLeft: 15, checkInMs: 1000 });
  assert.deepEqual(visitMomentAt(0, 95_400, timing), { phase: 'warning', secondsLeft: 10, checkInMs: 600 });
  assert.deepEqual(visitMomentAt(0, 105_000, timing), { phase: 'expired' });
});

test('a touch moves the whole clock; elder mode waits twice as long', () => {
  assert.equal(visitMomentAt(50_000, 120_000, timing).phase, 'active');
  assert.deepEqual(timingFor(timing, true), { idleSec: 180, warningSec: 30 });
  assert.deepEqual(timingFor(timing, false), timing);
});
