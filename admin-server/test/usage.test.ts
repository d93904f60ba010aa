/**
 * Service usage on every backend: a kiosk's events are counted once however often they are sent,
 * into facts that roll up the organisation tree (a street's figures hold its communities'); each
 * user reads their own subtree only; the searches that found nothing reach the editors, who add
 * one as a guide's alias in one call; nothing personal is ever accepted in an event.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  PROTOCOL_VERSION,
  PROTOCOL_VERSION_HEADER,
  deviceAuthorization,
  uuidV7,
  type GuideView,
  type SearchGaps,
  type UsageEvent,
  type UsageSummary,
} from '@linli/protocol';
import { backends } from './backends';
import { startApp } from './app-harness';
import { guideInput } from './fixtures';
import { readSpreadsheet } from '../src/import/spreadsheet';
import { usageIncrements, usagePeriod } from '../src/domain/usage-facts';

const PASSWORD = 'Linli2026usage';
const NOW = new Date('2026-12-10T04:00:00.000Z');

let serial = 0;
const event = (kind: UsageEvent['kind'], at: string, extra: Partial<UsageEvent> = {}): UsageEvent => ({
  id: uuidV7(Date.parse(at) + serial++),
  kind,
  at,
  ...extra,
});

test('an event counts on its Beijing day, at its device and at every node above it, summed per key', () => {
  const increments = usageIncrements(
    [
      { kind: 'visit', at: Date.parse('2026-12-01T01:00:00Z'), subject: undefined, value: 1 },
      { kind: 'visit', at: Date.parse('2026-12-01T02:00:00Z'), subject: undefined, value: 1 },
      { kind: 'guide-view', at: Date.parse('2026-12-01T16:30:00Z'), subject: 'hukou', value: 1 },
    ],
    [1, 4, 9],
  );
  assert.deepEqual(increments.deviceDays, [
    { day: '2026-12-01', kind: 'visit', count: 2 },
    { day: '2026-12-02', kind: 'guide-view', count: 1 },
  ]);
  assert.deepEqual(
    increments.nodeDays.filter((fact) => fact.kind === 'visit').map((fact) => [fact.orgId, fact.count]),
    [
      [1, 2],
      [4, 2],
      [9, 2],
    ],
  );
  assert.deepEqual(
    increments.nodeSubjects.map((fact) => [fact.orgId, fact.month, fact.subject]),
    [
      [1, '2026-12', 'hukou'],
      [4, '2026-12', 'hukou'],
      [9, '2026-12', 'hukou'],
    ],
  );
});

test('a period is whole days with the one just before it to compare; backwards or over a year is refused', () => {
  const period = usagePeriod('2026-11-25', '2026-12-04');
  assert.ok(!('problem' in period));
  assert.equal(period.days.length, 10);
  assert.deepEqual(period.months, ['2026-11', '2026-12']);
  assert.deepEqual(period.previous, { from: '2026-11-15', to: '2026-11-24' });
  assert.deepEqual(usagePeriod('2026-12-02', '2026-12-01'), { problem: 'must not be before from' });
  assert.ok('problem' in usagePeriod('2025-01-01', '2026-12-01'));
});

for (const backend of backends) {
  describe(backend.name, { skip: backend.skip }, () => {
    test('kiosk usage is counted once, rolls up the tree, is read per subtree and feeds the guides', async (t) => {
      const { app, admin, root, call, signInAs } = await startApp(t, await backend.open(t), () => NOW);
      const node = async (parentId: number, name: string, code: string, level?: string) =>
        (await call(admin, 'POST', '/orgs', { parentId, name, code, ...(level && { level }) })).json() as {
          id: number;
        };
      const anhe = await node(root.id, '安和街道', '330188001000');
      const jiangbin = await node(root.id, '江滨街道', '330188002000');
      const east = await node(anhe.id, '东苑社区', '330188001001');
      const west = await node(anhe.id, '西苑社区', '330188001002');
      const kiosk = async (orgId: number, name: string) => {
        const code = (await call(admin, 'POST', '/enrollment-codes', { orgId, validDays: 7, maxUses: 1 })).json()
          .code as string;
        const enrolled = (
          await app.inject({ method: 'POST', url: '/api/v1/devices/enroll', payload: { code, name } })
        ).json() as { deviceId: string; secret: string };
        const headers = {
          authorization: deviceAuthorization(enrolled.deviceId, enrolled.secret),
          [PROTOCOL_VERSION_HEADER]: String(PROTOCOL_VERSION),
        };
        return (events: UsageEvent[]) =>
          app.inject({ method: 'POST', url: '/api/v1/devices/usage', headers, payload: { events } });
      };
      const eastKiosk = await kiosk(east.id, '东苑一号机');
      const westKiosk = await kiosk(west.id, '西苑一号机');
      const jiangbinKiosk = await kiosk(jiangbin.id, '江滨一号机');
      assert.equal(
        (await call(admin, 'POST', '/guides', guideInput({ id: 'hukou-qianru', title: '户口迁入', aliases: [] })))
          .statusCode,
        201,
      );
      assert.equal((await call(admin, 'POST', '/guides', guideInput())).statusCode, 201);

      const eastBatch = [
        event('visit', '2026-12-01T01:00:00.000Z'),
        event('search', '2026-12-01T01:00:10.000Z'),
        event('search-miss', '2026-12-01T01:00:10.000Z', { subject: '落户' }),
        event('guide-view', '2026-12-01T01:00:30.000Z', { subject: 'hukou-qianru' }),
        event('id-read', '2026-12-01T01:01:00.000Z'),
        event('form-print', '2026-12-01T01:02:00.000Z', { subject: 'hukou-form' }),
        event('locale', '2026-12-01T01:03:00.000Z', { subject: 'zh-Hans' }),
        // 2 December in Beijing, 1 December in UTC.
        event('visit', '2026-12-01T16:30:00.000Z'),
        event('uptime-minutes', '2026-12-01T16:30:00.000Z', { value: 10 }),
      ];
      const first = await eastKiosk(eastBatch);
      assert.equal(first.statusCode, 200, first.body);
      assert.deepEqual(first.json(), { stored: 9, alreadyStored: 0, tooOld: 0 });
      // The answer was lost and the batch comes again with one more: only that one is new.
      const again = await eastKiosk([
        ...eastBatch,
        event('search-miss', '2026-12-02T02:00:00.000Z', { subject: '落户' }),
        event('visit', '2025-10-01T02:00:00.000Z'),
      ]);
      assert.deepEqual(again.json(), { stored: 1, alreadyStored: 9, tooOld: 1 });
      await westKiosk([event('visit', '2026-12-03T02:00:00.000Z'), event('visit', '2026-11-28T02:00:00.000Z')]);
      await jiangbinKiosk([event('visit', '2026-12-03T02:00:00.000Z')]);

      // Nothing personal gets in: an ID or phone number as a search, an unknown subject, free text.
      for (const [bad, path] of [
        [event('search-miss', '2026-12-03T02:00:00.000Z', { subject: '330106199001011234' }), '/events/0/subject'],
        [event('search-miss', '2026-12-03T02:00:00.000Z', { subject: '张三 13812345678' }), '/events/0/subject'],
        [event('visit', '2026-12-03T02:00:00.000Z', { subject: '张三' }), '/events/0/subject'],
        [event('bill-check', '2026-12-03T02:00:00.000Z', { subject: '0101234567' }), '/events/0/subject'],
      ] as const) {
        const refused = await eastKiosk([bad]);
        assert.equal(refused.statusCode, 400, refused.body);
        assert.equal(refused.json().error.code, 'VALIDATION_FAILED');
        assert.equal(refused.json().error.details[0].path, path);
      }
      const extra = await eastKiosk([{ ...event('visit', '2026-12-03T02:00:00.000Z'), name: '张三' } as UsageEvent]);
      assert.equal(extra.statusCode, 400);

      const period = '?from=2026-12-01&to=2026-12-07';
      const districtView = (await call(admin, 'GET', `/usage/summary${period}`)).json() as UsageSummary;
      assert.equal(districtView.totals.visit, 4, 'two east visits, one west, one in 江滨');
      assert.equal(districtView.totals['uptime-minutes'], 10);
      assert.equal(districtView.previous.totals.visit, 1, 'the west visit of 28 November');
      assert.deepEqual(
        districtView.children.map((child) => [child.name, child.totals.visit, child.hasChildren]),
        [
          ['安和街道', 3, true],
          ['江滨街道', 1, false],
        ],
      );
      assert.deepEqual(
        districtView.days.slice(0, 3).map((day) => [day.day, day.counts.visit]),
        [
          ['2026-12-01', 1],
          ['2026-12-02', 1],
          ['2026-12-03', 2],
        ],
      );
      assert.deepEqual(districtView.topGuides, [{ id: 'hukou-qianru', title: '户口迁入', count: 1 }]);

      // The drill-down: the street, then a community, with the way back.
      const street = (await call(admin, 'GET', `/usage/summary${period}&orgId=${anhe.id}`)).json() as UsageSummary;
      assert.deepEqual(
        street.children.map((child) => [child.name, child.totals.visit, child.totals.search]),
        [
          ['东苑社区', 2, 1],
          ['西苑社区', 1, 0],
        ],
      );
      const community = (await call(admin, 'GET', `/usage/summary${period}&orgId=${east.id}`)).json() as UsageSummary;
      assert.deepEqual(
        community.trail.map((step) => step.name),
        [root.name, '安和街道', '东苑社区'],
      );
      assert.equal(community.totals['form-print'], 1);

      // A street's administrator reads their street only; another street is refused and audited.
      await call(admin, 'POST', '/users', {
        username: 'anhe-admin',
        displayName: '安和管理员',
        role: 'street-admin',
        orgId: anhe.id,
        password: PASSWORD,
        mustChangePassword: false,
      });
      const streetAdmin = await signInAs('anhe-admin', PASSWORD);
      const own = (await call(streetAdmin, 'GET', `/usage/summary${period}`)).json() as UsageSummary;
      assert.equal(own.node.name, '安和街道');
      assert.equal(own.totals.visit, 3);
      assert.deepEqual(
        own.trail.map((step) => step.name),
        ['安和街道'],
      );
      const elsewhere = await call(streetAdmin, 'GET', `/usage/summary${period}&orgId=${jiangbin.id}`);
      assert.equal(elsewhere.statusCode, 403);
      const trail = (await call(admin, 'GET', '/audit?action=usage.summary')).json() as {
        entries: Array<{ outcome: string }>;
      };
      assert.ok(trail.entries.some((entry) => entry.outcome === 'denied'));
      // The same figures downloaded: the total, the units below, then the days; titles in Chinese.
      const xlsx = await app.inject({
        method: 'GET',
        url: `/api/v1/admin/usage/export${period}&orgId=${anhe.id}&format=xlsx`,
        headers: admin,
      });
      assert.equal(xlsx.statusCode, 200);
      const sheet = readSpreadsheet({ bytes: xlsx.rawPayload, fileName: 'usage.xlsx' }).rows;
      assert.deepEqual(sheet[0]!.slice(0, 3), ['单位或日期', '服务人次', '查询次数']);
      assert.deepEqual(sheet[1]!.slice(0, 2), ['安和街道（合计）', '3']);
      assert.deepEqual(sheet[2]!.slice(0, 2), ['东苑社区', '2']);
      const csv = await app.inject({
        method: 'GET',
        url: `/api/v1/admin/usage/export${period}&format=csv`,
        headers: streetAdmin,
      });
      assert.match(csv.body, /^\uFEFF单位或日期,服务人次/);
      assert.equal(
        (await call(streetAdmin, 'GET', `/usage/export${period}&orgId=${jiangbin.id}&format=csv`)).statusCode,
        403,
      );
      const backwards = await call(admin, 'GET', '/usage/summary?from=2026-12-07&to=2026-12-01');
      assert.equal(backwards.statusCode, 400);
      assert.equal(backwards.json().error.details[0].path, '/to');

      // 搜索无结果: 落户 twice; the guides opened least come first (never opened before once).
      const gaps = (await call(streetAdmin, 'GET', `/usage/search-gaps${period}`)).json() as SearchGaps;
      assert.deepEqual(gaps.misses, [{ query: '落户', count: 2 }]);
      assert.deepEqual(
        gaps.leastFound.map((guide) => [guide.id, guide.count]),
        [
          ['shebao-card-loss', 0],
          ['hukou-qianru', 1],
        ],
      );
      // One call adds it as an alias; the same words again change nothing.
      const added = await call(admin, 'POST', '/guides/hukou-qianru/aliases', { alias: '落户' });
      assert.equal(added.statusCode, 200, added.body);
      const guide = added.json() as GuideView;
      assert.deepEqual(guide.aliases, ['落户']);
      assert.equal(guide.state, 'approved', 'a reviewer publishes it at once');
      const twice = (
        await call(admin, 'POST', '/guides/hukou-qianru/aliases', { alias: ' 落户 ' })
      ).json() as GuideView;
      assert.equal(twice.version, guide.version);
      assert.equal((await call(admin, 'POST', '/guides/nope-guide/aliases', { alias: '落户' })).statusCode, 404);
    });

    test('raw events go after their retention; the facts stay', async (t) => {
      let now = NOW;
      const { app, services, root, call, admin, system } = await startApp(t, await backend.open(t), () => now);
      const code = (await call(admin, 'POST', '/enrollment-codes', { orgId: root.id, validDays: 7, maxUses: 1 })).json()
        .code as string;
      const { deviceId } = (
        await app.inject({ method: 'POST', url: '/api/v1/devices/enroll', payload: { code, name: '一号机' } })
      ).json() as { deviceId: string };
      await services.usage.record(deviceId, [event('visit', '2026-12-01T01:00:00.000Z')]);
      now = new Date(NOW.getTime() + 91 * 86_400_000);
      assert.equal(await services.usage.pruneRaw(), 1);
      const summary = await services.usage.summary(system, { from: '2026-12-01', to: '2026-12-01' });
      assert.equal(summary.totals.visit, 1);
    });
  });
}
