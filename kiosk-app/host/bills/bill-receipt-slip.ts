/**
 * 缴费回执: what a resident takes away after paying a bill — the utility, the account masked, the
 * period, the amount, when, the transaction id and the utility's write-off number — with a QR code
 * that opens the admin server's page saying the receipt is real (/bill-receipts/<id>?v=<code>). Pure.
 */
import type { BillReceipt, Locale } from '@linli/protocol';
import type { Receipt } from '@linli/device-drivers/receipt-printer/receipt-layout';
import { BILL_WORDS, yuanWords } from './bill-words';

/** The verification page of a receipt under the admin server's address as residents' phones reach it. */
export function receiptLink(linkBase: string, receipt: BillReceipt): string {
  return `${linkBase.replace(/\/+$/, '')}/bill-receipts/${encodeURIComponent(receipt.transactionId)}?v=${encodeURIComponent(receipt.verifyCode)}`;
}

/** `paidAt` is already formatted for people (the layout reads no clock or time zone). */
export function billReceiptSlip(receipt: BillReceipt, locale: Locale, link: string, paidAt: string): Receipt {
  const label = BILL_WORDS[locale];
  return {
    title: label.receiptTitle,
    rows: [
      { label: label.item, value: label.utility[receipt.utility] },
      { label: label.provider, value: receipt.providerName },
      { label: label.account, value: receipt.accountMasked },
      ...(receipt.period ? [{ label: label.period, value: receipt.period }] : []),
      { label: label.amount, value: yuanWords(receipt.amountFen) },
      { label: label.paidAt, value: paidAt },
      { label: label.transaction, value: receipt.transactionId, below: true },
      { label: label.writeOff, value: receipt.providerReceiptNumber ?? label.confirming },
    ],
    footer: label.scan,
    qrCode: link,
  };
}
