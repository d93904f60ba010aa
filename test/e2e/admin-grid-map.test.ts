/**
 * 网格地图 in Chromium against a real admin server with the demo grids: the grids are drawn from
 * their boundaries with no map tiles fetched, an open case with a position is a point coloured by
 * its state, clicking a grid lists its staff and its cases, and the heat view replaces the points.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
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
