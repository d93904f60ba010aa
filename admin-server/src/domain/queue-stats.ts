/**
 * A hall's queue statistics as one pure function of what happened (its tickets, their first call and
 * who finished them, the ratings) and its set-up: counts, the wait (taken → first call) and the
 * service (first call → finish, a transfer's second queue included) as average and nearest-rank 90th
 * percentile in whole seconds, by business, window, hour of the day (Beijing) and staff member.
 * queue-stats-reader.ts reads the facts; nothing here touches the database or a clock.
 */
import {
  QUEUE_RATING_LEVELS,
  QUEUE_SATISFIED_LEVELS,
  percentile,
  type QueueDurations,
  type QueueRatingCounts,
  type QueueRatingLevel,
  type QueueStats,
  type QueueTicketCounts,
  type QueueTicketState,
} from '@linli/protocol';
import { beijingClock } from './queue-rules';

/** A ticket as the statistics count it. */
export interface StatsTicket {
  id: number;
  /** The business it was taken for (a transfer does not move it to another's figures). */
  business: string;
  /** As read on the hall's service day: an earlier day's ticket never served has lapsed. */
  state: QueueTicketState;
  takenAt: string;
  /** Its first call, at any window; absent when it was never called. */
  firstCalledAt?: string | undefined;
  /** When it was finished or marked 过号, and at which window. */
  endedAt?: string | undefined;
  window?: number | undefined;
  /** The staff member who finished it (办结). */
  finishedBy?: string | undefined;
}

export interface StatsRating {
  window: number;
  /** Who finished the ticket rated. */
  staff: string;
  level: QueueRatingLevel;
}

/** The hall's businesses and windows in its order, and the names of the staff who served. */
export interface StatsSetup {
  businesses: readonly { id: string; name: string }[];
  windows: readonly { number: number; name?: string | undefined }[];
  staffNames: ReadonlyMap<string, string>;
}

const P90 = 0.9;

const seconds = (from: string, to: string) => Math.max(0, Math.round((Date.parse(to) - Date.parse(from)) / 1000));

/** Average and nearest-rank 90th percentile of durations in seconds; null figures without any. */
export function durations(samples: readonly number[]): QueueDurations {
  if (samples.length === 0) return { count: 0, averageSeconds: null, p90Seconds: null };
  const total = samples.reduce((sum, sample) => sum + sample, 0);
  return {
    count: samples.length,
    averageSeconds: Math.round(total / samples.length),
    p90Seconds: percentile(samples, P90),
  };
}

/** Ratings by level and the share of the satisfied levels. */
export function ratingCounts(levels: readonly QueueRatingLevel[]): QueueRatingCounts {
  const counts = Object.fromEntries(QUEUE_RATING_LEVELS.map((level) => [level, 0])) as QueueRatingCounts['levels'];
  for (const level of levels) counts[level]++;
  const satisfied = levels.filter((level) => QUEUE_SATISFIED_LEVELS.includes(level)).length;
  return {
    count: levels.length,
    levels: counts,
    satisfactionRate: levels.length === 0 ? null : satisfied / levels.length,
  };
}

const waitOf = (ticket: StatsTicket) =>
  ticket.firstCalledAt === undefined ? [] : [seconds(ticket.takenAt, ticket.firstCalledAt)];
const serviceOf = (ticket: StatsTicket) =>
  ticket.state === 'done' && ticket.firstCalledAt !== undefined && ticket.endedAt !== undefined
    ? [seconds(ticket.firstCalledAt, ticket.endedAt)]
    : [];

function ticketCounts(tickets: readonly StatsTicket[]): QueueTicketCounts {
  const count = (...states: QueueTicketState[]) => tickets.filter((ticket) => states.includes(ticket.state)).length;
  return {
    taken: tickets.length,
    served: count('done'),
    noShow: count('no-show'),
    lapsed: count('lapsed'),
    open: count('waiting', 'called'),
  };
}

