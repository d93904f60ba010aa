import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  LAYOUT_PRESETS,
  LinliError,
  ORIENTATIONS,
  SIGNAGE_GRID,
  layoutProblems,
  parseSignageSchedule,
  presetLayout,
  signageScheduleErrors,
} from '@linli/protocol';
import { entry, fullLayout, image, schedule } from './fixtures';

const paths = (value: unknown) => signageScheduleErrors(value).map((detail) => detail.path);

test('every preset in both orientations is a valid layout that fills the whole grid', () => {
  for (const preset of LAYOUT_PRESETS) {
    for (const orientation of ORIENTATIONS) {
      const layout = presetLayout(preset, orientation, `${preset}-${orientation}`);
      assert.deepEqual(layoutProblems(layout), [], `${preset} ${orientation}`);
      const cells = layout.zones.reduce((sum, zone) => sum + zone.w * zone.h, 0);
      assert.equal(cells, SIGNAGE_GRID * SIGNAGE_GRID, `${preset} ${orientation} leaves no gap`);
      assert.deepEqual(signageScheduleErrors({ ...schedule(), layouts: [{ ...layout, id: 'default' }] }), []);
    }
  }
  // Portrait stacks the side zone under the main one instead of a thin column.
  const portrait = presetLayout('main-side', 'portrait', 'p');
  assert.deepEqual(
    portrait.zones.map(({ id, x, y, w, h }) => [id, x, y, w, h]),
    [
      ['main', 0, 0, 12, 8],
      ['side', 0, 8, 12, 4],
    ],
  );
});

test('zones outside the canvas, overlapping or with a reused id are named by field', () => {
  const layout = presetLayout('main-side', 'landscape', 'x');
  layout.zones[1] = { ...layout.zones[1]!, x: 8, w: 5 };
  assert.deepEqual(layoutProblems(layout), [
    { path: '/zones/1/w', message: 'zone "side" reaches past the right edge of the grid' },
    { path: '/zones/1', message: 'zone "side" overlaps zone "main"' },
  ]);
  const twice = presetLayout('grid-2x2', 'landscape', 'y');
  twice.zones[3] = { ...twice.zones[3]!, id: 'top-left', h: 7 };
  assert.deepEqual(
    layoutProblems(twice).map((problem) => problem.path),
    ['/zones/3/id', '/zones/3/h'],
  );
  // Touching edges are not an overlap.
  assert.deepEqual(layoutProblems(presetLayout('main-side-ticker', 'portrait', 'z')), []);
});

test('a layout needs at least one zone, and grid cells are whole numbers inside the grid', () => {
  assert.ok(
    paths({ ...schedule(), layouts: [{ id: 'default', orientation: 'landscape', zones: [] }] }).includes(
      '/layouts/0/zones',
    ),
  );
  const bad = fullLayout('default');
  bad.zones[0] = { ...bad.zones[0]!, x: 12, w: 0 };
  assert.deepEqual(paths({ ...schedule(), layouts: [bad] }).sort(), ['/layouts/0/zones/0/w', '/layouts/0/zones/0/x']);
});

test('items must have a positive duration, a known kind and a http(s) url; ids are unique per playlist', () => {
  const layout = fullLayout('default', [
    image('a', 0),
    { id: 'w', kind: 'web', url: 'javascript:alert(1)', durationSec: 5 },
    image('a'),
    image('v', 5, { validFrom: '2026-05-02T00:00:00Z', validUntil: '2026-05-01T00:00:00Z' }),
  ] as never);
  const schemaPaths = paths({ ...schedule(), layouts: [layout] });
  assert.ok(schemaPaths.includes('/layouts/0/zones/0/playlist/0/durationSec'), schemaPaths.join());
  assert.ok(
    schemaPaths.some((path) => path.startsWith('/layouts/0/zones/0/playlist/1')),
    schemaPaths.join(),
  );
  layout.zones[0]!.playlist.splice(0, 2);
  assert.deepEqual(signageScheduleErrors({ ...schedule(), layouts: [layout] }), [
    { path: '/layouts/0/zones/0/playlist/1/validUntil', message: 'must be after validFrom' },
  ]);
  layout.zones[0]!.playlist.push(image('a'));
  assert.deepEqual(paths({ ...schedule(), layouts: [layout] }), [
    '/layouts/0/zones/0/playlist/1/validUntil',
    '/layouts/0/zones/0/playlist/2/id',
  ]);
});

