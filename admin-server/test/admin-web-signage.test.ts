/**
 * Pure parts of the admin UI's signage editor: zones dragged and keyed on the grid, new zones and
 * items, playlist reordering, the calendar's blocks, wall-clock times in the schedule's zone, what
 * the preview says shows, and the schedule checks' problems in the editor's words.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  LinliError,
  layoutProblems,
  presetLayout,
  type ScheduleEntry,
  type SignageInput,
  type SignageSchedule,
} from '@linli/protocol';
import { calendarBlocks, openingBands, weekSpans } from '../web/calendar-blocks';
import { signageText } from '../web/content-text';
import { ADMIN_STRINGS, describeError, fieldProblems } from '../web/i18n';
import { newItem, unusedId } from '../web/playlist-items';
import { moveRow, moveRowTo } from '../web/row-order';
import { instantOfWallTime, mondayOf, wallTimeInput, weekdayOf } from '../web/schedule-time';
import { newEntry, orientationOf, withOrientation, withPreset, withoutLayout } from '../web/signage-draft';
import { entryLine, shownAt, shownAtWords, weekdaysWords } from '../web/signage-words';
import { cellsOf, draggedBox, freeBox, keyedBox } from '../web/zone-geometry';

const zh = ADMIN_STRINGS['zh-Hans'];
const en = ADMIN_STRINGS.en;
const CREATED = '2026-01-01T00:00:00.000Z';
/** 2026-05-04 is a Monday. */
const MONDAY = '2026-05-04';

function schedule(entries: ScheduleEntry[], extra: Partial<SignageSchedule> = {}): SignageSchedule {
  const hall = presetLayout('main-ticker', 'landscape', 'hall', '大厅');
  const notices = presetLayout('full', 'landscape', 'notices', '公告');
  return { timeZone: 'Asia/Shanghai', layouts: [hall, notices], entries, defaultLayoutId: 'hall', ...extra };
}

const entry = (id: string, fields: Partial<ScheduleEntry>): ScheduleEntry => ({
  id,
  layoutId: 'notices',
  priority: 10,
  createdAt: CREATED,
  ...fields,
});

test('a pointer snaps to the nearest whole cell, either way', () => {
  assert.equal(cellsOf(40, 100), 0);
  assert.equal(cellsOf(60, 100), 1);
  assert.equal(cellsOf(-149, 100), -1);
  assert.equal(cellsOf(-151, 100), -2);
  assert.ok(Object.is(cellsOf(-20, 100), 0), 'a small travel back is no change, not −0');
});

test('a dragged zone stays on the grid; a dragged edge keeps the opposite one and at least one cell', () => {
  const main = { x: 0, y: 0, w: 12, h: 11 };
  assert.deepEqual(draggedBox(main, 's', 0, -1), { x: 0, y: 0, w: 12, h: 10 });
  assert.deepEqual(draggedBox(main, 's', 0, 5), { x: 0, y: 0, w: 12, h: 12 }, 'not past the bottom');
  assert.deepEqual(draggedBox(main, 'e', -20, 0), { x: 0, y: 0, w: 1, h: 11 }, 'never narrower than a cell');
  const side = { x: 9, y: 0, w: 3, h: 11 };
  assert.deepEqual(draggedBox(side, 'w', -2, 0), { x: 7, y: 0, w: 5, h: 11 }, 'the right edge stays');
  assert.deepEqual(draggedBox(side, 'w', 5, 0), { x: 11, y: 0, w: 1, h: 11 });
  assert.deepEqual(draggedBox(side, 'nw', -1, 3), { x: 8, y: 3, w: 4, h: 8 }, 'a corner moves two edges');
  assert.deepEqual(draggedBox(side, 'se', 4, 4), { x: 9, y: 0, w: 3, h: 12 });
  assert.deepEqual(draggedBox(side, 'move', 2, 0), side, 'already at the right edge');
  assert.deepEqual(draggedBox(side, 'move', -4, 1), { x: 5, y: 1, w: 3, h: 11 });
  assert.deepEqual(draggedBox(side, 'move', -4, 5), { x: 5, y: 1, w: 3, h: 11 }, 'not past the bottom');
});

