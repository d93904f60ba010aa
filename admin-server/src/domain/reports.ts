/**
 * 统计报表: reports staff build from the statistics of their subtree (使用统计 and 社区统计), saved by
 * name for their node's staff by those who report figures (stats.report; saved_reports, migration
 * 36: If-Match through the version, audited) and run by all who read statistics (stats.view),
 * run now (a relative period follows the day), kept each month when monthly (report_runs: the
 * document as it was that month, once per report and month however many instances run the
 * schedule), and the street office's one-click monthly report. Every run reads through the
 * statistics services, so it sees exactly what the actor may see there.
 */
import {
  INDICATOR_CATEGORIES,
  INDICATOR_CATEGORY_NAMES,
  LinliError,
  USAGE_HEADLINE_KINDS,
  USAGE_KINDS,
  USAGE_KIND_NAMES,
  periodName,
  periodsWithin,
  previousPeriod,
  type IndicatorFigures,
  type Locale,
  type ReportDefinition,
  type ReportDocument,
  type Permission,
  type ReportSection,
  type SavedReport,
  type UsageKind,
} from '@linli/protocol';
import { beijingDate } from '../bills/beijing-time';
import type { Database } from '../db/database';
import { findOrg, type StoredOrgNode } from '../db/org-store';
import { inScope, type Actor } from './actor';
import type { AuditService } from './audit';
import type { Clock } from './clock';
import type { IndicatorService } from './indicators';
import { daysOfStatsPeriod, resolvePeriod } from './report-period';
import { indicatorSection, usageSection } from './report-sections';
import { REPORT_WORDS, daysName } from './report-words';
import type { UsageService } from './usage';

export interface ReportService {
  /** The reports saved at the actor's node and below, with the months kept of each. */
  list(actor: Actor): Promise<SavedReport[]>;
  /** Saves a new report (`id` undefined, baseVersion 0) or a new version of one. */
  save(actor: Actor, id: number | undefined, definition: ReportDefinition, baseVersion: number): Promise<SavedReport>;
  remove(actor: Actor, id: number): Promise<void>;
  /** A definition run now, saved or not. */
  run(actor: Actor, definition: ReportDefinition, locale: Locale): Promise<ReportDocument>;
  /** A saved report run now. */
  runSaved(actor: Actor, id: number, locale: Locale): Promise<ReportDocument>;
  /** A month a monthly report kept. */
  keptRun(actor: Actor, id: number, period: string): Promise<ReportDocument>;
  /** 一键月报: a unit's month (usage, its days and units, the searches that found nothing, approved figures). */
  monthly(actor: Actor, month: string, orgId: number | undefined, locale: Locale): Promise<ReportDocument>;
  /**
   * Keeps the month before today of every monthly report not yet kept. A report that cannot run
   * (its node moved, an indicator gone from the catalogue) is named with its error; the others are kept.
   */
  runDue(): Promise<{ kept: number; failed: Array<{ reportId: number; error: unknown }> }>;
}

type SavedRow = {
  id: unknown;
  org_id: unknown;
  org_name: string;
  name: string;
  definition: string;
  version: number;
  updated_at: string;
  updated_by: string;
};

const UNIT_KINDS: UsageKind[] = ['visit', 'search', 'guide-view', 'form-print', 'case', 'queue-ticket'];
const LIST_ROWS = 10;
/** The units beside the total in the monthly report's figures (a wider subtree reads better by drill-down). */
const FIGURE_UNITS_MAX = 8;

const notFound = (id: number) =>
  new LinliError('NOT_FOUND', `No report ${id}`, [{ path: '/id', message: 'no such report' }]);

