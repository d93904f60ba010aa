/**
 * Service usage (使用统计): the events devices upload, kept once per (device, event id) and counted
 * into daily facts in the same transaction, so a batch sent again after a crash or a lost reply
 * changes nothing; the raw events are deleted after LINLI_USAGE_RAW_DAYS, the facts kept. Staff
 * read their subtree's figures: totals against the period before, the days, the nodes one level
 * down (the drill-down), the guides opened most, and for editors the searches that found nothing.
 */
import {
  LinliError,
  USAGE_KINDS,
  USAGE_KIND_NAMES,
  USAGE_MAX_AGE_DAYS,
  emptyUsageCounts,
  usageSubjectProblem,
  type SearchGaps,
  type UsageCounts,
  type UsageEvent,
  type UsageKind,
  type UsageQuery,
  type UsageSummary,
  type UsageUploadReply,
} from '@linli/protocol';
import type { Database, Queryable, SqlValue } from '../db/database';
import { findOrg, pathIds, trailTo, type StoredOrgNode } from '../db/org-store';
import type { Actor } from './actor';
import type { AuditService } from './audit';
import type { Clock } from './clock';
import { usageIncrements, usagePeriod, type CountedEvent, type UsagePeriod } from './usage-facts';

export interface UsageService {
  /** Stores and counts the events a device uploaded; those it sent before are counted once. */
  record(deviceId: string, events: UsageEvent[]): Promise<UsageUploadReply>;
  /** The subtree's figures over a period (stats.view). */
  summary(actor: Actor, query: UsageQuery): Promise<UsageSummary>;
  /** Searches that found nothing and the guides opened least (stats.view; the page shows them to editors). */
  searchGaps(actor: Actor, query: UsageQuery): Promise<SearchGaps>;
  /** Deletes raw events received before the retention period; returns how many. */
  pruneRaw(): Promise<number>;
  /**
   * Adds events counted elsewhere (the demo's and the bench's synthetic days) to the facts of a
   * device at `node`, as uploads of them would; no raw events are kept.
   */
  addCounts(deviceId: string, node: { id: number; path: string }, counted: CountedEvent[]): Promise<void>;
}

const DAY_MS = 86_400_000;
const RAW_COLUMNS = 8;
const LIST_LIMIT = 20;

/** `(?, ?, …), (…)` for rows of `width` values. */
function valueRows(rows: number, width: number): string {
  const row = `(${Array.from({ length: width }, () => '?').join(', ')})`;
  return Array.from({ length: rows }, () => row).join(', ');
}

function countsOf(rows: Array<{ kind: string; count: unknown }>): UsageCounts {
  const counts = emptyUsageCounts();
  for (const row of rows) if (row.kind in counts) counts[row.kind as UsageKind] += Number(row.count);
  return counts;
}

/** Adds counted events of one device to its facts (at its node `orgId` and the nodes `nodeIds`, root first). */
async function addUsageFacts(
  tx: Queryable,
  deviceId: string,
  orgId: number,
  events: CountedEvent[],
  nodeIds: number[],
): Promise<void> {
  const { deviceDays, nodeDays, nodeSubjects } = usageIncrements(events, nodeIds);
  if (deviceDays.length > 0)
    await tx.run(
      `INSERT INTO usage_device_days (device_id, day, kind, org_id, count) VALUES ${valueRows(deviceDays.length, 5)}
       ON CONFLICT (device_id, day, kind) DO UPDATE SET count = usage_device_days.count + excluded.count`,
      deviceDays.flatMap((fact) => [deviceId, fact.day, fact.kind, orgId, fact.count]),
    );
  if (nodeDays.length > 0)
    await tx.run(
      `INSERT INTO usage_node_days (org_id, day, kind, count) VALUES ${valueRows(nodeDays.length, 4)}
       ON CONFLICT (org_id, day, kind) DO UPDATE SET count = usage_node_days.count + excluded.count`,
      nodeDays.flatMap((fact) => [fact.orgId, fact.day, fact.kind, fact.count]),
    );
  if (nodeSubjects.length > 0)
    await tx.run(
      `INSERT INTO usage_node_subjects (org_id, month, kind, subject, count) VALUES ${valueRows(nodeSubjects.length, 5)}
       ON CONFLICT (org_id, month, kind, subject) DO UPDATE SET count = usage_node_subjects.count + excluded.count`,
      nodeSubjects.flatMap((fact) => [fact.orgId, fact.month, fact.kind, fact.subject, fact.count]),
    );
}

