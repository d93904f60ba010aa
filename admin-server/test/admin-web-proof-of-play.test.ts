/**
 * Pure parts of the admin UI's proof-of-play report: the quick periods in the server's days (China
 * Standard Time, whatever the browser's zone), time on screen in words in each language, instants
 * as the report counts them, a row's ids in its publication, the node picker's order, and the
 * server's refusal of a period placed under the date it concerns.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LinliError, presetLayout, type OrgNode, type OrgTree, type SignageView } from '@linli/protocol';
import { ADMIN_STRINGS, fieldProblems } from '../web/i18n';
import { ownSubtree } from '../web/org-tree';
import { durationParts, periodOf, pickOf, playTimeWords, playedItem, reportTime } from '../web/proof-of-play';
import { USAGE_PERIOD_PICKS } from '../web/usage-words';

const zh = ADMIN_STRINGS['zh-Hans'];
const hant = ADMIN_STRINGS['zh-Hant'];
const en = ADMIN_STRINGS.en;

test('quick periods are days in China Standard Time: today, the last 7 days, this month so far', () => {
  // 17:30 UTC on 1 December is 01:30 on 2 December in Beijing.
  const now = Date.parse('2026-12-01T17:30:00Z');
  assert.deepEqual(periodOf('today', now), { from: '2026-12-02', to: '2026-12-02' });
  assert.deepEqual(periodOf('last7Days', now), { from: '2026-11-26', to: '2026-12-02' }, 'today and the six before');
  assert.deepEqual(periodOf('thisMonth', now), { from: '2026-12-01', to: '2026-12-02' });
  assert.deepEqual(periodOf('last7Days', Date.parse('2026-03-02T04:00:00Z')), { from: '2026-02-24', to: '2026-03-02' });
  // 使用统计's longer picks.
  assert.deepEqual(periodOf('last30Days', now), { from: '2026-11-03', to: '2026-12-02' });
  assert.deepEqual(periodOf('lastMonth', now), { from: '2026-11-01', to: '2026-11-30' });
  assert.deepEqual(periodOf('lastMonth', Date.parse('2026-01-05T04:00:00Z')), { from: '2025-12-01', to: '2025-12-31' });
  assert.deepEqual(periodOf('thisYear', now), { from: '2026-01-01', to: '2026-12-02' });
});

test('the pick a period is, if any; on the 1st 本月 and 今天 agree and 今天 is said', () => {
  const now = Date.parse('2026-12-09T02:00:00Z');
  assert.equal(pickOf({ from: '2026-12-03', to: '2026-12-09' }, now), 'last7Days');
  assert.equal(pickOf({ from: '2026-12-01', to: '2026-12-09' }, now), 'thisMonth');
  assert.equal(pickOf({ from: '2026-12-02', to: '2026-12-09' }, now), undefined);
  const first = Date.parse('2026-12-01T02:00:00Z');
  assert.equal(pickOf({ from: '2026-12-01', to: '2026-12-01' }, first), 'today');
  assert.equal(pickOf({ from: '2026-11-01', to: '2026-11-30' }, now), undefined, 'not among the report’s picks');
  assert.equal(pickOf({ from: '2026-11-01', to: '2026-11-30' }, now, USAGE_PERIOD_PICKS), 'lastMonth');
});

test('time on screen in words: no nought units at either end, a minute between hours and seconds', () => {
  assert.deepEqual(durationParts(3723), { hours: 1, minutes: 2, seconds: 3 });
  assert.deepEqual(durationParts(90_061), { hours: 25, minutes: 1, seconds: 1 }, 'hours do not roll into days');
  assert.equal(playTimeWords(zh, 3723), '1小时2分3秒');
  assert.equal(playTimeWords(zh, 0), '0秒');
  assert.equal(playTimeWords(zh, 45), '45秒');
  assert.equal(playTimeWords(zh, 300), '5分');
  assert.equal(playTimeWords(zh, 7200), '2小时');
  assert.equal(playTimeWords(zh, 3603), '1小时0分3秒');
  assert.equal(playTimeWords(zh, 3660), '1小时1分');
  assert.equal(playTimeWords(hant, 3723), '1小時2分3秒');
  assert.equal(playTimeWords(en, 3723), '1 h 2 min 3 s');
  assert.equal(playTimeWords(en, 60), '1 min');
});

test('first and last times read in China Standard Time, to the second', () => {
  assert.equal(reportTime('2026-12-01T16:30:05.400Z'), '2026-12-02 00:30:05');
  assert.equal(reportTime('2026-12-01T01:00:00.000Z'), '2026-12-01 09:00:00');
  assert.equal(reportTime('not a time'), 'not a time');
});

test("a row's ids name a layout and item of the publication as it is now, or nothing", () => {
  const layout = presetLayout('main-ticker', 'landscape', 'hall', '大厅');
  layout.zones[0]!.playlist = [{ id: 'welcome', kind: 'text', text: '欢迎', durationSec: 10 }];
  const publication = {
    schedule: { timeZone: 'Asia/Shanghai', layouts: [layout], entries: [], defaultLayoutId: 'hall' },
  } as unknown as SignageView;
  const found = playedItem(publication, { layoutId: 'hall', zoneId: 'main', itemId: 'welcome' });
  assert.equal(found.layout?.name, '大厅');
  assert.equal(found.layoutIndex, 0);
  assert.equal(found.item?.id, 'welcome');
  assert.equal(playedItem(publication, { layoutId: 'hall', zoneId: 'ticker', itemId: 'welcome' }).item, undefined);
  assert.deepEqual(playedItem(undefined, { layoutId: 'hall', zoneId: 'main', itemId: 'welcome' }), {
    layout: undefined,
    layoutIndex: -1,
    item: undefined,
  });
});

test('the node picker lists the own subtree depth first; the nodes above are left out', () => {
  const node = (id: number, parentId: number | null, name: string) => ({ id, parentId, name }) as OrgNode;
  const tree = {
    rootId: 2,
    nodes: [
      node(1, null, '安和区'),
      node(2, 1, '安和街道'),
      node(3, 2, '临江社区'),
      node(4, 1, '江滨街道'),
      node(5, 2, '荷花社区'),
      node(6, 3, '一网格'),
    ],
  } as OrgTree;
  assert.deepEqual(
    ownSubtree(tree).map(({ node: { name }, depth }) => [name, depth]),
    [
      ['安和街道', 0],
      ['临江社区', 1],
      ['一网格', 2],
      ['荷花社区', 1],
    ],
  );
});

test("the server's refusal of a period is said under the last day, in words", () => {
  const backwards = new LinliError('VALIDATION_FAILED', 'The last day must not be before the first', [
    { path: '/to', message: 'must not be before from' },
  ]);
  assert.deepEqual(fieldProblems(zh, backwards), [{ path: 'to', field: '结束时间', problem: '不能早于开始日期' }]);
  const tooLong = new LinliError('VALIDATION_FAILED', 'A report covers at most 366 days', [
    { path: '/to', message: 'at most 366 days after from' },
  ]);
  assert.equal(fieldProblems(en, tooLong)[0]!.problem, 'a period is at most 366 days');
  const missing = new LinliError('VALIDATION_FAILED', "querystring: must have required property 'from'", [
    { path: 'querystring', message: "must have required property 'from'" },
  ]);
  assert.deepEqual(
    fieldProblems(zh, missing).map((problem) => [problem.path, problem.problem]),
    [['from', '不能为空']],
  );
});
