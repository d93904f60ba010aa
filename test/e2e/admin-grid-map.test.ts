/**
 * 网格地图 in Chromium against a real admin server with the demo grids: the grids are drawn from
 * their boundaries with no map tiles fetched, an open case with a position is a point coloured by
 * its state, clicking a grid lists its staff and its cases, and the heat view replaces the points.
 * Managing them: a GeoJSON file imported (a bad one's problems named by feature and field), a
 * grid's corner dragged and an address row renamed and saved, and a basemap image uploaded and
 * laid beneath the grids.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { GridList } from '@linli/protocol';
import sharp from 'sharp';
import { createUser, nodesByName } from '../../build/scripts/admin-api';
import { signInToAdmin } from './admin-sign-in';
import { seriousViolations } from './axe';
import { openAdminServer } from './admin-fixture';
import { launchChromium } from './browser';

const ADMIN_PASSWORD = 'Admin2026gridmap';

test(
  'the grid map draws the grids and their cases without tiles and lists a grid when clicked',
  { timeout: 120_000 },
  async (t) => {
    const { url, api } = await openAdminServer(t, ADMIN_PASSWORD);
    const nodes = await nodesByName(api);
    await createUser(api, {
      username: 'wangli',
      displayName: '王丽',
      role: 'query-clerk',
      orgId: nodes.get('临江第一网格')!.id,
      password: 'Grid2026worker',
    });
    const reported = await api('POST', '/cases', {
      channel: 'walk-in',
      orgId: nodes.get('临江社区')!.id,
      nature: 'report',
      category: 'safety/manhole',
      description: '1号楼北侧井盖缺失',
      location: { lat: 30.2715, long: 120.1515 },
    });
    assert.equal(reported.status, 201);

    const browser = await launchChromium();
    t.after(() => browser.close());
    const page = await signInToAdmin(browser, url, 'admin', ADMIN_PASSWORD);
    const outside: string[] = [];
    page.on('request', (request) => {
      if (!request.url().startsWith(url)) outside.push(request.url());
    });
    await page.getByRole('navigation', { name: '主菜单' }).getByRole('button', { name: '网格地图' }).click();
    await page.locator('path.grid-area').nth(1).waitFor();
    assert.equal(await page.locator('path.grid-area').count(), 2);
    await page.locator('path.case-point.case-new').waitFor();

    // Near its corner: the case's point sits at its middle.
    await page
      .locator('path.grid-area')
      .first()
      .click({ position: { x: 12, y: 12 } });
    const side = page.locator('.grid-map-side');
    await side.getByRole('heading', { name: '临江第一网格' }).waitFor();
    assert.match(await side.innerText(), /王丽/);
    assert.match(await side.innerText(), /1号楼北侧井盖缺失/);

    await page.getByRole('button', { name: '热力' }).click();
    await page.waitForFunction(() => document.querySelectorAll('path.case-point').length === 0);
    assert.deepEqual(outside, [], 'no map tiles or anything else from outside');
    assert.deepEqual(await seriousViolations(page, false), [], 'grid map');
  },
);

/** A square of 0.003° with its south-west corner at (lon, 30.27), closed. */
const square = (lon: number) => [
  [
    [lon, 30.27],
    [lon + 0.003, 30.27],
    [lon + 0.003, 30.273],
    [lon, 30.273],
    [lon, 30.27],
  ],
];

