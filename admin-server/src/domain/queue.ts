/**
 * The service hall's queue (排队叫号): halls set up at org nodes (businesses, windows, opening hours,
 * the priority and reset rules; saved whole with If-Match, audited), tickets kiosks give (numbered
 * per business and service day by an atomic counter, idempotent by the kiosk and its clientId, and
 * refused in words when closed, outside hours, on a holiday or full), and what counters do to them.
 *
 * Every change to a hall's queue runs in one transaction that first locks the hall's row, so one
 * hall's changes happen one after another on every backend: two windows pressing "call next" at
 * once never get the same ticket. The service day moves on at the hall's reset time; the first
 * change after it marks the earlier days' tickets still waiting or at a window as lapsed, and
 * reads treat them so before that. Numbers are counted per (hall, day, business), so they never
 * repeat within a day and no ticket is ever deleted by a reset. Each ticket action is kept in
 * queue_events (who, which window, when) for the statistics; nothing personal is kept with a
 * ticket. After each change the hall's id is announced, and listeners (the live view, counters,
 * calling displays) read its state again.
 *
 * Residents rate a ticket finished at a window on its rating pad (好差评, rules in queue-ratings.ts):
 * a rating needs no lock of the hall (one a ticket by a unique key), and a 差评's case is written in
 * its transaction. The statistics are counted by queue-stats.ts from what queue-stats-reader.ts reads.
 */
import { randomBytes } from 'node:crypto';
import {
  LinliError,
  QUEUE_RATING_MINUTES,
  can,
  isComplaint,
  type KioskQueueOffer,
  type KioskTicketRequest,
  type Permission,
  type QueueActionInput,
  type QueueBusiness,
  type QueueHall,
  type QueueHallInput,
  type QueueHallState,
  type QueuePriority,
  type QueueRating,
  type QueueRatingInput,
  type QueueStats,
  type QueueStatsQuery,
  type QueueTicket,
  type QueueTicketReceipt,
  type QueueTicketState,
  type WorkCalendar,
} from '@linli/protocol';
import { beijingDate } from '../bills/beijing-time';
import { claimVersion } from '../db/claim-version';
import type { Database, Queryable } from '../db/database';
import type { ChangeHub } from '../push/change-hub';
import { inScope, type Actor } from './actor';
import type { AuditService } from './audit';
import type { CaseService } from './cases';
import type { Clock } from './clock';
import { mustFindOrg } from './org-tree';
import { reportWindow } from './proof-of-play';
import { followUpCase, ratingRefusal, reasonProblems, toRateByWindow } from './queue-ratings';
import {
  averageServiceMinutes,
  beijingClock,
  callOrder,
  estimatedMinutes,
  hallProblems,
  hoursOn,
  mayRecall,
  nextForWindow,
  peopleBefore,
  refusalOf,
  serviceDay,
  servingWindows,
  ticketLabel,
  ticketStateOn,
  type WaitingTicket,
} from './queue-rules';
import { appointmentProblems } from './queue-appointment-rules';
import { queueStats } from './queue-stats';
import { readStatsFacts } from './queue-stats-reader';

/** Where a kiosk is: the device and its org node's path. */
export interface Kiosk {
  deviceId: string;
  orgPath: string;
}

/** A signage player showing a hall's calls (叫号屏): the device and its org node's path. */
export interface CallingDisplay {
  deviceId: string;
  orgPath: string;
}

/** A ticket as taken: the receipt without its link, and the token the link is made of. */
export type TakenTicket = Omit<QueueTicketReceipt, 'followUrl'> & { followToken: string; duplicate: boolean };

/** What the public follow page shows of a ticket: nothing personal. */
export interface QueueFollow {
  hallName: string;
  label: string;
  businessName: string;
  state: QueueTicketState;
  /** While it waits. */
  peopleBefore?: number;
  estimatedMinutes?: number;
  /** Once called: the window to go to. */
  window?: number;
}

export interface Queue {
  /** The halls in the actor's subtree (queue.serve or queue.manage). */
  list(actor: Actor): Promise<{ halls: QueueHall[] }>;
  get(actor: Actor, id: number): Promise<QueueHall>;
  /** A hall at a node (queue.manage over it; one hall a node): ALREADY_EXISTS when it has one. */
  create(actor: Actor, input: QueueHallInput): Promise<QueueHall>;
  /** Saves the hall whole, edited from `version`; EDIT_CONFLICT when someone saved it meanwhile. */
  update(actor: Actor, id: number, input: QueueHallInput, version: number): Promise<QueueHall>;
  /** Removes the hall and its tickets (the counters' events stay for the statistics). */
  remove(actor: Actor, id: number, version: number): Promise<void>;
  /** The hall now, as counters and calling displays draw it (queue.serve). */
  state(actor: Actor, id: number): Promise<QueueHallState>;
  /** A counter's action at one of the hall's windows (queue.serve): the ticket acted on and the hall's state after it. */
  act(
    actor: Actor,
    id: number,
    window: number,
    input: QueueActionInput,
  ): Promise<{ ticket?: QueueTicket; state: QueueHallState }>;
  /**
   * The hall now, for a calling display at or below the hall's node. Any other hall is NOT_FOUND:
   * to a display, a hall elsewhere in the tree is as unknown as one that does not exist.
   */
  displayState(display: CallingDisplay, id: number): Promise<QueueHallState>;
  /** What a kiosk offers: the nearest hall at or above its node (QUEUE_NO_HALL when none). */
  offer(kiosk: Kiosk): Promise<KioskQueueOffer>;
  /** A ticket for a resident at a kiosk; the same clientId from the same kiosk again is the same ticket. */
  take(kiosk: Kiosk, request: KioskTicketRequest): Promise<TakenTicket>;
  /**
   * A booked resident's ticket (priority appointment) at a kiosk of the hall above it: `claim`, in
   * the ticket's transaction, finds and marks the booking and names its business, or throws. The
   * same clientId again is the same ticket, the booking not claimed twice.
   */
  checkIn(
    kiosk: Kiosk,
    clientId: string,
    claim: (tx: Queryable, hall: { id: number; name: string; config: HallConfig }, now: Date) => Promise<string>,
  ): Promise<TakenTicket>;
  /** A ticket by its follow token, for the public page; undefined when there is none. */
  follow(token: string): Promise<QueueFollow | undefined>;
  /**
   * The resident's rating (好差评) of a ticket finished at one of the hall's windows, given on the
   * window's rating pad (queue.serve): once a ticket (ALREADY_EXISTS), only one finished at that
   * window (QUEUE_NOT_RATEABLE) and within QUEUE_RATING_MINUTES (QUEUE_RATING_CLOSED). A 差评 opens
   * its follow-up case in the same transaction.
   */
  rate(actor: Actor, id: number, window: number, input: QueueRatingInput): Promise<QueueRating>;
  /** The hall's statistics over service days (queue.manage or queue.serve; at most 366 days, today when left out). */
  stats(actor: Actor, id: number, query: QueueStatsQuery): Promise<QueueStats>;
  /** Calls `listener` with a hall's id after each change to it (on any server instance); returns the unsubscribe. */
  onChange(listener: (hallId: number) => void): () => void;
}