test('arrow keys move the zone a cell; with Shift they move its right or bottom edge', () => {
  const box = { x: 2, y: 2, w: 4, h: 4 };
  assert.deepEqual(keyedBox(box, 'ArrowRight', false), { x: 3, y: 2, w: 4, h: 4 });
  assert.deepEqual(keyedBox(box, 'ArrowUp', false), { x: 2, y: 1, w: 4, h: 4 });
  assert.deepEqual(keyedBox(box, 'ArrowRight', true), { x: 2, y: 2, w: 5, h: 4 });
  assert.deepEqual(keyedBox(box, 'ArrowUp', true), { x: 2, y: 2, w: 4, h: 3 });
  assert.deepEqual(keyedBox({ x: 0, y: 0, w: 1, h: 1 }, 'ArrowLeft', true), { x: 0, y: 0, w: 1, h: 1 });
  assert.equal(keyedBox(box, 'Enter', false), null);
});

test('a new zone takes the first free space, grown right then down', () => {
  assert.deepEqual(freeBox([]), { x: 0, y: 0, w: 12, h: 12 });
  assert.deepEqual(freeBox([{ x: 0, y: 0, w: 12, h: 10 }]), { x: 0, y: 10, w: 12, h: 2 });
  assert.deepEqual(freeBox([{ x: 0, y: 0, w: 9, h: 12 }]), { x: 9, y: 0, w: 3, h: 12 });
  assert.deepEqual(freeBox([{ x: 0, y: 0, w: 12, h: 12 }]), { x: 0, y: 0, w: 6, h: 6 }, 'nowhere free');
});

test('playlist rows move by a step or to where they are dropped', () => {
  const rows = ['a', 'b', 'c', 'd'];
  assert.deepEqual(moveRowTo(rows, 0, 2), ['b', 'c', 'a', 'd']);
  assert.deepEqual(moveRowTo(rows, 3, 0), ['d', 'a', 'b', 'c']);
  assert.deepEqual(moveRowTo(rows, 1, 1), rows);
  assert.deepEqual(moveRowTo(rows, 1, 9), rows, 'a drop outside the list changes nothing');
  assert.deepEqual(moveRow(rows, 0, -1), rows);
  assert.deepEqual(moveRow(rows, 2, 1), ['a', 'b', 'd', 'c']);
});

test('new items: ids kept apart, a sensible time on screen, files for file items', () => {
  assert.equal(unusedId('text', ['text-1', 'text-3']), 'text-2');
  assert.deepEqual(newItem('ticker', 'ticker-1'), { id: 'ticker-1', kind: 'ticker', text: '', durationSec: 60 });
  assert.equal(newItem('image', 'image-1'), null, 'an image needs its file');
  const file = { sha256: 'a'.repeat(64), bytes: 10, mime: 'video/mp4', name: '宣传片.mp4' };
  assert.deepEqual(newItem('video', 'video-1', file), { id: 'video-1', kind: 'video', media: file, lengthSec: 10 });
});

test('weekday entries are blocks on their days; a window past midnight goes on into the next day', () => {
  const weekdays = schedule([entry('office', { weekdays: [1, 2, 3, 4, 5], window: { from: '09:00', to: '17:00' } })]);
  const blocks = calendarBlocks(weekdays, MONDAY);
  assert.deepEqual(
    blocks.map((block) => [block.day, block.startMinute, block.endMinute]),
    [0, 1, 2, 3, 4].map((day) => [day, 540, 1020]),
  );
  assert.ok(blocks.every((block) => block.lane === 0 && block.lanes === 1));

  const night = schedule([entry('night', { weekdays: [5, 7], window: { from: '22:00', to: '02:00' } })]);
  assert.deepEqual(
    calendarBlocks(night, MONDAY).map((block) => [block.day, block.startMinute, block.endMinute, block.intoNextDay]),
    [
      [0, 0, 120, false], // from the Sunday before
      [4, 1320, 1440, true],
      [5, 0, 120, false],
      [6, 1320, 1440, true],
    ],
  );
});

