/**
 * 排队取号 on the kiosk bridge. The offer and the ticket are asked of the admin server when the
 * resident asks; the ticket is this visit's (printed, and printed again after a failure) until the
 * visit ends. A take is sent under a clientId made for it: when its answer is lost (the server
 * unreachable, a reply that cannot be read) the same take asked again goes under the same id, so the
 * server answers with the ticket it may already have made rather than a second one. For 老年人优先
 * the hall's age rule is checked here on this visit's ID card, which stays in the host and is wiped
 * with the visit; the server hears only the priority. 预约签到 goes the same way under its own
 * clientId; by card, the card's number is sent to find the booking (nothing else of the card).
 */
import {
  LinliError,
  uuidV7,
  type IdCardData,
  type KioskBridge,
  type KioskCheckInRequest,
  type KioskQueueOffer,
  type KioskTicketRequest,
  type QueueTicketReceipt,
  type ShownQueueTicket,
} from '@linli/protocol';
import type { Receipt } from '@linli/device-drivers/receipt-printer/receipt-layout';
import { beijingDate, beijingMinute } from '../beijing-time';
import { screenQr } from '../screen-qr';
import type { QueueClient } from './queue-client';
import { priorityByCard } from './queue-priority';
import { queueTicketSlip } from './queue-ticket';

export interface QueueBridge {
  bridge: Pick<KioskBridge, 'queueOffer' | 'takeQueueTicket' | 'checkInQueue' | 'printQueueTicket'>;
  /** Forgets the visit's offer, its ticket and any take whose answer was lost. */
  endVisit(): void;
}

/** Failures after which the server may have made the ticket: the take is sent again under its id. */
const ANSWER_LOST = new Set(['SERVER_UNREACHABLE', 'SERVER_REPLY_INVALID']);

export function createQueueBridge(deps: {
  client: QueueClient;
  clock: () => Date;
  /** This visit's ID card (read through the peripheral bridge), for the age rule only. */
  currentCard: () => IdCardData | undefined;
  printSlip: (slip: Receipt) => Promise<void>;
}): QueueBridge {
  // Which visit an answer belongs to: one that arrives after the visit ended is not kept.
  let visit = 0;
  let offer: KioskQueueOffer | undefined;
  let unanswered: KioskTicketRequest | KioskCheckInRequest | undefined;
  let ticket: QueueTicketReceipt | undefined;

  const askOffer = async () => {
    const asked = visit;
    const fresh = await deps.client.offer();
    if (asked === visit) offer = fresh;
    return fresh;
  };

  /** This visit's ID card, read before (readIdCard); VALIDATION_FAILED at `path` when none was. */
  const visitCard = (path: string) => {
    const card = deps.currentCard();
    if (!card)
      throw new LinliError('VALIDATION_FAILED', 'Read the ID card first', [
        { path, message: 'no card read in this visit' },
      ]);
    return card;
  };

  /**
   * Sends a take or a check-in under a new clientId — or under the id of the one whose answer was
   * lost, when `same` says it asks the same — and keeps the ticket for the visit.
   */
  const send = async <R extends KioskTicketRequest | KioskCheckInRequest>(
    fields: Omit<R, 'clientId'>,
    same: (lost: KioskTicketRequest | KioskCheckInRequest) => boolean,
    call: (request: R) => Promise<QueueTicketReceipt>,
  ): Promise<ShownQueueTicket> => {
    const asked = visit;
    const request = (
      unanswered && same(unanswered) ? unanswered : { clientId: uuidV7(deps.clock().getTime()), ...fields }
    ) as R;
    if (asked === visit) unanswered = request;
    try {
      const taken = await call(request);
      if (asked === visit) {
        ticket = taken;
        if (unanswered === request) unanswered = undefined;
      }
      return { ...taken, followQr: screenQr(taken.followUrl) };
    } catch (error) {
      // Refused (closed, full, no hall, no booking): nothing was made, and the next one starts afresh.
      const lost = error instanceof LinliError && ANSWER_LOST.has(error.code);
      if (!lost && unanswered === request) unanswered = undefined;
      throw error;
    }
  };

  return {
    bridge: {
      queueOffer: askOffer,
      async takeQueueTicket({ business, elderByIdCard }) {
        let priority: NonNullable<KioskTicketRequest['priority']> = 'none';
        if (elderByIdCard) {
          const { elderAge } = offer ?? (await askOffer());
          priority = priorityByCard(visitCard('/elderByIdCard').birthDate, beijingDate(deps.clock()), elderAge);
        }
        return send<KioskTicketRequest>(
          { business, priority },
          (lost) => 'business' in lost && lost.business === business && lost.priority === priority,
          (request) => deps.client.take(request),
        );
      },
      async checkInQueue({ code, byIdCard }) {
        const idNumber = byIdCard ? visitCard('/byIdCard').idNumber : undefined;
        if ((code === undefined) === (idNumber === undefined))
          throw new LinliError('VALIDATION_FAILED', 'The booking code or the ID card', [
            { path: '/code', message: 'give the code or read the card' },
          ]);
        return send<KioskCheckInRequest>(
          { ...(code !== undefined && { code }), ...(idNumber !== undefined && { idNumber }) },
          (lost) =>
            'code' in lost === (code !== undefined) &&
            (lost as KioskCheckInRequest).code === code &&
            (lost as KioskCheckInRequest).idNumber === idNumber,
          (request) => deps.client.checkIn(request),
        );
      },
      async printQueueTicket({ locale }) {
        if (!ticket) throw new LinliError('NOT_FOUND', 'No ticket was taken in this visit');
        await deps.printSlip(queueTicketSlip(ticket, locale ?? 'zh-Hans', beijingMinute(new Date(ticket.takenAt))));
        return {};
      },
    },
    endVisit() {
      visit++;
      offer = undefined;
      unanswered = undefined;
      ticket = undefined;
    },
  };
}
