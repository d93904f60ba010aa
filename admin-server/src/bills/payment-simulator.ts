/**
 * A simulated payment channel for demos and tests: no money moves. Its QR code is an address on
 * this server (`${baseUrl}/pay-sim/${orderId}`); the page served there shows the order and calls
 * `pay` or `fail`, standing in for the payer's app. Orders expire by the injected clock. State is in
 * memory, per instance.
 */
import { randomInt } from 'node:crypto';
import { LinliError, type PaymentState } from '@linli/protocol';
import type { Clock } from '../domain/clock';
import { beijingDate } from './beijing-time';
import type { ChannelOrder, ChannelOrderStatus, PaidListener, PaymentChannel } from './payment-channel';

/** An order as the pay page shows it. */
export interface SimulatedOrder extends ChannelOrder, ChannelOrderStatus {}

export interface PaymentSimulator extends PaymentChannel {
  /** The order and how it stands; NOT_FOUND for an unknown id. */
  order(orderId: string): SimulatedOrder;
  /**
   * The payer pays: the order becomes paid and listeners hear of it once. Paying a paid order again
   * returns it unchanged. PAYMENT_EXPIRED once expired or closed, PAYMENT_FAILED once failed,
   * NOT_FOUND for an unknown id.
   */
  pay(orderId: string): ChannelOrderStatus;
  /**
   * The payment fails for `reason` (e.g. 余额不足). A failed order stays failed with its first
   * reason, and a paid one stays paid. PAYMENT_EXPIRED once expired or closed.
   */
  fail(orderId: string, reason: string): ChannelOrderStatus;
}

export interface PaymentSimulatorOptions {
  clock: Clock;
  /**
   * Where this server is reached from a phone, e.g. https://linli.example.cn (no trailing slash
   * needed); a function when it is known only once the server listens.
   */
  baseUrl: string | (() => string);
}

/** Letters, digits and underscores, 6 to 32 of them: an out_trade_no both WeChat Pay and Alipay accept. */
const ORDER_ID = /^[0-9A-Za-z_]{6,32}$/;
/** WeChat Pay's limit on description. */
const DESCRIPTION_MAX = 127;

interface OrderRecord extends ChannelOrder {
  expiresAtMs: number;
  /** The stored state; `pending` turns into `expired` by the clock, see stateOf. */
  state: PaymentState;
  transactionId?: string;
  paidAt?: string;
  failure?: string;
}

