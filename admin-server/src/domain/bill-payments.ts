/**
 * Paying a bill by QR code. A kiosk asks for a payment: the account is looked up (a closed one is
 * refused), an order is made at the payment channel and stored with its code and a 5-minute expiry.
 * When the channel says it was paid, the payment is stored as paid at once — from then on it is
 * never lost — and the utility is told (销账) through the gateway; a utility that cannot be reached is
 * told again later until it confirms, and only then is the account number dropped from the record.
 * Kiosks follow an order by long-polling its status; a receipt is read again by its transaction id.
 * Amounts, names and account numbers stay out of the audit trail and the log.
 */
import { randomInt, timingSafeEqual } from 'node:crypto';
import {
  LinliError,
  maskAccountNumber,
  type BillReceipt,
  type Payment,
  type PaymentRequest,
  type PaymentState,
  type Utility,
} from '@linli/protocol';
import type { PaidNotice, PaymentChannel } from '../bills/payment-channel';
import type { Database } from '../db/database';
import { writeAudit } from './audit';
import type { BillCaller, BillGateway } from './bill-gateway';
import type { Clock } from './clock';

/** How long a payment code can be paid. */
export const PAYMENT_WINDOW_SEC = 300;
/** Characters of a receipt's verify code (72 bits). */
export const VERIFY_CODE_LENGTH = 12;
/** The longest a kiosk's status request waits for a change. */
export const PAYMENT_WAIT_MAX_SEC = 25;

export interface BillPayments {
  pay(caller: BillCaller, request: PaymentRequest): Promise<Payment>;
  /**
   * The order as it stands; with `waitSec`, answered as soon as it changes — paid, expired, or paid
   * and confirmed by the utility — or when the wait is up.
   */
  status(caller: BillCaller, orderId: string, waitSec?: number): Promise<Payment>;
  /** The resident gave up: the code can no longer be paid (a payment that came first stands). */
  cancel(caller: BillCaller, orderId: string): Promise<Payment>;
  /** A paid payment's receipt, for a reprint at the kiosks of the node it was paid at. */
  receipt(caller: BillCaller, transactionId: string): Promise<BillReceipt>;
  /** The receipt a printed receipt's QR code names, when its verify code is right; else nothing. */
  verified(transactionId: string, verifyCode: string): Promise<BillReceipt | undefined>;
  /** Tells the utilities of the payments they have not confirmed yet (run on a timer). */
  settleDue(): Promise<void>;
  stop(): void;
}

type PaymentRow = {
  order_id: string;
  actor: string;
  org_id: number;
  org_path: string;
  provider_id: string;
  utility: Utility;
  account_number: string | null;
  account_masked: string;
  period: string | null;
  amount_fen: number;
  state: PaymentState;
  qr_payload: string;
  created_at: string;
  expires_at: string;
  transaction_id: string | null;
  paid_at: string | null;
  failure: string | null;
  receipt_number: string | null;
  settled_at: string | null;
};

