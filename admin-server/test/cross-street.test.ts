/**
 * The cross-street matrix, generated from the served route table: for every admin route that
 * names a record in its path, the administrator of 安和街道 tries each record of 江滨街道. Reads
 * answer 404 (as for a record that does not exist); writes are refused with 403 or 404, always audited,
 * and the record is unchanged. A new route with a path id is covered as soon as it is served: it
 * only needs a body below when it takes one, and the test says so when it is missing.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import {
  deviceAuthorization,
  presetLayout,
  type FormDefinition,
  type ReportDefinition,
  type SignageInput,
} from '@linli/protocol';
import { startApp, type AdminHeaders } from './app-harness';
import { backends } from './backends';
import { guideInput } from './fixtures';
import { EXAMPLE } from './sunshine-water';
import { newReport } from '../web/report-words';

const FORMS_DIR = path.resolve(import.meta.dirname, '../../device-drivers/forms');
const definition = JSON.parse(
  readFileSync(path.join(FORMS_DIR, 'residence-certificate.form.json'), 'utf8'),
) as FormDefinition;
const templatePdf = readFileSync(path.join(FORMS_DIR, 'residence-certificate.pdf'));
const PASSWORD = 'Linli2026streets';

const reportDefinition = (name: string): ReportDefinition => ({ ...newReport(name), monthly: true });

const noticeInput = {
  kind: 'announcement',
  title: '江滨街道停电通知',
  body: '12月5日检修线路。',
  publishAt: null,
  expireAt: null,
  targets: { orgIds: [], groupIds: [] },
};
const hallLayout = presetLayout('full', 'landscape', 'hall');
hallLayout.zones[0]!.playlist = [{ id: 'clock', kind: 'clock', show: 'time', durationSec: 10 }];
const signageInput: SignageInput = {
  title: '江滨街道大厅屏',
  schedule: { timeZone: 'Asia/Shanghai', layouts: [hallLayout], entries: [], defaultLayoutId: 'hall' },
  targets: { orgIds: [], groupIds: [] },
};
const tvChannelInput = {
  number: 21,
  name: '江滨街道频道',
  public: false,
  timeZone: 'Asia/Shanghai',
  programmes: [],
  filler: [{ id: 'ident', kind: 'card', text: '江滨街道频道', durationSec: 10 }],
  targets: { orgIds: [], groupIds: [] },
};
const gridBoundary = [
  [
    [120.15, 30.27],
    [120.16, 30.27],
    [120.16, 30.28],
    [120.15, 30.27],
  ],
];
/** 江滨街道's service hall: one business at one window. */
const queueHallInput = (orgId: number) => ({
  orgId,
  name: '江滨街道便民服务中心',
  resetTime: '00:00',
  elderAge: null,
  hours: [{ weekdays: [1, 2, 3, 4, 5], windows: [{ from: '08:30', to: '17:30' }] }],
  followsWorkCalendar: true,
  businesses: [{ id: 'general', name: '综合咨询', prefix: 'A', maxPerDay: 100, open: true, serviceMinutes: 5 }],
  windows: [{ number: 1, businesses: ['general'] }],
});
const formInput = (templateSha256: string) => ({
  id: 'residence-certificate',
  category: 'household',
  definition,
  templateSha256,
  published: true,
});

