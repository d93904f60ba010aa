/**
 * The kiosk's side of bills: it asks the admin server live, every time (bills never travel through
 * the content sync and nothing of them is kept on the kiosk). A server that cannot be reached is
 * SERVER_UNREACHABLE; what the utility caused comes back with its BILL_* code.
 */
import {
  BillAccount,
  BillReceipt,
  BillUtilities,
  BoundAccounts,
  Payment,
  type BillQuery,
  type BoundAccountsQuery,
  type PaymentRequest,
} from '@linli/protocol';
import { deviceApi, type ServerClientDeps } from '../sync/server-client';

export interface BillClient {
  utilities(): Promise<BillUtilities>;
  query(query: BillQuery): Promise<BillAccount>;
  boundAccounts(query: BoundAccountsQuery): Promise<BoundAccounts>;
  pay(request: PaymentRequest): Promise<Payment>;
  /** Waits at the server up to `waitSec` for the payment to change. */
  payment(orderId: string, waitSec: number): Promise<Payment>;
  cancel(orderId: string): Promise<Payment>;
  /** A paid payment's receipt again (a reprint). */
  receipt(transactionId: string): Promise<BillReceipt>;
}

/**
 * `asClerk`: at a clerk desk, the headers that make a call the clerk's (it throws while no clerk is
 * signed in or the desk is locked, so nothing is asked as the bare device there).
 */
export function createBillClient(deps: ServerClientDeps & { asClerk?: () => Record<string, string> }): BillClient {
  const device = deviceApi(deps);
  const clerk = () => deps.asClerk?.() ?? {};
  const api = {
    reply: device.reply,
    call: (path: string, init: RequestInit = {}) =>
      device.call(path, { ...init, headers: { ...clerk(), ...init.headers } }),
    postJson: (path: string, body: unknown) =>
      device.call(path, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...clerk() },
        body: JSON.stringify(body),
      }),
  };
  return {
    utilities: async () => api.reply(BillUtilities, await api.call('/api/v1/bills/utilities')),
    query: async (query) => api.reply(BillAccount, await api.postJson('/api/v1/bills/query', query)),
    pay: async (request) => api.reply(Payment, await api.postJson('/api/v1/bills/payments', request)),
    payment: async (orderId, waitSec) =>
      api.reply(
        Payment,
        await api.call(`/api/v1/bills/payments/${encodeURIComponent(orderId)}?waitSec=${waitSec}`, {
          signal: AbortSignal.timeout((waitSec + 15) * 1000),
        }),
      ),
    cancel: async (orderId) =>
      api.reply(
        Payment,
        await api.call(`/api/v1/bills/payments/${encodeURIComponent(orderId)}/cancel`, { method: 'POST' }),
      ),
    receipt: async (transactionId) =>
      api.reply(BillReceipt, await api.call(`/api/v1/bills/receipts/${encodeURIComponent(transactionId)}`)),
    boundAccounts: async (query) => api.reply(BoundAccounts, await api.postJson('/api/v1/bills/bound-accounts', query)),
  };
}
