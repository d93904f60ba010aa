/**
 * The queue's rules as pure functions of the hall's set-up, the tickets and an instant (never a
 * clock read here): the service day numbers belong to, whether a business gives tickets now and
 * why not, which waiting ticket a window calls next, how many people are before a ticket and how
 * long they may take, the printed label, and the hall's checks beyond its schema. Times of day are
 * Beijing time, as the hall's hours are written.
 */
import {
  QUEUE_CALLS_MAX,
  type ErrorDetail,
  type QueueBusiness,
  type QueueHallInput,
  type QueuePriority,
  type QueueRefusal,
  type QueueTicketState,
  type TimeWindow,
  type WorkCalendar,
} from '@linli/protocol';
import { onBeijingClock } from '../bills/beijing-time';

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;
/** People this close to the window are told it is nearly their turn (快到您了). */
export const QUEUE_NEAR_PEOPLE = 3;

/** The date and the time of day an instant reads on a Beijing clock. */
export function beijingClock(instant: Date): { date: string; time: string; weekday: number } {
  const text = onBeijingClock(instant).toISOString();
  const day = onBeijingClock(instant).getUTCDay();
  return { date: text.slice(0, 10), time: text.slice(11, 16), weekday: day === 0 ? 7 : day };
}

/**
 * The service day an instant belongs to: the Beijing date of the last reset at or before it (with
 * resetTime 03:00, 02:59 on the 6th still belongs to the 5th).
 */
export function serviceDay(instant: Date, resetTime: string): string {
  const { date, time } = beijingClock(instant);
  if (time >= resetTime) return date;
  return new Date(Date.parse(`${date}T00:00:00Z`) - DAY_MS).toISOString().slice(0, 10);
}

/** The rules of a hall that decide when it gives tickets. */
export type HallHours = Pick<QueueHallInput, 'hours' | 'followsWorkCalendar'>;

/**
 * The hall's windows of the day on a Beijing date, and whether it is shut for a public holiday.
 * Following the work calendar, a public holiday is closed and a 调休 make-up workday keeps the
 * hours of a working weekday (the first of Monday to Friday the hall opens on).
 */
export function hoursOn(
  hall: HallHours,
  date: string,
  calendar: WorkCalendar,
): { windows: TimeWindow[]; holiday: boolean } {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  const weekday = day === 0 ? 7 : day;
  const windowsOf = (isoDay: number) => hall.hours.find((entry) => entry.weekdays.includes(isoDay))?.windows ?? [];
  if (!hall.followsWorkCalendar) return { windows: windowsOf(weekday), holiday: false };
  const working = calendar.isWorkingDay(date);
  if (weekday <= 5 && !working) return { windows: [], holiday: windowsOf(weekday).length > 0 };
  if (weekday > 5 && working) {
    const workday = [1, 2, 3, 4, 5].find((isoDay) => windowsOf(isoDay).length > 0);
    return { windows: workday ? windowsOf(workday) : [], holiday: false };
  }
  return { windows: windowsOf(weekday), holiday: false };
}

/**
 * Why a business gives no ticket at `instant`, or undefined when it does: closed (paused in the
 * set-up), holiday, outside-hours (also on a day without hours), full (`issued` has reached its
 * maximum for the service day).
 */
export function refusalOf(
  hall: HallHours,
  business: Pick<QueueBusiness, 'open' | 'maxPerDay'>,
  instant: Date,
  calendar: WorkCalendar,
  issued: number,
): QueueRefusal | undefined {
  if (!business.open) return 'closed';
  const { date, time } = beijingClock(instant);
  const today = hoursOn(hall, date, calendar);
  if (today.holiday) return 'holiday';
  if (!today.windows.some((window) => window.from <= time && time < window.to)) return 'outside-hours';
  if (issued >= business.maxPerDay) return 'full';
  return undefined;
}

/** A ticket's state read on a service day: one of an earlier day still waiting or at a window has lapsed, swept or not. */
export function ticketStateOn(ticket: { day: string; state: QueueTicketState }, day: string): QueueTicketState {
  return ticket.day < day && (ticket.state === 'waiting' || ticket.state === 'called') ? 'lapsed' : ticket.state;
}

/** "A012": the business's prefix and the number in three digits. */
export function ticketLabel(prefix: string, number: number): string {
  return `${prefix}${String(number).padStart(3, '0')}`;
}

/** What the call order needs of a waiting ticket. */
export interface WaitingTicket {
  id: number;
  /** The business whose queue it is in now (a transfer may have moved it). */
  business: string;
  priority: QueuePriority;
  takenAt: string;
  /** Set when it was transferred to one window: only that window calls it. */
  toWindow?: number | undefined;
}

/** Transferred to a window first, then priority tickets, then the rest; each in the order they were taken. */
const rank = (ticket: WaitingTicket) => (ticket.toWindow !== undefined ? 0 : ticket.priority !== 'none' ? 1 : 2);
const byTaken = (a: WaitingTicket, b: WaitingTicket) =>
  a.takenAt < b.takenAt ? -1 : a.takenAt > b.takenAt ? 1 : a.id - b.id;
const inCallOrder = (a: WaitingTicket, b: WaitingTicket) => rank(a) - rank(b) || byTaken(a, b);

/** The waiting tickets in the order the windows would call them. */
export function callOrder<T extends WaitingTicket>(waiting: readonly T[]): T[] {
  return [...waiting].sort(inCallOrder);
}