/** A body that passes each write route's schema, so the request reaches the permission check. */
function bodyFor(method: string, route: string, world: { templateSha256: string }): object | undefined {
  const bodies: Record<string, object | undefined> = {
    'PUT /orgs/{id}': { name: '改名', code: '330188002001' },
    'DELETE /orgs/{id}': undefined,
    'PATCH /users/{username}': { disabled: true },
    'PATCH /media/{id}': { category: '改了' },
    'DELETE /media/{id}': undefined,
    'PUT /notices/{id}': { ...noticeInput, title: '篡改' },
    'DELETE /notices/{id}': undefined,
    'POST /notices/{id}/withdraw': undefined,
    'POST /notices/{id}/submit': undefined,
    'POST /notices/{id}/review': { approve: true },
    'POST /notices/{id}/rollback': { version: 1 },
    'PUT /signage/{id}': { ...signageInput, title: '篡改' },
    'PUT /tv-channels/{id}': { ...tvChannelInput, name: '篡改' },
    'DELETE /tv-channels/{id}': undefined,
    'POST /tv-channels/{id}/withdraw': undefined,
    'POST /tv-channels/{id}/submit': undefined,
    'POST /tv-channels/{id}/review': { approve: true },
    'POST /tv-channels/{id}/rollback': { version: 1 },
    'POST /tv-feed-keys/{id}/revoke': undefined,
    'DELETE /signage/{id}': undefined,
    'POST /signage/{id}/withdraw': undefined,
    'POST /signage/{id}/submit': undefined,
    'POST /signage/{id}/review': { approve: true },
    'POST /signage/{id}/rollback': { version: 1 },
    'PUT /settings/{scope}/{id}': { idleSec: 30 },
    'POST /devices/{id}/commands': { kind: 'restart' },
    'POST /devices/{id}/revoke': undefined,
    'POST /enrollment-codes/{code}/revoke': undefined,
    'PUT /device-groups/{id}/members': { deviceIds: [] },
    'PUT /guides/{id}': guideInput({ id: 'jiangbin-guide', title: '篡改' }),
    'DELETE /guides/{id}': undefined,
    'POST /guides/{id}/publish': { published: false },
    'POST /guides/{id}/submit': undefined,
    'POST /guides/{id}/review': { approve: true },
    'POST /guides/{id}/rollback': { version: 1 },
    'POST /guides/{id}/aliases': { alias: '篡改' },
    'PUT /forms/{id}': formInput(world.templateSha256),
    'DELETE /forms/{id}': undefined,
    'POST /forms/{id}/publish': { published: false },
    'POST /forms/{id}/submit': undefined,
    'POST /forms/{id}/review': { approve: true },
    'POST /forms/{id}/rollback': { version: 1 },
    'POST /alert-sources/{id}/revoke': undefined,
    'PUT /alert-sources/{id}/feed': { feedUrl: 'https://qx.linjiang.gov.cn/cap/feed.atom' },
    'PUT /devices/{id}/location': { location: { latitude: 30.27, longitude: 120.16 } },
    'POST /manual-alerts/{id}/review': { approve: true },
    'POST /manual-alerts/{id}/cancel': undefined,
    'DELETE /bill-providers/{id}': undefined,
    'POST /cases/{id}/actions': { action: 'supervise', version: 1, note: '越权督办' },
    'POST /open311-keys/{id}/revoke': undefined,
    'PUT /grids/{orgId}': { boundary: gridBoundary, addresses: [] },
    // Its image would be the body; the refusal comes before it is read.
    'PUT /basemaps/{orgId}': {},
    'DELETE /basemaps/{orgId}': undefined,
    'PUT /work-calendars/{year}': { year: 2026, source: '篡改', holidays: [], makeUpWorkdays: [] },
    'DELETE /work-calendars/{year}': undefined,
    'PUT /queue/halls/{id}': { ...queueHallInput(1), name: '篡改' },
    'DELETE /queue/halls/{id}': undefined,
    'POST /queue/halls/{id}/windows/{number}/actions': { action: 'pause' },
    'POST /queue/halls/{id}/windows/{number}/rating': { ticketId: 1, level: 'dissatisfied', reasons: [] },
    'PUT /indicator-reports/{orgId}/{period}': { values: {} },
    'POST /indicator-reports/{orgId}/{period}/submit': undefined,
    'POST /indicator-reports/{orgId}/{period}/review': { approve: true },
    'PUT /reports/{id}': { definition: reportDefinition('篡改'), baseVersion: 1 },
    'DELETE /reports/{id}': undefined,
    // Releases are the whole system's: a street administrator may touch none.
    'PUT /releases/{id}/files/{platform}': {},
    'PUT /releases/{id}/rollout': { groupIds: [], percent: 100, paused: false },
    'POST /releases/{id}/withdraw': undefined,
    'PUT /devices/{id}/update-channel': { channel: 'beta' },
  };
  const key = `${method} ${route}`;
  assert.ok(Object.hasOwn(bodies, key), `the cross-street matrix needs a body for ${key}: add one`);
  return bodies[key];
}