test('dates limit the days; dayparts and whole days are placed; overlapping blocks share the day side by side', () => {
  const dated = schedule([entry('may', { startDate: '2026-05-06', endDate: '2026-05-08' })]);
  assert.deepEqual(
    calendarBlocks(dated, MONDAY).map((block) => [block.day, block.startMinute, block.endMinute]),
    [
      [2, 0, 1440],
      [3, 0, 1440],
      [4, 0, 1440],
    ],
  );
  const parts = schedule([entry('meals', { weekdays: [1], dayparts: ['noon', 'morning'] })], {
    dayparts: [
      { id: 'morning', name: '早间', from: '06:00', to: '09:00' },
      { id: 'noon', name: '午间', from: '11:30', to: '13:30' },
    ],
  });
  assert.deepEqual(
    calendarBlocks(parts, MONDAY).map((block) => [block.startMinute, block.endMinute]),
    [
      [360, 540],
      [690, 810],
    ],
  );
  const overlapping = schedule([
    entry('a', { weekdays: [1], window: { from: '09:00', to: '12:00' } }),
    entry('b', { weekdays: [1], window: { from: '10:00', to: '11:00' } }),
    entry('c', { weekdays: [1], window: { from: '11:30', to: '14:00' } }),
    entry('d', { weekdays: [1], window: { from: '15:00', to: '16:00' } }),
  ]);
  assert.deepEqual(
    calendarBlocks(overlapping, MONDAY).map((block) => [block.entryIndex, block.lane, block.lanes]),
    [
      [0, 0, 2],
      [1, 1, 2],
      [2, 1, 2],
      [3, 0, 1],
    ],
  );
  const hours = schedule([], { operatingHours: [{ weekdays: [6], from: '09:00', to: '12:00' }] });
  assert.deepEqual(openingBands(hours, MONDAY), [
    { day: 5, startMinute: 540, endMinute: 720, fromDayBefore: false, intoNextDay: false },
  ]);
  assert.equal(openingBands(schedule([]), MONDAY), undefined, 'always on');
  assert.deepEqual(weekSpans({}, [{ from: '08:00', to: '08:00' }], MONDAY), [], 'equal ends are drawn nowhere');
});

test('a date-time picker means wall-clock time in the schedule zone, wherever the browser is', () => {
  assert.equal(instantOfWallTime('2026-05-04T10:00', 'Asia/Shanghai'), Date.parse('2026-05-04T02:00:00Z'));
  assert.equal(wallTimeInput(Date.parse('2026-05-04T02:00:00Z'), 'Asia/Shanghai'), '2026-05-04T10:00');
  // Berlin moves from +01:00 to +02:00 at 02:00 on 2026-03-29: either side of it reads right.
  assert.equal(instantOfWallTime('2026-03-29T01:30', 'Europe/Berlin'), Date.parse('2026-03-29T00:30:00Z'));
  assert.equal(instantOfWallTime('2026-03-29T03:30', 'Europe/Berlin'), Date.parse('2026-03-29T01:30:00Z'));
  assert.equal(instantOfWallTime('', 'Asia/Shanghai'), null);
  assert.equal(weekdayOf('2026-05-10'), 7);
  assert.equal(mondayOf('2026-05-10'), MONDAY);
  assert.equal(mondayOf(MONDAY), MONDAY);
});

test('the preview says what shows and why, as the player decides it', () => {
  const at = (wall: string) => instantOfWallTime(wall, 'Asia/Shanghai')!;
  const open = schedule([entry('office', { weekdays: [1, 2, 3, 4, 5], window: { from: '09:00', to: '17:00' } })], {
    operatingHours: [{ weekdays: [1, 2, 3, 4, 5, 6], from: '08:00', to: '20:00' }],
  });
  assert.equal(shownAtWords(zh, open, shownAt(open, at('2026-05-04T10:00'))), '该时刻显示：公告（由排期 1 决定）');
  assert.equal(shownAtWords(zh, open, shownAt(open, at('2026-05-04T18:00'))), '该时刻显示：大厅（默认布局）');
  assert.equal(shownAtWords(zh, open, shownAt(open, at('2026-05-04T21:00'))), '该时刻：屏幕关闭（开机时段以外）');
  assert.equal(shownAtWords(en, open, shownAt(open, at('2026-05-04T10:00'))), 'At that moment: 公告 (set by Entry 1)');
});

test('entries and weekdays in words', () => {
  assert.equal(weekdaysWords(zh, [1, 2, 3, 4, 5]), '周一至周五');
  assert.equal(weekdaysWords(zh, [1, 3, 6, 7]), '周一、周三、周六、周日');
  assert.equal(weekdaysWords(zh, undefined), '每天');
  const entries = schedule([
    entry('late', {
      weekdays: [5],
      window: { from: '22:00', to: '02:00' },
      startDate: '2026-05-01',
      interrupt: { sharePercent: 20 },
    }),
  ]);
  assert.equal(
    entryLine(zh, entries.entries[0]!, entries),
    '公告；周五 22:00–02:00（跨午夜） 2026-05-01 起；优先级 10；插播 20%',
  );
});

