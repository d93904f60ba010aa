import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  BEATS_MISSED,
  FRAMES_COMPARED,
  UNWATCHED,
  afterReload,
  frozenReason,
  withBeat,
  withFrame,
  type ScreenWatch,
} from '../../host/frozen-screen';

const BEAT_MS = 10_000;
const SILENT_AFTER_MS = BEATS_MISSED * BEAT_MS;

/** A watch fed `steps` in order: a beat (moving or still) or a screenshot's hash, one second apart. */
function watched(steps: Array<{ beat: boolean } | { frame: string }>, start: ScreenWatch = UNWATCHED, from = 0) {
  let watch = start;
  let now = from;
  for (const step of steps) {
    now += 1000;
    watch = 'beat' in step ? withBeat(watch, { moving: step.beat }, now) : withFrame(watch, step.frame, now);
  }
  return { watch, now };
}

test('a page that stops beating is frozen once more than three beats are missed, not before', () => {
  const { watch, now } = watched([{ beat: false }]);
  assert.equal(frozenReason(watch, now + SILENT_AFTER_MS, BEAT_MS), null, 'three beats missed exactly');
  assert.equal(frozenReason(watch, now + SILENT_AFTER_MS + 1, BEAT_MS), 'page-silent');
});

test('a beat after silence is recovery: the silence counts from that beat', () => {
  const { watch, now } = watched([{ beat: true }]);
  const later = now + SILENT_AFTER_MS + 5000;
  assert.equal(frozenReason(watch, later, BEAT_MS), 'page-silent');
  assert.equal(frozenReason(withBeat(watch, { moving: true }, later), later + 1000, BEAT_MS), null);
});

test('nobody is waited for before there is a page: no beat and no screenshot is never frozen', () => {
  assert.equal(frozenReason(UNWATCHED, 10 * SILENT_AFTER_MS, BEAT_MS), null);
});

test('a screen the shell can see but whose page never beat is frozen once the beats are overdue', () => {
  const seen = withFrame(UNWATCHED, 'a', 1000);
  assert.equal(frozenReason(seen, 1000 + SILENT_AFTER_MS, BEAT_MS), null);
  assert.equal(frozenReason(seen, 1000 + SILENT_AFTER_MS + 1, BEAT_MS), 'page-silent');
});

test('the same picture three times while the page says a video or ticker runs is frozen', () => {
  const { watch, now } = watched([{ beat: true }, { frame: 'x' }, { frame: 'x' }, { beat: true }, { frame: 'x' }]);
  assert.equal(FRAMES_COMPARED, 3);
  assert.equal(frozenReason(watch, now, BEAT_MS), 'picture-unchanged');
});

test('two identical pictures are not yet frozen; a changed picture ends a frozen run', () => {
  const two = watched([{ beat: true }, { frame: 'x' }, { frame: 'x' }]);
  assert.equal(frozenReason(two.watch, two.now, BEAT_MS), null);
  const three = watched([{ frame: 'x' }], two.watch, two.now);
  assert.equal(frozenReason(three.watch, three.now, BEAT_MS), 'picture-unchanged');
  const moved = watched([{ frame: 'y' }], three.watch, three.now);
  assert.equal(frozenReason(moved.watch, moved.now, BEAT_MS), null);
});

test('a still screen that should be still is not frozen, however long it looks the same', () => {
  const steps = Array.from({ length: 30 }, (_, index) => (index % 3 === 0 ? { beat: false } : { frame: 'still' }));
  const { watch, now } = watched(steps);
  assert.equal(frozenReason(watch, now, BEAT_MS), null);
});

test('pictures taken before the page said it moves do not count towards a frozen picture', () => {
  const { watch, now } = watched([{ beat: false }, { frame: 'x' }, { frame: 'x' }, { beat: true }, { frame: 'x' }]);
  assert.equal(frozenReason(watch, now, BEAT_MS), null);
  const more = watched([{ frame: 'x' }, { frame: 'x' }], watch, now);
  assert.equal(frozenReason(more.watch, more.now, BEAT_MS), 'picture-unchanged');
});

test('after a reload the page has its full three beats again and old pictures no longer count', () => {
  const frozen = watched([{ beat: true }, { frame: 'x' }, { frame: 'x' }, { frame: 'x' }]);
  const reloadedAt = frozen.now + SILENT_AFTER_MS + 1;
  const reloaded = afterReload(reloadedAt);
  assert.equal(frozenReason(reloaded, reloadedAt + SILENT_AFTER_MS, BEAT_MS), null);
  assert.equal(frozenReason(withFrame(reloaded, 'x', reloadedAt + 1), reloadedAt + 1, BEAT_MS), null);
  assert.equal(frozenReason(reloaded, reloadedAt + SILENT_AFTER_MS + 1, BEAT_MS), 'page-silent', 'still silent');
});
