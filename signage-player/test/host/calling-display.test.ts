/**
 * The calling display's rules: which halls a publication follows and announces, which calls are
 * new (never those of the first state after a (re)connect), what is said for a call and how
 * espeak-ng is given it, and how soon a dropped or refused stream is tried again.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { presetLayout, queueHallsOf, unheardCalls, type PlaylistItem } from '@linli/protocol';
import { announcementSpeech, announcementText } from '../../host/call-announcement';
import { reconnectDelayMs } from '../../host/queue-follower';

const calls = (item: Partial<Extract<PlaylistItem, { kind: 'queue-calls' }>>): PlaylistItem => ({
  id: `calls-${item.hallId}`,
  kind: 'queue-calls',
  hallId: 1,
  durationSec: 60,
  announce: false,
  ...item,
});
const call = (seq: number, label = `A${String(seq).padStart(3, '0')}`, window = 1) => ({
  seq,
  label,
  window,
  at: '2026-03-10T01:00:00.000Z',
});

test('a publication follows every hall its calling displays show, announcing where any of them says so', () => {
  const hall = presetLayout('main-side', 'landscape', 'hall');
  hall.zones[0]!.playlist = [
    calls({ hallId: 3, announce: false }),
    { id: 't', kind: 'text', text: '欢迎', durationSec: 9 },
  ];
  hall.zones[1]!.playlist = [calls({ hallId: 3, announce: true }), calls({ hallId: 5, announce: false })];
  const evening = presetLayout('full', 'landscape', 'evening');
  evening.zones[0]!.playlist = [calls({ hallId: 8, announce: true })];
  assert.deepEqual(
    [...queueHallsOf([hall, evening])],
    [
      [3, { announce: true }],
      [5, { announce: false }],
      [8, { announce: true }],
    ],
  );
  assert.equal(queueHallsOf([presetLayout('full', 'portrait', 'none')]).size, 0);
});

test('the calls of the first state after connecting are not new; later ones are, oldest first, once each', () => {
  const first = unheardCalls(null, [call(12), call(11)]);
  assert.deepEqual(first, { unheard: [], heardUpTo: 12 });
  const next = unheardCalls(first.heardUpTo, [call(14), call(13), call(12), call(11)]);
  assert.deepEqual(
    next.unheard.map((each) => each.seq),
    [13, 14],
  );
  assert.equal(next.heardUpTo, 14);
  assert.deepEqual(unheardCalls(14, [call(14), call(13)]), { unheard: [], heardUpTo: 14 }, 'the same state again');
  // A recall is a call of its own (a new seq) with the same number.
  assert.deepEqual(
    unheardCalls(14, [call(15, 'A013'), call(14)]).unheard.map((each) => [each.seq, each.label]),
    [[15, 'A013']],
  );
});

test('a hall without calls yet announces its first call; seqs that went back start over silently', () => {
  const empty = unheardCalls(null, []);
  assert.deepEqual(empty, { unheard: [], heardUpTo: 0 });
  assert.deepEqual(
    unheardCalls(empty.heardUpTo, [call(1)]).unheard.map((each) => each.seq),
    [1],
  );
  // A new service day shows no calls until the first: what was heard stays.
  assert.deepEqual(unheardCalls(40, []), { unheard: [], heardUpTo: 40 });
  assert.deepEqual(unheardCalls(40, [call(3)]), { unheard: [], heardUpTo: 3 }, 'a restored database');
});

test('a call is said as 请 A012 号到 3 号窗口办理, the letter by its name and the figures one by one', () => {
  assert.equal(announcementText({ label: 'A012', window: 3 }), '请 A012 号到 3 号窗口办理');
  assert.equal(
    announcementSpeech({ label: 'A012', window: 3 }),
    'qing3 A ling2 yi1 er4 hao4, dao4 san1 hao4 chuang1 kou3 ban4 li3',
  );
  assert.equal(
    announcementSpeech({ label: 'C100', window: 12 }),
    'qing3 C yi1 ling2 ling2 hao4, dao4 shi2 er4 hao4 chuang1 kou3 ban4 li3',
  );
});

test('a dropped stream is tried again within seconds, a refused one after a minute', () => {
  const lowest = () => 0;
  const highest = () => 1;
  assert.equal(reconnectDelayMs(1, false, highest), 500, 'the first retry after a drop: half a second at most');
  assert.equal(reconnectDelayMs(1, false, lowest), 250);
  assert.equal(reconnectDelayMs(10, false, highest), 5000, 'never longer than 5 s');
  assert.equal(reconnectDelayMs(1, true, highest), 60_000);
});
