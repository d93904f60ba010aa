/**
 * Grids on the map: a community's boundaries and address lists imported as GeoJSON (all or
 * nothing, each mistake named by feature), read with their staff and open cases; a kiosk offers
 * its community's addresses; a case is placed in its grid by the address picked or its position.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  PROTOCOL_VERSION,
  PROTOCOL_VERSION_HEADER,
  deviceAuthorization,
  type CaseAddresses,
  type CaseList,
  type GridList,
} from '@linli/protocol';
import { startApp } from './app-harness';
import { backends } from './backends';

/** A square of `size` degrees with its south-west corner at (lon, lat), closed. */
const square = (lon: number, lat: number, size = 0.002) => [
  [
    [lon, lat],
    [lon + size, lat],
    [lon + size, lat + size],
    [lon, lat + size],
    [lon, lat],
  ],
];

test('grids are imported, drawn with their cases, offered to kiosks and place new cases', async (t) => {
  const { app, admin, root, call } = await startApp(t, await backends[0]!.open(t));
  const node = async (parentId: number, name: string, code: string) =>
    (await call(admin, 'POST', '/orgs', { parentId, name, code })).json() as { id: number };
  const anhe = await node(root.id, '安和街道', '330188001000');
  const linjiang = await node(anhe.id, '临江社区', '330188001001');
  const first = await node(linjiang.id, '临江第一网格', '330188001001001');
  const second = await node(linjiang.id, '临江第二网格', '330188001001002');
  await call(admin, 'POST', '/users', {
    username: 'wangli',
    displayName: '王丽',
    role: 'query-clerk',
    orgId: first.id,
    password: 'Linli2026grids',
    mustChangePassword: false,
  });
  const feature = (code: string, lon: number, addresses: { id: string; label: string }[]) => ({
    type: 'Feature',
    properties: { code, addresses },
    geometry: { type: 'Polygon', coordinates: square(lon, 30.27) },
  });
  const grids = {
    type: 'FeatureCollection',
    features: [
      feature('330188001001001', 120.15, [
        { id: 'lj-1-1', label: '1号楼1单元' },
        { id: 'lj-1-2', label: '1号楼2单元' },
      ]),
      feature('330188001001002', 120.152, [{ id: 'lj-3-1', label: '3号楼1单元' }]),
    ],
  };

  // Mistakes: named by feature; nothing is written.
  const broken = structuredClone(grids);
  broken.features[0]!.properties.code = '330188001001009';
  broken.features[1]!.geometry.coordinates[0]!.pop();
  broken.features[1]!.properties.addresses.push({ id: 'lj-1-1', label: '重复' });
  const refused = await call(admin, 'PUT', '/grids', broken);
  assert.equal(refused.json().error.code, 'IMPORT_INVALID');
  assert.deepEqual(
    (refused.json().error.details as { path: string }[]).map((detail) => detail.path),
    ['/features/0/properties/code', '/features/1/geometry/coordinates/0', '/features/1/properties/addresses/1/id'],
  );
  assert.equal(((await call(admin, 'GET', '/grids')).json() as GridList).grids.length, 0);

  assert.deepEqual((await call(admin, 'PUT', '/grids', grids)).json(), { grids: 2 });

  // A kiosk of the community offers the addresses; a case at one is placed in its grid.
  const code = (await call(admin, 'POST', '/enrollment-codes', { orgId: linjiang.id, validDays: 1, maxUses: 1 })).json()
    .code as string;
  const enrolled = (
    await app.inject({ method: 'POST', url: '/api/v1/devices/enroll', payload: { code, name: '临江社区一号机' } })
  ).json() as { deviceId: string; secret: string };
  const kiosk = {
    authorization: deviceAuthorization(enrolled.deviceId, enrolled.secret),
    [PROTOCOL_VERSION_HEADER]: String(PROTOCOL_VERSION),
  };
  const offered = (await app.inject({ url: '/api/v1/cases/addresses', headers: kiosk })).json() as CaseAddresses;
  assert.deepEqual(
    offered.addresses.map((address) => `${address.grid} ${address.label}`),
    ['临江第一网格 1号楼1单元', '临江第一网格 1号楼2单元', '临江第二网格 3号楼1单元'],
  );
  await app.inject({
    method: 'POST',
    url: '/api/v1/cases',
    headers: kiosk,
    payload: {
      nature: 'complaint',
      category: 'property/elevator',
      description: '电梯经常停运',
      location: { addressId: 'lj-3-1', text: '3号楼1单元' },
    },
  });
  // By position: inside the first grid's square.
  await call(admin, 'POST', '/cases', {
    channel: 'walk-in',
    orgId: linjiang.id,
    nature: 'report',
    category: 'safety/manhole',
    description: '井盖缺失',
    location: { lat: 30.271, long: 120.151 },
  });
  const placed = ((await call(admin, 'GET', '/cases')).json() as CaseList).cases.map((entry) => entry.grid?.name);
  assert.deepEqual(placed.sort(), ['临江第一网格', '临江第二网格']);

  const map = (await call(admin, 'GET', '/grids')).json() as GridList;
  assert.deepEqual(
    map.grids.map((grid) => [grid.name, grid.openCases, grid.staff.map((user) => user.displayName)]),
    [
      ['临江第一网格', 1, ['王丽']],
      ['临江第二网格', 1, []],
    ],
  );
  assert.equal(map.grids[0]!.boundary[0]!.length, 5);
  assert.equal(second.id, map.grids[1]!.orgId);
});
