/**
 * 统计报表: periods that follow the day a report runs, the filters and the order, sheet names Excel
 * accepts; and on every backend the round a street office makes — a report of its kiosks' usage by
 * community saved, previewed, filtered, downloaded as XLSX (read back), CSV and PDF (read by
 * pdftotext), an indicator report by month, the month kept on the 1st (once, however often the
 * schedule runs), the one-click monthly report — and what another street may not see or change.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  PROTOCOL_VERSION,
  PROTOCOL_VERSION_HEADER,
  deviceAuthorization,
  emptyUsageCounts,
  uuidV7,
  type ReportDefinition,
  type ReportDocument,
  type ReportSection,
  type SavedReport,
  type UsageEvent,
} from '@linli/protocol';
import { backends } from './backends';
import { startApp } from './app-harness';
import { readSpreadsheet } from '../src/import/spreadsheet';
import { resolvePeriod, statsPeriodOf } from '../src/domain/report-period';
import { filtered, usageByMonth } from '../src/domain/report-sections';
import { sheetNames } from '../src/export/xlsx-sheet';
import { newReport } from '../web/report-words';

const PASSWORD = 'Linli2026reports';
const NOW = new Date('2026-12-06T02:00:00.000Z');

test('relative periods follow the day the report runs; custom days are checked; whole months are named', () => {
  const today = '2026-12-06';
  const of = (period: ReportDefinition['period'], extra: Partial<ReportDefinition> = {}) =>
    resolvePeriod({ period, ...extra }, today);
  assert.deepEqual(of('last-month'), { from: '2026-11-01', to: '2026-11-30', statsPeriod: '2026-11' });
  assert.deepEqual(of('this-month'), { from: '2026-12-01', to: '2026-12-06', statsPeriod: '2026-12' });
  assert.deepEqual(of('last-quarter'), { from: '2026-07-01', to: '2026-09-30', statsPeriod: '2026-Q3' });
  assert.deepEqual(of('this-year'), { from: '2026-01-01', to: '2026-12-06', statsPeriod: '2026' });
  assert.deepEqual(of('last-year'), { from: '2025-01-01', to: '2025-12-31', statsPeriod: '2025' });
  assert.deepEqual(resolvePeriod({ period: 'last-month' }, '2027-01-15'), {
    from: '2026-12-01',
    to: '2026-12-31',
    statsPeriod: '2026-12',
  });
  assert.deepEqual(resolvePeriod({ period: 'last-quarter' }, '2027-02-01'), {
    from: '2026-10-01',
    to: '2026-12-31',
    statsPeriod: '2026-Q4',
  });
  assert.deepEqual(of('custom', { from: '2026-02-01', to: '2026-02-28' }), {
    from: '2026-02-01',
    to: '2026-02-28',
    statsPeriod: '2026-02',
  });
  assert.equal(statsPeriodOf('2026-02-01', '2026-02-27'), undefined, 'a month less a day is no month');
  assert.equal(statsPeriodOf('2026-04-01', '2026-06-30'), '2026-Q2');
  assert.deepEqual(of('custom', { to: '2026-02-01' }), {
    problem: 'a custom period names its first day',
    path: '/from',
  });
  assert.deepEqual(of('custom', { from: '2026-02-02', to: '2026-02-01' }), {
    problem: 'must not be before from',
    path: '/to',
  });
});

test('filters keep the chosen units, drop empty rows and those under a threshold; the order is by the first measure', () => {
  const section: ReportSection = {
    heading: 'h',
    rowHeader: '单位',
    columns: [
      { id: 'visit', name: '服务人次', unit: '次' },
      { id: 'search', name: '查询次数', unit: '次' },
    ],
    rows: [
      { label: 'A', orgId: 1, values: [5, 1] },
      { label: 'B', orgId: 2, values: [0, null] },
      { label: 'C', orgId: 3, values: [9, 0] },
      { label: 'D', orgId: 4, values: [2, 7] },
    ],
    total: { label: '合计', values: [16, 8] },
    chart: 'bar',
  };
  const labels = (filters: ReportDefinition['filters'], sort: ReportDefinition['sort'] = 'natural') =>
    filtered({ filters, sort, measures: ['visit', 'search'], rows: 'units' }, section).rows.map((row) => row.label);
  assert.deepEqual(labels({}), ['A', 'B', 'C', 'D']);
  assert.deepEqual(labels({ hideEmpty: true }), ['A', 'C', 'D']);
  assert.deepEqual(labels({ units: [4, 1] }), ['A', 'D']);
  assert.deepEqual(labels({ atLeast: { measure: 'search', value: 1 } }), ['A', 'D']);
  assert.deepEqual(labels({}, 'first-measure-desc'), ['C', 'A', 'D', 'B']);
  assert.deepEqual(
    filtered({ filters: { hideEmpty: true }, sort: 'natural', measures: ['visit'], rows: 'units' }, section).total,
    section.total,
    'the total stays the subtree’s',
  );
});

test('days add up into months; sheet names are made what Excel accepts, each once', () => {
  assert.deepEqual(
    usageByMonth([
      { day: '2026-10-31', counts: { ...emptyUsageCounts(), visit: 2 } },
      { day: '2026-11-01', counts: { ...emptyUsageCounts(), visit: 3 } },
      { day: '2026-11-02', counts: { ...emptyUsageCounts(), visit: 4 } },
    ]).map((month) => [month.month, month.counts.visit]),
    [
      ['2026-10', 2],
      ['2026-11', 7],
    ],
  );
  assert.deepEqual(sheetNames(['社区统计 · 人口信息/特殊人员', '概况', '概况', 'a'.repeat(40), '']), [
    '社区统计 · 人口信息 特殊人员',
    '概况',
    '概况2',
    'a'.repeat(31),
    'Sheet',
  ]);
});

const workDir = mkdtempSync(path.join(os.tmpdir(), 'linli-reports-'));
process.on('exit', () => rmSync(workDir, { recursive: true, force: true }));
const pdfText = (pdf: Buffer) => {
  const file = path.join(workDir, `${Math.random()}.pdf`);
  writeFileSync(file, pdf);
  return execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' });
};

const usageReport = (overrides: Partial<ReportDefinition> = {}): ReportDefinition => ({
  ...newReport('各社区服务人次'),
  monthly: true,
  ...overrides,
});

for (const backend of backends) {
  describe(backend.name, { skip: backend.skip }, () => {
    test("a street's reports: saved, previewed, filtered, downloaded, kept monthly, and closed to other streets", async (t) => {
      const { app, admin, root, call, signInAs, services } = await startApp(t, await backend.open(t), () => NOW);
      const node = async (parentId: number, name: string, code: string) =>
        (await call(admin, 'POST', '/orgs', { parentId, name, code })).json() as { id: number };
      const anhe = await node(root.id, '安和街道', '330188001000');
      const jiangbin = await node(root.id, '江滨街道', '330188002000');
      const east = await node(anhe.id, '东苑社区', '330188001001');
      const west = await node(anhe.id, '西苑社区', '330188001002');
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
      const street = await user('anhe.admin', 'street-admin', anhe.id);
      const other = await user('jiangbin.admin', 'street-admin', jiangbin.id);
      const community = await user('east.op', 'community-operator', east.id);

      // November at two kiosks: 东苑 3 visits and 2 searches, 西苑 1 visit and a search that found nothing.
      const kiosk = async (orgId: number, name: string) => {
        const code = (await call(admin, 'POST', '/enrollment-codes', { orgId, validDays: 7, maxUses: 1 })).json()
          .code as string;
        const enrolled = (
          await app.inject({ method: 'POST', url: '/api/v1/devices/enroll', payload: { code, name } })
        ).json() as { deviceId: string; secret: string };
        return async (events: Array<[UsageEvent['kind'], string, string?]>) => {
          const reply = await app.inject({
            method: 'POST',
            url: '/api/v1/devices/usage',
            headers: {
              authorization: deviceAuthorization(enrolled.deviceId, enrolled.secret),
              [PROTOCOL_VERSION_HEADER]: String(PROTOCOL_VERSION),
            },
            payload: {
              events: events.map(([kind, at, subject], index) => ({
                id: uuidV7(Date.parse(at) + index),
                kind,
                at,
                ...(subject && { subject }),
              })),
            },
          });
          assert.equal(reply.statusCode, 200, reply.body);
        };
      };
      await (
        await kiosk(east.id, '东苑一号机')
      )([
        ['visit', '2026-11-03T01:00:00Z'],
        ['visit', '2026-11-03T02:00:00Z'],
        ['visit', '2026-11-20T02:00:00Z'],
        ['search', '2026-11-03T01:01:00Z'],
        ['search', '2026-11-20T02:01:00Z'],
      ]);
      await (
        await kiosk(west.id, '西苑一号机')
      )([
        ['visit', '2026-11-04T01:00:00Z'],
        ['search', '2026-11-04T01:01:00Z'],
        ['search-miss', '2026-11-04T01:01:00Z', '养狗'],
      ]);

      // Saved by the street, for its staff; the unit defaults to the street itself.
      const create = await call(street, 'POST', '/reports', { definition: usageReport(), baseVersion: 0 });
      assert.equal(create.statusCode, 201, create.body);
      const saved = create.json() as SavedReport;
      assert.equal(saved.definition.orgId, anhe.id);
      assert.equal(saved.orgName, '安和街道');

      const run = (await call(street, 'GET', `/reports/${saved.id}/document`)).json() as ReportDocument;
      assert.equal(run.subtitle, '安和街道 · 2026年11月');
      const [section] = run.sections;
      assert.deepEqual(
        section!.rows.map((row) => [row.label, ...row.values]),
        [
          ['东苑社区', 3, 2],
          ['西苑社区', 1, 1],
        ],
      );
      assert.deepEqual(section!.total, { label: '安和街道（合计）', values: [4, 3] });

      // Previewed with a filter and another order, in English words.
      const preview = await call(street, 'POST', '/reports/preview', {
        definition: usageReport({ filters: { atLeast: { measure: 'visit', value: 2 } }, rows: 'units' }),
        locale: 'en',
      });
      assert.deepEqual(
        (preview.json() as ReportDocument).sections[0]!.rows.map((row) => row.label),
        ['东苑社区'],
      );
      assert.equal((preview.json() as ReportDocument).subtitle, '安和街道 · Nov 2026');
      const byDay = (
        await call(street, 'POST', '/reports/preview', { definition: usageReport({ rows: 'time', chart: 'line' }) })
      ).json() as ReportDocument;
      assert.equal(byDay.sections[0]!.rows.length, 30, 'a month by day');
      assert.deepEqual(byDay.sections[0]!.rows[2], { label: '2026-11-03', values: [2, 1] });

      // Mistakes are named by field.
      const wrong = await call(street, 'POST', '/reports/preview', {
        definition: usageReport({ measures: ['visit', 'population'] }),
      });
      assert.equal(wrong.statusCode, 400);
      assert.deepEqual(wrong.json().error.details, [{ path: '/measures/1', message: 'not a measure of usage' }]);
      const notWhole = await call(street, 'POST', '/reports/preview', {
        definition: {
          ...usageReport(),
          source: 'indicators',
          measures: ['population'],
          period: 'custom',
          from: '2026-11-02',
          to: '2026-11-30',
        },
      });
      assert.deepEqual(notWhole.json().error.details, [{ path: '/to', message: 'a whole month, quarter or year' }]);
      const badBody = await call(street, 'POST', '/reports', {
        definition: { ...usageReport(), name: '' },
        baseVersion: 0,
      });
      assert.equal(badBody.statusCode, 400);
      assert.equal(badBody.json().error.details[0].path, 'body/definition/name');

      // Downloads: XLSX read back, CSV, PDF read by pdftotext.
      const xlsx = await app.inject({ url: `/api/v1/admin/reports/${saved.id}/export?format=xlsx`, headers: street });
      assert.equal(xlsx.statusCode, 200);
      assert.match(String(xlsx.headers['content-disposition']), /linli-report-\d+-2026-11-01-2026-11-30\.xlsx/);
      const sheet = readSpreadsheet({ bytes: xlsx.rawPayload, fileName: 'report.xlsx' });
      assert.deepEqual(sheet.rows, [
        ['单位', '服务人次（次）', '查询次数（次）'],
        ['东苑社区', '3', '2'],
        ['西苑社区', '1', '1'],
        ['安和街道（合计）', '4', '3'],
      ]);
      const csv = await app.inject({ url: `/api/v1/admin/reports/${saved.id}/export?format=csv`, headers: street });
      assert.ok(csv.body.includes('东苑社区,3,2'), csv.body);
      const pdf = await app.inject({ url: `/api/v1/admin/reports/${saved.id}/export?format=pdf`, headers: street });
      assert.equal(pdf.headers['content-type'], 'application/pdf');
      const text = pdfText(pdf.rawPayload);
      for (const expected of [
        '各社区服务人次',
        '安和街道 · 2026年11月',
        '东苑社区',
        '安和街道（合计）',
        '服务人次（次）',
      ])
        assert.ok(text.includes(expected), `the PDF says ${expected}`);

      // The month before is kept once however often the schedule runs, and downloads as kept.
      assert.equal((await services.reports.runDue()).kept, 1);
      assert.deepEqual(await services.reports.runDue(), { kept: 0, failed: [] });
      const listed = (await call(street, 'GET', '/reports')).json().reports as SavedReport[];
      assert.deepEqual(
        listed.map((report) => [report.definition.name, report.runs.map((kept) => kept.period)]),
        [['各社区服务人次', ['2026-11']]],
      );
      const kept = await app.inject({
        url: `/api/v1/admin/reports/${saved.id}/runs/2026-11/export?format=xlsx`,
        headers: street,
      });
      assert.equal(readSpreadsheet({ bytes: kept.rawPayload, fileName: 'kept.xlsx' }).rows[1]![0], '东苑社区');

      // A new version over the one read; the stale one is refused.
      const renamed = await call(street, 'PUT', `/reports/${saved.id}`, {
        definition: { ...saved.definition, name: '安和月度人次' },
        baseVersion: 1,
      });
      assert.equal(renamed.statusCode, 200, renamed.body);
      const stale = await call(street, 'PUT', `/reports/${saved.id}`, { definition: saved.definition, baseVersion: 1 });
      assert.equal(stale.json().error.code, 'EDIT_CONFLICT');

      // The one-click monthly report of the street.
      const monthly = await app.inject({
        url: '/api/v1/admin/reports/monthly?month=2026-11&format=pdf',
        headers: street,
      });
      assert.equal(monthly.statusCode, 200, monthly.body);
      const monthlyText = pdfText(monthly.rawPayload);
      for (const expected of ['安和街道2026年11月工作月报', '服务概况', '各单位服务情况', '东苑社区', '养狗'])
        assert.ok(monthlyText.includes(expected), `the monthly report says ${expected}`);
      const monthlyXlsx = await app.inject({
        url: '/api/v1/admin/reports/monthly?month=2026-11&format=xlsx',
        headers: street,
      });
      assert.equal(readSpreadsheet({ bytes: monthlyXlsx.rawPayload, fileName: 'm.xlsx' }).rows[1]![1], '4');

      // Approved figures by month: population of the two communities for October and November.
      const imported = await app.inject({
        method: 'POST',
        url: '/api/v1/admin/indicator-reports/import?fileName=figures.csv&dryRun=false',
        headers: { ...street, 'content-type': 'application/octet-stream' },
        payload: Buffer.from(
          [
            '单位代码,统计期,常住人口（人）',
            '330188001001,2026-10,3000',
            '330188001002,2026-10,2000',
            '330188001001,2026-11,3100',
            '330188001002,2026-11,2050',
          ].join('\n'),
        ),
      });
      assert.equal(imported.statusCode, 200, imported.body);
      for (const month of ['2026-10', '2026-11'])
        for (const report of (await call(street, 'GET', `/indicator-reports?period=${month}`)).json().reports)
          if (report.state === 'submitted')
            assert.equal(
              (
                await call(
                  street,
                  'POST',
                  `/indicator-reports/${report.orgId}/${month}/review`,
                  { approve: true },
                  report.version,
                )
              ).statusCode,
              200,
            );
      const population = (
        await call(street, 'POST', '/reports/preview', {
          definition: usageReport({
            source: 'indicators',
            measures: ['population'],
            rows: 'time',
            period: 'this-year',
            filters: { hideEmpty: true },
          }),
        })
      ).json() as ReportDocument;
      assert.deepEqual(
        population.sections[0]!.rows.map((row) => [row.label, ...row.values]),
        [
          ['2026年10月', 5000],
          ['2026年11月', 5150],
        ],
      );
      assert.deepEqual(population.sections[0]!.total?.values, [5150], 'a stock counts its latest month');

      // Another street neither sees nor reads it, nor reports on this street; a community lists only its own.
      assert.deepEqual((await call(other, 'GET', '/reports')).json().reports, []);
      assert.equal((await call(other, 'GET', `/reports/${saved.id}/document`)).statusCode, 404);
      const intrusion = await call(other, 'POST', '/reports', {
        definition: usageReport({ orgId: anhe.id }),
        baseVersion: 0,
      });
      assert.equal(intrusion.statusCode, 403);
      assert.equal(
        (await call(other, 'GET', `/reports/monthly?month=2026-11&format=csv&orgId=${anhe.id}`)).statusCode,
        403,
      );
      assert.deepEqual((await call(community, 'GET', '/reports')).json().reports, []);

      // Deleted with its months.
      assert.equal((await call(street, 'DELETE', `/reports/${saved.id}`)).statusCode, 204);
      assert.equal((await call(street, 'GET', `/reports/${saved.id}/runs/2026-11/export?format=csv`)).statusCode, 404);
    });
  });
}
