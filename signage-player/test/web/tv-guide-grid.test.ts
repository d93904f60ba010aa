/**
 * The programme guide's grid: rows of programmes with the gaps between them as cells, the focus
 * moved with the D-pad (left/right along a row scrolling the time, up/down keeping the time), what
 * OK tunes to, and where cells, columns and the now line sit in the 2.5 hours in view.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  cellBox,
  columnStarts,
  focusedCell,
  GUIDE_COLUMN_MS,
  GUIDE_HORIZON_MS,
  GUIDE_ROWS_VISIBLE,
  GUIDE_SPAN_MS,
  guideColumnStart,
  guideRows,
  guideTuneTarget,
  moveFocus,
  nowLine,
  openGuide,
  rowCells,
  visibleRowRange,
  type GuideFocus,
  type GuideMove,
  type GuideRow,
} from '../../web/tv/guide-grid';
import { lineupOf } from '../../web/tv/channel-lineup';
import { at, card, channelOf, programme, TIME_ZONE } from './tv-channels';

const MINUTE = 60_000;
const NOW = at('2026-12-04', '19:40');
const items = [card('c', '节目', 60)];
const news = channelOf('news', 1, '社区新闻', {
  programmes: [
    programme('news', '晚间新闻', '19:00', 60, items, { description: '本社区一周要闻' }),
    programme('health', '健康讲座', '20:00', 30, items),
    programme('opera', '戏曲欣赏', '21:00', 90, items),
  ],
});
const council = channelOf('council', 5, '政务频道', {
  programmes: [
    programme('meeting', '居民议事会', '19:30', 45, items),
    programme('policy', '政策解读', '20:15', 45, items),
  ],
});
const life = channelOf('life', 12, '生活频道', { filler: [card('f', '生活', 30)] });
const lineup = lineupOf([news, council, life]);

function titles(row: GuideRow): (string | null)[] {
  return row.cells.map((cell) => cell.programme?.title ?? null);
}

function walk(rows: readonly GuideRow[], focus: GuideFocus, moves: GuideMove[]): GuideFocus {
  return moves.reduce((current, move) => moveFocus(rows, current, move), focus);
}

const titleAt = (rows: readonly GuideRow[], focus: GuideFocus) => focusedCell(rows, focus)?.programme?.title ?? null;

test('a row is its programmes with the stretches between them as cells of their own, end to end', () => {
  const from = at('2026-12-04', '19:30');
  const cells = rowCells(news, from, at('2026-12-04', '23:00'));
  assert.deepEqual(
    cells.map((cell) => [cell.programme?.title ?? null, cell.start, cell.end]),
    [
      ['晚间新闻', from, at('2026-12-04', '20:00')],
      ['健康讲座', at('2026-12-04', '20:00'), at('2026-12-04', '20:30')],
      [null, at('2026-12-04', '20:30'), at('2026-12-04', '21:00')],
      ['戏曲欣赏', at('2026-12-04', '21:00'), at('2026-12-04', '22:30')],
      [null, at('2026-12-04', '22:30'), at('2026-12-04', '23:00')],
    ],
  );
  // The programme that started before the guide's first column keeps its listed start as anchor.
  assert.equal(cells[0]!.anchor, at('2026-12-04', '19:00'));
  // A channel with nothing listed is one long cell, still a row to walk.
  assert.deepEqual(titles({ channel: life, cells: rowCells(life, from, from + GUIDE_SPAN_MS) }), [null]);
});

test("the guide opens on the channel tuned at now, the time in view from now's 30-minute column on the zone's clock", () => {
  assert.equal(guideColumnStart(NOW, TIME_ZONE), at('2026-12-04', '19:30'));
  assert.equal(guideColumnStart(at('2026-12-04', '19:30'), TIME_ZONE), at('2026-12-04', '19:30'));
  // Kathmandu is UTC+05:45: its columns start on its own half hours, not UTC's.
  const kathmandu = Date.parse('2026-12-04T19:40:00+05:45');
  assert.equal(guideColumnStart(kathmandu, 'Asia/Kathmandu'), Date.parse('2026-12-04T19:30:00+05:45'));

  const focus = openGuide(lineup, 'council', NOW, TIME_ZONE);
  assert.deepEqual(focus, { earliest: at('2026-12-04', '19:30'), from: at('2026-12-04', '19:30'), row: 1, at: NOW });
  const rows = guideRows(lineup, focus.earliest);
  assert.equal(rows.length, 3);
  assert.equal(rows.at(-1)!.cells.at(-1)!.end, focus.earliest + GUIDE_HORIZON_MS);
  assert.equal(titleAt(rows, focus), '居民议事会');
  assert.equal(openGuide(lineup, 'gone', NOW, TIME_ZONE).row, 0, 'a channel not listed: the first row');
});

test("left and right go along the row; up and down keep the time, not the cell's start", () => {
  const focus = openGuide(lineup, 'news', NOW, TIME_ZONE);
  const rows = guideRows(lineup, focus.earliest);
  const right = walk(rows, focus, ['right']);
  assert.equal(titleAt(rows, right), '健康讲座');
  assert.equal(right.at, at('2026-12-04', '20:00'));
  assert.equal(titleAt(rows, walk(rows, focus, ['right', 'right'])), null, 'the gap 20:30–21:00 is a cell');
  assert.equal(titleAt(rows, walk(rows, focus, ['right', 'right', 'right'])), '戏曲欣赏');
  assert.equal(titleAt(rows, walk(rows, focus, ['right', 'left'])), '晚间新闻');

  // 20:00 on 社区新闻, down: 政务频道's meeting runs to 20:15, so 20:00 is in it.
  const down = walk(rows, right, ['down']);
  assert.equal(titleAt(rows, down), '居民议事会');
  assert.equal(down.at, right.at, 'the time is kept');
  // Down again and back up: still 健康讲座, where a cell-start rule would have drifted to 晚间新闻.
  assert.equal(titleAt(rows, walk(rows, right, ['down', 'down', 'up', 'up'])), '健康讲座');
  assert.equal(walk(rows, right, ['down', 'down']).row, 2);
  assert.equal(titleAt(rows, walk(rows, right, ['down', 'down'])), null, '生活频道 lists nothing');
});

test("the edges hold: no row above the first or below the last, nothing before the guide's first cell", () => {
  const focus = openGuide(lineup, 'news', NOW, TIME_ZONE);
  const rows = guideRows(lineup, focus.earliest);
  assert.deepEqual(moveFocus(rows, focus, 'up'), focus);
  assert.deepEqual(moveFocus(rows, focus, 'left'), focus);
  const last = walk(rows, focus, ['down', 'down']);
  assert.deepEqual(moveFocus(rows, last, 'down'), last);
  // 生活频道 is one cell to the horizon: right has nowhere to go.
  assert.deepEqual(moveFocus(rows, last, 'right'), last);
});

test('moving right past the time in view scrolls it by whole columns; moving back left scrolls back', () => {
  const focus = openGuide(lineup, 'news', NOW, TIME_ZONE);
  const rows = guideRows(lineup, focus.earliest);
  // In view: 19:30–22:00. 戏曲欣赏 (21:00) is in view; its end, 22:30, is not.
  const opera = walk(rows, focus, ['right', 'right', 'right']);
  assert.equal(opera.from, focus.earliest, 'no scroll while the cell starts in view');
  const after = walk(rows, opera, ['right']);
  assert.equal(after.from, at('2026-12-04', '22:30'), 'the next cell starts the time in view');
  assert.equal(after.at, at('2026-12-04', '22:30'));
  assert.ok(after.at >= after.from && after.at < after.from + GUIDE_SPAN_MS);
  const back = walk(rows, after, ['left']);
  assert.equal(titleAt(rows, back), '戏曲欣赏');
  assert.equal(back.from, at('2026-12-04', '22:00'), 'scrolled back to the column holding its end');
  assert.equal(back.at, back.from, 'the focus keeps to the time in view');
  // Down from there keeps 22:00: 政务频道 lists nothing then.
  assert.equal(titleAt(rows, walk(rows, back, ['down'])), null);
  assert.equal(walk(rows, back, ['left', 'left', 'left']).from, focus.earliest, 'never before the first column');
});

test('OK tunes only a programme on air now; the rows in view follow the focus', () => {
  const focus = openGuide(lineup, 'news', NOW, TIME_ZONE);
  const rows = guideRows(lineup, focus.earliest);
  assert.equal(guideTuneTarget(rows, focus, NOW), 'news');
  assert.equal(guideTuneTarget(rows, walk(rows, focus, ['down']), NOW), 'council');
  assert.equal(guideTuneTarget(rows, walk(rows, focus, ['right']), NOW), null, '健康讲座 is not on yet');
  assert.equal(
    guideTuneTarget(rows, walk(rows, focus, ['down', 'down']), NOW),
    'life',
    'a filler stretch is on air too',
  );

  assert.deepEqual(visibleRowRange({ ...focus, row: 0 }, 3), { first: 0, end: 3 });
  const many = 20;
  assert.deepEqual(visibleRowRange({ ...focus, row: 0 }, many), { first: 0, end: GUIDE_ROWS_VISIBLE });
  assert.deepEqual(visibleRowRange({ ...focus, row: 10 }, many), { first: 7, end: 7 + GUIDE_ROWS_VISIBLE });
  assert.deepEqual(visibleRowRange({ ...focus, row: 19 }, many), { first: many - GUIDE_ROWS_VISIBLE, end: many });
});

test('cells, columns and the now line as fractions of the 2.5 hours in view', () => {
  const from = at('2026-12-04', '19:30');
  const cells = rowCells(news, from, from + GUIDE_HORIZON_MS);
  assert.deepEqual(
    cellBox(cells[0]!, from),
    { left: 0, width: 30 / 150 },
    'a programme begun earlier starts at the edge',
  );
  assert.deepEqual(cellBox(cells[1]!, from), { left: 30 / 150, width: 30 / 150 });
  assert.deepEqual(cellBox(cells[3]!, from), { left: 90 / 150, width: 60 / 150 }, 'cut at the end of the time in view');
  assert.equal(cellBox(cells[4]!, from), null, 'after the time in view');
  assert.deepEqual(
    columnStarts(from),
    [0, 1, 2, 3, 4].map((index) => from + index * GUIDE_COLUMN_MS),
  );
  assert.equal(nowLine(from, NOW), 10 / 150);
  assert.equal(nowLine(from + GUIDE_SPAN_MS, NOW), null);
  assert.equal(nowLine(from, from - MINUTE), null);
});
