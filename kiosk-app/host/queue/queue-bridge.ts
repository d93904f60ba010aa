/**
 * 排队取号 on the kiosk bridge. The offer and the ticket are asked of the admin server when the
 * resident asks; the ticket is this visit's (printed, and printed again after a failure) until the
 * visit ends. A take is sent under a clientId made for it: when its answer is lost (the server
 * unreachable, a reply that cannot be read) the same take asked again goes under the same id, so the
 * server answers with the ticket it may already have made rather than a second one. For 老年人优先
 * the hall's age rule is checked here on this visit's ID card, which stays in the host and is wiped
 * with the visit; the server hears only the priority.
 */
import {
  LinliError,
  uuidV7,
  type IdCardData,
  type KioskBridge,
  type KioskQueueOffer,
  type KioskTicketRequest,
  type QueueTicketReceipt,
} from '@linli/protocol';
import type { Receipt } from '@linli/device-drivers/receipt-printer/receipt-layout';
import { beijingDate, beijingMinute } from '../beijing-time';
import { screenQr } from '../screen-qr';
import type { QueueClient } from './queue-client';
import { priorityByCard } from './queue-priority';
import { queueTicketSlip } from './queue-ticket';

export interface QueueBridge {
  bridge: Pick<KioskBridge, 'queueOffer' | 'takeQueueTicket' | 'printQueueTicket'>;
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
  let unanswered: KioskTicketRequest | undefined;
  let ticket: QueueTicketReceipt | undefined;

  const askOffer = async () => {
    const asked = visit;
    const fresh = await deps.client.offer();
    if (asked === visit) offer = fresh;
    return fresh;
  };

  return {
    bridge: {
      queueOffer: askOffer,
      async takeQueueTicket({ business, elderByIdCard }) {
        const asked = visit;
        let priority: NonNullable<KioskTicketRequest['priority']> = 'none';
        if (elderByIdCard) {
          const card = deps.currentCard();
          if (!card)
            throw new LinliError('VALIDATION_FAILED', 'Read the ID card first', [
              { path: '/elderByIdCard', message: 'no card read in this visit' },
            ]);
          const { elderAge } = offer ?? (await askOffer());
          priority = priorityByCard(card.birthDate, beijingDate(deps.clock()), elderAge);
        }
        const request =
          unanswered?.business === business && unanswered.priority === priority
            ? unanswered
            : { clientId: uuidV7(deps.clock().getTime()), business, priority };
        if (asked === visit) unanswered = request;
        try {
          const taken = await deps.client.take(request);
          if (asked === visit) {
            ticket = taken;
            if (unanswered === request) unanswered = undefined;
          }
          return { ...taken, followQr: screenQr(taken.followUrl) };
        } catch (error) {
          // Refused (closed, full, no hall): nothing was made, and the next take starts afresh.
          const lost = error instanceof LinliError && ANSWER_LOST.has(error.code);
          if (!lost && unanswered === request) unanswered = undefined;
          throw error;
        }
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
