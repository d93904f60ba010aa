/**
 * The working-day calendar as the server counts it: the shipped years (admin-server/case-rules/
 * cn-YYYY.json) overridden by the years a system administrator edited in the admin UI (stored in
 * work_calendars), so next year's holidays can be entered when the State Council announces them,
 * without a release. `calendar` always answers from the latest loaded years; deadlines are fixed at
 * intake, so an edit applies to cases received after it. Other server instances pick up an edit at
 * their next `load` (at start and daily).
 */
import {
  LinliError,
  type Permission,
  type WorkCalendarEntry,
  type WorkCalendarList,
  type WorkCalendarYear,
  readWorkCalendarYear,
  workCalendar,
  type WorkCalendar,
} from '@linli/protocol';
import type { Database, Queryable } from '../db/database';
import { findRootOrg } from '../db/org-store';
import type { Actor } from './actor';
import type { AuditService } from './audit';
import type { Clock } from './clock';

export interface WorkCalendars {
  /** Counts in the shipped years and the edited ones as last loaded. */
  calendar: WorkCalendar;
  /** Reads the edited years again. */
  load(): Promise<void>;
  list(actor: Actor): Promise<WorkCalendarList>;
  /**
   * Saves a year, edited from `version` (0: not edited yet); EDIT_CONFLICT when someone saved it
   * since. Answers it as now counted.
   */
  save(actor: Actor, year: number, json: unknown, version: number): Promise<WorkCalendarEntry>;
  /** Drops a year's edit: the shipped file counts again (or, without one, Monday to Friday). */
  revert(actor: Actor, year: number): Promise<void>;
}

type CalendarRow = { year: number; body: string; version: number; updated_at: string; updated_by: string };

const PERMISSION: Permission = 'case.rules';

export function createWorkCalendars(deps: {
  db: Database;
  clock: Clock;
  audit: AuditService;
  shipped: readonly WorkCalendarYear[];
}): WorkCalendars {
  const { db, clock, audit } = deps;
  const shipped = new Map(deps.shipped.map((year) => [year.year, year]));
  let edited: CalendarRow[] = [];
  let current = workCalendar(deps.shipped);

  const readEdited = (queryable: Queryable) => queryable.all<CalendarRow>('SELECT * FROM work_calendars ORDER BY year');
  const use = (rows: CalendarRow[]) => {
    edited = rows;
    const years = new Map(shipped);
    for (const row of rows) years.set(Number(row.year), JSON.parse(row.body) as WorkCalendarYear);
    current = workCalendar([...years.values()]);
  };
  const entryOf = (row: CalendarRow): WorkCalendarEntry => ({
    calendar: JSON.parse(row.body) as WorkCalendarYear,
    origin: 'edited',
    updatedAt: row.updated_at,
    updatedBy: row.updated_by,
    version: Number(row.version),
    hasShipped: shipped.has(Number(row.year)),
  });
  /** Editing the calendar is the whole system's concern: authorised over the root node. */
  const authorize = async (actor: Actor, action: string, year: number) => {
    const root = await findRootOrg(db);
    if (!root) throw new LinliError('NOT_FOUND', 'No organisation yet');
    await audit.authorize(actor, PERMISSION, action, {
      type: 'work-calendar',
      id: String(year),
      orgId: root.id,
      orgPath: root.path,
    });
    return root;
  };

  return {
    calendar: {
      years: () => current.years(),
      covers: (year) => current.covers(year),
      isWorkingDay: (date) => current.isWorkingDay(date),
      addWorkingDays: (date, days) => current.addWorkingDays(date, days),
      workingDaysBetween: (from, to) => current.workingDaysBetween(from, to),
    },

    async load() {
      use(await readEdited(db));
    },

    async list(actor) {
      await authorize(actor, 'work-calendar.list', 0);
      use(await readEdited(db));
      const byYear = new Map<number, WorkCalendarEntry>();
      for (const year of shipped.values())
        byYear.set(year.year, { calendar: year, origin: 'shipped', version: 0, hasShipped: true });
      for (const row of edited) byYear.set(Number(row.year), entryOf(row));
      return { years: [...byYear.values()].sort((a, b) => a.calendar.year - b.calendar.year) };
    },

    async save(actor, year, json, editedFrom) {
      const root = await authorize(actor, 'work-calendar.update', year);
      const named = (json as { year?: unknown } | null)?.year;
      if (named !== year)
        throw new LinliError('VALIDATION_FAILED', `/year: the calendar is for ${String(named)}, not ${year}`, [
          { path: '/year', message: `must be ${year}` },
        ]);
      const calendar = readWorkCalendarYear(json);
      const at = clock().toISOString();
      const saved = await db.transaction(async (tx) => {
        const before = await tx.get<CalendarRow>('SELECT * FROM work_calendars WHERE year = ?', [year]);
        if (Number(before?.version ?? 0) !== editedFrom)
          throw new LinliError(
            'EDIT_CONFLICT',
            `The ${year} calendar was saved by ${before?.updated_by ?? '?'} meanwhile`,
          );
        const version = editedFrom + 1;
        const { changes } = before
          ? await tx.run(
              'UPDATE work_calendars SET body = ?, version = ?, updated_at = ?, updated_by = ? WHERE year = ? AND version = ?',
              [JSON.stringify(calendar), version, at, actor.username, year, editedFrom],
            )
          : await tx.run(
              'INSERT INTO work_calendars (year, body, version, updated_at, updated_by) VALUES (?, ?, ?, ?, ?) ON CONFLICT (year) DO NOTHING',
              [year, JSON.stringify(calendar), version, at, actor.username],
            );
        if (changes !== 1) throw new LinliError('EDIT_CONFLICT', `The ${year} calendar was saved by someone meanwhile`);
        await audit.record(
          tx,
          actor,
          'work-calendar.update',
          { type: 'work-calendar', id: String(year), orgId: root.id, orgPath: root.path },
          {
            ...(before && { before: JSON.parse(before.body) as WorkCalendarYear }),
            after: calendar,
          },
        );
        return { year, body: JSON.stringify(calendar), version, updated_at: at, updated_by: actor.username };
      });
      use(await readEdited(db));
      return entryOf(saved);
    },

    async revert(actor, year) {
      const root = await authorize(actor, 'work-calendar.delete', year);
      await db.transaction(async (tx) => {
        const before = await tx.get<CalendarRow>('SELECT * FROM work_calendars WHERE year = ?', [year]);
        if (!before) throw new LinliError('NOT_FOUND', `The ${year} calendar has no edit`);
        await tx.run('DELETE FROM work_calendars WHERE year = ?', [year]);
        await audit.record(
          tx,
          actor,
          'work-calendar.delete',
          { type: 'work-calendar', id: String(year), orgId: root.id, orgPath: root.path },
          { before: JSON.parse(before.body) as WorkCalendarYear },
        );
      });
      use(await readEdited(db));
    },
  };
}
