/**
 * Community statistics (社区统计): the district's indicator catalogue (the shipped one until a
 * system administrator saves their own, versioned, audited), the figures each reporting node saves
 * for a period (数据填报: by form, or many at once from a spreadsheet, checked whole first), submits
 * and the level above reviews (审核: the reporter never approves their own node), and the graded
 * query (统计查询): a node's figures from the approved reports of its subtree, with the nodes one
 * level down for the drill-down. Only numbers per indicator are kept, never a person.
 */
import {
  INDICATOR_CATEGORY_NAMES,
  LinliError,
  PERIOD_PATTERN,
  periodicityOf,
  periodsWithin,
  type ErrorDetail,
  type Indicator,
  type IndicatorCatalogue,
  type IndicatorCatalogueInput,
  type IndicatorFigures,
  type IndicatorFiguresQuery,
  type IndicatorImportReport,
  type IndicatorReport,
  type IndicatorReportDecision,
  type ReportState,
} from '@linli/protocol';
import { claimVersion } from '../db/claim-version';
import type { Database, Queryable } from '../db/database';
import { findOrg, findOrgByCode, listByIds, listSubtree, pathIds, trailTo, type StoredOrgNode } from '../db/org-store';
import { RowProblems, readTable, type ColumnSpec } from '../import/sheet-table';
import { readSpreadsheet, type SheetFile } from '../import/spreadsheet';
import type { Actor } from './actor';
import type { AuditService } from './audit';
import type { Clock } from './clock';
import { catalogueProblems } from './indicator-catalogue';
import {
  formulasOf,
  reportedIndicators,
  reportingLevels,
  subtreeFigures,
  type ApprovedReport,
} from './indicator-figures';

export interface IndicatorService {
  catalogue(): Promise<IndicatorCatalogue>;
  /** The whole catalogue, edited from `baseVersion` (stats.indicators at the top node). */
  saveCatalogue(actor: Actor, input: IndicatorCatalogueInput, baseVersion: number): Promise<IndicatorCatalogue>;
  /** Every reporting node of the subtree and its report for the period (version 0: none yet). */
  listReports(actor: Actor, period: string, orgId?: number): Promise<IndicatorReport[]>;
  report(actor: Actor, orgId: number, period: string): Promise<IndicatorReport>;
  /** Saves the figures as a draft over `baseVersion` (0 for the first). */
  saveReport(
    actor: Actor,
    orgId: number,
    period: string,
    values: Record<string, number | null>,
    baseVersion: number,
  ): Promise<IndicatorReport>;
  submitReport(actor: Actor, orgId: number, period: string): Promise<IndicatorReport>;
  /** Approves or returns the submitted version `baseVersion`, by someone above the node. */
  reviewReport(
    actor: Actor,
    orgId: number,
    period: string,
    decision: IndicatorReportDecision,
    baseVersion: number,
  ): Promise<IndicatorReport>;
  /** Reports from a spreadsheet (单位代码, 统计期, one column per indicator): checked whole, then saved and submitted. */
  importSheet(actor: Actor, file: SheetFile, dryRun: boolean): Promise<IndicatorImportReport>;
  /** The spreadsheet to fill for a period: the reporting nodes of the subtree and their indicators' columns. */
  template(actor: Actor, period: string, orgId?: number): Promise<{ columns: string[]; rows: unknown[][] }>;
  figures(actor: Actor, query: IndicatorFiguresQuery): Promise<IndicatorFigures>;
}

const CATALOGUE_ID = 'catalogue';
const PERIOD = new RegExp(PERIOD_PATTERN);
const MAX_FIGURE = 1e12;

type ReportRow = {
  id: string;
  org_id: unknown;
  period: string;
  state: ReportState;
  version: number;
  report_values: string;
  approved_values: string | null;
  updated_at: string;
  updated_by: string;
  reviewed_by: string | null;
  review_comment: string | null;
};

const reportId = (orgId: number, period: string) => `${orgId}/${period}`;

