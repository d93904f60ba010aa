/** What a calling display shows of a hall's state: the newest call, each window's last number, the waits. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { QueueHallState } from '@linli/protocol';
import { callBoard, callWords } from '../../web/call-board';

const at = '2026-03-10T01:00:00.000Z';
const ticket = (label: string, window: number) => ({
  id: 1,
  label,
  business: 'social',
  priority: 'none' as const,
  state: 'called' as const,
  takenAt: at,
  calls: 1,
  window,
});

const state: QueueHallState = {
  hallId: 7,
  name: '安和街道便民服务中心',
  day: '2026-03-10',
  windows: [
    { number: 1, paused: false, current: ticket('A012', 1) },
    { number: 2, name: '综合窗口', paused: false },
    { number: 3, paused: true },
    { number: 4, paused: false, current: ticket('B002', 4) },
  ],
  businesses: [
    { id: 'social', name: '社保医保', prefix: 'A', open: true, waiting: 4, estimatedMinutes: 12 },
    { id: 'household', name: '户籍证照', prefix: 'C', open: false, waiting: 0, estimatedMinutes: 0 },
  ],
  waiting: [],
  calls: [
    { seq: 9, label: 'A012', window: 1, at },
    { seq: 8, label: 'A011', window: 2, at },
    { seq: 7, label: 'A010', window: 1, at },
  ],
};

test('the newest call leads; each window shows the number it called last, else the one it serves', () => {
  const board = callBoard(state);
  assert.deepEqual(board.newest, { seq: 9, label: 'A012', window: 1 });
  assert.equal(callWords(board.newest!), 'A012 → 1号窗口');
  assert.deepEqual(
    board.windows.map(({ number, name, label, paused }) => [number, name, label, paused]),
    [
      [1, undefined, 'A012', false],
      [2, '综合窗口', 'A011', false],
      [3, undefined, null, true],
      [4, undefined, 'B002', false],
    ],
  );
  assert.deepEqual(
    board.businesses.map(({ name, waiting, open }) => [name, waiting, open]),
    [
      ['社保医保', 4, true],
      ['户籍证照', 0, false],
    ],
  );
});

test('before the first call of the day there is no newest call', () => {
  assert.equal(callBoard({ ...state, calls: [] }).newest, null);
});
