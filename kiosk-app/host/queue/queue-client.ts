/**
 * The kiosk's side of the hall's queue on the admin server: the offer (the businesses of the hall
 * above this kiosk and their waits) and a ticket taken under a clientId (the same clientId again is
 * the same ticket, answered 200 rather than 201). Asked live every time; nothing of it is kept here.
 * A server that cannot be reached is SERVER_UNREACHABLE; a refusal comes back with its QUEUE_* code.
 */
import { KioskQueueOffer, QueueTicketReceipt, type KioskTicketRequest } from '@linli/protocol';
import { deviceApi, type ServerClientDeps } from '../sync/server-client';

export interface QueueClient {
  offer(): Promise<KioskQueueOffer>;
  take(request: KioskTicketRequest): Promise<QueueTicketReceipt>;
}

export function createQueueClient(deps: ServerClientDeps): QueueClient {
  const api = deviceApi(deps);
  return {
    offer: async () => api.reply(KioskQueueOffer, await api.call('/api/v1/queue/offer')),
    take: async (request) => api.reply(QueueTicketReceipt, await api.postJson('/api/v1/queue/tickets', request)),
  };
}