test('an administrator of one street can neither read nor change any record of another street', async (t) => {
  const { app, admin, root, call, signInAs } = await startApp(t, await backends[0]!.open(t), undefined, {
    apiDocs: true,
  });
  const node = async (parentId: number, name: string, code: string) =>
    (await call(admin, 'POST', '/orgs', { parentId, name, code })).json() as { id: number };
  const anhe = await node(root.id, '安和街道', '330188001000');
  const jiangbin = await node(root.id, '江滨街道', '330188002000');
  const chunhui = await node(jiangbin.id, '春晖社区', '330188002001');
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
  };
  await user('a.admin', 'street-admin', anhe.id);
  await user('b.admin', 'street-admin', jiangbin.id);
  await user('b.op', 'community-operator', chunhui.id);
  const a = await signInAs('a.admin', PASSWORD);
  const b = await signInAs('b.admin', PASSWORD);

  // 江滨's records, one of each kind a path can name.
  const created = async (headers: AdminHeaders, method: 'POST' | 'PUT', url: string, payload?: object) => {
    const reply = await call(headers, method, url, payload);
    assert.ok(reply.statusCode < 300, `${method} ${url}: ${reply.body}`);
    return reply.json();
  };
  const media = (
    await app.inject({
      method: 'POST',
      url: '/api/v1/admin/media?name=居住证明申请表.pdf',
      headers: { ...b, 'content-type': 'application/octet-stream' },
      payload: templatePdf,
    })
  ).json();
  const templateSha256 = createHash('sha256').update(templatePdf).digest('hex');
  const guide = await created(b, 'POST', '/guides', guideInput({ id: 'jiangbin-guide', title: '江滨办事指南' }));
  const form = await created(b, 'POST', '/forms', formInput(templateSha256));
  const notice = await created(b, 'POST', '/notices', noticeInput);
  const signage = await created(b, 'POST', '/signage', signageInput);
  const tvChannel = await created(b, 'POST', '/tv-channels', tvChannelInput);
  const code = (await created(b, 'POST', '/enrollment-codes', { orgId: chunhui.id, validDays: 7, maxUses: null })).code;
  const enroll = async (enrollmentCode: string, name: string) =>
    (
      await app.inject({ method: 'POST', url: '/api/v1/devices/enroll', payload: { code: enrollmentCode, name } })
    ).json();
  const device = await enroll(code, '春晖社区大厅');
  const group = await created(b, 'POST', '/device-groups', { orgId: jiangbin.id, name: '江滨大厅屏' });
  const command = await created(b, 'POST', `/devices/${device.deviceId}/commands`, { kind: 'screenshot' });
  const ownCode = (await created(a, 'POST', '/enrollment-codes', { orgId: anhe.id, validDays: 7, maxUses: null })).code;
  const ownDevice = await enroll(ownCode, '安和大厅');
  // The district's alert source: a street administrator may not revoke it either.
  const alertSource = await created(admin, 'POST', '/alert-sources', { name: '临江市气象台' });
  // 江滨's water utility, connected by the district (street administrators do not manage them).
  const waterUtility = await created(admin, 'PUT', '/bill-providers', {
    orgId: jiangbin.id,
    config: { ...EXAMPLE, auth: { kind: 'none' } },
  });
  const manualAlert = await created(b, 'POST', '/manual-alerts', {
    kind: 'water-outage',
    severity: 'Minor',
    headline: '停水通知',
    description: '春晖社区明日停水',
    instruction: '',
    orgIds: [chunhui.id],
    expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
    exercise: false,
  });

  // 江滨's case with a photo, and its Open311 key.
  const photo = (
    await app.inject({
      method: 'POST',
      url: '/api/v1/admin/case-photos',
      headers: { ...b, 'content-type': 'image/png' },
      payload: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]),
    })
  ).json() as { id: string };
  const caseReceipt = await created(b, 'POST', '/cases', {
    channel: 'walk-in',
    orgId: chunhui.id,
    nature: 'complaint',
    category: 'other',
    description: '春晖社区的诉求',
    photos: [photo.id],
  });
  const jiangbinCase = (await call(b, 'GET', `/cases?q=${caseReceipt.tracking}`)).json().cases[0];
  const open311Key = await created(b, 'POST', '/open311-keys', { name: '江滨随手拍', orgId: jiangbin.id });
  const tvFeedKey = await created(b, 'POST', '/tv-feed-keys', { name: '江滨IPTV', orgId: jiangbin.id });
  // 江滨's grid with its boundary, and its basemap, laid by its administrator.
  const chunhuiGrid = await created(b, 'POST', '/orgs', {
    parentId: chunhui.id,
    name: '春晖第一网格',
    code: '330188002001001',
  });
  await created(b, 'PUT', '/grids', {
    type: 'FeatureCollection',
    features: [
      {
        type: 'Feature',
        properties: { code: '330188002001001', addresses: [{ id: 'ch-1-1', label: '1号楼1单元' }] },
        geometry: { type: 'Polygon', coordinates: gridBoundary },
      },
    ],
  });
  const basemap = await app.inject({
    method: 'PUT',
    url: `/api/v1/admin/basemaps/${jiangbin.id}?south=30.2&west=120.1&north=30.3&east=120.2`,
    headers: { ...b, 'content-type': 'image/png' },
    payload: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]),
  });
  assert.equal(basemap.statusCode, 200, basemap.body);
  const queueHall = await created(b, 'POST', '/queue/halls', queueHallInput(jiangbin.id));
  const report = await created(b, 'POST', '/reports', { definition: reportDefinition('江滨月报'), baseVersion: 0 });
  const release = await created(admin, 'POST', '/releases', {
    app: 'kiosk',
    channel: 'stable',
    version: '9.9.9',
    notes: '',
  });

  const idFor = (route: string): string => {
    const ids: Record<string, string | number> = {
      '/orgs/{id}': chunhui.id,
      '/users/{username}': 'b.op',
      '/media/{id}': media.id,
      '/notices/{id}': notice.id,
      '/signage/{id}': signage.id,
      '/tv-channels/{id}': tvChannel.id,
      '/tv-channels/{channelId}': tvChannel.id,
      '/tv-feed-keys/{id}': tvFeedKey.id,
      '/settings/{scope}/{id}': device.deviceId,
      '/devices/{id}': device.deviceId,
      '/commands/{id}': command.id,
      '/enrollment-codes/{code}': code,
      '/device-groups/{id}': group.id,
      '/guides/{id}': guide.id,
      '/forms/{id}': form.id,
      '/alert-sources/{id}': alertSource.id,
      '/manual-alerts/{id}': manualAlert.id,
      '/bill-providers/{id}': waterUtility.id,
      '/cases/{id}': jiangbinCase.id,
      '/case-photos/{id}': photo.id,
      '/open311-keys/{id}': open311Key.id,
      '/grids/{orgId}': chunhuiGrid.id,
      '/basemaps/{orgId}': jiangbin.id,
      // The calendar is the whole system's: a street administrator may change no year of it.
      '/work-calendars/{year}': 2026,
      '/queue/halls/{id}': queueHall.id,
      '/indicator-reports/{orgId}': chunhui.id,
      '/reports/{id}': report.id,
      '/releases/{id}': release.id,
    };
    const prefix = Object.keys(ids).find((candidate) => route.startsWith(candidate));
    assert.ok(prefix, `the cross-street matrix does not know which record ${route} names: add it`);
    return String(ids[prefix]);
  };
  /** What B's records look like, read by B: a refused request must leave all of them as they were. */
  const snapshot = async () =>
    JSON.stringify(
      await Promise.all(
        [
          `/guides/${guide.id}`,
          `/forms/${form.id}`,
          `/notices/${notice.id}`,
          `/signage/${signage.id}`,
          `/tv-channels/${tvChannel.id}`,
          '/tv-feed-keys',
          `/settings/device/${device.deviceId}`,
          '/devices',
          '/users?limit=200',
          '/orgs',
          '/media',
          '/enrollment-codes',
          '/device-groups',
          '/manual-alerts',
          `/cases/${jiangbinCase.id}`,
          '/open311-keys',
          '/basemap',
          '/grids',
          '/queue/halls',
          `/queue/halls/${queueHall.id}/state`,
          '/reports',
        ].map(async (url) => {
          const { updatedAt: _u, ...stable } = (await call(b, 'GET', url)).json();
          return stable;
        }),
      ),
    );
  const before = await snapshot();

  const spec = (await app.inject({ url: '/docs/json' })).json() as { paths: Record<string, Record<string, unknown>> };
  const tried: string[] = [];
  let refused = 0;
  for (const [fullPath, operations] of Object.entries(spec.paths)) {
    if (!fullPath.startsWith('/api/v1/admin/') || !fullPath.includes('{')) continue;
    const route = fullPath.slice('/api/v1/admin'.length);
    for (const method of Object.keys(operations).map((name) => name.toUpperCase())) {
      const url = route
        .replace('{scope}', 'device')
        .replace('{number}', '1')
        .replace('{period}', '2026-11')
        .replace('{file}', 'index.m3u8')
        .replace('{platform}', 'linux-x64')
        .replace(/\{[a-z]+\}/i, encodeURIComponent(idFor(route)));
      const payload = method === 'GET' ? undefined : bodyFor(method, route, { templateSha256 });
      const reply = await call(a, method as 'GET', url, payload, 1);
      tried.push(`${method} ${route}`);
      if (method !== 'GET') refused++;
      if (method === 'GET') assert.equal(reply.statusCode, 404, `${method} ${url}: ${reply.body}`);
      else
        assert.ok(
          [403, 404].includes(reply.statusCode),
          `${method} ${url} answered ${reply.statusCode}: ${reply.body}`,
        );
    }
  }
  assert.ok(tried.length >= 35, `${tried.length} routes tried`);
  assert.equal(await snapshot(), before, "nothing of 江滨's changed");

  // Every refused write, 403 or 404, left a refusal in the trail naming the one who tried.
  const denied = (await call(admin, 'GET', '/audit?outcome=denied&actor=a.admin&limit=200')).json();
  assert.ok(refused > 0 && denied.entries.length >= refused, `${refused} refused, ${denied.entries.length} audited`);

  // The device API: a kiosk of 安和 cannot answer a command meant for one of 江滨.
  const answer = await app.inject({
    method: 'POST',
    url: `/api/v1/devices/commands/${command.id}/result`,
    headers: { authorization: deviceAuthorization(ownDevice.deviceId, ownDevice.secret) },
    payload: { ok: true },
  });
  assert.equal(answer.statusCode, 404, answer.body);
});
