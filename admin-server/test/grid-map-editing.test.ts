/**
 * The grid map's pure parts: a boundary's corners as the editor moves, adds and removes them and
 * back to a closed GeoJSON ring; the checks one grid shares with the import (protocol's
 * gridProblems); where a problem lies in a grid file or a grid's form and what it is, in words.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LinliError, basemapBoundsProblems, gridProblems, type GridPolygon } from '@linli/protocol';
import { actionWords } from '../web/audit-words';
import { boundaryOf, cornersOf, insertCorner, midpoints, moveCorner, removeCorner } from '../web/grid-draft';
import { GRID_MAP_WORDS, gridPlace, gridProblem } from '../web/grid-map-words';
import { ADMIN_STRINGS, fieldProblems } from '../web/i18n';

const square: GridPolygon = [
  [
    [120.15, 30.27],
    [120.152, 30.27],
    [120.152, 30.272],
    [120.15, 30.272],
    [120.15, 30.27],
  ],
];

test('corners are moved, added between neighbours and removed, and closed again as [longitude, latitude]', () => {
  const corners = cornersOf(square);
  assert.deepEqual(corners, [
    [30.27, 120.15],
    [30.27, 120.152],
    [30.272, 120.152],
    [30.272, 120.15],
  ]);
  assert.deepEqual(boundaryOf(corners), square);
  assert.deepEqual(
    midpoints(corners).map((middle) => middle.index),
    [1, 2, 3, 4],
    'the side back to the first corner too',
  );
  const [middle] = midpoints(corners.slice(0, 2));
  assert.deepEqual(boundaryOf([middle!.at])[0]![0], [120.151, 30.27]);
  assert.equal(midpoints(corners.slice(0, 2)).length, 1);
  assert.deepEqual(midpoints([]), []);
  const added = insertCorner(corners, 4, midpoints(corners)[3]!.at);
  assert.deepEqual(boundaryOf(added)[0]!.at(-2), [120.15, 30.271]);
  const moved = moveCorner(added, 0, [30.2695, 120.1495]);
  assert.deepEqual(boundaryOf(moved)[0]![0], [120.1495, 30.2695]);
  assert.deepEqual(boundaryOf(moved)[0]!.at(-1), [120.1495, 30.2695], 'closed');
  assert.equal(removeCorner(moved, 2).length, 4);
  assert.equal(removeCorner(corners.slice(0, 3), 0).length, 3, 'never fewer than three');
  assert.deepEqual(boundaryOf([[30.123456789, 120.987654321]])[0]![0], [120.9876543, 30.1234568], 'seven decimals');
  const holed: GridPolygon = [square[0]!, square[0]!];
  assert.deepEqual(boundaryOf(cornersOf(holed), holed.slice(1)), holed, 'inner rings kept');
});

test('one grid is checked as a feature of the import is: closed rings, three points, ids once in the community', () => {
  const taken = new Map([['lj-3-1', '临江第二网格']]);
  const open: GridPolygon = [square[0]!.slice(0, 4)];
  const flat: GridPolygon = [
    [
      [120.15, 30.27],
      [120.152, 30.27],
      [120.15, 30.27],
      [120.15, 30.27],
    ],
  ];
  assert.deepEqual(
    gridProblems(
      {
        boundary: [...open, ...flat],
        addresses: [
          { id: 'lj-3-1', label: '3号楼1单元' },
          { id: 'lj-1-1', label: '1号楼1单元' },
          { id: 'lj-1-1', label: '重复' },
        ],
      },
      { boundary: '/boundary', addresses: '/addresses' },
      taken,
    ),
    [
      { path: '/boundary/0', message: 'a ring must end where it starts' },
      { path: '/boundary/1', message: 'a ring needs three different points' },
      { path: '/addresses/0/id', message: 'lj-3-1 is already listed in 临江第二网格' },
      { path: '/addresses/2/id', message: 'lj-1-1 is listed twice' },
    ],
  );
  assert.equal(taken.get('lj-1-1'), '', "this grid's ids are taken for the next");
  assert.deepEqual(basemapBoundsProblems({ south: 30.3, west: 120.2, north: 30.2, east: 120.1 }), [
    { path: '/north', message: 'must be north of south' },
    { path: '/east', message: 'must be east of west' },
  ]);
  assert.deepEqual(basemapBoundsProblems({ south: 30.2, west: 120.1, north: 30.3, east: 120.2 }), []);
});

test("a grid file's and a grid form's problems are named by feature and field, in each language", () => {
  const zh = GRID_MAP_WORDS['zh-Hans'];
  assert.equal(gridPlace(zh, 'features/0/properties/code'), '第 1 个要素 · 网格代码');
  assert.equal(gridPlace(zh, 'features/1/geometry/coordinates/0'), '第 2 个要素 · 外边界');
  assert.equal(gridPlace(zh, 'features/1/geometry/coordinates/0/3/1'), '第 2 个要素 · 外边界 · 第 4 个点 · 纬度');
  assert.equal(gridPlace(zh, 'features/2/properties/addresses/4/id'), '第 3 个要素 · 地址第 5 行 · 编号');
  assert.equal(gridPlace(zh, 'features/0/geometry/type'), '第 1 个要素 · 类型');
  assert.equal(gridPlace(zh, 'boundary/1'), '第 1 个内边界');
  assert.equal(gridPlace(zh, 'addresses/0/label'), '地址第 1 行 · 名称');
  assert.equal(gridPlace(zh, 'constructor'), 'constructor');
  assert.equal(gridPlace(GRID_MAP_WORDS['zh-Hant'], 'features/0/properties/code'), '第 1 個要素 · 網格代碼');
  assert.equal(
    gridPlace(GRID_MAP_WORDS.en, 'features/0/geometry/coordinates/0/2/0'),
    'Feature 1 · Outer boundary · point 3 · longitude',
  );

  // The server's messages reach the page through the admin UI's field problems untouched, then in words.
  const t = ADMIN_STRINGS['zh-Hans'];
  const error = new LinliError('IMPORT_INVALID', 'x', [
    { path: '/features/0/properties/code', message: 'no grid 330188001001009' },
    { path: '/features/1/geometry/coordinates/0', message: 'a ring must end where it starts' },
    { path: '/features/1/properties/addresses/1/id', message: 'lj-1-1 is already listed in 临江第一网格' },
    { path: '/features/1/properties/addresses/2/id', message: 'lj-1-2 is listed twice' },
    { path: '/features/2/geometry/coordinates/0/1/1', message: 'must be <= 90' },
  ]);
  assert.deepEqual(
    fieldProblems(t, error).map(
      (problem) => `${gridPlace(zh, problem.path)}：${gridProblem(zh, problem.problem) ?? problem.problem}`,
    ),
    [
      '第 1 个要素 · 网格代码：没有代码为 330188001001009 的网格',
      '第 2 个要素 · 外边界：首尾两点不同，边界没有闭合',
      '第 2 个要素 · 地址第 2 行 · 编号：编号 lj-1-1 已在「临江第一网格」中使用',
      '第 2 个要素 · 地址第 3 行 · 编号：编号 lj-1-2 重复',
      `第 3 个要素 · 外边界 · 第 2 个点 · 纬度：${fieldProblems(t, new LinliError('VALIDATION_FAILED', 'x', [{ path: '/x', message: 'must be <= 90' }]))[0]!.problem}`,
    ],
  );
  for (const locale of ['zh-Hans', 'zh-Hant', 'en'] as const)
    for (const message of [
      'a ring must end where it starts',
      'a ring needs three different points',
      'must be north of south',
      'must be east of west',
      'a-1 is listed twice',
      'a-1 is already listed in 一网格',
      'no grid 330188001001001',
    ])
      assert.ok(gridProblem(GRID_MAP_WORDS[locale], message), `${locale}: ${message}`);
  assert.equal(gridProblem(zh, 'must be number'), undefined);

  assert.equal(actionWords(t, 'grid.update'), '修改网格');
  assert.equal(actionWords(t, 'basemap.upload'), '上传底图');
  assert.equal(actionWords(ADMIN_STRINGS.en, 'basemap.delete'), 'Delete basemap');
});
