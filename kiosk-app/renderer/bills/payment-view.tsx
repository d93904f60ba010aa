/**
 * 缴费: the payment code with the amount and a countdown; the screen follows the payment through the
 * host (each question answered as soon as the payment changes) and says how it ended — paid with
 * its receipt (printed at once when a receipt printer is attached), expired or failed with nothing charged. 取消缴费 closes the code.
 */
import { useEffect, useState } from 'preact/hooks';
import type { KioskBridge, Locale, PaymentRequest, ShownPayment } from '@linli/protocol';
import { QrCode } from '../qr-code';
import { billErrorText, type BillStrings } from './bill-strings';
import { ReceiptPrint } from './receipt-print';

/** How long one question to the host waits for a change. */
const WAIT_SEC = 20;
/** How many such questions wait for the utility to confirm a paid payment. */
const CONFIRM_WAITS = 3;

const mmss = (ms: number) => {
  const seconds = Math.max(0, Math.ceil(ms / 1000));
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
};

export function PaymentView(props: {
  bridge: KioskBridge;
  t: BillStrings;
  locale: Locale;
  request: PaymentRequest;
  /** A receipt printer is attached: the receipt prints once paid. */
  receiptPrinter: boolean;
  onDone: () => void;
  onBack: () => void;
}) {
  const { bridge, t } = props;
  const [payment, setPayment] = useState<ShownPayment | null>(null);
  const [error, setError] = useState('');
  const [attempt, setAttempt] = useState(0);
  const [now, setNow] = useState(Date.now());

  useEffect(() => {
    let current = true;
    setPayment(null);
    setError('');
    // Until it is paid, expired or failed; once paid, a little longer for the utility's number.
    const follow = async (orderId: string) => {
      for (let afterPaid = 0; afterPaid < CONFIRM_WAITS;) {
        const next = await bridge.billPaymentStatus({ orderId, waitSec: WAIT_SEC });
        if (!current) return;
        setPayment(next);
        if (next.state === 'paid' && !next.receipt?.providerReceiptNumber) afterPaid++;
        else if (next.state !== 'pending') return;
      }
    };
    bridge
      .payBill(props.request)
      .then((made) => {
        if (!current) return;
        setPayment(made);
        return follow(made.orderId);
      })
      .catch((failure: unknown) => current && setError(billErrorText(t, failure)));
    return () => {
      current = false;
    };
  }, [attempt]);

  // The countdown on screen: redrawn each second while the code can be paid.
  useEffect(() => {
    if (payment?.state !== 'pending') return;
    const timer = window.setInterval(() => setNow(Date.now()), 1000);
    return () => window.clearInterval(timer);
  }, [payment?.state]);

  const cancel = () => {
    if (payment?.state === 'pending')
      void bridge.cancelBillPayment({ orderId: payment.orderId }).then(setPayment, () => undefined);
    props.onBack();
  };

  if (error)
    return (
      <div class="payment-view">
        <p class="task-error" role="alert">
          {error}
        </p>
        <div class="screen-buttons">
          <button class="primary" onClick={() => setAttempt((n) => n + 1)}>
            {t.retry}
          </button>
          <button onClick={props.onBack}>{t.anotherAccount}</button>
        </div>
      </div>
    );
  if (!payment)
    return (
      <p class="bill-asking" role="status">
        {t.makingCode}
      </p>
    );
  const amount = t.yuan(payment.amountFen);
  if (payment.state === 'pending')
    return (
      <div class="payment-view" data-state="pending" data-order-id={payment.orderId}>
        <p class="bill-lead">{t.scanToPay}</p>
        <strong class="bill-amount">{amount}</strong>
        {payment.qr && <QrCode class="pay-qr" qr={payment.qr} label={`${t.scanToPay} ${amount}`} />}
        <p class="pay-countdown" role="timer">
          {t.expiresIn(mmss(new Date(payment.expiresAt).getTime() - now))}
        </p>
        <div class="screen-buttons">
          <button onClick={cancel}>{t.cancelPay}</button>
        </div>
      </div>
    );
  if (payment.state === 'paid' && payment.receipt) {
    const receipt = payment.receipt;
    return (
      <div class="payment-view" data-state="paid">
        <p class="pay-result" role="status">
          {t.paid}
        </p>
        <strong class="bill-amount">{amount}</strong>
        <dl class="facts">
          <div class="fact">
            <dt>{t.account}</dt>
            <dd>{receipt.accountMasked}</dd>
          </div>
          <div class="fact">
            <dt>{t.transaction}</dt>
            <dd data-field="transaction">{receipt.transactionId}</dd>
          </div>
          <div class="fact">
            <dt>{t.paidAt}</dt>
            <dd>
              {new Date(receipt.paidAt).toLocaleString(props.locale === 'en' ? 'en-GB' : props.locale, {
                hour12: false,
              })}
            </dd>
          </div>
          {receipt.providerReceiptNumber && (
            <div class="fact">
              <dt>{t.writeOff}</dt>
              <dd>{receipt.providerReceiptNumber}</dd>
            </div>
          )}
        </dl>
        {!receipt.providerReceiptNumber && <p class="muted">{t.confirming}</p>}
        {props.receiptPrinter ? (
          <ReceiptPrint bridge={bridge} t={t} locale={props.locale} transactionId={receipt.transactionId} />
        ) : (
          <p class="print-note">{t.noReceiptPrinter}</p>
        )}
        <div class="screen-buttons">
          <button class="primary" onClick={props.onDone}>
            {t.done}
          </button>
        </div>
      </div>
    );
  }
  return (
    <div class="payment-view" data-state={payment.state}>
      <p class="task-error" role="alert">
        {payment.state === 'failed' ? t.failed : t.expired}
      </p>
      <div class="screen-buttons">
        <button class="primary" onClick={() => setAttempt((n) => n + 1)}>
          {t.newCode}
        </button>
        <button onClick={props.onBack}>{t.anotherAccount}</button>
      </div>
    </div>
  );
}