export function createUsageService(deps: {
  db: Database;
  audit: AuditService;
  clock: Clock;
  /** Days raw events are kept (the facts stay). */
  rawDays: number;
}): UsageService {
  const { db, audit, clock } = deps;

  /** The node asked for (the actor's own by default) with stats.view over it, and the period. */
  const scopeOf = async (
    actor: Actor,
    query: UsageQuery,
    action: string,
  ): Promise<{ node: StoredOrgNode; period: UsagePeriod }> => {
    const node = await findOrg(db, query.orgId ?? actor.orgId);
    if (!node)
      throw new LinliError('NOT_FOUND', `No organisation ${query.orgId}`, [
        { path: '/orgId', message: 'no such node' },
      ]);
    await audit.authorize(actor, 'stats.view', action, {
      type: 'org',
      id: String(node.id),
      orgId: node.id,
      orgPath: node.path,
    });
    const period = usagePeriod(query.from, query.to);
    if ('problem' in period)
      throw new LinliError('VALIDATION_FAILED', `The period is not valid: to ${period.problem}`, [
        { path: '/to', message: period.problem },
      ]);
    return { node, period };
  };

  const nodeCounts = async (orgIds: number[], from: string, to: string) => {
    if (orgIds.length === 0) return new Map<number, UsageCounts>();
    const rows = await db.all<{ org_id: unknown; kind: string; count: unknown }>(
      `SELECT org_id, kind, SUM(count) AS count FROM usage_node_days
        WHERE org_id IN (${orgIds.map(() => '?').join(', ')}) AND day >= ? AND day <= ?
        GROUP BY org_id, kind`,
      [...orgIds, from, to],
    );
    const byNode = new Map(orgIds.map((id) => [id, emptyUsageCounts()]));
    for (const row of rows) {
      const counts = byNode.get(Number(row.org_id));
      if (counts && row.kind in counts) counts[row.kind as UsageKind] += Number(row.count);
    }
    return byNode;
  };

  const subjectCounts = async (orgId: number, period: UsagePeriod, kind: UsageKind, limit: number) =>
    db.all<{ subject: string; count: unknown }>(
      `SELECT subject, SUM(count) AS count FROM usage_node_subjects
        WHERE org_id = ? AND kind = ? AND month >= ? AND month <= ?
        GROUP BY subject ORDER BY SUM(count) DESC, subject LIMIT ?`,
      [orgId, kind, period.months[0]!, period.months[period.months.length - 1]!, limit],
    );

  return {
    async record(deviceId, events) {
      events.forEach((event, index) => {
        const problem = usageSubjectProblem(event);
        if (problem)
          throw new LinliError('VALIDATION_FAILED', `Event ${index}: the subject ${problem}`, [
            { path: `/events/${index}/subject`, message: problem },
          ]);
      });
      const device = await db.get<{ org_id: unknown; path: string }>(
        'SELECT d.org_id, o.path FROM devices d JOIN org_nodes o ON o.id = d.org_id WHERE d.id = ?',
        [deviceId],
      );
      if (!device) throw new LinliError('DEVICE_UNKNOWN', 'This device has no place in the organisation');
      const now = clock().getTime();
      const oldest = now - USAGE_MAX_AGE_DAYS * DAY_MS;
      // An event is counted by the device's clock, but never after the server received it.
      const fresh = events
        .map((event) => ({ event, at: Math.min(Date.parse(event.at), now) }))
        .filter(({ at }) => at >= oldest);
      const receivedAt = new Date(now).toISOString();
      const orgId = Number(device.org_id);
      const stored = await db.transaction(async (tx) => {
        if (fresh.length === 0) return 0;
        const rows: SqlValue[] = fresh.flatMap(({ event, at }) => [
          deviceId,
          event.id,
          event.kind,
          new Date(at).toISOString(),
          orgId,
          event.subject ?? null,
          event.value ?? 1,
          receivedAt,
        ]);
        // RETURNING names the events new to the server: only those add to the facts.
        const inserted = await tx.all<{ event_id: string }>(
          `INSERT INTO usage_events (device_id, event_id, kind, at, org_id, subject, value, received_at)
           VALUES ${valueRows(fresh.length, RAW_COLUMNS)}
           ON CONFLICT (device_id, event_id) DO NOTHING RETURNING event_id`,
          rows,
        );
        const added = new Set(inserted.map((row) => row.event_id));
        const counted: CountedEvent[] = fresh
          .filter(({ event }) => added.has(event.id))
          .map(({ event, at }) => ({ kind: event.kind, at, subject: event.subject, value: event.value ?? 1 }));
        await addUsageFacts(tx, deviceId, orgId, counted, pathIds(device.path));
        return counted.length;
      });
      const tooOld = events.length - fresh.length;
      return { stored, alreadyStored: fresh.length - stored, tooOld };
    },

    async summary(actor, query) {
      const { node, period } = await scopeOf(actor, query, 'usage.summary');
      const [dayRows, previous, children, trail] = await Promise.all([
        db.all<{ day: string; kind: string; count: unknown }>(
          'SELECT day, kind, count FROM usage_node_days WHERE org_id = ? AND day >= ? AND day <= ?',
          [node.id, period.from, period.to],
        ),
        nodeCounts([node.id], period.previous.from, period.previous.to),
        db.all<{ id: unknown; name: string; level: string; children: unknown }>(
          `SELECT o.id, o.name, o.level, (SELECT COUNT(*) FROM org_nodes c WHERE c.parent_id = o.id) AS children
             FROM org_nodes o WHERE o.parent_id = ? ORDER BY o.code, o.id`,
          [node.id],
        ),
        trailTo(db, node.path, actor.orgPath),
      ]);
      const byDay = new Map(period.days.map((day) => [day, emptyUsageCounts()]));
      for (const row of dayRows) {
        const counts = byDay.get(row.day);
        if (counts && row.kind in counts) counts[row.kind as UsageKind] += Number(row.count);
      }
      const childCounts = await nodeCounts(
        children.map((child) => Number(child.id)),
        period.from,
        period.to,
      );
      const top = await subjectCounts(node.id, period, 'guide-view', LIST_LIMIT);
      const titles = await guideTitles(
        db,
        top.map((row) => row.subject),
      );
      const totals = countsOf(dayRows);
      return {
        node: { id: node.id, name: node.name, level: node.level },
        trail,
        from: period.from,
        to: period.to,
        totals,
        previous: { ...period.previous, totals: previous.get(node.id)! },
        days: [...byDay.entries()].map(([day, counts]) => ({ day, counts })),
        children: children.map((child) => ({
          id: Number(child.id),
          name: child.name,
          level: child.level,
          hasChildren: Number(child.children) > 0,
          totals: childCounts.get(Number(child.id))!,
        })),
        topGuides: top.map((row) => ({
          id: row.subject,
          title: titles.get(row.subject) ?? row.subject,
          count: Number(row.count),
        })),
      };
    },

    async searchGaps(actor, query) {
      const { node, period } = await scopeOf(actor, query, 'usage.search-gaps');
      const misses = await subjectCounts(node.id, period, 'search-miss', LIST_LIMIT);
      // The guides residents of the subtree may open: placed in it or above it, published.
      const least = await db.all<{ id: string; title: string; count: unknown }>(
        `SELECT g.id, g.title, COALESCE(v.count, 0) AS count
           FROM guides g
           JOIN org_nodes o ON o.id = g.org_id
           LEFT JOIN (SELECT subject, SUM(count) AS count FROM usage_node_subjects
                       WHERE org_id = ? AND kind = 'guide-view' AND month >= ? AND month <= ?
                       GROUP BY subject) v ON v.subject = g.id
          WHERE g.live_version IS NOT NULL AND (o.path LIKE ? OR ? LIKE o.path || '%')
          ORDER BY COALESCE(v.count, 0), g.id LIMIT ?`,
        [node.id, period.months[0]!, period.months[period.months.length - 1]!, `${node.path}%`, node.path, LIST_LIMIT],
      );
      return {
        from: period.from,
        to: period.to,
        misses: misses.map((row) => ({ query: row.subject, count: Number(row.count) })),
        leastFound: least.map((row) => ({ id: row.id, title: row.title, count: Number(row.count) })),
      };
    },

    async addCounts(deviceId, node, counted) {
      await db.transaction((tx) => addUsageFacts(tx, deviceId, node.id, counted, pathIds(node.path)));
    },

    async pruneRaw() {
      const before = new Date(clock().getTime() - deps.rawDays * DAY_MS).toISOString();
      const { changes } = await db.run('DELETE FROM usage_events WHERE received_at < ?', [before]);
      return changes;
    },
  };
}

async function guideTitles(db: Queryable, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.all<{ id: string; title: string }>(
    `SELECT id, title FROM guides WHERE id IN (${ids.map(() => '?').join(', ')})`,
    ids,
  );
  return new Map(rows.map((row) => [row.id, row.title]));
}

/** The summary as a table staff download: the total and each unit below, then each day (titles in Chinese). */
export function usageTable(summary: UsageSummary): { columns: string[]; rows: unknown[][] } {
  const names = USAGE_KIND_NAMES['zh-Hans'];
  const row = (label: string, counts: UsageCounts) => [label, ...USAGE_KINDS.map((kind) => counts[kind])];
  return {
    columns: ['单位或日期', ...USAGE_KINDS.map((kind) => names[kind])],
    rows: [
      row(`${summary.node.name}（合计）`, summary.totals),
      ...summary.children.map((child) => row(child.name, child.totals)),
      ...summary.days.map((day) => row(day.day, day.counts)),
    ],
  };
}