/** A hall's set-up as stored with it (its node and name have columns of their own). */
export type HallConfig = Omit<QueueHallInput, 'orgId' | 'name'>;

type HallRow = {
  id: number;
  org_id: number;
  org_path: string;
  name: string;
  config: string;
  version: number;
  day: string;
  call_seq: number;
  updated_by: string;
};

type TicketRow = {
  id: number;
  hall_id: number;
  day: string;
  business: string;
  number: number;
  label: string;
  queue_business: string;
  priority: QueuePriority;
  state: QueueTicketState;
  calls: number;
  window_no: number | null;
  taken_at: string;
  called_at: string | null;
  finished_at: string | null;
  follow_token: string;
  device_id: string | null;
  client_id: string | null;
  waiting_before: number;
  estimated_minutes: number;
  served_by: string | null;
  transfer_from: number | null;
  transfer_to_window: number | null;
  transfer_note: string | null;
};

type WindowRow = { number: number; paused: number; current_ticket: number | null };

/** How many of the latest calls the hall's state carries. */
const CALLS_SHOWN = 10;

export const configOf = (row: Pick<HallRow, 'config'>) => JSON.parse(row.config) as HallConfig;

const hallOf = (row: HallRow): QueueHall => ({
  id: Number(row.id),
  version: Number(row.version),
  orgId: Number(row.org_id),
  name: row.name,
  ...configOf(row),
});

const configFrom = (input: QueueHallInput): HallConfig => ({
  resetTime: input.resetTime,
  elderAge: input.elderAge,
  hours: input.hours,
  followsWorkCalendar: input.followsWorkCalendar,
  businesses: input.businesses,
  windows: input.windows,
  ...(input.appointments && { appointments: input.appointments }),
});

const targetOf = (row: { id: number; org_id: number; org_path: string }) => ({
  type: 'queue-hall',
  id: String(row.id),
  orgId: Number(row.org_id),
  orgPath: row.org_path,
});

const ticketOf = (row: TicketRow, day: string): QueueTicket => {
  const state = ticketStateOn(row, day);
  return {
    id: Number(row.id),
    label: row.label,
    business: row.queue_business,
    priority: row.priority,
    state,
    takenAt: row.taken_at,
    ...(row.called_at && { calledAt: row.called_at }),
    calls: Number(row.calls),
    ...(row.window_no !== null && { window: Number(row.window_no) }),
    ...(row.finished_at && { finishedAt: row.finished_at }),
    ...(state === 'waiting' &&
      row.transfer_from !== null && {
        transfer: {
          fromWindow: Number(row.transfer_from),
          ...(row.transfer_to_window !== null && { toWindow: Number(row.transfer_to_window) }),
          ...(row.transfer_note !== null && { note: row.transfer_note }),
        },
      }),
  };
};

const waitingOf = (row: TicketRow): WaitingTicket & { row: TicketRow } => ({
  id: Number(row.id),
  business: row.queue_business,
  priority: row.priority,
  takenAt: row.taken_at,
  toWindow: row.transfer_to_window === null ? undefined : Number(row.transfer_to_window),
  row,
});

/** The service day of a hall at `now`: never earlier than the day it has moved to (a later reset time does not go back). */
const dayOf = (row: HallRow, now: Date) => {
  const day = serviceDay(now, configOf(row).resetTime);
  return day > row.day ? day : row.day;
};

/** The hall's queue on its service day: what its state, offer and follow page are made of. */
interface Snapshot {
  day: string;
  /** Waiting tickets in call order. */
  waiting: (WaitingTicket & { row: TicketRow })[];
  called: TicketRow[];
  windows: Map<number, WindowRow>;
  served: Map<string, { calledAt: string; finishedAt: string }[]>;
  issued: Map<string, number>;
}