test('presets, removals and turns keep what they can', () => {
  const layout = presetLayout('main-ticker', 'landscape', 'hall');
  layout.zones[0]!.playlist = [{ id: 'text-1', kind: 'text', text: '欢迎', durationSec: 10 }];
  layout.zones[1]!.playlist = [{ id: 'ticker-1', kind: 'ticker', text: '请取号', durationSec: 60 }];
  const reshaped = withPreset(layout, 'main-side');
  assert.deepEqual(
    reshaped.zones.map((zone) => [zone.id, zone.playlist.length]),
    [
      ['main', 1],
      ['side', 0],
    ],
  );
  const two = schedule([entry('office', { layoutId: 'hall' }), entry('evening', {})], { defaultLayoutId: 'hall' });
  const without = withoutLayout(two, 0);
  assert.deepEqual(
    [without.layouts.map((each) => each.id), without.entries.map((each) => each.id), without.defaultLayoutId],
    [['notices'], ['evening'], 'notices'],
  );
  assert.equal(withoutLayout(without, 0), without, 'the last layout stays');
  assert.equal(orientationOf(withOrientation(two, 'portrait')), 'portrait');
  assert.deepEqual(newEntry(two, 'hall', CREATED).id, 'entry-1');
});

test("the schedule checks' problems are said in the editor's language, under the field they name", () => {
  const layout = presetLayout('main-ticker', 'landscape', 'hall');
  layout.zones[1]!.y = 10;
  layout.zones[1]!.h = 3;
  const details = layoutProblems(layout, '/schedule/layouts/0');
  const error = new LinliError('VALIDATION_FAILED', 'bad', details);
  assert.deepEqual(
    fieldProblems(zh, error).map((problem) => [problem.path, problem.problem]),
    [
      ['schedule/layouts/0/zones/1/h', '超出了网格下边缘'],
      ['schedule/layouts/0/zones/1', '与区域 main 重叠'],
    ],
  );
  assert.deepEqual(describeError(zh, error).details, [
    '布局第 1 项 · 区域第 2 项 · 高：超出了网格下边缘',
    '布局第 1 项 · 区域第 2 项：与区域 main 重叠',
  ]);
  assert.deepEqual(
    describeError(
      en,
      new LinliError('VALIDATION_FAILED', 'bad', [{ path: '/schedule/entries/0/layoutId', message: 'no layout "x"' }]),
    ).details,
    ['Schedule entry 1 · Layout: there is no layout x'],
  );
});

test('a publication as readable text for review: layouts zone by zone, items in order, the schedule', () => {
  const input: SignageInput = {
    title: '大厅屏',
    targets: { orgIds: [], groupIds: [] },
    schedule: schedule([entry('office', { weekdays: [1, 2, 3, 4, 5], window: { from: '09:00', to: '17:00' } })]),
  };
  input.schedule.layouts[0]!.zones[1]!.playlist = [
    { id: 'ticker-1', kind: 'ticker', text: '欢迎光临', durationSec: 60 },
    { id: 'notice-1', kind: 'notice', noticeId: 'n-1', durationSec: 15, validUntil: '2026-05-31T16:00:00.000Z' },
  ];
  const text = signageText(zh, input, (id) => (id === 'n-1' ? '停水通知' : id));
  assert.match(text, /^标题: 大厅屏$/m);
  assert.match(text, /^ {4}区域 ticker（第 1 列、第 12 行起，宽 12 格 × 高 1 格）$/m);
  assert.match(text, /^ {6}1\. 滚动字幕：「欢迎光临」 · 60 秒$/m);
  assert.match(text, /^ {6}2\. 通知：停水通知 · 15 秒 · … 至 2026-06-01 00:00$/m);
  assert.match(text, /^ {2}大厅：横屏$/m);
  assert.match(text, /^排期: 1\. 公告；周一至周五 09:00–17:00；优先级 10$/m, 'one entry on the label line');
  assert.match(text, /^开机时段: 全天开启$/m);
});
