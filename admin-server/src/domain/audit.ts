/**
 * The audit trail: every change and every sign-in, with who, when, what, from where and the
 * state before and after. Entries are written in the transaction of the change they describe,
 * so a change never lands without its entry. Nothing here updates or deletes an entry.
 */
import { csvTable } from '../export/csv-table';
import {
  LinliError,
  can,
  type AuditEntry,
  type AuditPage,
  type AuditQuery,
  type AuditSubject,
  type Permission,
} from '@linli/protocol';
import type { Database, Queryable } from '../db/database';
import type { Actor } from './actor';
import { inScope, mayRead } from './actor';
import type { Clock } from './clock';

export interface AuditRecord {
  actor: string;
  action: string;
  target: { type: string; id: string; orgId: number | null; orgPath: string | null };
  from: string;
  outcome: AuditEntry['outcome'];
  before?: unknown;
  after?: unknown;
}

export async function writeAudit(db: Queryable, record: AuditRecord, at: Date): Promise<void> {
  await db.run(
    'INSERT INTO audit_log (at, actor, action, target_type, target_id, org_path, org_id, from_addr, outcome, before_state, after_state) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    [
      at.toISOString(),
      record.actor.slice(0, 64),
      record.action,
      record.target.type,
      record.target.id,
      record.target.orgPath,
      record.target.orgId,
      record.from,
      record.outcome,
      record.before === undefined ? null : JSON.stringify(record.before),
      record.after === undefined ? null : JSON.stringify(record.after),
    ],
  );
}

interface AuditRow {
  id: number;
  at: string;
  actor: string;
  action: string;
  target_type: string;
  target_id: string;
  org_id: number | null;
  from_addr: string;
  outcome: AuditEntry['outcome'];
  before_state: string | null;
  after_state: string | null;
  [column: string]: unknown;
}

function entryFromRow(row: AuditRow): AuditEntry {
  return {
    id: Number(row.id),
    at: row.at,
    actor: row.actor,
    action: row.action,
    targetType: row.target_type,
    targetId: row.target_id,
    orgId: row.org_id === null ? null : Number(row.org_id),
    from: row.from_addr,
    outcome: row.outcome,
    before: row.before_state === null ? null : JSON.parse(row.before_state),
    after: row.after_state === null ? null : JSON.parse(row.after_state),
  };
}

export interface AuditService {
  /**
   * Checks that `actor` holds `permission` over a target at `targetPath`; a refusal is written to
   * the trail (outcome denied) and thrown as FORBIDDEN.
   */
  authorize(
    actor: Actor,
    permission: Permission,
    action: string,
    target: AuditRecord['target'] & { orgPath: string },
  ): Promise<void>;
  /**
   * For reading one record: one outside what the actor may read answers as if it did not exist
   * (NOT_FOUND); one they may read but lack `permission` for is refused as by `authorize`.
   */
  authorizeRead(
    actor: Actor,
    permission: Permission,
    action: string,
    target: AuditRecord['target'] & { orgPath: string },
  ): Promise<void>;
  /**
   * For changing one record: one outside what the actor may read answers as if it did not exist
   * (NOT_FOUND), and the attempt is still written to the trail; otherwise as `authorize`.
   */
  authorizeChange(
    actor: Actor,
    permission: Permission,
    action: string,
    target: AuditRecord['target'] & { orgPath: string },
  ): Promise<void>;
  /** Writes a refusal to the trail and throws it (FORBIDDEN unless another 403 code is given). */
  deny(
    actor: Actor,
    action: string,
    target: AuditRecord['target'],
    message?: string,
    code?: 'FORBIDDEN' | 'SECOND_PERSON_REQUIRED',
  ): Promise<never>;
  record(
    db: Queryable,
    actor: Actor,
    action: string,
    target: AuditRecord['target'],
    change: { before?: unknown; after?: unknown },
  ): Promise<void>;
  query(actor: Actor, filter: AuditQuery, orgPath?: string): Promise<AuditPage>;
}

const CSV_COLUMNS = [
  'id',
  'at',
  'actor',
  'action',
  'targetType',
  'targetId',
  'orgId',
  'from',
  'outcome',
  'before',
  'after',
] as const;

/** The trail as CSV (csv-table.ts: Excel-safe; user names of failed sign-ins get here unchecked). */
export function auditCsv(entries: AuditEntry[]): string {
  return csvTable(
    CSV_COLUMNS,
    entries.map((entry) => CSV_COLUMNS.map((column) => entry[column])),
  );
}