/** What is wrong with a figure of `indicator`; undefined when nothing. */
export function figureProblem(indicator: Indicator, value: number): string | undefined {
  if (!Number.isFinite(value) || value < 0) return 'must be a number, not negative';
  if (value > MAX_FIGURE) return 'is too large';
  if (indicator.kind === 'count' && !Number.isInteger(value)) return 'must be a whole number';
  if (indicator.kind === 'rate' && value > 100) return 'must be a per cent from 0 to 100';
  if (Math.round(value * 10 ** indicator.decimals) !== value * 10 ** indicator.decimals)
    return `has more than ${indicator.decimals} decimals`;
  return undefined;
}

export function createIndicatorService(deps: {
  db: Database;
  audit: AuditService;
  clock: Clock;
  shipped: Indicator[];
}): IndicatorService {
  const { db, audit, clock } = deps;

  const readCatalogue = async (queryable: Queryable): Promise<IndicatorCatalogue> => {
    const row = await queryable.get<{ version: number; data: string; updated_at: string; updated_by: string }>(
      'SELECT version, data, updated_at, updated_by FROM indicator_catalogues WHERE id = ?',
      [CATALOGUE_ID],
    );
    if (!row) return { indicators: deps.shipped, version: 0, updatedAt: null, updatedBy: null };
    return {
      indicators: (JSON.parse(row.data) as IndicatorCatalogueInput).indicators,
      version: Number(row.version),
      updatedAt: row.updated_at,
      updatedBy: row.updated_by,
    };
  };

  const nodeOf = async (id: number): Promise<StoredOrgNode> => {
    const node = await findOrg(db, id);
    if (!node)
      throw new LinliError('NOT_FOUND', `No organisation ${id}`, [{ path: '/orgId', message: 'no such node' }]);
    return node;
  };
  const target = (node: StoredOrgNode, period?: string) => ({
    type: 'indicator-report',
    id: period ? reportId(node.id, period) : String(node.id),
    orgId: node.id,
    orgPath: node.path,
  });

  const viewOf = (
    node: StoredOrgNode,
    period: string,
    indicators: Indicator[],
    row: ReportRow | undefined,
  ): IndicatorReport => ({
    orgId: node.id,
    orgName: node.name,
    period,
    state: row?.state ?? 'draft',
    version: row ? Number(row.version) : 0,
    indicators: reportedIndicators(indicators, node.level, period).map((indicator) => indicator.id),
    values: row ? (JSON.parse(row.report_values) as Record<string, number | null>) : {},
    approvedValues: row?.approved_values ? (JSON.parse(row.approved_values) as Record<string, number | null>) : null,
    updatedAt: row?.updated_at ?? null,
    updatedBy: row?.updated_by ?? null,
    reviewedBy: row?.reviewed_by ?? null,
    reviewComment: row?.review_comment ?? null,
  });

  const rowOf = (queryable: Queryable, orgId: number, period: string) =>
    queryable.get<ReportRow>('SELECT * FROM indicator_reports WHERE id = ?', [reportId(orgId, period)]);

  /** The node reports for this period, or nothing is there to report. */
  const reportable = (node: StoredOrgNode, period: string, indicators: Indicator[]) => {
    const expected = reportedIndicators(indicators, node.level, period);
    if (expected.length === 0)
      throw new LinliError('VALIDATION_FAILED', `${node.name} reports nothing for ${period}`, [
        { path: '/period', message: `no indicator is reported by a ${node.level} for a ${periodicityOf(period)}` },
      ]);
    return expected;
  };

  const valuesProblems = (
    expected: Indicator[],
    values: Record<string, number | null>,
    pathOf: (id: string) => string,
  ) => {
    const byId = new Map(expected.map((indicator) => [indicator.id, indicator]));
    const problems: ErrorDetail[] = [];
    for (const [id, value] of Object.entries(values)) {
      const indicator = byId.get(id);
      if (!indicator) problems.push({ path: pathOf(id), message: 'is not reported by this node for this period' });
      else if (value !== null) {
        const problem = figureProblem(indicator, value);
        if (problem) problems.push({ path: pathOf(id), message: problem });
      }
    }
    return problems;
  };

  /** Writes a draft (or, from an import, a submitted report) over `baseVersion` in the caller's transaction. */
  const writeReport = async (
    tx: Queryable,
    actor: Actor,
    node: StoredOrgNode,
    period: string,
    values: Record<string, number | null>,
    baseVersion: number,
    state: ReportState,
    action: string,
  ) => {
    const now = clock().toISOString();
    const id = reportId(node.id, period);
    if (baseVersion === 0) {
      const { changes } = await tx.run(
        `INSERT INTO indicator_reports (id, org_id, period, state, version, report_values, approved_values, updated_at, updated_by)
         VALUES (?, ?, ?, ?, 1, ?, NULL, ?, ?) ON CONFLICT (id) DO NOTHING`,
        [id, node.id, period, state, JSON.stringify(values), now, actor.username],
      );
      if (changes === 0)
        throw new LinliError('EDIT_CONFLICT', `The figures of ${node.name} for ${period} were saved meanwhile`);
    } else {
      if (!(await claimVersion(tx, 'indicator_reports', id, baseVersion)))
        throw new LinliError('EDIT_CONFLICT', `The figures of ${node.name} for ${period} were saved meanwhile`);
      await tx.run(
        `UPDATE indicator_reports SET state = ?, version = version + 1, report_values = ?, updated_at = ?, updated_by = ?,
                reviewed_by = NULL, review_comment = NULL WHERE id = ?`,
        [state, JSON.stringify(values), now, actor.username, id],
      );
    }
    await audit.record(tx, actor, action, target(node, period), { after: { period, state } });
  };

  const reviewer = async (actor: Actor, node: StoredOrgNode, period: string) => {
    // The level above reviews: never the node's own staff.
    if (actor.orgPath === node.path)
      await audit.deny(
        actor,
        'indicator-report.review',
        target(node, period),
        'The figures are reviewed by the level above',
      );
    await audit.authorizeChange(actor, 'stats.review', 'indicator-report.review', target(node, period));
  };

  const listReports: IndicatorService['listReports'] = async (actor, period, orgId) => {
    const node = await nodeOf(orgId ?? actor.orgId);
    await audit.authorizeRead(actor, 'stats.view', 'indicator-report.list', target(node));
    const { indicators } = await readCatalogue(db);
    const levels = reportingLevels(indicators, period);
    const nodes = (await listSubtree(db, node.path)).filter(
      (candidate) => levels.has(candidate.level) && reportedIndicators(indicators, candidate.level, period).length > 0,
    );
    const rows = await db.all<ReportRow>(
      `SELECT r.* FROM indicator_reports r JOIN org_nodes o ON o.id = r.org_id WHERE o.path LIKE ? AND r.period = ?`,
      [`${node.path}%`, period],
    );
    const byNode = new Map(rows.map((row) => [Number(row.org_id), row]));
    return nodes.map((candidate) => viewOf(candidate, period, indicators, byNode.get(candidate.id)));
  };

  return {
    catalogue: () => readCatalogue(db),

    async saveCatalogue(actor, input, baseVersion) {
      const root = (await listByIds(db, [pathIds(actor.orgPath)[0]!]))[0]!;
      const catalogueTarget = { type: 'indicator-catalogue', id: CATALOGUE_ID, orgId: root.id, orgPath: root.path };
      // The district's: its system administrators at the top node, nobody below.
      await audit.authorize(actor, 'stats.indicators', 'indicators.update', catalogueTarget);
      if (actor.orgPath !== root.path)
        await audit.deny(actor, 'indicators.update', catalogueTarget, 'The catalogue is the district’s');
      const problems = catalogueProblems(input.indicators);
      if (problems.length > 0)
        throw new LinliError('VALIDATION_FAILED', `${problems[0]!.path}: ${problems[0]!.message}`, problems);
      await db.transaction(async (tx) => {
        const now = clock().toISOString();
        const data = JSON.stringify({ indicators: input.indicators });
        if (baseVersion === 0) {
          const { changes } = await tx.run(
            `INSERT INTO indicator_catalogues (id, version, data, updated_at, updated_by) VALUES (?, 1, ?, ?, ?)
             ON CONFLICT (id) DO NOTHING`,
            [CATALOGUE_ID, data, now, actor.username],
          );
          if (changes === 0) throw new LinliError('EDIT_CONFLICT', 'The catalogue was saved meanwhile');
        } else {
          if (!(await claimVersion(tx, 'indicator_catalogues', CATALOGUE_ID, baseVersion)))
            throw new LinliError('EDIT_CONFLICT', 'The catalogue was saved meanwhile');
          await tx.run(
            'UPDATE indicator_catalogues SET version = version + 1, data = ?, updated_at = ?, updated_by = ? WHERE id = ?',
            [data, now, actor.username, CATALOGUE_ID],
          );
        }
        await audit.record(tx, actor, 'indicators.update', catalogueTarget, {
          after: { indicators: input.indicators.length },
        });
      });
      return readCatalogue(db);
    },

    listReports,

    async report(actor, orgId, period) {
      const node = await nodeOf(orgId);
      await audit.authorizeRead(actor, 'stats.view', 'indicator-report.read', target(node, period));
      const { indicators } = await readCatalogue(db);
      return viewOf(node, period, indicators, await rowOf(db, node.id, period));
    },

    async saveReport(actor, orgId, period, values, baseVersion) {
      const node = await nodeOf(orgId);
      await audit.authorizeChange(actor, 'stats.report', 'indicator-report.save', target(node, period));
      const { indicators } = await readCatalogue(db);
      const expected = reportable(node, period, indicators);
      const problems = valuesProblems(expected, values, (id) => `/values/${id}`);
      if (problems.length > 0)
        throw new LinliError('VALIDATION_FAILED', `${problems[0]!.path}: ${problems[0]!.message}`, problems);
      await db.transaction((tx) =>
        writeReport(tx, actor, node, period, values, baseVersion, 'draft', 'indicator-report.save'),
      );
      return viewOf(node, period, indicators, await rowOf(db, node.id, period));
    },

    async submitReport(actor, orgId, period) {
      const node = await nodeOf(orgId);
      await audit.authorizeChange(actor, 'stats.report', 'indicator-report.submit', target(node, period));
      const { indicators } = await readCatalogue(db);
      await db.transaction(async (tx) => {
        const row = await rowOf(tx, node.id, period);
        if (!row || !['draft', 'returned'].includes(row.state))
          throw new LinliError(
            'REVIEW_STATE_INVALID',
            `The figures of ${node.name} for ${period} are ${row?.state ?? 'not saved'}`,
          );
        await claimVersion(tx, 'indicator_reports', row.id, Number(row.version));
        await tx.run("UPDATE indicator_reports SET state = 'submitted' WHERE id = ?", [row.id]);
        await audit.record(tx, actor, 'indicator-report.submit', target(node, period), {
          after: { state: 'submitted' },
        });
      });
      return viewOf(node, period, indicators, await rowOf(db, node.id, period));
    },

    async reviewReport(actor, orgId, period, decision, baseVersion) {
      const node = await nodeOf(orgId);
      await reviewer(actor, node, period);
      const { indicators } = await readCatalogue(db);
      await db.transaction(async (tx) => {
        const row = await rowOf(tx, node.id, period);
        if (!row || row.state !== 'submitted')
          throw new LinliError('REVIEW_STATE_INVALID', `The figures of ${node.name} for ${period} are not submitted`);
        if (!(await claimVersion(tx, 'indicator_reports', row.id, baseVersion)))
          throw new LinliError('EDIT_CONFLICT', `The figures of ${node.name} for ${period} were changed meanwhile`);
        const state: ReportState = decision.approve ? 'approved' : 'returned';
        await tx.run(
          `UPDATE indicator_reports SET state = ?, reviewed_by = ?, review_comment = ?,
                  approved_values = ${decision.approve ? 'report_values' : 'approved_values'} WHERE id = ?`,
          [state, actor.username, decision.comment ?? null, row.id],
        );
        await audit.record(
          tx,
          actor,
          `indicator-report.${decision.approve ? 'approve' : 'return'}`,
          target(node, period),
          {
            after: { state, ...(decision.comment && { comment: decision.comment }) },
          },
        );
      });
      return viewOf(node, period, indicators, await rowOf(db, node.id, period));
    },

    async importSheet(actor, file, dryRun) {
      // Authorised before the file is read.
      const own = await nodeOf(actor.orgId);
      await audit.authorize(actor, 'stats.report', 'indicator-report.import', target(own));
      const { indicators } = await readCatalogue(db);
      const reported = indicators.filter((indicator) => indicator.formula === undefined);
      const columns: ColumnSpec<string>[] = [
        { key: 'code', headers: ['单位代码', '代码', '统计代码', 'code'], required: true },
        { key: 'period', headers: ['统计期', '期间', 'period'], required: true },
        ...reported.map((indicator) => ({
          key: indicator.id,
          headers: [indicator.id, indicator.name, `${indicator.name}（${indicator.unit}）`],
          required: false,
        })),
      ];
      const records = readTable(readSpreadsheet(file).rows, columns);
      const headerOf = (id: string) => reported.find((indicator) => indicator.id === id)?.name ?? id;
      const problems = new RowProblems();
      const planned: Array<{
        node: StoredOrgNode;
        period: string;
        values: Record<string, number | null>;
        version: number;
      }> = [];
      const seen = new Set<string>();
      for (const { row, cells } of records) {
        const node = await findOrgByCode(db, cells.code!.trim());
        if (!node || !node.path.startsWith(actor.orgPath)) {
          problems.add(row, '单位代码', node ? 'is not in your organisation' : 'names no organisation');
          continue;
        }
        const period = cells.period!.trim();
        if (!PERIOD.test(period)) {
          problems.add(row, '统计期', 'must be a month (2026-11), a quarter (2026-Q4) or a year (2026)');
          continue;
        }
        if (seen.has(reportId(node.id, period)))
          problems.add(row, '单位代码', `${node.name} ${period} is on an earlier row too`);
        seen.add(reportId(node.id, period));
        const expected = reportedIndicators(indicators, node.level, period);
        if (expected.length === 0) {
          problems.add(row, '统计期', `a ${node.level} reports nothing for a ${periodicityOf(period)}`);
          continue;
        }
        const values: Record<string, number | null> = {};
        for (const indicator of reported) {
          const text = (cells[indicator.id] ?? '').trim();
          if (text === '') continue;
          if (!expected.includes(indicator)) {
            problems.add(
              row,
              headerOf(indicator.id),
              `is not reported by a ${node.level} for a ${periodicityOf(period)}`,
            );
            continue;
          }
          const value = Number(text.replace(/,/g, ''));
          const problem = Number.isNaN(value) ? 'must be a number' : figureProblem(indicator, value);
          if (problem) problems.add(row, headerOf(indicator.id), problem);
          else values[indicator.id] = value;
        }
        const existing = await rowOf(db, node.id, period);
        if (existing?.state === 'submitted')
          problems.add(row, '统计期', `${node.name} ${period} is waiting for review`);
        planned.push({ node, period, values, version: existing ? Number(existing.version) : 0 });
      }
      problems.throwIfAny();
      const count = planned.reduce((sum, report) => sum + Object.keys(report.values).length, 0);
      if (!dryRun)
        await db.transaction(async (tx) => {
          for (const report of planned)
            await writeReport(
              tx,
              actor,
              report.node,
              report.period,
              report.values,
              report.version,
              'submitted',
              'indicator-report.import',
            );
        });
      return { dryRun, rows: records.length, reports: planned.length, values: count };
    },

    async template(actor, period, orgId) {
      const reports = await listReports(actor, period, orgId);
      const { indicators } = await readCatalogue(db);
      const ids = [...new Set(reports.flatMap((report) => report.indicators))];
      const columnsOf = ids.map((id) => indicators.find((indicator) => indicator.id === id)!);
      const codes = new Map(
        (
          await listByIds(
            db,
            reports.map((report) => report.orgId),
          )
        ).map((node) => [node.id, node.code]),
      );
      return {
        columns: [
          '单位代码',
          '单位名称',
          '统计期',
          ...columnsOf.map((indicator) => `${indicator.name}（${indicator.unit}）`),
        ],
        rows: reports.map((report) => [
          codes.get(report.orgId) ?? '',
          report.orgName,
          period,
          ...columnsOf.map((indicator) =>
            report.indicators.includes(indicator.id) ? (report.values[indicator.id] ?? '') : '',
          ),
        ]),
      };
    },

    async figures(actor, query) {
      const node = await nodeOf(query.orgId ?? actor.orgId);
      await audit.authorize(actor, 'stats.view', 'indicator-figures.read', target(node));
      const { indicators: all } = await readCatalogue(db);
      const indicators = query.category ? all.filter((indicator) => indicator.category === query.category) : all;
      const formulas = formulasOf(all);
      const periods = new Set(all.flatMap((indicator) => periodsWithin(query.period, indicator.periodicity)));
      periods.add(query.period);
      const rows = await db.all<{ org_id: unknown; path: string; period: string; approved_values: string }>(
        `SELECT r.org_id, o.path, r.period, r.approved_values FROM indicator_reports r JOIN org_nodes o ON o.id = r.org_id
          WHERE o.path LIKE ? AND r.approved_values IS NOT NULL AND r.period IN (${[...periods].map(() => '?').join(', ')})`,
        [`${node.path}%`, ...periods],
      );
      const approved: ApprovedReport[] = rows.map((row) => ({
        orgId: Number(row.org_id),
        path: row.path,
        period: row.period,
        values: JSON.parse(row.approved_values) as Record<string, number | null>,
      }));
      const pick = (values: Record<string, number | null>) =>
        Object.fromEntries(indicators.map((indicator) => [indicator.id, values[indicator.id] ?? null]));
      const subtree = await listSubtree(db, node.path);
      const levels = reportingLevels(all, query.period);
      const expected = subtree.filter((candidate) => levels.has(candidate.level));
      const children = subtree.filter((candidate) => candidate.parentId === node.id);
      return {
        node: { id: node.id, name: node.name, level: node.level },
        trail: await trailTo(db, node.path, actor.orgPath),
        period: query.period,
        indicators: indicators.map(({ id, category, name, unit, kind, decimals, formula }) => ({
          id,
          category,
          name,
          unit,
          kind,
          decimals,
          ...(formula !== undefined && { formula }),
        })),
        values: pick(subtreeFigures(all, formulas, approved, node.path, query.period)),
        coverage: {
          approved: new Set(approved.map((report) => report.orgId)).size,
          expected: expected.length,
        },
        children: children.map((child) => ({
          id: child.id,
          name: child.name,
          level: child.level,
          hasChildren: subtree.some((candidate) => candidate.parentId === child.id),
          values: pick(subtreeFigures(all, formulas, approved, child.path, query.period)),
        })),
      };
    },
  };
}

/** The figures as a table staff download: one row per indicator, its total and each unit below (titles in Chinese). */
export function figuresTable(figures: IndicatorFigures): { columns: string[]; rows: unknown[][] } {
  const categories = INDICATOR_CATEGORY_NAMES['zh-Hans'];
  return {
    columns: ['类别', '指标', '单位', `${figures.node.name}（合计）`, ...figures.children.map((child) => child.name)],
    rows: figures.indicators.map((indicator) => [
      categories[indicator.category],
      indicator.name,
      indicator.unit,
      figures.values[indicator.id] ?? '',
      ...figures.children.map((child) => child.values[indicator.id] ?? ''),
    ]),
  };
}