export function createReportService(deps: {
  db: Database;
  audit: AuditService;
  clock: Clock;
  usage: UsageService;
  indicators: IndicatorService;
}): ReportService {
  const { db, audit, clock, usage, indicators } = deps;

  const nodeOf = async (id: number, path: string): Promise<StoredOrgNode> => {
    const node = await findOrg(db, id);
    if (!node) throw new LinliError('NOT_FOUND', `No organisation ${id}`, [{ path, message: 'no such node' }]);
    return node;
  };

  /** The measures the source knows, the filter's measure among them. */
  const checkMeasures = async (definition: ReportDefinition) => {
    const known =
      definition.source === 'usage'
        ? new Set<string>(USAGE_KINDS)
        : new Set((await indicators.catalogue()).indicators.map((indicator) => indicator.id));
    definition.measures.forEach((measure, index) => {
      if (!known.has(measure))
        throw new LinliError('VALIDATION_FAILED', `The measure ${measure} is not one of ${definition.source}`, [
          { path: `/measures/${index}`, message: `not a measure of ${definition.source}` },
        ]);
    });
    if (new Set(definition.measures).size !== definition.measures.length)
      throw new LinliError('VALIDATION_FAILED', 'A measure is named twice', [
        { path: '/measures', message: 'each measure once' },
      ]);
    const atLeast = definition.filters.atLeast;
    if (atLeast && !definition.measures.includes(atLeast.measure))
      throw new LinliError('VALIDATION_FAILED', 'The filter names a measure the report does not show', [
        { path: '/filters/atLeast/measure', message: 'one of the measures' },
      ]);
  };

  const document = async (
    actor: Actor,
    definition: ReportDefinition,
    locale: Locale,
    today: string,
  ): Promise<ReportDocument> => {
    await checkMeasures(definition);
    const period = resolvePeriod(definition, today);
    if ('problem' in period)
      throw new LinliError('VALIDATION_FAILED', `The period is not valid: ${period.problem}`, [
        { path: period.path, message: period.problem },
      ]);
    const orgId = definition.orgId ?? actor.orgId;
    let section: ReportSection;
    let node: ReportDocument['node'];
    if (definition.source === 'usage') {
      const summary = await usage.summary(actor, { from: period.from, to: period.to, orgId });
      section = usageSection(definition, summary, locale);
      node = summary.node;
    } else {
      const statsPeriod = period.statsPeriod;
      if (statsPeriod === undefined)
        throw new LinliError('VALIDATION_FAILED', 'Indicators are counted by whole months, quarters and years', [
          { path: '/to', message: 'a whole month, quarter or year' },
        ]);
      const total = await indicators.figures(actor, { period: statsPeriod, orgId });
      const stretches =
        definition.rows === 'time'
          ? await Promise.all(
              (await timeStretches(definition.measures, statsPeriod)).map(async (stretch) => ({
                label: periodName(locale, stretch),
                figures: await indicators.figures(actor, { period: stretch, orgId }),
              })),
            )
          : [];
      section = indicatorSection(definition, total, stretches, locale);
      node = total.node;
    }
    return {
      title: definition.name,
      subtitle: `${node.name} · ${daysName(locale, period.from, period.to)}`,
      node,
      from: period.from,
      to: period.to,
      generatedAt: clock().toISOString(),
      sections: [section],
    };
  };

  /** Rows by time of indicators: months when every measure is monthly, else quarters (a year's), else the period. */
  const timeStretches = async (measures: string[], statsPeriod: string): Promise<string[]> => {
    const { indicators: catalogue } = await indicators.catalogue();
    const monthly = measures.every((id) => catalogue.find((indicator) => indicator.id === id)?.periodicity === 'month');
    const finer = periodsWithin(statsPeriod, monthly ? 'month' : 'quarter');
    return finer.length > 0 ? finer : [statsPeriod];
  };

  const readSaved = async (actor: Actor, id: number, action: string, permission: Permission = 'stats.view') => {
    const row = await db.get<SavedRow & { org_path: string }>(
      `SELECT r.*, o.name AS org_name, o.path AS org_path FROM saved_reports r JOIN org_nodes o ON o.id = r.org_id WHERE r.id = ?`,
      [id],
    );
    if (!row) throw notFound(id);
    await audit.authorizeChange(actor, permission, action, {
      type: 'report',
      id: String(id),
      orgId: Number(row.org_id),
      orgPath: row.org_path,
    });
    return row;
  };

  const runsOf = async (ids: number[]) => {
    if (ids.length === 0) return new Map<number, SavedReport['runs']>();
    const rows = await db.all<{ report_id: unknown; period: string; created_at: string }>(
      `SELECT report_id, period, created_at FROM report_runs WHERE report_id IN (${ids.map(() => '?').join(', ')})
        ORDER BY period DESC`,
      ids,
    );
    const runs = new Map(ids.map((id) => [id, [] as SavedReport['runs']]));
    for (const row of rows) runs.get(Number(row.report_id))?.push({ period: row.period, createdAt: row.created_at });
    return runs;
  };

  const savedOf = (row: SavedRow, runs: SavedReport['runs']): SavedReport => ({
    id: Number(row.id),
    orgId: Number(row.org_id),
    orgName: row.org_name,
    definition: JSON.parse(row.definition) as ReportDefinition,
    version: row.version,
    updatedAt: row.updated_at,
    updatedBy: row.updated_by,
    runs,
  });

  /** The actor of a kept run: the report's node with the rights to read its statistics. */
  const nodeActor = (node: { id: number; path: string }): Actor => ({
    username: 'system',
    role: 'street-admin',
    orgId: node.id,
    orgPath: node.path,
    from: 'local',
  });

  const today = () => beijingDate(clock());

  return {
    async list(actor) {
      await audit.authorize(actor, 'stats.view', 'reports.list', {
        type: 'org',
        id: String(actor.orgId),
        orgId: actor.orgId,
        orgPath: actor.orgPath,
      });
      const rows = await db.all<SavedRow>(
        `SELECT r.*, o.name AS org_name FROM saved_reports r JOIN org_nodes o ON o.id = r.org_id
          WHERE o.path LIKE ? ORDER BY r.name, r.id`,
        [`${actor.orgPath}%`],
      );
      const runs = await runsOf(rows.map((row) => Number(row.id)));
      return rows.map((row) => savedOf(row, runs.get(Number(row.id))!));
    },

    async save(actor, id, input, baseVersion) {
      const definition = { ...input, orgId: input.orgId ?? actor.orgId };
      const subject = await nodeOf(definition.orgId, '/orgId');
      if (!inScope(actor, subject.path))
        await audit.deny(actor, 'report.save', {
          type: 'org',
          id: String(subject.id),
          orgId: subject.id,
          orgPath: subject.path,
        });
      await checkMeasures(definition);
      const period = resolvePeriod(definition, today());
      if ('problem' in period)
        throw new LinliError('VALIDATION_FAILED', `The period is not valid: ${period.problem}`, [
          { path: period.path, message: period.problem },
        ]);
      // Who may save is settled before the transaction: its reads and refusals go through the database too.
      const before = id === undefined ? undefined : await readSaved(actor, id, 'report.update', 'stats.report');
      if (id === undefined) {
        await audit.authorize(actor, 'stats.report', 'report.create', {
          type: 'org',
          id: String(actor.orgId),
          orgId: actor.orgId,
          orgPath: actor.orgPath,
        });
        if (baseVersion !== 0)
          throw new LinliError('EDIT_CONFLICT', 'A new report starts from version 0', [
            { path: '/baseVersion', message: 'must be 0 for a new report' },
          ]);
      }
      const now = clock().toISOString();
      const monthly = definition.monthly ? 1 : 0;
      const saved = await db.transaction(async (tx) => {
        let reportId: number;
        if (before === undefined) {
          const [row] = await tx.all<{ id: unknown }>(
            `INSERT INTO saved_reports (org_id, name, definition, monthly, version, updated_at, updated_by)
             VALUES (?, ?, ?, ?, 1, ?, ?) RETURNING id`,
            [actor.orgId, definition.name, JSON.stringify(definition), monthly, now, actor.username],
          );
          reportId = Number(row!.id);
        } else {
          reportId = Number(before.id);
          const { changes } = await tx.run(
            `UPDATE saved_reports SET name = ?, definition = ?, monthly = ?, version = version + 1, updated_at = ?, updated_by = ?
              WHERE id = ? AND version = ?`,
            [definition.name, JSON.stringify(definition), monthly, now, actor.username, reportId, baseVersion],
          );
          if (changes !== 1)
            throw new LinliError('EDIT_CONFLICT', `The report ${before.name} was saved meanwhile`, [
              { path: '/baseVersion', message: `the report is at version ${before.version}` },
            ]);
        }
        await audit.record(
          tx,
          actor,
          before === undefined ? 'report.create' : 'report.update',
          { type: 'report', id: String(reportId), orgId: actor.orgId, orgPath: actor.orgPath },
          { after: definition },
        );
        return reportId;
      });
      const row = await db.get<SavedRow>(
        'SELECT r.*, o.name AS org_name FROM saved_reports r JOIN org_nodes o ON o.id = r.org_id WHERE r.id = ?',
        [saved],
      );
      const runs = await runsOf([saved]);
      return savedOf(row!, runs.get(saved)!);
    },

    async remove(actor, id) {
      const row = await readSaved(actor, id, 'report.delete', 'stats.report');
      await db.transaction(async (tx) => {
        await tx.run('DELETE FROM report_runs WHERE report_id = ?', [id]);
        await tx.run('DELETE FROM saved_reports WHERE id = ?', [id]);
        await audit.record(
          tx,
          actor,
          'report.delete',
          { type: 'report', id: String(id), orgId: Number(row.org_id), orgPath: row.org_path },
          { before: JSON.parse(row.definition) },
        );
      });
    },

    run: (actor, definition, locale) => document(actor, definition, locale, today()),

    async runSaved(actor, id, locale) {
      const row = await readSaved(actor, id, 'report.run');
      return document(actor, JSON.parse(row.definition) as ReportDefinition, locale, today());
    },

    async keptRun(actor, id, period) {
      await readSaved(actor, id, 'report.run');
      const row = await db.get<{ document: string }>(
        'SELECT document FROM report_runs WHERE report_id = ? AND period = ?',
        [id, period],
      );
      if (!row)
        throw new LinliError('NOT_FOUND', `Report ${id} kept nothing for ${period}`, [
          { path: '/period', message: 'no run for this period' },
        ]);
      return JSON.parse(row.document) as ReportDocument;
    },

    async monthly(actor, month, orgId, locale) {
      const words = REPORT_WORDS[locale];
      const names = USAGE_KIND_NAMES[locale];
      const { from, to } = daysOfStatsPeriod(month);
      const subject = orgId ?? actor.orgId;
      const [summary, gaps, figures] = await Promise.all([
        usage.summary(actor, { from, to, orgId: subject }),
        usage.searchGaps(actor, { from, to, orgId: subject }),
        indicators.figures(actor, { period: month, orgId: subject }),
      ]);
      const change = (now: number, before: number) =>
        before === 0 ? null : Math.round(((now - before) / before) * 1000) / 10;
      const kindColumns = (kinds: UsageKind[]) =>
        kinds.map((kind) => ({ id: kind, name: names[kind], unit: words.times }));
      const sections: ReportSection[] = [
        {
          heading: words.overview,
          rowHeader: words.measure,
          columns: [
            { id: 'this', name: words.thisPeriod, unit: '' },
            { id: 'previous', name: words.previousPeriod, unit: '' },
            { id: 'change', name: words.change, unit: '' },
          ],
          rows: USAGE_HEADLINE_KINDS.map((kind) => ({
            label: names[kind],
            values: [
              summary.totals[kind],
              summary.previous.totals[kind],
              change(summary.totals[kind], summary.previous.totals[kind]),
            ],
          })),
          chart: 'none',
        },
        {
          heading: words.byUnit,
          rowHeader: words.unit,
          columns: kindColumns(UNIT_KINDS),
          rows: summary.children.map((child) => ({
            label: child.name,
            orgId: child.id,
            values: UNIT_KINDS.map((kind) => child.totals[kind]),
          })),
          total: { label: words.total(summary.node.name), values: UNIT_KINDS.map((kind) => summary.totals[kind]) },
          chart: 'bar',
        },
        {
          heading: words.byDay,
          rowHeader: words.day,
          columns: kindColumns(['visit', 'search']),
          rows: summary.days.map((day) => ({ label: day.day, values: [day.counts.visit, day.counts.search] })),
          chart: 'line',
        },
        {
          heading: words.topGuides,
          rowHeader: words.guide,
          columns: [{ id: 'count', name: words.count, unit: words.times }],
          rows: summary.topGuides.slice(0, LIST_ROWS).map((guide) => ({ label: guide.title, values: [guide.count] })),
          chart: 'none',
        },
        {
          heading: words.misses,
          rowHeader: words.query,
          columns: [{ id: 'count', name: words.count, unit: words.times }],
          rows: gaps.misses.slice(0, LIST_ROWS).map((miss) => ({ label: miss.query, values: [miss.count] })),
          chart: 'none',
        },
        ...figureSections(figures, locale),
      ];
      return {
        title: words.monthlyTitle(summary.node.name, periodName(locale, month)),
        subtitle: `${summary.node.name} · ${periodName(locale, month)}`,
        node: summary.node,
        from,
        to,
        generatedAt: clock().toISOString(),
        sections,
      };
    },

    async runDue() {
      const month = previousPeriod(today().slice(0, 7));
      const { from, to } = daysOfStatsPeriod(month);
      const due = await db.all<{ id: unknown; definition: string; org_id: unknown; org_path: string }>(
        `SELECT r.id, r.definition, r.org_id, o.path AS org_path FROM saved_reports r JOIN org_nodes o ON o.id = r.org_id
          WHERE r.monthly = 1 AND NOT EXISTS (SELECT 1 FROM report_runs k WHERE k.report_id = r.id AND k.period = ?)`,
        [month],
      );
      let kept = 0;
      const failed: Array<{ reportId: number; error: unknown }> = [];
      for (const row of due) {
        const definition = JSON.parse(row.definition) as ReportDefinition;
        const actor = nodeActor({ id: Number(row.org_id), path: row.org_path });
        try {
          const run = await document(actor, { ...definition, period: 'custom', from, to }, 'zh-Hans', today());
          const { changes } = await db.run(
            `INSERT INTO report_runs (report_id, period, document, created_at) VALUES (?, ?, ?, ?)
             ON CONFLICT (report_id, period) DO NOTHING`,
            [Number(row.id), month, JSON.stringify(run), clock().toISOString()],
          );
          kept += changes;
        } catch (error) {
          failed.push({ reportId: Number(row.id), error });
        }
      }
      return { kept, failed };
    },
  };
}