export function createBillPayments(deps: {
  db: Database;
  clock: Clock;
  gateway: BillGateway;
  channel: PaymentChannel;
  log?: (message: string) => void;
}): BillPayments {
  const { db, clock, gateway, channel } = deps;
  const log = deps.log ?? (() => undefined);
  const waiters = new Map<string, Set<() => void>>();
  const changed = (orderId: string) => waiters.get(orderId)?.forEach((wake) => wake());
  const signal = () => AbortSignal.timeout(15_000);

  const paidWith = async (transactionId: string) => {
    const row = await db.get<PaymentRow>('SELECT * FROM bill_payments WHERE transaction_id = ?', [transactionId]);
    return row?.state === 'paid' ? row : undefined;
  };
  const find = (orderId: string) => db.get<PaymentRow>('SELECT * FROM bill_payments WHERE order_id = ?', [orderId]);
  /** An order of this caller's node: another node's order is not there for it. */
  const mine = async (caller: BillCaller, orderId: string) => {
    const row = await find(orderId);
    if (!row || row.org_path !== caller.orgPath) throw new LinliError('NOT_FOUND', `No payment ${orderId}`);
    return row;
  };

  /**
   * What a printed receipt's QR code carries beside the transaction id: keyed, so a receipt cannot
   * be looked up by guessing transaction ids and a made-up receipt does not verify.
   */
  const verifyCodeOf = async (transactionId: string) =>
    (await gateway.hashed(`receipt ${transactionId}`)).slice(0, VERIFY_CODE_LENGTH);
  const receiptOf = async (row: PaymentRow): Promise<BillReceipt> => ({
    transactionId: row.transaction_id!,
    verifyCode: await verifyCodeOf(row.transaction_id!),
    utility: row.utility,
    providerName: gateway.providerById(row.provider_id)?.name ?? row.provider_id,
    accountMasked: row.account_masked,
    ...(row.period ? { period: row.period } : {}),
    amountFen: Number(row.amount_fen),
    paidAt: row.paid_at!,
    ...(row.receipt_number ? { providerReceiptNumber: row.receipt_number } : {}),
  });
  const viewOf = async (row: PaymentRow): Promise<Payment> => ({
    orderId: row.order_id,
    utility: row.utility,
    accountMasked: row.account_masked,
    amountFen: Number(row.amount_fen),
    state: row.state,
    ...(row.state === 'pending' ? { qrPayload: row.qr_payload } : {}),
    expiresAt: row.expires_at,
    ...(row.state === 'paid' ? { receipt: await receiptOf(row) } : {}),
    ...(row.failure ? { failure: row.failure } : {}),
  });

  const audit = (
    caller: Pick<BillCaller, 'actor' | 'orgId' | 'orgPath' | 'from'>,
    action: string,
    row: PaymentRow,
    result: string,
  ) =>
    writeAudit(
      db,
      {
        actor: caller.actor,
        action,
        target: { type: 'bill-payment', id: row.order_id, orgId: Number(row.org_id), orgPath: row.org_path },
        from: caller.from,
        outcome: result === 'ok' ? 'ok' : 'failed',
        after: { utility: row.utility, provider: row.provider_id, state: row.state, result },
      },
      clock(),
    );

  /** Tells the utility of a paid payment; false when it must be tried again later. */
  const settle = async (orderId: string): Promise<boolean> => {
    const row = await find(orderId);
    if (!row || row.state !== 'paid' || row.settled_at || !row.account_number) return true;
    const provider = gateway.providerById(row.provider_id);
    try {
      if (!provider)
        throw new LinliError('BILL_PROVIDER_UNAVAILABLE', `The utility ${row.provider_id} is no longer connected`);
      const { receiptNumber } = await gateway.call(provider, (abort) =>
        provider.recordPayment(
          {
            accountNumber: row.account_number!,
            amountFen: Number(row.amount_fen),
            transactionId: row.transaction_id!,
            paidAt: row.paid_at!,
          },
          abort,
        ),
      );
      await db.run(
        'UPDATE bill_payments SET receipt_number = ?, settled_at = ?, account_number = NULL WHERE order_id = ?',
        [receiptNumber, clock().toISOString(), orderId],
      );
      changed(orderId);
      return true;
    } catch (error) {
      await db.run('UPDATE bill_payments SET settle_attempts = settle_attempts + 1 WHERE order_id = ?', [orderId]);
      log(`payment ${orderId} not yet confirmed by ${row.provider_id}: ${(error as LinliError).code ?? 'INTERNAL'}`);
      return false;
    }
  };

  /** The channel's word that an order was paid: stored at once (once), then the utility is told. */
  const paid = async (notice: PaidNotice) => {
    const row = await find(notice.orderId);
    if (!row) return log(`payment notice for an unknown order ${notice.orderId}`);
    if (Number(row.amount_fen) !== notice.amountFen) {
      await db.run("UPDATE bill_payments SET state = 'failed', failure = ? WHERE order_id = ? AND state = 'pending'", [
        'The amount paid is not the amount of the order',
        row.order_id,
      ]);
      changed(row.order_id);
      return log(`payment notice for ${notice.orderId} with another amount: marked failed for the staff`);
    }
    const result = await db.run(
      "UPDATE bill_payments SET state = 'paid', transaction_id = ?, paid_at = ? WHERE order_id = ? AND state IN ('pending', 'expired')",
      [notice.transactionId, notice.paidAt, notice.orderId],
    );
    if (result.changes === 0) return;
    await audit(
      { actor: 'payment-channel', orgId: Number(row.org_id), orgPath: row.org_path, from: 'channel' },
      'bill.paid',
      { ...row, state: 'paid' },
      'ok',
    );
    changed(row.order_id);
    await settle(row.order_id);
  };
  const unsubscribe = channel.onPaid((notice) => {
    paid(notice).catch((error: unknown) => log(`payment notice for ${notice.orderId} failed: ${String(error)}`));
  });

  /**
   * Closes a pending order's code at the channel: a payment that came first is taken as paid (it
   * stands), otherwise the order has expired. Returns the order as it is now.
   */
  const close = async (row: PaymentRow): Promise<PaymentRow> => {
    const status = await channel.closeOrder(row.order_id, signal());
    if (status.state === 'paid' && status.transactionId && status.paidAt)
      await paid({
        orderId: row.order_id,
        transactionId: status.transactionId,
        paidAt: status.paidAt,
        amountFen: Number(row.amount_fen),
      });
    else
      await db.run("UPDATE bill_payments SET state = 'expired' WHERE order_id = ? AND state = 'pending'", [
        row.order_id,
      ]);
    changed(row.order_id);
    return (await find(row.order_id))!;
  };
  /** A pending order past its expiry is closed. */
  const expireIfDue = (row: PaymentRow): Promise<PaymentRow> =>
    row.state !== 'pending' || row.expires_at > clock().toISOString() ? Promise.resolve(row) : close(row);

  const orderId = (now: Date) =>
    `LL${now.toISOString().replace(/\D/g, '').slice(0, 14)}${String(randomInt(0, 1e8)).padStart(8, '0')}`;

  return {
    async pay(caller, request) {
      const account = await gateway.lookup(caller, { utility: request.utility, accountNumber: request.accountNumber });
      if (account.status === 'closed') throw new LinliError('BILL_ACCOUNT_CLOSED');
      const provider = gateway.providerAt(caller, request.utility);
      const now = clock();
      const id = orderId(now);
      const expiresAt = new Date(now.getTime() + PAYMENT_WINDOW_SEC * 1000).toISOString();
      const { qrPayload } = await channel.createOrder(
        {
          orderId: id,
          amountFen: request.amountFen,
          description: `${provider.name} ${maskAccountNumber(request.accountNumber)}`,
          expiresAt,
        },
        signal(),
      );
      const row: PaymentRow = {
        order_id: id,
        actor: caller.actor,
        org_id: caller.orgId,
        org_path: caller.orgPath,
        provider_id: provider.id,
        utility: request.utility,
        account_number: request.accountNumber,
        account_masked: maskAccountNumber(request.accountNumber),
        period: account.currentBill?.period ?? null,
        amount_fen: request.amountFen,
        state: 'pending',
        qr_payload: qrPayload,
        created_at: now.toISOString(),
        expires_at: expiresAt,
        transaction_id: null,
        paid_at: null,
        failure: null,
        receipt_number: null,
        settled_at: null,
      };
      await db.run(
        'INSERT INTO bill_payments (order_id, actor, org_id, org_path, provider_id, utility, account_number, account_masked, period, amount_fen, state, qr_payload, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
        [
          row.order_id,
          row.actor,
          row.org_id,
          row.org_path,
          row.provider_id,
          row.utility,
          row.account_number,
          row.account_masked,
          row.period,
          row.amount_fen,
          row.state,
          row.qr_payload,
          row.created_at,
          row.expires_at,
        ],
      );
      await audit(caller, 'bill.pay', row, 'ok');
      return viewOf(row);
    },

    async status(caller, orderId, waitSec = 0) {
      let row = await expireIfDue(await mine(caller, orderId));
      // A paid payment the utility has not confirmed yet is still worth waiting on: its number comes.
      const changing = row.state === 'pending' || (row.state === 'paid' && !row.settled_at);
      if (!changing || waitSec <= 0) return viewOf(row);
      const untilExpiry = new Date(row.expires_at).getTime() - clock().getTime();
      const waitMs = Math.min(waitSec, PAYMENT_WAIT_MAX_SEC) * 1000;
      await new Promise<void>((resolve) => {
        const set = waiters.get(orderId) ?? new Set();
        waiters.set(orderId, set);
        const wake = () => {
          clearTimeout(timer);
          set.delete(wake);
          if (set.size === 0) waiters.delete(orderId);
          resolve();
        };
        const timer = setTimeout(
          wake,
          row.state === 'pending' ? Math.min(waitMs, Math.max(untilExpiry + 50, 0)) : waitMs,
        );
        set.add(wake);
      });
      row = await expireIfDue((await find(orderId))!);
      return viewOf(row);
    },

    async cancel(caller, orderId) {
      const row = await mine(caller, orderId);
      return viewOf(row.state === 'pending' ? await close(row) : row);
    },

    async receipt(caller, transactionId) {
      const row = await paidWith(transactionId);
      if (!row || !caller.orgPath.startsWith(row.org_path))
        throw new LinliError('NOT_FOUND', `No payment with transaction ${transactionId} here`);
      return receiptOf(row);
    },

    async verified(transactionId, verifyCode) {
      const row = await paidWith(transactionId);
      if (!row) return undefined;
      const expected = Buffer.from(await verifyCodeOf(transactionId));
      const given = Buffer.from(verifyCode);
      return given.length === expected.length && timingSafeEqual(given, expected) ? receiptOf(row) : undefined;
    },

    async settleDue() {
      const due = await db.all<{ order_id: string }>(
        "SELECT order_id FROM bill_payments WHERE state = 'paid' AND settled_at IS NULL ORDER BY paid_at LIMIT 50",
      );
      for (const { order_id } of due) await settle(order_id);
    },

    stop() {
      unsubscribe();
      for (const set of waiters.values()) for (const wake of [...set]) wake();
    },
  };
}
