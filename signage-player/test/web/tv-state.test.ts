/**
 * The TV app's remote, as pure state: digit entry (timeout, OK, three digits, a number with no
 * channel), channel up/down through the line-up by number (wrapping), the banner and Back, the
 * guide opened, moved and tuned from, and the one deadline the app sets its timer for.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lineupOf, neighbourChannel } from '../../web/tv/channel-lineup';
import { DIGIT_WAIT_MS, enteredNumber, typeDigit } from '../../web/tv/digit-entry';
import { guideRows } from '../../web/tv/guide-grid';
import type { RemoteKey } from '../../web/tv/remote-keys';
import {
  BANNER_MS,
  CHANGE_BANNER_MS,
  initialTvState,
  nextDeadline,
  NO_CHANNEL_MS,
  pressKey,
  timePassed,
  type TvContext,
  type TvState,
} from '../../web/tv/tv-state';
import { at, card, channelOf, programme } from './tv-channels';

const NOW = at('2026-12-04', '19:40');
const news = channelOf('news', 1, '社区新闻', {
  programmes: [
    programme('evening-news', '晚间新闻', '19:30', 30, [card('n', '新闻', 60)]),
    programme('health', '健康讲座', '20:00', 60, [card('h', '讲座', 60)]),
  ],
});
const council = channelOf('council', 5, '政务频道', {
  programmes: [programme('meeting', '居民议事会', '19:00', 120, [card('m', '议事', 60)])],
});
const life = channelOf('life', 12, '生活频道', { filler: [card('f', '生活', 30)] });
// Out of order on purpose: the line-up is by number.
const lineup = lineupOf([life, news, council]);

function contextAt(now: number): TvContext {
  return { lineup, now, guideRows: (earliest) => guideRows(lineup, earliest) };
}

const digit = (value: number): RemoteKey => ({ name: 'Digit', digit: value });
const key = (name: Exclude<RemoteKey['name'], 'Digit'>): RemoteKey => ({ name });

function press(state: TvState, keys: RemoteKey[], now = NOW): TvState {
  return keys.reduce((current, each) => pressKey(current, each, contextAt(now)), state);
}

test('the line-up is by number; up and down wrap around its ends', () => {
  assert.deepEqual(
    lineup.map((channel) => channel.number),
    [1, 5, 12],
  );
  assert.equal(neighbourChannel(lineup, 'life', 1)?.id, 'news');
  assert.equal(neighbourChannel(lineup, 'news', -1)?.id, 'life');
  assert.equal(neighbourChannel(lineup, 'council', 1)?.id, 'life');
  assert.equal(neighbourChannel(lineup, 'gone', 1)?.id, 'news', 'a channel no longer listed starts from the first');
  assert.equal(neighbourChannel([], 'news', 1), undefined);

  let state = initialTvState('life');
  state = press(state, [key('ChannelUp')]);
  assert.equal(state.channelId, 'news', 'ChannelUp from 12 wraps to 1');
  assert.deepEqual(state.overlay, { kind: 'banner', until: NOW + CHANGE_BANNER_MS }, 'every change shows the banner');
  state = press(state, [key('ChannelDown')]);
  assert.equal(state.channelId, 'life', 'ChannelDown from 1 wraps to 12');
  // The D-pad changes channels too (HbbTV boxes give applications no P+/P−).
  assert.equal(press(state, [key('Up')]).channelId, 'news');
  assert.equal(press(state, [key('Down')]).channelId, 'council');
});

test('digits collect and tune 1.5 s after the last one, at once on OK or on the third digit', () => {
  const entry = typeDigit(typeDigit(null, 1, NOW), 2, NOW + 500);
  assert.deepEqual(entry, { digits: '12', tuneAt: NOW + 500 + DIGIT_WAIT_MS });
  assert.equal(enteredNumber(typeDigit(typeDigit(null, 0, NOW), 5, NOW)), 5);

  let state = press(initialTvState('news'), [digit(1)]);
  state = pressKey(state, digit(2), contextAt(NOW + 500));
  assert.deepEqual(state, { channelId: 'news', overlay: { kind: 'digits', entry } });
  assert.equal(nextDeadline(state), NOW + 2000, 'the app wakes when the number is due');
  assert.equal(timePassed(state, contextAt(NOW + 1999)), state, 'not yet');
  const tuned = timePassed(state, contextAt(NOW + 2000));
  assert.equal(tuned.channelId, 'life');
  assert.deepEqual(tuned.overlay, { kind: 'banner', until: NOW + 2000 + CHANGE_BANNER_MS });

  assert.equal(press(initialTvState('news'), [digit(5), key('Ok')]).channelId, 'council', 'OK tunes at once');
  assert.equal(press(initialTvState('news'), [digit(0), digit(1), digit(2)]).channelId, 'life', '012 is 12');
  assert.equal(press(initialTvState('news'), [digit(0), digit(0), digit(5)]).overlay.kind, 'banner');
});

test('a number with no channel says so for a moment and stays on the channel; Back drops an entry', () => {
  const state = press(initialTvState('council'), [digit(9), key('Ok')]);
  assert.deepEqual(state, {
    channelId: 'council',
    overlay: { kind: 'no-channel', number: 9, until: NOW + NO_CHANNEL_MS },
  });
  assert.equal(nextDeadline(state), NOW + NO_CHANNEL_MS);
  assert.deepEqual(timePassed(state, contextAt(NOW + NO_CHANNEL_MS)).overlay, { kind: 'none' });
  assert.equal(press(initialTvState('news'), [digit(0), key('Ok')]).overlay.kind, 'no-channel', 'no channel 0');

  const dropped = press(initialTvState('news'), [digit(5), key('Back')]);
  assert.deepEqual(dropped, { channelId: 'news', overlay: { kind: 'none' } });
  assert.equal(nextDeadline(dropped), null, 'nothing left to wake for');
});

test('OK and Info show the banner for 5 s; Back shows it on the bare channel and hides it when shown', () => {
  const shown = press(initialTvState('news'), [key('Ok')]);
  assert.deepEqual(shown.overlay, { kind: 'banner', until: NOW + BANNER_MS });
  assert.equal(nextDeadline(shown), NOW + BANNER_MS);
  assert.deepEqual(timePassed(shown, contextAt(NOW + BANNER_MS)).overlay, { kind: 'none' }, 'it hides itself');
  assert.deepEqual(press(shown, [key('Info')]).overlay, { kind: 'none' }, 'Info toggles it');
  assert.deepEqual(press(shown, [key('Back')]).overlay, { kind: 'none' });
  assert.deepEqual(press(initialTvState('news'), [key('Back')]).overlay, { kind: 'banner', until: NOW + BANNER_MS });
  // Keys the app has no use for change nothing.
  const state = initialTvState('news');
  assert.equal(press(state, [key('Left'), key('Red'), key('PlayPause'), key('VolumeUp')]), state);
});

test('the guide opens on the channel tuned, moves with the D-pad, tunes with OK on a programme on air, closes with Back', () => {
  const opened = press(initialTvState('news'), [key('Guide')]);
  assert.equal(opened.overlay.kind, 'guide');
  assert.equal(press(initialTvState('news'), [key('Green')]).overlay.kind, 'guide');
  assert.equal(press(initialTvState('news'), [key('Menu')]).overlay.kind, 'guide');
  if (opened.overlay.kind !== 'guide') return;
  assert.equal(opened.overlay.focus.row, 0);
  assert.equal(opened.overlay.focus.earliest, at('2026-12-04', '19:30'));

  // Down to 政务频道: its meeting is on air, OK tunes to it and closes the guide.
  const tuned = press(opened, [key('Down'), key('Ok')]);
  assert.equal(tuned.channelId, 'council');
  assert.equal(tuned.overlay.kind, 'banner');

  // Right on 社区新闻 is 健康讲座 at 20:00, not on air yet: OK does nothing.
  const later = press(opened, [key('Right')]);
  assert.equal(press(later, [key('Ok')]), later);
  assert.equal(press(later, [key('ChannelUp')]), later, 'channel keys wait while the guide is open');
  assert.deepEqual(press(later, [key('Back')]), { channelId: 'news', overlay: { kind: 'none' } });
  assert.deepEqual(press(later, [key('Guide')]).overlay, { kind: 'none' });
});