export function createPaymentSimulator(options: PaymentSimulatorOptions): PaymentSimulator {
  const { clock } = options;
  const baseUrl = () => (typeof options.baseUrl === 'string' ? options.baseUrl : options.baseUrl()).replace(/\/+$/, '');
  const orders = new Map<string, OrderRecord>();
  const listeners = new Set<PaidListener>();
  const issued = new Set<string>();

  const find = (orderId: string) => {
    const record = orders.get(orderId);
    if (!record) throw new LinliError('NOT_FOUND', `No payment order ${orderId}`);
    return record;
  };
  const stateOf = (record: OrderRecord): PaymentState =>
    record.state === 'pending' && clock().getTime() >= record.expiresAtMs ? 'expired' : record.state;
  const statusOf = (record: OrderRecord): ChannelOrderStatus => {
    const state = stateOf(record);
    return {
      state,
      ...(record.transactionId ? { transactionId: record.transactionId } : {}),
      ...(record.paidAt ? { paidAt: record.paidAt } : {}),
      ...(state === 'failed' && record.failure ? { failure: record.failure } : {}),
    };
  };
  /**
   * Digits only, as a real channel's (a resident types it on the kiosk's pad for a reprint): '0000'
   * (which no real channel begins with) + the Beijing date + 12 random digits, never the same twice
   * in this instance.
   */
  const transactionId = (now: Date) => {
    const date = beijingDate(now).replaceAll('-', '');
    for (;;) {
      const id = `0000${date}${String(randomInt(0, 1e12)).padStart(12, '0')}`;
      if (!issued.has(id)) {
        issued.add(id);
        return id;
      }
    }
  };
  const expired = (orderId: string) =>
    new LinliError('PAYMENT_EXPIRED', `Payment order ${orderId} can no longer be paid`);

  return {
    async createOrder(order, signal) {
      signal.throwIfAborted();
      const problems = orderProblems(order, clock());
      if (problems.length > 0) throw new LinliError('VALIDATION_FAILED', undefined, problems);
      const qrPayload = `${baseUrl()}/pay-sim/${order.orderId}`;
      const existing = orders.get(order.orderId);
      if (existing) {
        const same =
          existing.amountFen === order.amountFen &&
          existing.description === order.description &&
          existing.expiresAtMs === Date.parse(order.expiresAt);
        if (!same) throw new LinliError('ALREADY_EXISTS', `Payment order ${order.orderId} exists with other terms`);
        return { qrPayload };
      }
      orders.set(order.orderId, { ...order, expiresAtMs: Date.parse(order.expiresAt), state: 'pending' });
      return { qrPayload };
    },

    async queryOrder(orderId, signal) {
      signal.throwIfAborted();
      return statusOf(find(orderId));
    },

    async closeOrder(orderId, signal) {
      signal.throwIfAborted();
      const record = find(orderId);
      if (record.state === 'pending') record.state = 'expired';
      return statusOf(record);
    },

    onPaid(listener) {
      // A wrapper, so that subscribing the same function twice gives two independent subscriptions.
      const subscription: PaidListener = (notice) => listener(notice);
      listeners.add(subscription);
      return () => void listeners.delete(subscription);
    },

    order(orderId) {
      const record = find(orderId);
      const { orderId: id, amountFen, description, expiresAt } = record;
      return { orderId: id, amountFen, description, expiresAt, ...statusOf(record) };
    },

    pay(orderId) {
      const record = find(orderId);
      const state = stateOf(record);
      if (state === 'paid') return statusOf(record);
      if (state === 'expired') throw expired(orderId);
      if (state === 'failed') throw new LinliError('PAYMENT_FAILED', record.failure);
      const now = clock();
      record.state = 'paid';
      record.transactionId = transactionId(now);
      record.paidAt = now.toISOString();
      const notice = {
        orderId,
        transactionId: record.transactionId,
        paidAt: record.paidAt,
        amountFen: record.amountFen,
      };
      // Every listener hears of it, even after one of them broke its promise not to throw.
      const thrown: unknown[] = [];
      for (const listener of [...listeners]) {
        try {
          listener({ ...notice });
        } catch (error) {
          thrown.push(error);
        }
      }
      if (thrown.length > 0) throw thrown[0];
      return statusOf(record);
    },

    fail(orderId, reason) {
      const record = find(orderId);
      const state = stateOf(record);
      if (state === 'expired') throw expired(orderId);
      if (state === 'pending') {
        record.state = 'failed';
        record.failure = reason.trim() || '支付失败';
      }
      return statusOf(record);
    },
  };
}

function orderProblems(order: ChannelOrder, now: Date): { path: string; message: string }[] {
  const problems: { path: string; message: string }[] = [];
  if (!ORDER_ID.test(order.orderId))
    problems.push({ path: '/orderId', message: 'must be 6 to 32 letters, digits or underscores' });
  if (!Number.isSafeInteger(order.amountFen) || order.amountFen < 1)
    problems.push({ path: '/amountFen', message: 'must be a whole number of fen above 0' });
  if (order.description.trim() === '' || [...order.description].length > DESCRIPTION_MAX)
    problems.push({ path: '/description', message: `must be 1 to ${DESCRIPTION_MAX} characters` });
  const expiresAt = Date.parse(order.expiresAt);
  if (Number.isNaN(expiresAt)) problems.push({ path: '/expiresAt', message: 'must be an ISO date-time' });
  else if (expiresAt <= now.getTime()) problems.push({ path: '/expiresAt', message: 'must be in the future' });
  return problems;
}