/** Whether a window may call a ticket: sent to it, or of a business it serves and not sent elsewhere. */
export function callableAt(ticket: WaitingTicket, window: { number: number; businesses: readonly string[] }): boolean {
  return ticket.toWindow !== undefined
    ? ticket.toWindow === window.number
    : window.businesses.includes(ticket.business);
}

/**
 * The ticket a window calls next: those transferred to this window first, then priority tickets
 * (elder, appointment), then the earliest among the businesses it serves; undefined when none waits.
 */
export function nextForWindow<T extends WaitingTicket>(
  waiting: readonly T[],
  window: { number: number; businesses: readonly string[] },
): T | undefined {
  return callOrder(waiting.filter((ticket) => callableAt(ticket, window)))[0];
}

/** The people waiting before a ticket in its business's queue. */
export function peopleBefore(ticket: WaitingTicket, waiting: readonly WaitingTicket[]): number {
  return waiting.filter(
    (other) => other.id !== ticket.id && other.business === ticket.business && inCallOrder(other, ticket) < 0,
  ).length;
}

/** The average minutes of service of today's finished tickets of a business, or its set-up's minutes before there are any. */
export function averageServiceMinutes(
  served: readonly { calledAt: string; finishedAt: string }[],
  serviceMinutes: number,
): number {
  if (served.length === 0) return serviceMinutes;
  const total = served.reduce(
    (sum, ticket) => sum + Math.max(0, Date.parse(ticket.finishedAt) - Date.parse(ticket.calledAt)),
    0,
  );
  return total / served.length / MINUTE_MS;
}

/**
 * The wait before a ticket: the people before it times the average minutes of service, shared by
 * the unpaused windows that serve its business (one when none does), in whole minutes rounded up.
 */
export function estimatedMinutes(people: number, averageMinutes: number, windows: number): number {
  // Rounded to a millionth first, so 3 × 6.666… is 20 minutes and not 21.
  return Math.ceil(Math.round((people * averageMinutes * 1e6) / Math.max(1, windows)) / 1e6);
}

/** The windows of a hall serving a business and not paused. */
export function servingWindows(
  windows: readonly { number: number; businesses: readonly string[] }[],
  business: string,
  paused: ReadonlySet<number>,
): number {
  return windows.filter((window) => window.businesses.includes(business) && !paused.has(window.number)).length;
}

/** Whether a called ticket may be called once more (the first call and two recalls at most). */
export function mayRecall(calls: number): boolean {
  return calls < QUEUE_CALLS_MAX;
}

/**
 * The hall's set-up checked beyond its schema, each mistake named by its field: business ids and
 * prefixes used once, window numbers once, windows serving only the hall's businesses (each once),
 * every open business served by some window, and opening hours whose windows end after they begin,
 * do not overlap, and whose weekdays appear in one entry only.
 */
export function hallProblems(hall: Pick<QueueHallInput, 'businesses' | 'windows' | 'hours'>): ErrorDetail[] {
  const problems: ErrorDetail[] = [];
  const once = <T>(values: T[], path: (index: number) => string, say: (value: T) => string) => {
    const seen = new Set<T>();
    values.forEach((value, index) => {
      if (seen.has(value)) problems.push({ path: path(index), message: say(value) });
      seen.add(value);
    });
  };
  once(
    hall.businesses.map((business) => business.id),
    (index) => `/businesses/${index}/id`,
    (id) => `the business id ${id} is used twice`,
  );
  once(
    hall.businesses.map((business) => business.prefix),
    (index) => `/businesses/${index}/prefix`,
    (prefix) => `the prefix ${prefix} is used by two businesses`,
  );
  once(
    hall.windows.map((window) => window.number),
    (index) => `/windows/${index}/number`,
    (number) => `window ${number} is listed twice`,
  );
  const ids = new Set(hall.businesses.map((business) => business.id));
  hall.windows.forEach((window, index) => {
    window.businesses.forEach((id, position) => {
      if (!ids.has(id))
        problems.push({ path: `/windows/${index}/businesses/${position}`, message: `no business ${id} in this hall` });
    });
    once(
      window.businesses,
      (position) => `/windows/${index}/businesses/${position}`,
      (id) => `${id} is named twice`,
    );
  });
  hall.businesses.forEach((business, index) => {
    if (business.open && !hall.windows.some((window) => window.businesses.includes(business.id)))
      problems.push({ path: `/businesses/${index}`, message: `no window serves ${business.name}, which is open` });
  });
  const weekdays = new Set<number>();
  hall.hours.forEach((entry, index) => {
    entry.weekdays.forEach((weekday, position) => {
      if (weekdays.has(weekday))
        problems.push({ path: `/hours/${index}/weekdays/${position}`, message: `weekday ${weekday} has hours twice` });
      weekdays.add(weekday);
    });
    const sorted = entry.windows
      .map((window, position) => ({ ...window, position }))
      .sort((a, b) => (a.from < b.from ? -1 : 1));
    sorted.forEach((window, order) => {
      if (window.to <= window.from)
        problems.push({
          path: `/hours/${index}/windows/${window.position}/to`,
          message: `ends at ${window.to}, not after it begins (${window.from})`,
        });
      const previous = sorted[order - 1];
      if (previous && window.from < previous.to)
        problems.push({
          path: `/hours/${index}/windows/${window.position}`,
          message: `overlaps ${previous.from}–${previous.to}`,
        });
    });
  });
  return problems;
}
