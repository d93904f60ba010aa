/**
 * Proof of play: the plays signage players upload, kept once per (device, play id) so an upload
 * sent again (after a crash, or a reply that never arrived) changes nothing; and the report of
 * what played where over a period, for the screens under a node the user may see.
 */
import {
  LinliError,
  type PlayRecord,
  type PlayUploadReply,
  type ProofOfPlayQuery,
  type ProofOfPlayReport,
  type ProofOfPlayRow,
} from '@linli/protocol';
import type { Database } from '../db/database';
import { findOrg } from '../db/org-store';
import type { Actor } from './actor';
import type { AuditService } from './audit';
import type { Clock } from './clock';

export interface ProofOfPlay {
  /** Stores the plays a device uploaded; those it sent before are counted, not stored again. */
  record(deviceId: string, plays: PlayRecord[]): Promise<PlayUploadReply>;
  /** Plays per screen and item that started within the days asked for (China Standard Time). */
  report(actor: Actor, query: ProofOfPlayQuery): Promise<ProofOfPlayReport>;
}

// China keeps one time zone and no daylight saving: a day there is UTC+8 all year.
const CHINA_OFFSET = '+08:00';
const MAX_REPORT_DAYS = 366;
const DAY_MS = 86_400_000;

/** The instants a report of days `from`…`to` (inclusive, in China Standard Time) covers. */
export function reportWindow(from: string, to: string): { since: string; until: string } {
  const since = Date.parse(`${from}T00:00:00${CHINA_OFFSET}`);
  const until = Date.parse(`${to}T00:00:00${CHINA_OFFSET}`) + DAY_MS;
  if (Number.isNaN(since) || Number.isNaN(until) || until <= since)
    throw new LinliError('VALIDATION_FAILED', 'The last day must not be before the first', [
      { path: '/to', message: 'must not be before from' },
    ]);
  if (until - since > MAX_REPORT_DAYS * DAY_MS)
    throw new LinliError('VALIDATION_FAILED', `A report covers at most ${MAX_REPORT_DAYS} days`, [
      { path: '/to', message: `at most ${MAX_REPORT_DAYS} days after from` },
    ]);
  return { since: new Date(since).toISOString(), until: new Date(until).toISOString() };
}

type PlayRow = {
  device_id: string;
  device_name: string;
  publication_id: string;
  publication_title: string | null;
  layout_id: string;
  zone_id: string;
  item_id: string;
  started_at: string;
  ended_at: string;
};

export function createProofOfPlay(deps: { db: Database; audit: AuditService; clock: Clock }): ProofOfPlay {
  const { db, audit, clock } = deps;
  return {
    async record(deviceId, plays) {
      const receivedAt = clock().toISOString();
      const stored = await db.transaction(async (tx) => {
        let count = 0;
        for (const play of plays) {
          const { changes } = await tx.run(
            `INSERT INTO proof_of_play (device_id, play_id, publication_id, layout_id, zone_id, item_id, started_at, ended_at, received_at)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (device_id, play_id) DO NOTHING`,
            [
              deviceId,
              play.playId,
              play.publicationId,
              play.layoutId,
              play.zoneId,
              play.itemId,
              new Date(play.startedAt).toISOString(),
              new Date(play.endedAt).toISOString(),
              receivedAt,
            ],
          );
          count += changes;
        }
        return count;
      });
      return { stored, alreadyStored: plays.length - stored };
    },
    async report(actor, query) {
      const node = query.orgId === undefined ? undefined : await findOrg(db, query.orgId);
      if (query.orgId !== undefined && !node) throw new LinliError('NOT_FOUND', `No organisation ${query.orgId}`);
      const scopePath = node?.path ?? actor.orgPath;
      await audit.authorize(actor, 'device.view', 'proof-of-play.report', {
        type: 'org',
        id: String(node?.id ?? actor.orgId),
        orgId: node?.id ?? actor.orgId,
        orgPath: scopePath,
      });
      const { since, until } = reportWindow(query.from, query.to);
      const filters: string[] = [];
      const params: Array<string | number> = [`${scopePath}%`, since, until];
      if (query.publicationId) {
        filters.push('AND p.publication_id = ?');
        params.push(query.publicationId);
      }
      if (query.deviceId) {
        filters.push('AND p.device_id = ?');
        params.push(query.deviceId);
      }
      // Summed in JavaScript from each play's two instants: the one SQL text serves both backends.
      const rows = await db.all<PlayRow>(
        `SELECT p.device_id, d.name AS device_name, p.publication_id, s.title AS publication_title,
                p.layout_id, p.zone_id, p.item_id, p.started_at, p.ended_at
           FROM proof_of_play p
           JOIN devices d ON d.id = p.device_id
           JOIN org_nodes o ON o.id = d.org_id
           LEFT JOIN signage_publications s ON s.id = p.publication_id
          WHERE o.path LIKE ? AND p.started_at >= ? AND p.started_at < ? ${filters.join(' ')}
          ORDER BY d.name, p.publication_id, p.layout_id, p.zone_id, p.item_id, p.started_at`,
        params,
      );
      const grouped = new Map<string, ProofOfPlayRow & { millis: number }>();
      for (const row of rows) {
        const key = [row.device_id, row.publication_id, row.layout_id, row.zone_id, row.item_id].join('\u0000');
        const millis = Math.max(0, Date.parse(row.ended_at) - Date.parse(row.started_at));
        const entry = grouped.get(key);
        if (entry) {
          entry.plays++;
          entry.millis += millis;
          if (row.ended_at > entry.lastEndedAt) entry.lastEndedAt = row.ended_at;
        } else
          grouped.set(key, {
            deviceId: row.device_id,
            deviceName: row.device_name,
            publicationId: row.publication_id,
            publicationTitle: row.publication_title,
            layoutId: row.layout_id,
            zoneId: row.zone_id,
            itemId: row.item_id,
            plays: 1,
            millis,
            seconds: 0,
            firstStartedAt: row.started_at,
            lastEndedAt: row.ended_at,
          });
      }
      const reportRows = [...grouped.values()].map(({ millis, ...row }) => ({
        ...row,
        seconds: Math.round(millis / 1000),
      }));
      return {
        from: query.from,
        to: query.to,
        rows: reportRows,
        plays: rows.length,
        seconds: reportRows.reduce((sum, row) => sum + row.seconds, 0),
      };
    },
  };
}

/** The report's rows as a table (CSV and XLSX share it): the column titles in Chinese, as staff read them. */
export const PROOF_OF_PLAY_COLUMNS = [
  '屏幕',
  '屏幕编号',
  '节目',
  '节目编号',
  '布局',
  '区域',
  '内容',
  '播放次数',
  '播放时长（秒）',
  '首次开始',
  '最后结束',
] as const;

export function proofOfPlayTable(report: ProofOfPlayReport): unknown[][] {
  return report.rows.map((row) => [
    row.deviceName,
    row.deviceId,
    row.publicationTitle ?? '',
    row.publicationId,
    row.layoutId,
    row.zoneId,
    row.itemId,
    row.plays,
    row.seconds,
    row.firstStartedAt,
    row.lastEndedAt,
  ]);
}
