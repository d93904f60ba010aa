/**
 * Community statistics: the formula reader and the catalogue's checks, how figures add up over
 * time and the tree (a rate of sums, not a mean of rates), and on every backend the whole round —
 * a community files its month, the street reviews it (never the community itself), a spreadsheet
 * of the street's communities is checked (every problem by row and column) then imported, and the
 * district reads the approved figures rolled up and drills down; the catalogue is the district's.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  evaluateFormula,
  parseFormula,
  periodsWithin,
  type Indicator,
  type IndicatorFigures,
  type IndicatorReport,
  type IndicatorReportList,
} from '@linli/protocol';
import { backends } from './backends';
import { startApp } from './app-harness';
import { catalogueProblems, readShippedIndicators } from '../src/domain/indicator-catalogue';
import { formulasOf, subtreeFigures } from '../src/domain/indicator-figures';
import { figureProblem } from '../src/domain/indicators';
import { readSpreadsheet } from '../src/import/spreadsheet';

const PASSWORD = 'Linli2026figures';

const indicator = (id: string, overrides: Partial<Indicator> = {}): Indicator => ({
  id,
  category: 'population',
  name: id,
  unit: '人',
  kind: 'count',
  reportedBy: 'community',
  periodicity: 'month',
  aggregation: 'latest',
  decimals: 0,
  ...overrides,
});

test('a formula is read as arithmetic of indicators, never run as code, and unknown operands give no figure', () => {
  const formula = parseFormula('elderly-60 / (population) × 100');
  assert.ok(!('problem' in formula));
  const values: Record<string, number | null> = { 'elderly-60': 250, population: 1000 };
  assert.equal(
    evaluateFormula(formula, (id) => values[id] ?? null),
    25,
  );
  assert.equal(
    evaluateFormula(formula, (id) => (id === 'population' ? 0 : 5)),
    null,
    'nought divides nothing',
  );
  assert.equal(
    evaluateFormula(formula, () => null),
    null,
  );
  for (const bad of ['', 'population +', '(population', 'process.exit()', 'population; 1'])
    assert.ok('problem' in parseFormula(bad), bad);
});

test("the catalogue's problems name the indicator and field; the shipped one has none and covers the nine categories", () => {
  const problems = catalogueProblems([
    indicator('population'),
    indicator('population'),
    indicator('rate', { kind: 'rate', formula: 'share * 2' }),
    indicator('share', { formula: 'rate / 2' }),
    indicator('satisfaction', { aggregation: 'average', weightedBy: 'nobody' }),
    indicator('broken', { formula: 'population +' }),
    indicator('stranger', { formula: 'ghosts / population' }),
  ]);
  assert.deepEqual(
    problems.map((problem) => problem.path),
    [
      '/indicators/1/id',
      '/indicators/4/weightedBy',
      '/indicators/5/formula',
      '/indicators/6/formula',
      '/indicators/2/formula',
      '/indicators/3/formula',
    ],
  );
  const shipped = readShippedIndicators();
  assert.equal(new Set(shipped.map((item) => item.category)).size, 9);
  assert.ok(
    shipped.some((item) => item.reportedBy === 'grid'),
    'grids report their own',
  );
});

test('figures add up over time by their rule, over the nodes by sum or weight, and rates come from the sums', () => {
  const indicators = [
    indicator('population'),
    indicator('elderly', {}),
    indicator('cases', { aggregation: 'sum' }),
    indicator('satisfaction', { kind: 'rate', aggregation: 'average', weightedBy: 'population', decimals: 1 }),
    indicator('ageing', { kind: 'rate', aggregation: 'average', formula: 'elderly / population * 100', decimals: 1 }),
  ];
  const report = (orgId: number, period: string, values: Record<string, number>) => ({
    orgId,
    path: `/1/2/${orgId}/`,
    period,
    values,
  });
  const reports = [
    report(10, '2026-10', { population: 1000, elderly: 100, cases: 3, satisfaction: 90 }),
    report(10, '2026-11', { population: 1010, elderly: 110, cases: 4, satisfaction: 80 }),
    report(11, '2026-11', { population: 3000, elderly: 900, cases: 1, satisfaction: 60 }),
  ];
  const formulas = formulasOf(indicators);
  const november = subtreeFigures(indicators, formulas, reports, '/1/2/', '2026-11');
  assert.equal(november.population, 4010);
  assert.equal(november.cases, 5);
  assert.equal(november.satisfaction, 65, 'weighted by population: (80×1010 + 60×3000) / 4010');
  assert.equal(november.ageing, 25.2, '1010 / 4010, not the mean of 10.9 % and 30 %');
  const quarter = subtreeFigures(indicators, formulas, reports, '/1/2/', '2026-Q4');
  assert.equal(quarter.cases, 8, 'summed over the months');
  assert.equal(quarter.population, 4010, 'the latest month of each node');
  assert.equal(subtreeFigures(indicators, formulas, reports, '/1/2/10/', '2026-Q4').satisfaction, 85);
  assert.deepEqual(periodsWithin('2026-Q4', 'month'), ['2026-10', '2026-11', '2026-12']);
  assert.deepEqual(periodsWithin('2026-11', 'quarter'), [], 'a month has no quarterly figure');
  assert.equal(figureProblem(indicator('population'), 12.5), 'must be a whole number');
  assert.equal(
    figureProblem(indicator('rate', { kind: 'rate', decimals: 1 }), 101),
    'must be a per cent from 0 to 100',
  );
  assert.equal(figureProblem(indicator('rate', { kind: 'rate', decimals: 1 }), 33.33), 'has more than 1 decimals');
});

for (const backend of backends) {
  describe(backend.name, { skip: backend.skip }, () => {
    test('a community files, the street reviews, a sheet is checked then imported, the district reads it rolled up', async (t) => {
      const { app, admin, root, call, signInAs } = await startApp(t, await backend.open(t));
      const node = async (parentId: number, name: string, code: string) =>
        (await call(admin, 'POST', '/orgs', { parentId, name, code })).json() as { id: number };
      const anhe = await node(root.id, '安和街道', '330188001000');
      const east = await node(anhe.id, '东苑社区', '330188001001');
      const west = await node(anhe.id, '西苑社区', '330188001002');
      const user = async (username: string, role: string, orgId: number) =>
        assert.equal(
          (
            await call(admin, 'POST', '/users', {
              username,
              displayName: username,
              role,
              orgId,
              password: PASSWORD,
              mustChangePassword: false,
            })
          ).statusCode,
          201,
        );
      await user('east.op', 'community-operator', east.id);
      await user('anhe.admin', 'street-admin', anhe.id);
      const operator = await signInAs('east.op', PASSWORD);
      const street = await signInAs('anhe.admin', PASSWORD);
      const month = '2026-11';
      const eastUrl = `/indicator-reports/${east.id}/${month}`;

      // 东苑 files its month: mistakes are named by indicator, nothing saved until it is right.
      const blank = (await call(operator, 'GET', eastUrl)).json() as IndicatorReport;
      assert.equal(blank.version, 0);
      assert.ok(blank.indicators.includes('population') && !blank.indicators.includes('party-members'));
      const wrong = await call(
        operator,
        'PUT',
        eastUrl,
        { values: { population: 1200.5, satisfaction: 120, 'party-members': 30, 'ageing-rate': 10 } },
        0,
      );
      assert.equal(wrong.statusCode, 400);
      assert.deepEqual(
        wrong.json().error.details.map((detail: { path: string }) => detail.path),
        ['/values/population', '/values/satisfaction', '/values/party-members', '/values/ageing-rate'],
      );
      const eastValues = {
        population: 4000,
        'elderly-60': 1000,
        households: 1500,
        mediations: 10,
        'mediations-settled': 9,
        satisfaction: 92.5,
      };
      const saved = await call(operator, 'PUT', eastUrl, { values: eastValues }, 0);
      assert.equal(saved.statusCode, 200, saved.body);
      assert.equal(
        (await call(operator, 'PUT', eastUrl, { values: eastValues }, 0)).json().error.code,
        'EDIT_CONFLICT',
      );
      assert.equal((await call(operator, 'POST', `${eastUrl}/submit`)).json().state, 'submitted');
      // The community never approves its own figures; the street does.
      const own = await call(operator, 'POST', `${eastUrl}/review`, { approve: true }, 1);
      assert.equal(own.statusCode, 403);
      const approved = await call(street, 'POST', `${eastUrl}/review`, { approve: true }, 1);
      assert.equal(approved.statusCode, 200, approved.body);
      assert.deepEqual((approved.json() as IndicatorReport).approvedValues, eastValues);

      // The street imports 西苑's month from a sheet: every problem by row and column first.
      const sheet = (rows: string[], dryRun: boolean) =>
        app.inject({
          method: 'POST',
          url: `/api/v1/admin/indicator-reports/import?fileName=figures.csv&dryRun=${dryRun}`,
          headers: { ...street, 'content-type': 'application/octet-stream' },
          payload: Buffer.from(
            ['单位代码,单位名称,统计期,常住人口（人）,60周岁以上老年人（人）,居民满意度（%）,党员（人）', ...rows].join(
              '\n',
            ),
          ),
        });
      const broken = await sheet(
        [
          '330188001002,西苑社区,2026-11,2000,abc,120,',
          '330188009009,不存在,2026-11,1,1,1,',
          '330188001002,西苑社区,2026-13,1,1,1,',
          '330188001002,西苑社区,2026-11,1,1,1,20',
        ],
        true,
      );
      assert.equal(broken.statusCode, 400, broken.body);
      assert.equal(broken.json().error.code, 'IMPORT_INVALID');
      assert.deepEqual(
        broken.json().error.details.map((detail: { path: string }) => detail.path),
        [
          '/row 2/60周岁以上老年人',
          '/row 2/居民满意度',
          '/row 3/单位代码',
          '/row 4/统计期',
          '/row 5/单位代码',
          '/row 5/党员',
        ],
      );
      const clean = ['330188001002,西苑社区,2026-11,2000,800,80,'];
      const dry = await app.inject({
        method: 'POST',
        url: '/api/v1/admin/indicator-reports/import?fileName=figures.csv',
        headers: { ...street, 'content-type': 'application/octet-stream' },
        payload: Buffer.from(
          [
            '单位代码,统计期,常住人口（人）,60周岁以上老年人（人）,居民满意度（%）',
            '330188001002,2026-11,2000,800,80',
          ].join('\n'),
        ),
      });
      assert.deepEqual(dry.json(), { dryRun: true, rows: 1, reports: 1, values: 3 });
      const list = async () =>
        (await call(street, 'GET', `/indicator-reports?period=${month}`)).json() as IndicatorReportList;
      assert.equal(
        (await list()).reports.find((report) => report.orgId === west.id)?.version,
        0,
        'a dry run writes nothing',
      );
      const imported = await sheet(clean, false);
      assert.equal(imported.statusCode, 200, imported.body);
      const westReport = (await list()).reports.find((report) => report.orgId === west.id)!;
      assert.equal(westReport.state, 'submitted');
      assert.equal(
        (
          await call(
            street,
            'POST',
            `/indicator-reports/${west.id}/${month}/review`,
            { approve: true },
            westReport.version,
          )
        ).statusCode,
        200,
      );

      // The district reads the street rolled up, then drills into it.
      const district = (await call(admin, 'GET', `/indicator-figures?period=${month}`)).json() as IndicatorFigures;
      const anheRow = district.children.find((child) => child.name === '安和街道')!;
      assert.equal(anheRow.values.population, 6000);
      assert.equal(anheRow.values['ageing-rate'], 30, '1800 / 6000');
      assert.equal(district.values.population, 6000);
      assert.deepEqual(district.coverage, { approved: 2, expected: 2 });
      const streetView = (
        await call(street, 'GET', `/indicator-figures?period=${month}&category=population`)
      ).json() as IndicatorFigures;
      assert.ok(streetView.indicators.every((item) => item.category === 'population'));
      assert.deepEqual(
        streetView.children.map((child) => [child.name, child.values.population]),
        [
          ['东苑社区', 4000],
          ['西苑社区', 2000],
        ],
      );
      const quarter = (await call(street, 'GET', `/indicator-figures?period=2026-Q4`)).json() as IndicatorFigures;
      assert.equal(quarter.values.mediations, 10);
      assert.equal(quarter.values.satisfaction, 86.3, '西苑 gave no households to weigh by: a plain mean');
      assert.equal((await call(street, 'GET', `/indicator-figures?period=${month}&orgId=${root.id}`)).statusCode, 403);
      const download = await app.inject({
        method: 'GET',
        url: `/api/v1/admin/indicator-figures/export?period=${month}&category=population&format=xlsx`,
        headers: street,
      });
      const rows = readSpreadsheet({ bytes: download.rawPayload, fileName: 'figures.xlsx' }).rows;
      assert.deepEqual(rows[0], ['类别', '指标', '单位', '安和街道（合计）', '东苑社区', '西苑社区']);
      assert.deepEqual(
        rows.find((row) => row[1] === '常住人口'),
        ['人口信息/特殊人员', '常住人口', '人', '6000', '4000', '2000'],
      );

      // The template to fill lists the street's communities with their columns.
      const template = await app.inject({
        method: 'GET',
        url: `/api/v1/admin/indicator-reports/template?period=${month}`,
        headers: street,
      });
      assert.equal(template.statusCode, 200);
      assert.equal(
        template.headers['content-type'],
        'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      );

      // The catalogue is the district's: a street may not change it; a cycle is named.
      const catalogue = (await call(admin, 'GET', '/indicators')).json() as {
        indicators: Indicator[];
        version: number;
      };
      assert.equal(catalogue.version, 0);
      assert.equal((await call(street, 'PUT', '/indicators', { indicators: catalogue.indicators }, 0)).statusCode, 403);
      const cycle = catalogue.indicators.map((item) =>
        item.id === 'ageing-rate' ? { ...item, formula: 'ageing-rate * 2' } : item,
      );
      const refused = await call(admin, 'PUT', '/indicators', { indicators: cycle }, 0);
      assert.equal(refused.statusCode, 400);
      assert.match(refused.json().error.details[0].path, /^\/indicators\/\d+\/formula$/);
      const added = [
        ...catalogue.indicators,
        indicator('elder-canteens', { category: 'services', name: '老年助餐点', unit: '个', periodicity: 'year' }),
      ];
      const savedCatalogue = await call(admin, 'PUT', '/indicators', { indicators: added }, 0);
      assert.equal(savedCatalogue.statusCode, 200, savedCatalogue.body);
      assert.equal(savedCatalogue.json().version, 1);
      assert.equal((await call(admin, 'PUT', '/indicators', { indicators: added }, 0)).statusCode, 409);
    });
  });
}
