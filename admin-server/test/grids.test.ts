/**
 * Grids on the map: a community's boundaries and address lists imported as GeoJSON (all or
 * nothing, each mistake named by feature), read with their staff and open cases; a kiosk offers
 * its community's addresses; a case is placed in its grid by the address picked or its position.
 * One grid saved from the map's editor: the import's checks, org.manage over the grid before the
 * body is read, If-Match, audited. Basemaps: uploaded by content, bounds checked, the nearest on a
 * user's path, replaced and removed. On both backends.
 */
import { describe, test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import {
  PROTOCOL_VERSION,
  PROTOCOL_VERSION_HEADER,
  deviceAuthorization,
  type AuditPage,
  type BasemapReply,
  type BasemapView,
  type CaseAddresses,
  type CaseList,
  type GridList,
  type GridView,
} from '@linli/protocol';
import sharp from 'sharp';
import { startApp, type AdminHeaders } from './app-harness';
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

const PASSWORD = 'Linli2026grids';

for (const backend of backends) {
  describe(backend.name, { skip: backend.skip }, () => {
    test('grids are imported, drawn with their cases, offered to kiosks and place new cases', (t) =>
      importedAndPlaced(t, backend));
    test('one grid is saved from the editor with the import checks, by org.manage over it, on its version', (t) =>
      oneGridSaved(t, backend));
    test('a basemap is uploaded by content and bounds, seen down the tree, replaced and removed', (t) =>
      basemapsLaid(t, backend));
  });
}

async function importedAndPlaced(t: TestContext, backend: (typeof backends)[number]) {
  const { app, admin, root, call } = await startApp(t, await backend.open(t));
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
  assert.deepEqual(map.withoutBoundary, []);
}

/** 安和街道 › 临江社区 › three grids (the first two imported), 江滨街道; a street admin and a community operator. */
async function community(t: TestContext, backend: (typeof backends)[number]) {
  const started = await startApp(t, await backend.open(t));
  const { admin, root, call, signInAs } = started;
  const node = async (parentId: number, name: string, code: string) =>
    (await call(admin, 'POST', '/orgs', { parentId, name, code })).json() as { id: number };
  const anhe = await node(root.id, '安和街道', '330188001000');
  const jiangbin = await node(root.id, '江滨街道', '330188002000');
  const linjiang = await node(anhe.id, '临江社区', '330188001001');
  const grids = [
    await node(linjiang.id, '临江第一网格', '330188001001001'),
    await node(linjiang.id, '临江第二网格', '330188001001002'),
    await node(linjiang.id, '临江第三网格', '330188001001003'),
  ];
  const user = async (username: string, role: string, orgId: number) => {
    const reply = await call(admin, 'POST', '/users', {
      username,
      displayName: username,
      role,
      orgId,
      password: PASSWORD,
      mustChangePassword: false,
    });
    assert.equal(reply.statusCode, 201, reply.body);
    return signInAs(username, PASSWORD);
  };
  const streetAdmin = await user('anhe.admin', 'street-admin', anhe.id);
  const operator = await user('linjiang.op', 'community-operator', linjiang.id);
  const otherStreet = await user('jiangbin.admin', 'street-admin', jiangbin.id);
  const feature = (code: string, lon: number, addresses: { id: string; label: string }[]) => ({
    type: 'Feature',
    properties: { code, addresses },
    geometry: { type: 'Polygon', coordinates: square(lon, 30.27) },
  });
  const imported = await call(admin, 'PUT', '/grids', {
    type: 'FeatureCollection',
    features: [
      feature('330188001001001', 120.15, [
        { id: 'lj-1-1', label: '1号楼1单元' },
        { id: 'lj-1-2', label: '1号楼2单元' },
      ]),
      feature('330188001001002', 120.152, [{ id: 'lj-3-1', label: '3号楼1单元' }]),
    ],
  });
  assert.equal(imported.statusCode, 200, imported.body);
  return { ...started, anhe, jiangbin, linjiang, grids, streetAdmin, operator, otherStreet, feature };
}

async function oneGridSaved(t: TestContext, backend: (typeof backends)[number]) {
  const { admin, call, grids, anhe, linjiang, streetAdmin, operator, otherStreet, feature } = await community(
    t,
    backend,
  );
  const [first, second, third] = grids as [{ id: number }, { id: number }, { id: number }];
  const map = async (as: AdminHeaders = admin) => (await call(as, 'GET', '/grids')).json() as GridList;
  const gridOf = async (id: number) => (await map()).grids.find((grid) => grid.orgId === id);
  const before = (await gridOf(first.id))!;
  assert.equal(before.version, 1);
  assert.deepEqual(
    (await map()).withoutBoundary.map((grid) => grid.name),
    ['临江第三网格'],
  );

  // A vertex dragged and a row renamed and added: saved on version 1.
  const ring = structuredClone(before.boundary);
  ring[0]![2] = [120.1525, 30.2725];
  const edit = {
    boundary: ring,
    addresses: [
      { id: 'lj-1-1', label: '1号楼一单元' },
      { id: 'lj-1-2', label: '1号楼2单元' },
      { id: 'lj-2-1', label: '2号楼1单元' },
    ],
  };
  const saved = await call(streetAdmin, 'PUT', `/grids/${first.id}`, edit, 1);
  assert.equal(saved.statusCode, 200, saved.body);
  assert.equal(saved.headers.etag, '"2"');
  const view = saved.json() as GridView;
  assert.deepEqual([view.version, view.boundary, view.addresses], [2, ring, edit.addresses]);
  assert.deepEqual((await gridOf(first.id))!.boundary[0]![2], [120.1525, 30.2725]);
  const trail = (await call(admin, 'GET', '/audit?action=grid.update')).json() as AuditPage;
  assert.deepEqual(
    trail.entries.map((entry) => [entry.actor, entry.outcome, entry.targetId]),
    [['anhe.admin', 'ok', String(first.id)]],
  );
  assert.deepEqual((trail.entries[0]!.after as { addresses: string[] }).addresses, [
    'lj-1-1 1号楼一单元',
    'lj-1-2 1号楼2单元',
    'lj-2-1 2号楼1单元',
  ]);

  // Each refusal leaves the grid as it was (version 2).
  const refused = async (
    as: AdminHeaders,
    id: number,
    body: object,
    version: number | undefined,
    status: number,
    code: string,
  ) => {
    const reply = await call(as, 'PUT', `/grids/${id}`, body, version);
    assert.equal(reply.statusCode, status, reply.body);
    const error = reply.json().error as { code: string; details?: { path: string; message: string }[] };
    assert.equal(error.code, code);
    const now = await gridOf(first.id);
    assert.deepEqual([now!.version, now!.addresses], [2, edit.addresses]);
    return error.details ?? [];
  };
  await refused(streetAdmin, first.id, edit, 1, 409, 'EDIT_CONFLICT');
  await refused(streetAdmin, first.id, edit, undefined, 428, 'VERSION_REQUIRED');
  const open = structuredClone(ring);
  open[0]!.pop();
  assert.deepEqual(
    (await refused(streetAdmin, first.id, { ...edit, boundary: open }, 2, 400, 'VALIDATION_FAILED')).map(
      (detail) => detail.path,
    ),
    ['/boundary/0'],
  );
  const offEarth = structuredClone(ring);
  offEarth[0]![1] = [120.152, 95];
  assert.deepEqual(
    (await refused(streetAdmin, first.id, { ...edit, boundary: offEarth }, 2, 400, 'VALIDATION_FAILED')).map(
      (detail) => detail.path,
    ),
    ['/boundary/0/1/1'],
  );
  const duplicates = await refused(
    streetAdmin,
    first.id,
    {
      ...edit,
      addresses: [
        { id: 'lj-3-1', label: '借用第二网格的编号' },
        { id: 'lj-1-1', label: '1号楼一单元' },
        { id: 'lj-1-1', label: '重复' },
      ],
    },
    2,
    400,
    'VALIDATION_FAILED',
  );
  assert.deepEqual(duplicates, [
    { path: '/addresses/0/id', message: 'lj-3-1 is already listed in 临江第二网格' },
    { path: '/addresses/2/id', message: 'lj-1-1 is listed twice' },
  ]);

  // Without org.manage over the grid: refused and audited before the body is read (it is not even a GridEdit).
  await refused(operator, first.id, { nonsense: true }, 2, 403, 'FORBIDDEN');
  await refused(otherStreet, first.id, edit, 2, 403, 'FORBIDDEN');
  const denied = (await call(admin, 'GET', '/audit?action=grid.update&outcome=denied')).json() as AuditPage;
  assert.deepEqual(denied.entries.map((entry) => entry.actor).sort(), ['jiangbin.admin', 'linjiang.op']);
  // No such grid, or a node that is not one.
  await refused(streetAdmin, 999_999, edit, 0, 404, 'NOT_FOUND');
  await refused(streetAdmin, linjiang.id, edit, 0, 404, 'NOT_FOUND');
  await refused(streetAdmin, anhe.id, edit, 0, 404, 'NOT_FOUND');

  // A grid with no boundary yet is drawn on version 0.
  const drawn = await call(
    streetAdmin,
    'PUT',
    `/grids/${third.id}`,
    { boundary: square(120.154, 30.27), addresses: [] },
    0,
  );
  assert.equal(drawn.statusCode, 200, drawn.body);
  assert.equal((drawn.json() as GridView).version, 1);
  assert.deepEqual((await map()).withoutBoundary, []);
  assert.equal(
    (await call(streetAdmin, 'PUT', `/grids/${third.id}`, { boundary: square(120.154, 30.27), addresses: [] }, 0))
      .statusCode,
    409,
  );

  // An import moves the version on, and checks ids against the community's grids it leaves alone.
  const clash = await call(admin, 'PUT', '/grids', {
    type: 'FeatureCollection',
    features: [feature('330188001001003', 120.154, [{ id: 'lj-2-1', label: '2号楼1单元' }])],
  });
  assert.equal(clash.json().error.code, 'IMPORT_INVALID');
  assert.deepEqual(clash.json().error.details, [
    { path: '/features/0/properties/addresses/0/id', message: 'lj-2-1 is already listed in 临江第一网格' },
  ]);
  const again = await call(admin, 'PUT', '/grids', {
    type: 'FeatureCollection',
    features: [feature('330188001001002', 120.152, [{ id: 'lj-3-1', label: '3号楼1单元' }])],
  });
  assert.equal(again.statusCode, 200, again.body);
  assert.deepEqual(
    (await map()).grids.map((grid) => [grid.name, grid.version]),
    [
      ['临江第一网格', 2],
      ['临江第二网格', 2],
      ['临江第三网格', 1],
    ],
  );
  assert.equal(second.id, (await gridOf(second.id))!.orgId);
}

const png = (colour: string) =>
  sharp({ create: { width: 16, height: 12, channels: 3, background: colour } })
    .png()
    .toBuffer();

async function basemapsLaid(t: TestContext, backend: (typeof backends)[number]) {
  const { app, admin, root, call, services, anhe, linjiang, streetAdmin, operator, otherStreet } = await community(
    t,
    backend,
  );
  const bounds = { south: 30.268, west: 120.148, north: 30.276, east: 120.158 };
  const put = (
    as: AdminHeaders,
    orgId: number,
    body: Buffer | string,
    query: Record<string, unknown>,
    type = 'image/png',
  ) =>
    app.inject({
      method: 'PUT',
      url: `/api/v1/admin/basemaps/${orgId}?${new URLSearchParams(Object.entries(query).map(([k, v]) => [k, String(v)]))}`,
      headers: { ...as, 'content-type': type },
      payload: body,
    });
  const seen = async (as: AdminHeaders) => ((await call(as, 'GET', '/basemap')).json() as BasemapReply).basemap;
  const code = async (reply: { json(): unknown }) => (reply.json() as { error: { code: string } }).error.code;
  const stored = async (sha256: string) => (await services.media.blobs.localFile(sha256)) !== undefined;

  // Refused: nothing is laid.
  const blue = await png('#1557b0');
  const gif = Buffer.concat([Buffer.from('GIF89a'), Buffer.alloc(64)]);
  assert.equal(await code(await put(streetAdmin, anhe.id, gif, bounds)), 'MEDIA_TYPE_UNSUPPORTED');
  const huge = Buffer.concat([blue, Buffer.alloc(20 * 1024 * 1024)]);
  const tooBig = await put(streetAdmin, anhe.id, huge, bounds, 'application/octet-stream');
  assert.deepEqual([tooBig.statusCode, await code(tooBig)], [413, 'MEDIA_TOO_LARGE']);
  const crossed = await put(streetAdmin, anhe.id, blue, { ...bounds, north: 30.26 });
  assert.deepEqual(
    [crossed.statusCode, (crossed.json() as { error: { details: { path: string }[] } }).error.details],
    [400, [{ path: '/north', message: 'must be north of south' }]],
  );
  const offEarth = await put(streetAdmin, anhe.id, blue, { ...bounds, south: -91 });
  assert.equal(await code(offEarth), 'VALIDATION_FAILED');
  assert.equal(await code(await put(streetAdmin, anhe.id, blue, { south: 30.268 })), 'VALIDATION_FAILED');
  const forbidden = await put(operator, linjiang.id, blue, bounds);
  assert.deepEqual([forbidden.statusCode, await code(forbidden)], [403, 'FORBIDDEN']);
  assert.equal(await code(await put(otherStreet, anhe.id, blue, bounds)), 'FORBIDDEN');
  assert.equal(await seen(streetAdmin), null);
  const denied = (await call(admin, 'GET', '/audit?action=basemap.upload&outcome=denied')).json() as AuditPage;
  assert.deepEqual(denied.entries.map((entry) => entry.actor).sort(), ['jiangbin.admin', 'linjiang.op']);

  // The district's basemap and the street's: each user's map lies on the nearest above them.
  const district = await put(admin, root.id, await png('#888888'), {
    south: 30.2,
    west: 120.1,
    north: 30.3,
    east: 120.2,
  });
  assert.equal(district.statusCode, 200, district.body);
  const laid = await put(streetAdmin, anhe.id, blue, bounds);
  assert.equal(laid.statusCode, 200, laid.body);
  const street = laid.json() as BasemapView;
  assert.deepEqual(
    [street.orgName, street.mime, street.bounds, street.uploadedBy],
    ['安和街道', 'image/png', bounds, 'anhe.admin'],
  );
  assert.equal((await seen(operator))?.orgName, '安和街道');
  assert.equal((await seen(streetAdmin))?.orgName, '安和街道');
  assert.equal((await seen(otherStreet))?.orgName, '临江市安和区');
  assert.equal((await seen(admin))?.orgName, '临江市安和区');

  // The image: to those who may read the node, as stored.
  const image = await app.inject({ url: `/api/v1/admin/basemaps/${anhe.id}/image`, headers: operator });
  assert.deepEqual([image.statusCode, image.headers['content-type']], [200, 'image/png']);
  assert.deepEqual(image.rawPayload, blue);
  assert.equal(
    (await app.inject({ url: `/api/v1/admin/basemaps/${anhe.id}/image`, headers: otherStreet })).statusCode,
    404,
  );
  assert.equal(
    (await app.inject({ url: `/api/v1/admin/basemaps/${linjiang.id}/image`, headers: operator })).statusCode,
    404,
  );

  // Replaced by a JPEG: the old file goes when nothing else names it.
  const jpeg = await sharp({ create: { width: 16, height: 12, channels: 3, background: '#1a7f37' } })
    .jpeg()
    .toBuffer();
  const replaced = await put(streetAdmin, anhe.id, jpeg, bounds, 'image/png');
  assert.equal(replaced.statusCode, 200, replaced.body);
  assert.equal((replaced.json() as BasemapView).mime, 'image/jpeg', 'told by its bytes, not the header');
  assert.equal((await seen(operator))?.sha256, (replaced.json() as BasemapView).sha256);
  assert.equal(await stored(street.sha256), false);
  assert.equal(await stored((replaced.json() as BasemapView).sha256), true);

  // Removed: only with org.manage over the node; the map lies on the district's again.
  const notYours = await call(operator, 'DELETE', `/basemaps/${anhe.id}`);
  assert.deepEqual([notYours.statusCode, await code(notYours)], [403, 'FORBIDDEN']);
  assert.equal((await call(streetAdmin, 'DELETE', `/basemaps/${anhe.id}`)).statusCode, 204);
  assert.equal((await seen(operator))?.orgName, '临江市安和区');
  assert.equal(await stored((replaced.json() as BasemapView).sha256), false);
  assert.equal(await code(await call(streetAdmin, 'DELETE', `/basemaps/${anhe.id}`)), 'NOT_FOUND');
  const trail = (await call(admin, 'GET', '/audit?subject=org&outcome=ok')).json() as AuditPage;
  assert.deepEqual(
    trail.entries.filter((entry) => entry.action.startsWith('basemap.')).map((entry) => [entry.action, entry.actor]),
    [
      ['basemap.delete', 'anhe.admin'],
      ['basemap.upload', 'anhe.admin'],
      ['basemap.upload', 'anhe.admin'],
      ['basemap.upload', 'admin'],
    ],
  );
}
