/**
 * A hall's queue statistics over days (GET …/queue/halls/:id/stats): tickets taken, served, 过号 and
 * lapsed; the wait (taken → first call) and the service (first call → finish) as average and 90th
 * percentile; by business, by window and by hour of the day; and the residents' ratings (好差评) by
 * window and by staff member. Days and hours are Beijing time.
 */
import Type from 'typebox';
import { QUEUE_RATING_LEVELS } from './queue-ratings';

/** Days `from`…`to`, both included (at most 366 days); either left out is today. */
export const QueueStatsQuery = Type.Object(
  {
    from: Type.Optional(Type.String({ format: 'date' })),
    to: Type.Optional(Type.String({ format: 'date' })),
  },
  { additionalProperties: false },
);
export type QueueStatsQuery = Type.Static<typeof QueueStatsQuery>;

const Seconds = Type.Union([Type.Integer({ minimum: 0 }), Type.Null()]);

/** Durations in whole seconds; null when nothing was measured. */
export const QueueDurations = Type.Object({
  count: Type.Integer({ minimum: 0 }),
  averageSeconds: Seconds,
  p90Seconds: Seconds,
});
export type QueueDurations = Type.Static<typeof QueueDurations>;

/**
 * What became of the tickets: served 办结, noShow 过号, lapsed 作废 (not served before the reset),
 * open still waiting or at a window today.
 */
export const QueueTicketCounts = Type.Object({
  taken: Type.Integer({ minimum: 0 }),
  served: Type.Integer({ minimum: 0 }),
  noShow: Type.Integer({ minimum: 0 }),
  lapsed: Type.Integer({ minimum: 0 }),
  open: Type.Integer({ minimum: 0 }),
});
export type QueueTicketCounts = Type.Static<typeof QueueTicketCounts>;

/** Ratings by level; the satisfaction rate is the satisfied levels' share (0…1), null without ratings. */
export const QueueRatingCounts = Type.Object({
  count: Type.Integer({ minimum: 0 }),
  levels: Type.Record(Type.Enum(QUEUE_RATING_LEVELS), Type.Integer({ minimum: 0 })),
  satisfactionRate: Type.Union([Type.Number({ minimum: 0, maximum: 1 }), Type.Null()]),
});
export type QueueRatingCounts = Type.Static<typeof QueueRatingCounts>;

export const QueueStats = Type.Object({
  hallId: Type.Integer(),
  from: Type.String({ format: 'date' }),
  to: Type.String({ format: 'date' }),
  totals: Type.Object({
    ...QueueTicketCounts.properties,
    wait: QueueDurations,
    service: QueueDurations,
    ratings: QueueRatingCounts,
  }),
  /** By the business a ticket was taken for, in the hall's order (then businesses since removed). */
  byBusiness: Type.Array(
    Type.Object({
      business: Type.String(),
      name: Type.String(),
      ...QueueTicketCounts.properties,
      wait: QueueDurations,
      service: QueueDurations,
    }),
  ),
  /** By the window a ticket ended at (served or 过号); its service and ratings are that window's. */
  byWindow: Type.Array(
    Type.Object({
      window: Type.Integer(),
      name: Type.Optional(Type.String()),
      served: Type.Integer({ minimum: 0 }),
      noShow: Type.Integer({ minimum: 0 }),
      service: QueueDurations,
      ratings: QueueRatingCounts,
    }),
  ),
  /** Hours of the day (0–23) with tickets taken or served: taken and their wait by the hour taken, served by the hour finished. */
  byHour: Type.Array(
    Type.Object({
      hour: Type.Integer({ minimum: 0, maximum: 23 }),
      taken: Type.Integer({ minimum: 0 }),
      served: Type.Integer({ minimum: 0 }),
      wait: QueueDurations,
    }),
  ),
  /** By the staff member who finished the ticket. */
  byStaff: Type.Array(
    Type.Object({
      username: Type.String(),
      displayName: Type.String(),
      served: Type.Integer({ minimum: 0 }),
      service: QueueDurations,
      ratings: QueueRatingCounts,
    }),
  ),
});
export type QueueStats = Type.Static<typeof QueueStats>;