test('every item kind the player knows passes the schema', () => {
  const media = { sha256: 'b'.repeat(64), bytes: 1, mime: 'video/mp4', name: 'v.mp4' };
  const layout = fullLayout('default', [
    image('image'),
    { id: 'video', kind: 'video', media, lengthSec: 12.5 },
    { id: 'video-cut', kind: 'video', media, lengthSec: 120, durationSec: 30, transition: 'fade' },
    { id: 'notice', kind: 'notice', noticeId: 'N-2026-001', durationSec: 20 },
    { id: 'web', kind: 'web', url: 'https://example.org/board', durationSec: 30 },
    { id: 'pdf', kind: 'pdf', media, pageCount: 3, pageSec: 8 },
    { id: 'clock', kind: 'clock', show: 'date-time', durationSec: 10 },
    { id: 'text', kind: 'text', text: '今日办理业务：社保、医保', durationSec: 10 },
    {
      id: 'ticker',
      kind: 'ticker',
      text: '停水通知：明日 9:00–12:00',
      durationSec: 60,
      validUntil: '2026-06-01T00:00:00+08:00',
    },
    { id: 'calls', kind: 'queue-calls', hallId: 3, durationSec: 60, announce: true },
  ]);
  assert.deepEqual(signageScheduleErrors({ ...schedule(), layouts: [layout] }), []);
});

test('a calling display names a hall by its id and says whether it announces calls', () => {
  const calls = (item: object) =>
    paths({
      ...schedule(),
      layouts: [fullLayout('default', [{ id: 'calls', kind: 'queue-calls', ...item }] as never)],
    });
  assert.deepEqual(calls({ hallId: 3, durationSec: 60, announce: false }), []);
  assert.ok(calls({ hallId: 0, durationSec: 60, announce: true }).includes('/layouts/0/zones/0/playlist/0/hallId'));
  assert.ok(calls({ hallId: 3, durationSec: 60 }).length > 0, 'announce is said, on or off');
  assert.ok(calls({ hallId: '3', durationSec: 60, announce: true }).length > 0, 'the id is a number');
});

test('schedule references, ranges, windows and the time zone are checked', () => {
  const value = schedule({
    timeZone: 'Mars/Olympus_Mons',
    layouts: [fullLayout('news')],
    dayparts: [{ id: 'morning', name: '早间', from: '06:00', to: '06:00' }],
    entries: [
      entry('a', 'missing'),
      entry('a', 'news', { startDate: '2026-05-02', endDate: '2026-05-01' }),
      entry('c', 'news', { window: { from: '08:00', to: '08:00' }, dayparts: ['evening'] }),
    ],
    operatingHours: [{ weekdays: [1, 2, 3, 4, 5], from: '07:00', to: '07:00' }],
  });
  assert.deepEqual(paths(value), [
    '/timeZone',
    '/dayparts/0/to',
    '/entries/0/layoutId',
    '/entries/1/id',
    '/entries/1/endDate',
    '/entries/2/dayparts',
    '/entries/2/window/to',
    '/entries/2/dayparts/0',
    '/operatingHours/0/to',
  ]);
});

test('layouts of a schedule share the default layout orientation', () => {
  const value = schedule({ layouts: [presetLayout('full', 'portrait', 'tall')] });
  assert.deepEqual(signageScheduleErrors(value), [
    { path: '/layouts/1/orientation', message: 'layout "tall" is portrait but the default layout is landscape' },
  ]);
});

test('parseSignageSchedule returns a good schedule and throws VALIDATION_FAILED naming every bad field', () => {
  const good = schedule({ layouts: [fullLayout('news')], entries: [entry('e', 'news', { weekdays: [1, 7] })] });
  assert.equal(parseSignageSchedule(good), good);
  assert.throws(
    () => parseSignageSchedule({ ...good, defaultLayoutId: 'nope', entries: [entry('e', 'news', { weekdays: [0] })] }),
    (error: unknown) => {
      assert.ok(error instanceof LinliError);
      assert.equal(error.code, 'VALIDATION_FAILED');
      assert.equal(error.status, 400);
      assert.deepEqual(
        error.details?.map((detail) => detail.path),
        ['/entries/0/weekdays/0'],
      );
      return true;
    },
  );
  assert.throws(
    () => parseSignageSchedule({ ...good, defaultLayoutId: 'nope' }),
    /Signage schedule: \/defaultLayoutId: no layout "nope"/,
  );
});