test(
  'grids are imported from a file, a corner and an address row edited and saved, and a basemap laid beneath them',
  { timeout: 180_000 },
  async (t) => {
    const { url, api } = await openAdminServer(t, ADMIN_PASSWORD);
    const demo = (await api('GET', '/grids')).json as GridList;
    const [first, second] = demo.grids;
    assert.deepEqual([first?.name, second?.name], ['临江第一网格', '临江第二网格']);

    const browser = await launchChromium();
    t.after(() => browser.close());
    const page = await signInToAdmin(browser, url, 'admin', ADMIN_PASSWORD);
    const outside: string[] = [];
    page.on('request', (request) => {
      if (!request.url().startsWith(url)) outside.push(request.url());
    });
    await page.getByRole('navigation', { name: '主菜单' }).getByRole('button', { name: '网格地图' }).click();
    await page.locator('path.grid-area').nth(1).waitFor();

    // A file with mistakes: each named by feature and field in Chinese, and nothing imported.
    const fileInput = page.locator('input[name=grid-geojson]');
    const feature = (code: string, lon: number, addresses: { id: string; label: string }[]) => ({
      type: 'Feature',
      properties: { code, addresses },
      geometry: { type: 'Polygon', coordinates: square(lon) },
    });
    const broken = {
      type: 'FeatureCollection',
      features: [
        feature('330188001001999', 120.15, []),
        {
          ...feature(second!.code, 120.153, [{ id: 'lj-4-1', label: '4号楼1单元' }]),
          geometry: { type: 'Polygon', coordinates: [square(120.153)[0]!.slice(0, 4)] },
        },
      ],
    };
    await fileInput.setInputFiles({
      name: '临江网格.geojson',
      mimeType: 'application/geo+json',
      buffer: Buffer.from(JSON.stringify(broken)),
    });
    const problems = page.locator('.grid-import-problems li');
    await problems.nth(1).waitFor();
    assert.deepEqual(await problems.allInnerTexts(), [
      '第 1 个要素 · 网格代码：没有代码为 330188001001999 的网格',
      '第 2 个要素 · 外边界：首尾两点不同，边界没有闭合',
    ]);
    const good = {
      type: 'FeatureCollection',
      features: [
        feature(first!.code, 120.15, [
          { id: 'lj-1-1', label: '1号楼1单元' },
          { id: 'lj-1-2', label: '1号楼2单元' },
        ]),
        feature(second!.code, 120.153, [{ id: 'lj-4-1', label: '4号楼1单元' }]),
      ],
    };
    await fileInput.setInputFiles({
      name: '临江网格.geojson',
      mimeType: 'application/geo+json',
      buffer: Buffer.from(JSON.stringify(good)),
    });
    await page.getByRole('status').filter({ hasText: '已导入 2 个网格' }).waitFor();

    // The first grid's south-west corner dragged out, its second address renamed, saved.
    await page
      .locator('path.grid-area')
      .first()
      .click({ position: { x: 12, y: 12 } });
    const side = page.locator('.grid-map-side');
    await side.getByRole('heading', { name: '临江第一网格' }).waitFor();
    await side.getByRole('button', { name: '编辑边界和地址' }).click();
    await page.locator('.grid-vertex').nth(3).waitFor();
    assert.equal(await page.locator('.grid-vertex').count(), 4);
    assert.equal(await page.locator('.grid-midpoint').count(), 4);
    assert.equal(await page.locator('path.grid-area').count(), 1, 'the grid edited is drawn by the editor');
    const corner = (await page.locator('.grid-vertex').first().boundingBox())!;
    const [x, y] = [corner.x + corner.width / 2, corner.y + corner.height / 2];
    await page.mouse.move(x, y);
    await page.mouse.down();
    await page.mouse.move(x - 40, y + 30, { steps: 8 });
    await page.mouse.up();
    await page.locator('.grid-vertex.selected').waitFor();
    await side.locator('input[name=address-1-label]').fill('1号楼二单元');
    await side.getByRole('button', { name: '保存' }).click();
    await page.getByRole('status').filter({ hasText: '已保存「临江第一网格」' }).waitFor();
    await page.locator('path.grid-area').nth(1).waitFor();
    const saved = ((await api('GET', '/grids')).json as GridList).grids.find((grid) => grid.orgId === first!.orgId)!;
    const [lon, lat] = saved.boundary[0]![0]!;
    assert.ok(lon < 120.15 && lat < 30.27, `the corner moved south-west: ${lon}, ${lat}`);
    assert.deepEqual(saved.boundary[0]!.at(-1), saved.boundary[0]![0], 'the ring stays closed');
    assert.deepEqual(saved.addresses, [
      { id: 'lj-1-1', label: '1号楼1单元' },
      { id: 'lj-1-2', label: '1号楼二单元' },
    ]);
    assert.equal(saved.version, 3, 'demo import, file import, this save');

    // A basemap: uploaded with its bounds, drawn in its own pane beneath the grids' pane, its opacity chosen.
    const tools = page.locator('.basemap-panel');
    for (const [side, value] of Object.entries({ south: 30.268, west: 120.148, north: 30.276, east: 120.158 }))
      await tools.locator(`input[name=basemap-${side}]`).fill(String(value));
    const image = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#cfe3c8' } })
      .png()
      .toBuffer();
    await tools
      .locator('input[name=basemap-image]')
      .setInputFiles({ name: '安和区底图.png', mimeType: 'image/png', buffer: image });
    await tools.getByRole('button', { name: '上传底图' }).click();
    await page.getByRole('status').filter({ hasText: '底图已上传' }).waitFor();
    await page.waitForFunction(() => {
      const img = document.querySelector<HTMLImageElement>('.leaflet-basemap-pane img.basemap-overlay');
      return img !== null && img.complete && img.naturalWidth === 64;
    });
    // (No named functions inside: the test runner's transform would name them with a helper the page lacks.)
    const panes = await page.evaluate(() => {
      const img = document.querySelector('img.basemap-overlay')!;
      return {
        image: Number(getComputedStyle(img.closest('.leaflet-pane')!).zIndex),
        grids: Number(getComputedStyle(document.querySelector('path.grid-area')!.closest('.leaflet-pane')!).zIndex),
        alt: img.getAttribute('alt'),
      };
    });
    assert.ok(panes.image < panes.grids, `the basemap (${panes.image}) lies beneath the grids (${panes.grids})`);
    assert.equal(panes.alt, '底图');
    assert.match(await tools.innerText(), /底图：临江市安和区/);
    await tools.locator('input[name=basemap-opacity]').fill('40');
    await page.waitForFunction(
      () => document.querySelector<HTMLImageElement>('img.basemap-overlay')?.style.opacity === '0.4',
    );
    await tools.getByRole('button', { name: '替换底图' }).waitFor();
    await tools.getByRole('button', { name: '删除底图' }).waitFor();
    assert.deepEqual(outside, [], 'nothing from outside');
    assert.deepEqual(await seriousViolations(page, false), [], 'grid map with its tools');

    // Without org.manage the map is read only: the basemap and its opacity, no tools to change anything.
    const nodes = await nodesByName(api);
    await createUser(api, {
      username: 'zhaomin',
      displayName: '赵敏',
      role: 'query-clerk',
      orgId: nodes.get('临江社区')!.id,
      password: 'Grid2026clerk',
    });
    const clerk = await signInToAdmin(browser, url, 'zhaomin', 'Grid2026clerk');
    await clerk.getByRole('navigation', { name: '主菜单' }).getByRole('button', { name: '网格地图' }).click();
    await clerk.locator('input[name=basemap-opacity]').waitFor();
    await clerk.locator('path.grid-area').nth(1).waitFor();
    // In its middle: its south-west corner was moved, so the box's corner lies outside it.
    await clerk.locator('path.grid-area').first().click();
    await clerk.locator('.grid-map-side').getByRole('heading', { name: '临江第一网格' }).waitFor();
    assert.equal(await clerk.getByRole('button', { name: '编辑边界和地址' }).count(), 0);
    assert.equal(await clerk.locator('input[name=grid-geojson], input[name=basemap-image]').count(), 0);
  },
);