/** The month's approved figures by category: each indicator with a figure, the total beside the units below. */
function figureSections(figures: IndicatorFigures, locale: Locale): ReportSection[] {
  const words = REPORT_WORDS[locale];
  const units = figures.children.slice(0, FIGURE_UNITS_MAX);
  const sections = INDICATOR_CATEGORIES.flatMap((category) => {
    const known = figures.indicators.filter(
      (indicator) => indicator.category === category && figures.values[indicator.id] !== null,
    );
    if (known.length === 0) return [];
    return [
      {
        heading: words.figures(INDICATOR_CATEGORY_NAMES[locale][category]),
        rowHeader: words.measure,
        columns: [
          { id: 'total', name: words.total(figures.node.name), unit: '' },
          ...units.map((unit) => ({ id: String(unit.id), name: unit.name, unit: '' })),
        ],
        rows: known.map((indicator) => ({
          label: indicator.unit ? `${indicator.name}（${indicator.unit}）` : indicator.name,
          values: [figures.values[indicator.id] ?? null, ...units.map((unit) => unit.values[indicator.id] ?? null)],
        })),
        chart: 'none' as const,
      },
    ];
  });
  if (sections.length > 0) return sections;
  return [
    {
      heading: words.statistics,
      rowHeader: words.measure,
      columns: [],
      rows: [],
      chart: 'none',
      note: words.noFigures,
    },
  ];
}
