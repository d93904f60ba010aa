/**
 * 好差评's rules as pure functions (an instant passed in, never a clock read here): whether a ticket
 * may be rated at a window now, which reasons a level allows, which ticket a window's rating pad
 * asks about, and the follow-up case a 差评 (protocol's isComplaint) opens — in words from the ticket, the business, the
 * window and the reasons, nothing of the resident.
 */
import {
  LinliError,
  QUEUE_RATING_MINUTES,
  QUEUE_RATING_NAMES,
  QUEUE_REASONS_BY_LEVEL,
  type ErrorDetail,
  type QueueHallState,
  type QueueRatingLevel,
  type QueueRatingReason,
  type QueueTicketState,
} from '@linli/protocol';
import { beijingMinute } from '../bills/beijing-time';
import type { SystemCaseInput } from './cases';

const MINUTE_MS = 60_000;
/** Where a 差评 is filed when the catalogue has no category named after the business (政务办事). */
const FALLBACK_CATEGORY = 'affairs';

/** Whether the rating time of a ticket finished at `finishedAt` is still open at `now`. */
const stillOpen = (finishedAt: string, now: Date) =>
  now.getTime() - Date.parse(finishedAt) <= QUEUE_RATING_MINUTES * MINUTE_MS;

/**
 * Why a ticket may not be rated at `window` now, or undefined when it may: only a ticket finished
 * (办结) at that very window (QUEUE_NOT_RATEABLE), and within QUEUE_RATING_MINUTES of its finish
 * (QUEUE_RATING_CLOSED).
 */
export function ratingRefusal(
  ticket: { label: string; state: QueueTicketState; window?: number | undefined; finishedAt?: string | undefined },
  window: number,
  now: Date,
): LinliError | undefined {
  if (ticket.state !== 'done' || ticket.window !== window || ticket.finishedAt === undefined)
    return new LinliError('QUEUE_NOT_RATEABLE', `${ticket.label} was not finished at window ${window}`);
  if (!stillOpen(ticket.finishedAt, now))
    return new LinliError(
      'QUEUE_RATING_CLOSED',
      `${ticket.label} was finished more than ${QUEUE_RATING_MINUTES} minutes ago`,
    );
  return undefined;
}

/** The reasons given that the level does not offer, each by its place in the list. */
export function reasonProblems(level: QueueRatingLevel, reasons: readonly QueueRatingReason[]): ErrorDetail[] {
  const allowed = QUEUE_REASONS_BY_LEVEL[level];
  return reasons.flatMap((reason, index) =>
    allowed.includes(reason) ? [] : [{ path: `/reasons/${index}`, message: `${reason} is not a reason of ${level}` }],
  );
}

/** A finished ticket as the rating pad may be asked about it. */
export interface FinishedTicket {
  ticketId: number;
  label: string;
  business: string;
  window: number;
  finishedAt: string;
  rated: boolean;
}

type ToRate = NonNullable<QueueHallState['windows'][number]['toRate']>;

/**
 * What each window's rating pad asks about at `now`: the ticket finished there last, while it is
 * unrated and its rating time open. A ticket finished earlier is not asked about again once a later
 * one is finished (its resident has gone), nor after the later one is rated.
 */
export function toRateByWindow(finished: readonly FinishedTicket[], now: Date): Map<number, ToRate> {
  const last = new Map<number, FinishedTicket>();
  for (const ticket of finished) {
    const before = last.get(ticket.window);
    const later =
      !before ||
      ticket.finishedAt > before.finishedAt ||
      (ticket.finishedAt === before.finishedAt && ticket.ticketId > before.ticketId);
    if (later) last.set(ticket.window, ticket);
  }
  const asked = new Map<number, ToRate>();
  for (const [window, ticket] of last)
    if (!ticket.rated && stillOpen(ticket.finishedAt, now))
      asked.set(window, {
        ticketId: ticket.ticketId,
        label: ticket.label,
        business: ticket.business,
        finishedAt: ticket.finishedAt,
      });
  return asked;
}

/**
 * The follow-up case of a 差评: a complaint filed under the business's own category in the
 * catalogue (affairs/<business id>, as the guide categories are) or else 政务办事, told from the
 * ticket, the business, the window and the reasons tapped.
 */
export function followUpCase(
  rated: {
    hallName: string;
    window: number;
    windowName?: string | undefined;
    business: string;
    businessName: string;
    label: string;
    finishedAt: string;
    level: QueueRatingLevel;
    reasons: readonly QueueRatingReason[];
  },
  hasCategory: (path: string) => boolean,
): SystemCaseInput {
  const names = QUEUE_RATING_NAMES['zh-Hans'];
  const window = `${rated.window}号窗口${rated.windowName ? `（${rated.windowName}）` : ''}`;
  const reasons = rated.reasons.map((reason) => names.reasons[reason]).join('、');
  const own = `affairs/${rated.business}`;
  return {
    nature: 'complaint',
    category: hasCategory(own) ? own : FALLBACK_CATEGORY,
    description:
      `窗口服务差评：${rated.hallName} ${window}，${rated.businessName}业务，号码 ${rated.label}，` +
      `${beijingMinute(new Date(rated.finishedAt))} 办结。居民评价「${names.levels[rated.level]}」` +
      `${reasons ? `，原因：${reasons}` : '，未选原因'}。请核查该窗口的服务并改进。`,
  };
}