async function snapshotOf(queryable: Queryable, hall: HallRow, now: Date): Promise<Snapshot> {
  const day = dayOf(hall, now);
  const open = await queryable.all<TicketRow>(
    "SELECT * FROM queue_tickets WHERE hall_id = ? AND day = ? AND state IN ('waiting', 'called')",
    [hall.id, day],
  );
  const done = await queryable.all<{ queue_business: string; called_at: string; finished_at: string }>(
    "SELECT queue_business, called_at, finished_at FROM queue_tickets WHERE hall_id = ? AND day = ? AND state = 'done' AND called_at IS NOT NULL",
    [hall.id, day],
  );
  const windows = await queryable.all<WindowRow>('SELECT * FROM queue_windows WHERE hall_id = ?', [hall.id]);
  const counters = await queryable.all<{ business: string; last_number: number }>(
    'SELECT business, last_number FROM queue_counters WHERE hall_id = ? AND day = ?',
    [hall.id, day],
  );
  const served = new Map<string, { calledAt: string; finishedAt: string }[]>();
  for (const row of done)
    served.set(row.queue_business, [
      ...(served.get(row.queue_business) ?? []),
      { calledAt: row.called_at, finishedAt: row.finished_at },
    ]);
  return {
    day,
    waiting: callOrder(open.filter((row) => row.state === 'waiting').map(waitingOf)),
    called: open.filter((row) => row.state === 'called'),
    windows: new Map(windows.map((row) => [Number(row.number), row])),
    served,
    issued: new Map(counters.map((row) => [row.business, Number(row.last_number)])),
  };
}

/** The wait of `people` before a ticket of `business`, by today's pace and the windows serving it now. */
function waitFor(config: HallConfig, snapshot: Snapshot, business: QueueBusiness, people: number): number {
  const paused = new Set([...snapshot.windows.values()].filter((w) => w.paused).map((w) => Number(w.number)));
  const average = averageServiceMinutes(snapshot.served.get(business.id) ?? [], business.serviceMinutes);
  return estimatedMinutes(people, average, servingWindows(config.windows, business.id, paused));
}

