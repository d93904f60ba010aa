import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { TvProgramme, TvScheduleSource } from '@linli/protocol';
import { clockOf, dayBlocks, guideDays, movedStart, resizedDuration, unusedProgrammeId } from '../web/tv-timeline';

const programme = (id: string, start: string, durationMin: number, extra: Partial<TvProgramme> = {}): TvProgramme => ({
  id,
  title: id,
  start,
  durationMin,
  repeat: { every: 'day' },
  items: [{ id: 'c', kind: 'card', text: id, durationSec: 60 }],
  ...extra,
});
const channel = (programmes: TvProgramme[]): TvScheduleSource => ({
  timeZone: 'Asia/Shanghai',
  programmes,
  filler: [],
});

test('dragging moves a programme on the 5-minute grid, round midnight', () => {
  assert.equal(movedStart('19:00', 32), '19:30');
  assert.equal(movedStart('23:50', 20), '00:10');
  assert.equal(movedStart('00:05', -10), '23:55');
  assert.equal(clockOf(1440 + 61), '01:01');
});

test('stretching keeps a programme between one step and a whole day', () => {
  assert.equal(resizedDuration(30, 14), 45);
  assert.equal(resizedDuration(30, -60), 5);
  assert.equal(resizedDuration(1400, 300), 1440);
});

test('the day shows programmes as they air: a one-off cuts the daily one, a late one continues after midnight', () => {
  const source = channel([
    programme('daily', '10:00', 120),
    programme('special', '10:30', 30, { repeat: { every: 'once', date: '2026-12-05' } }),
    programme('late', '23:00', 120),
  ]);
  const blocks = dayBlocks(source, '2026-12-05').map(
    (block) => `${block.programme.id} ${block.fromMin}-${block.toMin}${block.continued ? ' …' : ''}`,
  );
  assert.deepEqual(blocks, ['late 0-60 …', 'daily 600-630', 'special 630-660', 'daily 660-720 …', 'late 1380-1440']);
});

test('the guide preview lists each day with the filler between programmes', () => {
  const [day] = guideDays(channel([programme('news', '19:00', 30)]), '2026-12-05', 1);
  assert.deepEqual(
    day!.lines.map((line) => `${line.from}-${line.to} ${line.programme?.id ?? '—'}`),
    ['00:00-19:00 —', '19:00-19:30 news', '19:30-24:00 —'],
  );
});

test('a new programme gets an unused id', () => {
  assert.equal(unusedProgrammeId([programme('p1', '00:00', 5), programme('p3', '01:00', 5)]), 'p4');
  assert.equal(unusedProgrammeId([programme('p2', '00:00', 5)]), 'p3');
});
