/**
 * Reminders about cases' limits (临期提醒, 超期提醒), swept every hour: when a case's light turns
 * yellow, those who must act on it now are reminded — the intake side before dispatch and before
 * closing, the assignee (the person, else the staff of the node) before signing and replying; when
 * it turns red, they are reminded again and so are the nearest supervisors (case.supervise on the
 * case's path), beside the 督办 the daily sweep records. Each (case, user, limit, due date, light)
 * is reminded once, so a limit moved by an extension or a wait is reminded afresh. Staff read their
 * own in the admin UI and the staff app; a reminder whose limit no longer applies is not shown.
 */
import {
  CASE_STATES,
  ROLE_PERMISSIONS,
  type CaseReminder,
  type CaseReminderList,
  type CaseRemindersRead,
  type Permission,
  type Role,
  type WorkCalendar,
} from '@linli/protocol';
import type { Database, Queryable } from '../db/database';
import type { Actor } from './actor';
import { caseLights, type CaseTiming } from './case-deadlines';
import { isOpenCase } from './case-workflow';
import type { Clock } from './clock';

export interface CaseReminders {
  /** Reminds whom each yellow or red light concerns, once (of every open case, or of one); answers how many reminders were written. */
  sweep(caseId?: number): Promise<number>;
  /** The actor's own reminders that still apply, newest first, and how many are unread. */
  list(actor: Actor): Promise<CaseReminderList>;
  markRead(actor: Actor, input: CaseRemindersRead): Promise<CaseReminderList>;
}

type CaseRow = CaseTiming & {
  id: number;
  tracking: string;
  nature: CaseReminder['nature'];
  category: string;
  org_path: string;
  assignee_org_id: number | null;
  assignee_user: string | null;
};
type ReminderRow = CaseRow & {
  reminder_id: number;
  case_id: number;
  limit_kind: CaseReminder['limit'];
  due: string;
  light: CaseReminder['light'];
  reason: CaseReminder['role'];
  created_at: string;
  read_at: string | null;
};
type StaffRow = { username: string; role: Role; org_id: number };

/** How long reminders are kept. */
const KEEP_DAYS = 90;
const LIST_MAX = 100;
const OPEN_STATES = CASE_STATES.filter(isOpenCase);
const CASE_COLUMNS = `c.id, c.tracking, c.nature, c.category, c.state, c.org_path, c.assignee_org_id, c.assignee_user,
  c.waiting_since, c.received_at, c.dispatch_by, c.sign_by, c.reply_by, c.close_by, c.warn_days`;

/** The node ids on a path, deepest first ('/1/5/9/' → 9, 5, 1). */
const upward = (path: string) => path.split('/').filter(Boolean).map(Number).reverse();

export function createCaseReminders(deps: { db: Database; clock: Clock; calendar: WorkCalendar }): CaseReminders {
  const { db, clock, calendar } = deps;

  /** The active users holding `permission` at the deepest of `nodeIds` (deepest first) that has any. */
  const nearestHolding = async (queryable: Queryable, nodeIds: number[], permission: Permission) => {
    if (nodeIds.length === 0) return [];
    const staff = await queryable.all<StaffRow>(
      `SELECT username, role, org_id FROM admin_users WHERE disabled = 0 AND org_id IN (${nodeIds.map(() => '?').join(', ')})`,
      nodeIds,
    );
    for (const id of nodeIds) {
      const holders = staff.filter(
        (user) => Number(user.org_id) === id && ROLE_PERMISSIONS[user.role]?.includes(permission),
      );
      if (holders.length > 0) return holders.map((user) => user.username);
    }
    return [];
  };

  /** Who must act on the limit that applies now. */
  const actors = async (queryable: Queryable, row: CaseRow, limit: CaseReminder['limit']) => {
    if (limit === 'dispatch' || limit === 'close')
      return nearestHolding(queryable, upward(row.org_path), 'case.intake');
    if (row.assignee_user) return [row.assignee_user];
    return row.assignee_org_id === null ? [] : nearestHolding(queryable, [Number(row.assignee_org_id)], 'case.handle');
  };

  const stillApplies = (row: ReminderRow, now: Date) => {
    if (!isOpenCase(row.state)) return false;
    const lights = caseLights(calendar, row, now);
    return lights?.limit === row.limit_kind && lights.due === row.due;
  };

  const viewOf = (row: ReminderRow): CaseReminder => ({
    id: Number(row.reminder_id),
    caseId: Number(row.case_id),
    tracking: row.tracking,
    nature: row.nature,
    category: row.category,
    state: row.state,
    limit: row.limit_kind,
    due: row.due,
    light: row.light,
    role: row.reason,
    at: row.created_at,
    read: row.read_at !== null,
  });

  const list = async (actor: Actor): Promise<CaseReminderList> => {
    const now = clock();
    const rows = await db.all<ReminderRow>(
      `SELECT r.id AS reminder_id, r.case_id, r.limit_kind, r.due, r.light, r.reason, r.created_at, r.read_at, ${CASE_COLUMNS}
         FROM case_reminders r JOIN cases c ON c.id = r.case_id
        WHERE r.username = ? ORDER BY r.created_at DESC, r.id DESC LIMIT ?`,
      [actor.username, LIST_MAX * 2],
    );
    const reminders = rows
      .filter((row) => stillApplies(row, now))
      .slice(0, LIST_MAX)
      .map(viewOf);
    return { reminders, unread: reminders.filter((reminder) => !reminder.read).length };
  };

  return {
    async sweep(caseId) {
      const now = clock();
      const at = now.toISOString();
      if (caseId === undefined)
        await db.run('DELETE FROM case_reminders WHERE created_at < ?', [
          new Date(now.getTime() - KEEP_DAYS * 86_400_000).toISOString(),
        ]);
      const open = await db.all<CaseRow>(
        `SELECT ${CASE_COLUMNS} FROM cases c WHERE c.waiting_since IS NULL
           AND c.state IN (${OPEN_STATES.map(() => '?').join(', ')})${caseId === undefined ? '' : ' AND c.id = ?'}`,
        [...OPEN_STATES, ...(caseId === undefined ? [] : [caseId])],
      );
      let written = 0;
      for (const row of open) {
        const lights = caseLights(calendar, row, now);
        if (!lights || lights.light === 'ok') continue;
        const reasons = new Map<string, CaseReminder['role']>();
        for (const username of await actors(db, row, lights.limit)) reasons.set(username, 'act');
        if (lights.light === 'red')
          for (const username of await nearestHolding(db, upward(row.org_path), 'case.supervise'))
            if (!reasons.has(username)) reasons.set(username, 'supervise');
        for (const [username, reason] of reasons) {
          const { changes } = await db.run(
            `INSERT INTO case_reminders (case_id, username, limit_kind, due, light, reason, created_at)
             VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (case_id, username, limit_kind, due, light) DO NOTHING`,
            [row.id, username, lights.limit, lights.due, lights.light, reason, at],
          );
          written += changes;
        }
      }
      return written;
    },

    list,

    async markRead(actor, input) {
      const at = clock().toISOString();
      if ('all' in input)
        await db.run('UPDATE case_reminders SET read_at = ? WHERE username = ? AND read_at IS NULL', [
          at,
          actor.username,
        ]);
      else
        await db.run(
          `UPDATE case_reminders SET read_at = ? WHERE username = ? AND read_at IS NULL
             AND id IN (${input.ids.map(() => '?').join(', ')})`,
          [at, actor.username, ...input.ids],
        );
      return list(actor);
    },
  };
}