/** The target types each subject covers; users' own entries leave out sign-ins, which are a subject of their own. */
const SUBJECT_TYPES: Record<Exclude<AuditSubject, 'sign-in'>, readonly string[]> = {
  // Residents' cases, their photos, the Open311 keys apps post them with and the calendar their deadlines count in.
  case: ['case', 'case-photo', 'open311-key', 'work-calendar'],
  guide: ['guide'],
  form: ['form'],
  notice: ['notice'],
  media: ['media'],
  user: ['user'],
  // The tree's nodes and what is laid on them: grids' boundaries (on the node), basemaps, service halls.
  org: ['org', 'basemap', 'queue-hall'],
  device: ['device', 'device-group', 'device-settings', 'group-settings', 'enrollment-code'],
};

/** The WHERE condition (and its parameters) of entries about `subject`. */
export function subjectCondition(subject: AuditSubject): { sql: string; params: string[] } {
  if (subject === 'sign-in') return { sql: "action LIKE 'session.%'", params: [] };
  const types = SUBJECT_TYPES[subject];
  const sql = `target_type IN (${types.map(() => '?').join(', ')})`;
  return { sql: subject === 'user' ? `${sql} AND action NOT LIKE 'session.%'` : sql, params: [...types] };
}

export function createAuditService(deps: { db: Database; clock: Clock }): AuditService {
  const { db, clock } = deps;
  async function writeDenial(actor: Actor, action: string, target: AuditRecord['target']): Promise<void> {
    await writeAudit(db, { actor: actor.username, action, target, from: actor.from, outcome: 'denied' }, clock());
  }
  async function deny(
    actor: Actor,
    action: string,
    target: AuditRecord['target'],
    message?: string,
    code: 'FORBIDDEN' | 'SECOND_PERSON_REQUIRED' = 'FORBIDDEN',
  ): Promise<never> {
    await writeDenial(actor, action, target);
    throw new LinliError(code, message ?? `You may not ${action.replace('.', ' ')} here`);
  }
  async function authorize(
    actor: Actor,
    permission: Permission,
    action: string,
    target: AuditRecord['target'] & { orgPath: string },
  ): Promise<void> {
    if (!can(actor.role, permission) || !inScope(actor, target.orgPath)) await deny(actor, action, target);
  }
  return {
    deny,
    authorize,
    async authorizeChange(actor, permission, action, target) {
      if (!mayRead(actor, target.orgPath)) {
        await writeDenial(actor, action, target);
        throw new LinliError('NOT_FOUND', `No ${target.type} '${target.id}'`);
      }
      await authorize(actor, permission, action, target);
    },
    async authorizeRead(actor, permission, action, target) {
      if (!mayRead(actor, target.orgPath)) throw new LinliError('NOT_FOUND', `No ${target.type} '${target.id}'`);
      if (!can(actor.role, permission)) await deny(actor, action, target);
    },
    async record(queryable, actor, action, target, change) {
      await writeAudit(
        queryable,
        { actor: actor.username, action, target, from: actor.from, outcome: 'ok', ...change },
        clock(),
      );
    },
    async query(actor, filter, orgPath = actor.orgPath) {
      const where = [
        '(org_path LIKE ?' +
          (actor.role === 'system-admin' && orgPath === actor.orgPath ? ' OR org_path IS NULL)' : ')'),
      ];
      const params: (string | number)[] = [`${orgPath}%`];
      if (filter.actor) {
        where.push('actor = ?');
        params.push(filter.actor);
      }
      if (filter.subject) {
        const condition = subjectCondition(filter.subject);
        where.push(`(${condition.sql})`);
        params.push(...condition.params);
      }
      if (filter.action) {
        where.push(filter.action.endsWith('.') ? 'action LIKE ?' : 'action = ?');
        params.push(filter.action.endsWith('.') ? `${filter.action}%` : filter.action);
      }
      if (filter.outcome) {
        where.push('outcome = ?');
        params.push(filter.outcome);
      }
      if (filter.since) {
        where.push('at >= ?');
        params.push(new Date(filter.since).toISOString());
      }
      if (filter.until) {
        where.push('at < ?');
        params.push(new Date(filter.until).toISOString());
      }
      const clause = `FROM audit_log WHERE ${where.join(' AND ')}`;
      const total = await db.get<{ n: number }>(`SELECT COUNT(*) AS n ${clause}`, params);
      const rows = await db.all<AuditRow>(`SELECT * ${clause} ORDER BY id DESC LIMIT ? OFFSET ?`, [
        ...params,
        filter.limit ?? 50,
        filter.offset ?? 0,
      ]);
      return { entries: rows.map(entryFromRow), total: Number(total?.n ?? 0) };
    },
  };
}