export function createQueue(deps: {
  db: Database;
  clock: Clock;
  audit: AuditService;
  /** The working-day calendar (holidays, 调休) halls that follow it open by. */
  calendar: WorkCalendar;
  /** Carries the ids of halls whose queue changed, between server instances on PostgreSQL. */
  hub: ChangeHub;
  /** Where a 差评's follow-up case is filed, in the rating's transaction. */
  cases: Pick<CaseService, 'registerWithin' | 'catalogue'>;
}): Queue {
  const { db, clock, audit, calendar, hub, cases } = deps;

  const findHall = async (queryable: Queryable, id: number) => {
    const row = await queryable.get<HallRow>('SELECT * FROM queue_halls WHERE id = ?', [id]);
    if (!row) throw new LinliError('NOT_FOUND', `No hall ${id}`);
    return row;
  };

  /** The hall above a kiosk: at its node or the nearest above it. */
  const hallAbove = async (orgPath: string) => {
    const ids = orgPath.split('/').filter(Boolean);
    const paths = ids.map((_, index) => `/${ids.slice(0, index + 1).join('/')}/`);
    const rows = await db.all<HallRow>(
      `SELECT * FROM queue_halls WHERE org_path IN (${paths.map(() => '?').join(', ')})`,
      paths,
    );
    const nearest = rows.sort((a, b) => b.org_path.length - a.org_path.length)[0];
    if (!nearest) throw new LinliError('QUEUE_NO_HALL', 'No service hall at or above this kiosk');
    return nearest;
  };

  /**
   * Reading or changing one hall: NOT_FOUND outside what the actor may read; a hall above their
   * node, or one they lack `permission` for, is refused (FORBIDDEN, audited).
   */
  const authorizeHall = async (actor: Actor, permission: Permission, action: string, row: HallRow, change: boolean) => {
    const target = targetOf(row);
    if (change) return audit.authorizeChange(actor, permission, action, target);
    await audit.authorizeRead(actor, permission, action, target);
    if (!inScope(actor, row.org_path)) await audit.deny(actor, action, target);
  };
  /** Staff who set halls up may also look at them; counter staff see the halls they serve. */
  const viewPermission = (actor: Actor): Permission =>
    can(actor.role, 'queue.manage') ? 'queue.manage' : 'queue.serve';

  const checkConfig = (input: QueueHallInput) => {
    const problems = [...hallProblems(input), ...appointmentProblems(input)];
    if (problems.length > 0)
      throw new LinliError('VALIDATION_FAILED', `${problems[0]!.path}: ${problems[0]!.message}`, problems);
  };

  /**
   * A change to a hall's queue: the hall's row is locked first (a concurrent change waits here on
   * PostgreSQL; SQLite runs writers one at a time), the service day moved on if its reset time has
   * passed, then `work`. The change is announced once committed.
   */
  const changeQueue = async <T>(
    hallId: number,
    now: Date,
    work: (tx: Queryable, hall: HallRow, day: string) => Promise<T>,
  ): Promise<T> => {
    const result = await db.transaction(async (tx) => {
      const { changes } = await tx.run('UPDATE queue_halls SET call_seq = call_seq WHERE id = ?', [hallId]);
      if (changes !== 1) throw new LinliError('NOT_FOUND', `No hall ${hallId}`);
      const hall = await findHall(tx, hallId);
      const day = dayOf(hall, now);
      if (day > hall.day) {
        // A new service day: what was not served on the earlier ones lapses, and no window keeps it.
        await tx.run(
          "UPDATE queue_tickets SET state = 'lapsed' WHERE hall_id = ? AND day < ? AND state IN ('waiting', 'called')",
          [hallId, day],
        );
        await tx.run('UPDATE queue_windows SET current_ticket = NULL WHERE hall_id = ?', [hallId]);
        await tx.run('UPDATE queue_halls SET day = ? WHERE id = ?', [day, hallId]);
      }
      return work(tx, { ...hall, day }, day);
    });
    hub.publish(hallId);
    return result;
  };

  const recordEvent = (
    tx: Queryable,
    hall: HallRow,
    day: string,
    event: { action: string; ticket?: TicketRow; window?: number; actor: string; at: string; seq?: number },
  ) =>
    tx.run(
      'INSERT INTO queue_events (hall_id, org_path, day, ticket_id, business, action, window_no, actor, at, seq) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
      [
        hall.id,
        hall.org_path,
        day,
        event.ticket ? event.ticket.id : null,
        event.ticket ? event.ticket.queue_business : null,
        event.action,
        event.window ?? null,
        event.actor.slice(0, 64),
        event.at,
        event.seq ?? null,
      ],
    );

  /** The tickets finished in the hall within the rating time before `now`, and whether each is rated. */
  const finishedSince = async (hall: HallRow, now: Date) => {
    const since = new Date(now.getTime() - QUEUE_RATING_MINUTES * 60_000);
    // A ticket's service day is the Beijing date it ended on or the one before: the day bounds the index's scan.
    const rows = await db.all<{
      id: number;
      label: string;
      queue_business: string;
      window_no: number;
      finished_at: string;
      rating: number | null;
    }>(
      `SELECT t.id, t.label, t.queue_business, t.window_no, t.finished_at, r.id AS rating
         FROM queue_tickets t LEFT JOIN queue_ratings r ON r.ticket_id = t.id
        WHERE t.hall_id = ? AND t.state = 'done' AND t.day >= ? AND t.finished_at >= ?`,
      [hall.id, beijingDate(new Date(since.getTime() - 86_400_000)), since.toISOString()],
    );
    return rows.map((row) => ({
      ticketId: Number(row.id),
      label: row.label,
      business: row.queue_business,
      window: Number(row.window_no),
      finishedAt: row.finished_at,
      rated: row.rating !== null,
    }));
  };

  const stateOf = async (hall: HallRow, now: Date): Promise<QueueHallState> => {
    const config = configOf(hall);
    const snapshot = await snapshotOf(db, hall, now);
    const calls = await db.all<{ seq: number; label: string; window_no: number; at: string }>(
      `SELECT e.seq, t.label, e.window_no, e.at FROM queue_events e JOIN queue_tickets t ON t.id = e.ticket_id
        WHERE e.hall_id = ? AND e.day = ? AND e.seq IS NOT NULL ORDER BY e.seq DESC LIMIT ${CALLS_SHOWN}`,
      [hall.id, snapshot.day],
    );
    const toRate = toRateByWindow(await finishedSince(hall, now), now);
    return {
      hallId: Number(hall.id),
      name: hall.name,
      day: snapshot.day,
      windows: config.windows.map((window) => {
        // Read with the waiting tickets in one statement, so a ticket is never both waiting and at a window.
        const current = snapshot.called.find((ticket) => Number(ticket.window_no) === window.number);
        const rating = toRate.get(window.number);
        return {
          number: window.number,
          ...(window.name && { name: window.name }),
          paused: Boolean(snapshot.windows.get(window.number)?.paused),
          ...(current && { current: ticketOf(current, snapshot.day) }),
          ...(rating && { toRate: rating }),
        };
      }),
      businesses: config.businesses.map((business) => {
        const waiting = snapshot.waiting.filter((ticket) => ticket.business === business.id).length;
        return {
          id: business.id,
          name: business.name,
          prefix: business.prefix,
          open: business.open,
          waiting,
          estimatedMinutes: waitFor(config, snapshot, business, waiting),
        };
      }),
      waiting: snapshot.waiting.map((ticket) => ticketOf(ticket.row, snapshot.day)),
      calls: calls.map((call) => ({
        seq: Number(call.seq),
        label: call.label,
        window: Number(call.window_no),
        at: call.at,
      })),
    };
  };

  const takenOf = (hall: HallRow, config: HallConfig, row: TicketRow, duplicate: boolean): TakenTicket => ({
    label: row.label,
    hallName: hall.name,
    businessName: config.businesses.find((business) => business.id === row.business)?.name ?? row.business,
    priority: row.priority,
    waitingBefore: Number(row.waiting_before),
    estimatedMinutes: Number(row.estimated_minutes),
    takenAt: row.taken_at,
    followToken: row.follow_token,
    duplicate,
  });

  /**
   * A ticket from a kiosk under `clientId` (the same id from the same kiosk again: the same ticket,
   * `pick` not asked). `pick`, in the ticket's transaction, names the business and the priority: a
   * booking's check-in claims the booking there, so the two happen together or not at all. A
   * booked ticket is refused only for a paused business (its slot was inside the hours; check-in
   * opens before it).
   */
  const issue = async (
    kiosk: Kiosk,
    clientId: string,
    pick: (tx: Queryable, hall: HallRow, now: Date) => Promise<{ business: string; priority: QueuePriority }>,
  ): Promise<TakenTicket> => {
    const found = await hallAbove(kiosk.orgPath);
    const now = clock();
    const at = now.toISOString();
    const taken = await changeQueue(Number(found.id), now, async (tx, hall, day) => {
      const config = configOf(hall);
      const again = await tx.get<TicketRow>('SELECT * FROM queue_tickets WHERE device_id = ? AND client_id = ?', [
        kiosk.deviceId,
        clientId,
      ]);
      if (again) {
        const of = again.hall_id === hall.id ? hall : await findHall(tx, again.hall_id);
        return takenOf(of, configOf(of), again, true);
      }
      const picked = await pick(tx, hall, now);
      const { priority } = picked;
      const business = config.businesses.find((entry) => entry.id === picked.business);
      if (!business)
        throw new LinliError('VALIDATION_FAILED', `/business: ${hall.name} has no business ${picked.business}`, [
          { path: '/business', message: `no business ${picked.business} in ${hall.name}` },
        ]);
      if (priority === 'elder' && config.elderAge === null)
        throw new LinliError('VALIDATION_FAILED', `/priority: ${hall.name} serves no one first by age`, [
          { path: '/priority', message: 'this hall has no age rule' },
        ]);
      const issued = await tx.get<{ last_number: number }>(
        'SELECT last_number FROM queue_counters WHERE hall_id = ? AND day = ? AND business = ?',
        [hall.id, day, business.id],
      );
      const refusal =
        priority === 'appointment'
          ? business.open
            ? undefined
            : 'closed'
          : refusalOf(config, business, now, calendar, Number(issued?.last_number ?? 0));
      if (refusal === 'full')
        throw new LinliError('QUEUE_FULL', `${business.name} gave its ${business.maxPerDay} tickets today`);
      if (refusal)
        throw new LinliError('QUEUE_CLOSED', `${business.name} gives no tickets now (${refusal})`, [
          { path: '/business', message: refusal },
        ]);
      const counted = await tx.get<{ last_number: number }>(
        `INSERT INTO queue_counters (hall_id, day, business, last_number) VALUES (?, ?, ?, 1)
           ON CONFLICT (hall_id, day, business) DO UPDATE SET last_number = queue_counters.last_number + 1
           RETURNING last_number`,
        [hall.id, day, business.id],
      );
      const number = Number(counted!.last_number);
      const snapshot = await snapshotOf(tx, hall, now);
      const before = peopleBefore(
        { id: Number.MAX_SAFE_INTEGER, business: business.id, priority, takenAt: at },
        snapshot.waiting,
      );
      const row = await tx.get<TicketRow>(
        `INSERT INTO queue_tickets (hall_id, day, business, number, label, queue_business, priority, state, calls,
             taken_at, follow_token, device_id, client_id, waiting_before, estimated_minutes)
           VALUES (?, ?, ?, ?, ?, ?, ?, 'waiting', 0, ?, ?, ?, ?, ?, ?) RETURNING *`,
        [
          hall.id,
          day,
          business.id,
          number,
          ticketLabel(business.prefix, number),
          business.id,
          priority,
          at,
          randomBytes(16).toString('base64url'),
          kiosk.deviceId,
          clientId,
          before,
          waitFor(config, snapshot, business, before),
        ],
      );
      await recordEvent(tx, hall, day, { action: 'take', ticket: row!, actor: `device:${kiosk.deviceId}`, at });
      return takenOf(hall, config, row!, false);
    });
    return taken;
  };

  return {
    async list(actor) {
      await audit.authorize(actor, viewPermission(actor), 'queue-hall.list', {
        type: 'queue-hall',
        id: '-',
        orgId: actor.orgId,
        orgPath: actor.orgPath,
      });
      const rows = await db.all<HallRow>('SELECT * FROM queue_halls WHERE org_path LIKE ? ORDER BY org_path, id', [
        `${actor.orgPath}%`,
      ]);
      return { halls: rows.map(hallOf) };
    },

    async get(actor, id) {
      const row = await findHall(db, id);
      await authorizeHall(actor, viewPermission(actor), 'queue-hall.view', row, false);
      return hallOf(row);
    },

    async create(actor, input) {
      const node = await mustFindOrg(db, input.orgId);
      await audit.authorize(actor, 'queue.manage', 'queue-hall.create', {
        type: 'queue-hall',
        id: '-',
        orgId: node.id,
        orgPath: node.path,
      });
      checkConfig(input);
      const now = clock();
      const at = now.toISOString();
      const created = await db.transaction(async (tx) => {
        const existing = await tx.get<HallRow>('SELECT * FROM queue_halls WHERE org_id = ?', [node.id]);
        if (existing)
          throw new LinliError('ALREADY_EXISTS', `${node.name} has a hall already: ${existing.name}`, [
            { path: '/orgId', message: `${node.name} has a hall already` },
          ]);
        const row = await tx.get<HallRow>(
          `INSERT INTO queue_halls (org_id, org_path, name, config, version, day, call_seq, created_at, created_by, updated_at, updated_by)
           VALUES (?, ?, ?, ?, 1, ?, 0, ?, ?, ?, ?) RETURNING *`,
          [
            node.id,
            node.path,
            input.name.trim(),
            JSON.stringify(configFrom(input)),
            serviceDay(now, input.resetTime),
            at,
            actor.username,
            at,
            actor.username,
          ],
        );
        await audit.record(tx, actor, 'queue-hall.create', targetOf(row!), { after: hallOf(row!) });
        return row!;
      });
      return hallOf(created);
    },

    async update(actor, id, input, version) {
      const before = await findHall(db, id);
      await authorizeHall(actor, 'queue.manage', 'queue-hall.update', before, true);
      if (input.orgId !== Number(before.org_id))
        throw new LinliError('VALIDATION_FAILED', '/orgId: a hall stays at its node', [
          { path: '/orgId', message: 'a hall stays at its node: remove it and set one up at the other' },
        ]);
      checkConfig(input);
      const now = clock();
      const at = now.toISOString();
      const saved = await db.transaction(async (tx) => {
        if (!(await claimVersion(tx, 'queue_halls', String(id), version)))
          throw new LinliError('EDIT_CONFLICT', `${before.name} was saved by someone meanwhile`);
        const current = await findHall(tx, id);
        // The hall's row is locked now: no ticket moves until this is saved.
        const stranded = strandedBy(
          input,
          await tx.all<TicketRow>(
            "SELECT * FROM queue_tickets WHERE hall_id = ? AND day = ? AND state IN ('waiting', 'called')",
            [id, dayOf(current, now)],
          ),
        );
        if (stranded.length > 0)
          throw new LinliError('VALIDATION_FAILED', `${stranded[0]!.path}: ${stranded[0]!.message}`, stranded);
        await tx.run(
          'UPDATE queue_halls SET name = ?, config = ?, version = version + 1, updated_at = ?, updated_by = ? WHERE id = ?',
          [input.name.trim(), JSON.stringify(configFrom(input)), at, actor.username, id],
        );
        const after = await findHall(tx, id);
        await audit.record(tx, actor, 'queue-hall.update', targetOf(after), {
          before: hallOf(current),
          after: hallOf(after),
        });
        return after;
      });
      hub.publish(id);
      return hallOf(saved);
    },

    async remove(actor, id, version) {
      const before = await findHall(db, id);
      await authorizeHall(actor, 'queue.manage', 'queue-hall.delete', before, true);
      await db.transaction(async (tx) => {
        if (!(await claimVersion(tx, 'queue_halls', String(id), version)))
          throw new LinliError('EDIT_CONFLICT', `${before.name} was saved by someone meanwhile`);
        const current = await findHall(tx, id);
        for (const table of ['queue_windows', 'queue_counters', 'queue_appointments', 'queue_tickets'])
          await tx.run(`DELETE FROM ${table} WHERE hall_id = ?`, [id]);
        await tx.run('DELETE FROM queue_halls WHERE id = ?', [id]);
        await audit.record(tx, actor, 'queue-hall.delete', targetOf(current), { before: hallOf(current) });
      });
      hub.publish(id);
    },

    async state(actor, id) {
      const row = await findHall(db, id);
      await authorizeHall(actor, 'queue.serve', 'queue.view', row, false);
      return stateOf(row, clock());
    },

    async act(actor, id, windowNumber, input) {
      const before = await findHall(db, id);
      await authorizeHall(actor, 'queue.serve', `queue.${input.action}`, before, true);
      const now = clock();
      const at = now.toISOString();
      const ticket = await changeQueue(id, now, async (tx, hall, day) => {
        const config = configOf(hall);
        const window = config.windows.find((entry) => entry.number === windowNumber);
        if (!window) throw new LinliError('NOT_FOUND', `${hall.name} has no window ${windowNumber}`);
        const transfer = input.action === 'transfer' ? transferOf(config, windowNumber, input) : undefined;
        await tx.run(
          'INSERT INTO queue_windows (hall_id, number, paused) VALUES (?, ?, 0) ON CONFLICT (hall_id, number) DO NOTHING',
          [id, windowNumber],
        );
        const place = (await tx.get<WindowRow>('SELECT * FROM queue_windows WHERE hall_id = ? AND number = ?', [
          id,
          windowNumber,
        ]))!;
        const current =
          place.current_ticket === null
            ? undefined
            : await tx.get<TicketRow>("SELECT * FROM queue_tickets WHERE id = ? AND state = 'called'", [
                place.current_ticket,
              ]);
        const event = (action: string, ticket?: TicketRow, seq?: number) =>
          recordEvent(tx, hall, day, {
            action,
            window: windowNumber,
            actor: actor.username,
            at,
            ...(ticket && { ticket }),
            ...(seq !== undefined && { seq }),
          });
        const setCurrent = (ticketId: number | null) =>
          tx.run('UPDATE queue_windows SET current_ticket = ? WHERE hall_id = ? AND number = ?', [
            ticketId,
            id,
            windowNumber,
          ]);
        const nextSeq = async () => {
          const seq = Number(hall.call_seq) + 1;
          await tx.run('UPDATE queue_halls SET call_seq = ? WHERE id = ?', [seq, id]);
          return seq;
        };
        const reread = async (ticketId: number) =>
          (await tx.get<TicketRow>('SELECT * FROM queue_tickets WHERE id = ?', [ticketId]))!;
        /** The window's current ticket, which recall, 过号, finish and transfer act on. */
        const serving = () => {
          if (!current)
            throw new LinliError('QUEUE_TICKET_STATE_INVALID', `Window ${windowNumber} is serving no ticket now`);
          return current;
        };

        switch (input.action) {
          case 'call-next': {
            if (place.paused) throw new LinliError('QUEUE_WINDOW_PAUSED', `Window ${windowNumber} is paused`);
            if (current)
              throw new LinliError('QUEUE_WINDOW_BUSY', `Window ${windowNumber} is still serving ${current.label}`);
            const waiting = await tx.all<TicketRow>(
              "SELECT * FROM queue_tickets WHERE hall_id = ? AND day = ? AND state = 'waiting'",
              [id, day],
            );
            const next = nextForWindow(waiting.map(waitingOf), window);
            if (!next) throw new LinliError('QUEUE_EMPTY', `Nobody is waiting for window ${windowNumber}`);
            const seq = await nextSeq();
            const { changes } = await tx.run(
              "UPDATE queue_tickets SET state = 'called', calls = 1, window_no = ?, called_at = ?, served_by = ? WHERE id = ? AND state = 'waiting'",
              [windowNumber, at, actor.username, next.id],
            );
            // The hall's lock makes this impossible; if it ever happened, nothing of this call is kept.
            if (changes !== 1) throw new Error(`ticket ${next.id} was called by another window`);
            await setCurrent(next.id);
            const called = await reread(next.id);
            await event('call-next', called, seq);
            return called;
          }
          case 'recall': {
            const ticket = serving();
            if (!mayRecall(Number(ticket.calls)))
              throw new LinliError(
                'QUEUE_TICKET_STATE_INVALID',
                `${ticket.label} was called ${ticket.calls} times: mark it 过号 or finish it`,
              );
            const seq = await nextSeq();
            await tx.run('UPDATE queue_tickets SET calls = calls + 1 WHERE id = ?', [ticket.id]);
            const called = await reread(ticket.id);
            await event('recall', called, seq);
            return called;
          }
          case 'no-show':
          case 'finish': {
            const ticket = serving();
            await tx.run('UPDATE queue_tickets SET state = ?, finished_at = ? WHERE id = ?', [
              input.action === 'finish' ? 'done' : 'no-show',
              at,
              ticket.id,
            ]);
            await setCurrent(null);
            const ended = await reread(ticket.id);
            await event(input.action, ended);
            return ended;
          }
          case 'transfer': {
            const ticket = serving();
            if (transfer!.toWindow === undefined && transfer!.toBusiness === ticket.queue_business)
              throw new LinliError('VALIDATION_FAILED', `/toBusiness: ${ticket.label} is in that queue already`, [
                { path: '/toBusiness', message: `${ticket.label} is in this business's queue already` },
              ]);
            await tx.run(
              `UPDATE queue_tickets SET state = 'waiting', queue_business = ?, calls = 0, window_no = NULL,
                 transfer_from = ?, transfer_to_window = ?, transfer_note = ? WHERE id = ?`,
              [
                transfer!.toBusiness ?? ticket.queue_business,
                windowNumber,
                transfer!.toWindow ?? null,
                transfer!.note ?? null,
                ticket.id,
              ],
            );
            await setCurrent(null);
            const moved = await reread(ticket.id);
            await event('transfer', moved);
            return moved;
          }
          case 'pause':
          case 'resume':
            await tx.run('UPDATE queue_windows SET paused = ? WHERE hall_id = ? AND number = ?', [
              input.action === 'pause' ? 1 : 0,
              id,
              windowNumber,
            ]);
            await event(input.action);
            return undefined;
        }
      });
      const state = await stateOf(await findHall(db, id), now);
      return ticket ? { ticket: ticketOf(ticket, ticket.day), state } : { state };
    },

    async rate(actor, id, windowNumber, input) {
      const before = await findHall(db, id);
      await authorizeHall(actor, 'queue.serve', 'queue.rate', before, true);
      const problems = reasonProblems(input.level, input.reasons);
      if (problems.length > 0)
        throw new LinliError('VALIDATION_FAILED', `${problems[0]!.path}: ${problems[0]!.message}`, problems);
      const now = clock();
      const at = now.toISOString();
      const categories = new Set(cases.catalogue().categories.map((category) => category.path));
      const rating = await db.transaction(async (tx) => {
        const hall = await findHall(tx, id);
        const config = configOf(hall);
        const window = config.windows.find((entry) => entry.number === windowNumber);
        if (!window) throw new LinliError('NOT_FOUND', `${hall.name} has no window ${windowNumber}`);
        const ticket = await tx.get<TicketRow>('SELECT * FROM queue_tickets WHERE id = ? AND hall_id = ?', [
          input.ticketId,
          id,
        ]);
        if (!ticket) throw new LinliError('NOT_FOUND', `${hall.name} has no ticket ${input.ticketId}`);
        const refusal = ratingRefusal(
          {
            label: ticket.label,
            state: ticket.state,
            window: ticket.window_no === null ? undefined : Number(ticket.window_no),
            finishedAt: ticket.finished_at ?? undefined,
          },
          windowNumber,
          now,
        );
        if (refusal) throw refusal;
        // Whoever finished it is rated, not whoever signed the pad in; a finish is kept with its event.
        const finisher = (await tx.get<{ actor: string }>(
          "SELECT actor FROM queue_events WHERE hall_id = ? AND day = ? AND ticket_id = ? AND action = 'finish'",
          [id, ticket.day, ticket.id],
        ))!;
        // One rating a ticket: a second, even one sent at the same moment, finds the first's row.
        const stored = await tx.get<{ id: number }>(
          `INSERT INTO queue_ratings (hall_id, org_path, day, ticket_id, business, window_no, staff, level, reasons, at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (ticket_id) DO NOTHING RETURNING id`,
          [
            id,
            hall.org_path,
            ticket.day,
            ticket.id,
            ticket.queue_business,
            windowNumber,
            finisher.actor,
            input.level,
            JSON.stringify(input.reasons),
            at,
          ],
        );
        if (!stored) throw new LinliError('ALREADY_EXISTS', `${ticket.label} has been rated already`);
        let caseTracking: string | undefined;
        if (isComplaint(input.level)) {
          const business = config.businesses.find((entry) => entry.id === ticket.queue_business);
          const filed = await cases.registerWithin(
            tx,
            {
              channel: 'walk-in',
              by: actor.username,
              from: actor.from,
              orgId: Number(hall.org_id),
              orgPath: hall.org_path,
            },
            followUpCase(
              {
                hallName: hall.name,
                window: windowNumber,
                windowName: window.name,
                business: ticket.queue_business,
                businessName: business?.name ?? ticket.queue_business,
                label: ticket.label,
                finishedAt: ticket.finished_at!,
                level: input.level,
                reasons: input.reasons,
              },
              (path) => categories.has(path),
            ),
          );
          caseTracking = filed.tracking;
          await tx.run('UPDATE queue_ratings SET case_tracking = ? WHERE id = ?', [caseTracking, stored.id]);
        }
        const rated: QueueRating = {
          ticketId: Number(ticket.id),
          label: ticket.label,
          window: windowNumber,
          level: input.level,
          reasons: input.reasons,
          at,
          ...(caseTracking && { caseTracking }),
        };
        await audit.record(tx, actor, 'queue.rate', targetOf(hall), { after: rated });
        return rated;
      });
      // The window's pad and the counter see the ticket rated.
      hub.publish(id);
      return rating;
    },

    async stats(actor, id, query) {
      const hall = await findHall(db, id);
      await authorizeHall(actor, viewPermission(actor), 'queue.stats', hall, false);
      const today = dayOf(hall, clock());
      const from = query.from ?? today;
      const to = query.to ?? today;
      // The same bounds as other reports: the last day not before the first, at most 366 days.
      reportWindow(from, to);
      const facts = await readStatsFacts(db, id, { from, to }, today);
      const config = configOf(hall);
      return queueStats(
        { hallId: id, from, to },
        { businesses: config.businesses, windows: config.windows, staffNames: facts.staffNames },
        facts.tickets,
        facts.ratings,
      );
    },

    async displayState(display, id) {
      const row = await db.get<HallRow>('SELECT * FROM queue_halls WHERE id = ?', [id]);
      if (!row || !display.orgPath.startsWith(row.org_path))
        throw new LinliError('NOT_FOUND', `No hall ${id} at or above this player's node`);
      return stateOf(row, clock());
    },

    async offer(kiosk) {
      const hall = await hallAbove(kiosk.orgPath);
      const config = configOf(hall);
      const now = clock();
      const snapshot = await snapshotOf(db, hall, now);
      return {
        hallId: Number(hall.id),
        hallName: hall.name,
        elderAge: config.elderAge,
        takesBookings: config.appointments !== undefined,
        businesses: config.businesses.map((business) => {
          const waiting = snapshot.waiting.filter((ticket) => ticket.business === business.id).length;
          const refusal = refusalOf(config, business, now, calendar, snapshot.issued.get(business.id) ?? 0);
          return {
            id: business.id,
            name: business.name,
            prefix: business.prefix,
            waiting,
            estimatedMinutes: waitFor(config, snapshot, business, waiting),
            ...(refusal && { refusal }),
          };
        }),
        hoursToday: hoursOn(config, beijingClock(now).date, calendar).windows,
      };
    },

    take: (kiosk, request) =>
      issue(kiosk, request.clientId, async () => ({
        business: request.business,
        priority: request.priority ?? 'none',
      })),

    checkIn: (kiosk, clientId, claim) =>
      issue(kiosk, clientId, async (tx, hall, now) => ({
        business: await claim(tx, { id: Number(hall.id), name: hall.name, config: configOf(hall) }, now),
        priority: 'appointment',
      })),

    async follow(token) {
      const ticket = await db.get<TicketRow>('SELECT * FROM queue_tickets WHERE follow_token = ?', [token]);
      if (!ticket) return undefined;
      const hall = await findHall(db, ticket.hall_id);
      const config = configOf(hall);
      const now = clock();
      const day = dayOf(hall, now);
      const state = ticketStateOn(ticket, day);
      const business = config.businesses.find((entry) => entry.id === ticket.queue_business);
      const view: QueueFollow = {
        hallName: hall.name,
        label: ticket.label,
        businessName: business?.name ?? ticket.queue_business,
        state,
      };
      if (state === 'called' && ticket.window_no !== null) return { ...view, window: Number(ticket.window_no) };
      if (state !== 'waiting' || !business) return view;
      const snapshot = await snapshotOf(db, hall, now);
      const people = peopleBefore(waitingOf(ticket), snapshot.waiting);
      return { ...view, peopleBefore: people, estimatedMinutes: waitFor(config, snapshot, business, people) };
    },

    onChange: (listener) => hub.subscribe(listener),
  };
}