/** Items by key (those without one left out). */
function groupBy<T, K>(items: readonly T[], keyOf: (item: T) => K | undefined): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    if (key === undefined) continue;
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}

/** The set-up's keys in its order, then those met that it no longer has (removed since) in sort order. */
function keysInOrder<K extends string | number>(setUp: readonly K[], met: Iterable<K>): K[] {
  const known = new Set(setUp);
  const others = [...new Set(met)].filter((key) => !known.has(key)).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return [...setUp, ...others];
}

const hourOf = (instant: string) => Number(beijingClock(new Date(instant)).time.slice(0, 2));

export function queueStats(
  range: { hallId: number; from: string; to: string },
  setup: StatsSetup,
  tickets: readonly StatsTicket[],
  ratings: readonly StatsRating[],
): QueueStats {
  const businessName = new Map(setup.businesses.map((business) => [business.id, business.name]));
  const windowName = new Map(setup.windows.map((window) => [window.number, window.name]));
  const served = tickets.filter((ticket) => ticket.state === 'done');
  const levels = (of: readonly StatsRating[] | undefined) => (of ?? []).map((rating) => rating.level);

  const byBusiness = groupBy(tickets, (ticket) => ticket.business);
  const endedAt = groupBy(tickets, (ticket) =>
    ticket.state === 'done' || ticket.state === 'no-show' ? ticket.window : undefined,
  );
  const ratedAt = groupBy(ratings, (rating) => rating.window);
  const takenIn = groupBy(tickets, (ticket) => hourOf(ticket.takenAt));
  const servedIn = groupBy(served, (ticket) => (ticket.endedAt === undefined ? undefined : hourOf(ticket.endedAt)));
  const servedBy = groupBy(served, (ticket) => ticket.finishedBy);
  const ratedFor = groupBy(ratings, (rating) => rating.staff);

  return {
    ...range,
    totals: {
      ...ticketCounts(tickets),
      wait: durations(tickets.flatMap(waitOf)),
      service: durations(tickets.flatMap(serviceOf)),
      ratings: ratingCounts(levels(ratings)),
    },
    byBusiness: keysInOrder(
      setup.businesses.map((business) => business.id),
      byBusiness.keys(),
    ).map((business) => {
      const group = byBusiness.get(business) ?? [];
      return {
        business,
        name: businessName.get(business) ?? business,
        ...ticketCounts(group),
        wait: durations(group.flatMap(waitOf)),
        service: durations(group.flatMap(serviceOf)),
      };
    }),
    byWindow: keysInOrder(
      setup.windows.map((window) => window.number),
      [...endedAt.keys(), ...ratedAt.keys()],
    ).map((window) => {
      const here = endedAt.get(window) ?? [];
      const name = windowName.get(window);
      return {
        window,
        ...(name && { name }),
        served: here.filter((ticket) => ticket.state === 'done').length,
        noShow: here.filter((ticket) => ticket.state === 'no-show').length,
        service: durations(here.flatMap(serviceOf)),
        ratings: ratingCounts(levels(ratedAt.get(window))),
      };
    }),
    byHour: keysInOrder([], [...takenIn.keys(), ...servedIn.keys()]).map((hour) => ({
      hour,
      taken: takenIn.get(hour)?.length ?? 0,
      served: servedIn.get(hour)?.length ?? 0,
      wait: durations((takenIn.get(hour) ?? []).flatMap(waitOf)),
    })),
    byStaff: keysInOrder([], [...servedBy.keys(), ...ratedFor.keys()])
      .map((username) => {
        const theirs = servedBy.get(username) ?? [];
        return {
          username,
          displayName: setup.staffNames.get(username) ?? username,
          served: theirs.length,
          service: durations(theirs.flatMap(serviceOf)),
          ratings: ratingCounts(levels(ratedFor.get(username))),
        };
      })
      .sort((a, b) => b.served - a.served || (a.username < b.username ? -1 : 1)),
  };
}
