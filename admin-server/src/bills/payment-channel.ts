/**
 * What the bill gateway needs from a payment channel to take a bill payment by QR code: make an order
 * whose code the kiosk shows, ask how it stands, close it, and hear when it is paid. The only
 * implementation is the simulator (payment-simulator.ts); no real channel is connected yet.
 * docs/operators/payment-channels.md describes how WeChat Pay Native (API v3) and Alipay 当面付
 * precreate map onto this interface, summarised here:
 *
 * | here             | WeChat Pay Native (API v3)                                  | Alipay 当面付                       |
 * | ---------------- | ----------------------------------------------------------- | -------------------------------- |
 * | createOrder      | POST /v3/pay/transactions/native → code_url                 | alipay.trade.precreate → qr_code |
 * | queryOrder       | GET /v3/pay/transactions/out-trade-no/{out_trade_no}        | alipay.trade.query               |
 * | closeOrder       | POST /v3/pay/transactions/out-trade-no/{out_trade_no}/close | alipay.trade.close               |
 * | onPaid listeners | notify_url: TRANSACTION.SUCCESS, AES-256-GCM resource       | notify_url: TRADE_SUCCESS        |
 *
 * A channel's notifications can be late, repeated or lost, and can be forged by anyone who finds the
 * callback address: an implementation verifies the channel's signature, checks that the amount is the
 * order's, tells listeners once per order, and the gateway still asks queryOrder before it gives up.
 */
import type { PaymentState } from '@linli/protocol';

export interface ChannelOrder {
  /**
   * Our order id, the channel's out_trade_no. 6 to 32 letters, digits or underscores: what both
   * WeChat Pay (6–32 of [0-9A-Za-z_-|*]) and Alipay (up to 64 of letters, digits, _) accept.
   */
  orderId: string;
  /** WeChat Pay amount.total (fen); Alipay total_amount (yuan with 2 decimals). */
  amountFen: number;
  /** What the payer's app shows: WeChat Pay description (up to 127 characters), Alipay subject. */
  description: string;
  /**
   * ISO date-time after which the code can no longer be paid: WeChat Pay time_expire (RFC 3339 with
   * +08:00); Alipay has only relative limits (timeout_express / qr_code_timeout_express, e.g. "5m").
   */
  expiresAt: string;
}

/** How an order stands at the channel. */
export interface ChannelOrderStatus {
  state: PaymentState;
  /** When paid: the channel's transaction id (WeChat Pay transaction_id, Alipay trade_no). */
  transactionId?: string;
  /** When paid: ISO date-time (WeChat Pay success_time, Alipay gmt_payment / send_pay_date). */
  paidAt?: string;
  /** When failed: the channel's reason in words. */
  failure?: string;
}

/** A payment as the channel reports it. */
export interface PaidNotice {
  orderId: string;
  transactionId: string;
  paidAt: string;
  /** What the channel says was paid; the gateway checks it against the order. */
  amountFen: number;
}

/**
 * Told of a payment. Called once per order, after the channel's state says paid; a listener must
 * not throw (it starts its own work and handles that work's failures).
 */
export type PaidListener = (notice: PaidNotice) => void;

export interface PaymentChannel {
  /**
   * Makes an order and returns what its QR code carries (WeChat Pay code_url, Alipay qr_code).
   * Making the same order again (same id, amount and expiry) returns the same payload; a different
   * order under a used id is ALREADY_EXISTS.
   */
  createOrder(order: ChannelOrder, signal: AbortSignal): Promise<{ qrPayload: string }>;
  /**
   * How the order stands now. An unpaid order past its expiry is `expired` even if the channel has
   * not closed it yet. NOT_FOUND for an order this channel never made.
   */
  queryOrder(orderId: string, signal: AbortSignal): Promise<ChannelOrderStatus>;
  /**
   * Makes the code unpayable (the resident cancelled, or the order expired) and returns how the order
   * ended: `expired` once closed, but `paid` when the payment came first — closing never undoes one.
   */
  closeOrder(orderId: string, signal: AbortSignal): Promise<ChannelOrderStatus>;
  /** Subscribes to payments; returns the unsubscribe function. */
  onPaid(listener: PaidListener): () => void;
}
