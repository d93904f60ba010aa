/**
 * Reads what a hall's statistics are made of (queue-stats.ts counts them): the tickets of service
 * days from…to, each with its first call and who finished it from the counters' events, the ratings
 * of those days' tickets, and the names of the staff who served. Each is one query over the hall's
 * days (the events' and ratings' indexes), joined here rather than per ticket in SQL.
 */
import type { QueueRatingLevel, QueueTicketState } from '@linli/protocol';
import type { Queryable } from '../db/database';
import { ticketStateOn } from './queue-rules';
import type { StatsRating, StatsTicket } from './queue-stats';

export interface StatsFacts {
  tickets: StatsTicket[];
  ratings: StatsRating[];
  staffNames: Map<string, string>;
}

/** The facts of service days `from`…`to`, tickets' states read as on the hall's service day `today`. */
export async function readStatsFacts(
  db: Queryable,
  hallId: number,
  days: { from: string; to: string },
  today: string,
): Promise<StatsFacts> {
  const range = [hallId, days.from, days.to];
  const rows = await db.all<{
    id: number;
    day: string;
    business: string;
    state: QueueTicketState;
    taken_at: string;
    finished_at: string | null;
    window_no: number | null;
  }>(
    'SELECT id, day, business, state, taken_at, finished_at, window_no FROM queue_tickets WHERE hall_id = ? AND day >= ? AND day <= ?',
    range,
  );
  const events = await db.all<{ ticket_id: number; action: 'call-next' | 'finish'; actor: string; at: string }>(
    `SELECT ticket_id, action, actor, at FROM queue_events
      WHERE hall_id = ? AND day >= ? AND day <= ? AND action IN ('call-next', 'finish') ORDER BY id`,
    range,
  );
  const firstCall = new Map<number, string>();
  const finisher = new Map<number, string>();
  for (const event of events) {
    const ticket = Number(event.ticket_id);
    if (event.action === 'call-next' && !firstCall.has(ticket)) firstCall.set(ticket, event.at);
    if (event.action === 'finish') finisher.set(ticket, event.actor);
  }
  const ratings = await db.all<{ window_no: number; staff: string; level: QueueRatingLevel }>(
    'SELECT window_no, staff, level FROM queue_ratings WHERE hall_id = ? AND day >= ? AND day <= ?',
    range,
  );
  const staff = [...new Set([...finisher.values(), ...ratings.map((rating) => rating.staff)])];
  const names =
    staff.length === 0
      ? []
      : await db.all<{ username: string; display_name: string }>(
          `SELECT username, display_name FROM admin_users WHERE username IN (${staff.map(() => '?').join(', ')})`,
          staff,
        );
  return {
    tickets: rows.map((row) => {
      const id = Number(row.id);
      return {
        id,
        business: row.business,
        state: ticketStateOn(row, today),
        takenAt: row.taken_at,
        firstCalledAt: firstCall.get(id),
        endedAt: row.finished_at ?? undefined,
        window: row.window_no === null ? undefined : Number(row.window_no),
        finishedBy: finisher.get(id),
      };
    }),
    ratings: ratings.map((rating) => ({ window: Number(rating.window_no), staff: rating.staff, level: rating.level })),
    staffNames: new Map(names.map((name) => [name.username, name.display_name || name.username])),
  };
}