/**
 * What a new set-up would leave without a way out today: a business dropped while tickets wait in
 * its queue, a window dropped while it serves a ticket or one waits for it.
 */
function strandedBy(input: QueueHallInput, open: TicketRow[]): { path: string; message: string }[] {
  const businesses = new Set(input.businesses.map((business) => business.id));
  const windows = new Set(input.windows.map((window) => window.number));
  const problems = new Map<string, { path: string; message: string }>();
  for (const ticket of open) {
    if (!businesses.has(ticket.queue_business))
      problems.set(`b ${ticket.queue_business}`, {
        path: '/businesses',
        message: `${ticket.queue_business} has tickets in its queue today (${ticket.label})`,
      });
    const window = ticket.state === 'called' ? ticket.window_no : ticket.transfer_to_window;
    if (window !== null && !windows.has(Number(window)))
      problems.set(`w ${window}`, {
        path: '/windows',
        message: `window ${window} has a ticket today (${ticket.label})`,
      });
  }
  return [...problems.values()];
}

/** A transfer's destination checked against the hall: another business, another window, or that business at that window. */
function transferOf(
  config: HallConfig,
  fromWindow: number,
  input: QueueActionInput,
): { toBusiness?: string; toWindow?: number; note?: string } {
  const problems: { path: string; message: string }[] = [];
  if (input.toBusiness === undefined && input.toWindow === undefined)
    problems.push({ path: '/toBusiness', message: 'name a business or a window to transfer to' });
  if (input.toBusiness !== undefined && !config.businesses.some((business) => business.id === input.toBusiness))
    problems.push({ path: '/toBusiness', message: `no business ${input.toBusiness} in this hall` });
  const window = config.windows.find((entry) => entry.number === input.toWindow);
  if (input.toWindow !== undefined && !window)
    problems.push({ path: '/toWindow', message: `no window ${input.toWindow} in this hall` });
  if (input.toWindow === fromWindow) problems.push({ path: '/toWindow', message: 'the ticket is at this window now' });
  if (window && input.toBusiness !== undefined && !window.businesses.includes(input.toBusiness))
    problems.push({ path: '/toWindow', message: `window ${window.number} does not serve ${input.toBusiness}` });
  if (problems.length > 0)
    throw new LinliError('VALIDATION_FAILED', `${problems[0]!.path}: ${problems[0]!.message}`, problems);
  return {
    ...(input.toBusiness !== undefined && { toBusiness: input.toBusiness }),
    ...(input.toWindow !== undefined && { toWindow: input.toWindow }),
    ...(input.note !== undefined && { note: input.note.trim() }),
  };
}
