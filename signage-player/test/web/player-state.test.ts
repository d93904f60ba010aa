import { test } from 'node:test';
import assert from 'node:assert/strict';
import { presetLayout, type PlaylistItem, type SignageSchedule } from '@linli/protocol';
import { INITIAL_PLAYER_STATE, whatToShow } from '../../core';
import { pausedState, stateWithItemSkipped, upcomingItems } from '../../web/player-state';
import { at, image, MEDIA } from '../fixtures';

const video = (id: string, lengthSec: number): PlaylistItem => ({
  id,
  kind: 'video',
  media: { ...MEDIA, mime: 'video/webm', name: `${id}.webm` },
  lengthSec,
});

function scheduleWith(main: PlaylistItem[], side: PlaylistItem[] = [image('side', 60)]): SignageSchedule {
  const layout = presetLayout('main-side', 'landscape', 'hall');
  layout.zones[0]!.playlist = main;
  layout.zones[1]!.playlist = side;
  return { timeZone: 'Asia/Shanghai', layouts: [layout], entries: [], defaultLayoutId: 'hall' };
}

const T0 = at('2026-05-01T10:00:00+08:00');
const itemIn = (schedule: SignageSchedule, now: number, state = INITIAL_PLAYER_STATE, zoneId = 'main') =>
  whatToShow(schedule, now, state).showing.zones.find((zone) => zone.zoneId === zoneId)?.item?.id;

test('paused for an alert, each zone resumes its item for the time it had left', () => {
  const schedule = scheduleWith([image('a', 10), image('b', 10)]);
  const started = whatToShow(schedule, T0, INITIAL_PLAYER_STATE);
  const paused = pausedState(started.state, T0 + 4000);
  assert.equal(paused.layoutId, null);
  // A minute of alert later, `a` is back with its 6 s left, then `b`.
  const resumed = whatToShow(schedule, T0 + 64_000, paused);
  assert.equal(itemIn(schedule, T0 + 64_000, paused), 'a');
  const main = resumed.showing.zones.find((zone) => zone.zoneId === 'main')!;
  assert.equal(main.item && main.endsAt, T0 + 70_000);
  assert.equal(itemIn(schedule, T0 + 70_000, resumed.state), 'b');
});

test('pausing twice keeps the first pause, and pausing nothing changes nothing', () => {
  const schedule = scheduleWith([image('a', 10)]);
  const started = whatToShow(schedule, T0, INITIAL_PLAYER_STATE).state;
  const once = pausedState(started, T0 + 1000);
  assert.deepEqual(pausedState(once, T0 + 5000), once);
  assert.deepEqual(pausedState(INITIAL_PLAYER_STATE, T0), INITIAL_PLAYER_STATE);
});

test('a skipped item gives way to the next at once; a zone that already moved on is left alone', () => {
  const schedule = scheduleWith([video('broken', 30), image('after', 10)]);
  const started = whatToShow(schedule, T0, INITIAL_PLAYER_STATE);
  const broken = schedule.layouts[0]!.zones[0]!.playlist[0]!;
  const skipped = stateWithItemSkipped(started.state, 'hall', 'main', broken, T0 + 5000);
  const after = whatToShow(schedule, T0 + 5000, skipped).showing.zones.find((zone) => zone.zoneId === 'main')!;
  assert.equal(after.item?.id, 'after');
  assert.equal(after.item && after.startedAt, T0 + 5000);
  // The other zone keeps its place.
  assert.equal(itemIn(schedule, T0 + 5000, skipped, 'side'), 'side');
  assert.equal(stateWithItemSkipped(started.state, 'hall', 'main', image('after', 10), T0 + 5000), started.state);
  assert.equal(stateWithItemSkipped(started.state, 'other-layout', 'main', broken, T0 + 5000), started.state);
});

test('the upcoming item of each zone that may play a video is what it shows when its item ends', () => {
  const schedule = scheduleWith([video('v1', 5), image('still', 3), video('v2', 5)]);
  let decision = whatToShow(schedule, T0, INITIAL_PLAYER_STATE);
  assert.deepEqual(
    [...upcomingItems(schedule, decision)].map(([zone, item]) => [zone, item.id]),
    [['main', 'still']],
  );
  decision = whatToShow(schedule, T0 + 5000, decision.state);
  assert.equal(upcomingItems(schedule, decision).get('main')?.id, 'v2');
  decision = whatToShow(schedule, T0 + 8000, decision.state);
  assert.equal(upcomingItems(schedule, decision).get('main')?.id, 'v1', 'wraps to the start');
  // A zone without videos needs nothing loaded ahead.
  assert.equal(upcomingItems(schedule, decision).has('side'), false);
});

test('a single video playlist has itself as upcoming (a new play of the same file)', () => {
  const schedule = scheduleWith([video('loop', 5)]);
  const decision = whatToShow(schedule, T0, INITIAL_PLAYER_STATE);
  assert.equal(upcomingItems(schedule, decision).get('main')?.id, 'loop');
});
