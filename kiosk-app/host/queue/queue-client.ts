/**
 * The kiosk's side of the hall's queue on the admin server: the offer (the businesses of the hall
 * above this kiosk and their waits) and a ticket taken — or a booking checked in (预约签到) — under a clientId (the same clientId again is
 * the same ticket, answered 200 rather than 201). Asked live every time; nothing of it is kept here.
 * A server that cannot be reached is SERVER_UNREACHABLE; a refusal comes back with its QUEUE_* code.
 */
import {
  KioskQueueOffer,
  QueueTicketReceipt,
  type KioskCheckInRequest,
  type KioskTicketRequest,
} from '@linli/protocol';
import { deviceApi, type ServerClientDeps } from '../sync/server-client';

export interface QueueClient {
  offer(): Promise<KioskQueueOffer>;
  take(request: KioskTicketRequest): Promise<QueueTicketReceipt>;
  /** 预约签到: the booking's ticket, by its code or the ID number (the same clientId again: the same ticket). */
  checkIn(request: KioskCheckInRequest): Promise<QueueTicketReceipt>;
}

export function createQueueClient(deps: ServerClientDeps): QueueClient {
  const api = deviceApi(deps);
  return {
    offer: async () => api.reply(KioskQueueOffer, await api.call('/api/v1/queue/offer')),
    take: async (request) => api.reply(QueueTicketReceipt, await api.postJson('/api/v1/queue/tickets', request)),
    checkIn: async (request) => api.reply(QueueTicketReceipt, await api.postJson('/api/v1/queue/check-in', request)),
  };
}
