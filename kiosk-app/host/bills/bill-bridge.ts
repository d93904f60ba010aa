/**
 * Bills on the kiosk bridge. Each query goes to the admin server at the moment it is asked; the
 * ID number for the bound accounts is this visit's card, which stays in the host (the screen only
 * ever had it masked).
 */
import { LinliError, type IdCardData, type KioskBridge, type Payment, type ShownPayment } from '@linli/protocol';
import type { CjkFonts } from '@linli/device-drivers/pdf-forms/cjk-fonts';
import type { Receipt } from '@linli/device-drivers/receipt-printer/receipt-layout';
import { beijingMinute } from '../beijing-time';
import { screenQr } from '../screen-qr';
import { billPdf } from './bill-pdf';
import type { BillClient } from './bill-client';
import { billReceiptSlip, receiptLink } from './bill-receipt-slip';

/** The payment with its code's modules, drawn by the screen. */
function shown(payment: Payment): ShownPayment {
  return payment.qrPayload ? { ...payment, qr: screenQr(payment.qrPayload) } : payment;
}

export function createBillBridge(deps: {
  client: BillClient;
  currentCard: () => IdCardData | undefined;
  printSlip: (slip: Receipt) => Promise<void>;
  printDocument: (pdf: Uint8Array, request: { title: string }) => Promise<void>;
  pdfFonts: () => Promise<CjkFonts>;
  /** Where residents' phones reach the admin server's public pages. */
  publicLinkBase: string;
}): Pick<
  KioskBridge,
  | 'billUtilities'
  | 'queryBill'
  | 'boundBillAccounts'
  | 'payBill'
  | 'billPaymentStatus'
  | 'cancelBillPayment'
  | 'printBillReceipt'
  | 'printBill'
> {
  return {
    async printBill({ utility, accountNumber, locale }) {
      const account = await deps.client.query({ utility, accountNumber });
      const askedAt = beijingMinute(new Date(account.fetchedAt));
      await deps.printDocument(await billPdf(account, locale ?? 'zh-Hans', await deps.pdfFonts(), askedAt), {
        title: `bill-${utility}`,
      });
      return {};
    },
    async printBillReceipt({ transactionId, locale }) {
      const receipt = await deps.client.receipt(transactionId);
      const paidAt = beijingMinute(new Date(receipt.paidAt));
      await deps.printSlip(
        billReceiptSlip(receipt, locale ?? 'zh-Hans', receiptLink(deps.publicLinkBase, receipt), paidAt),
      );
      return receipt;
    },
    payBill: async (request) => shown(await deps.client.pay(request)),
    billPaymentStatus: async ({ orderId, waitSec }) => shown(await deps.client.payment(orderId, waitSec)),
    cancelBillPayment: async ({ orderId }) => shown(await deps.client.cancel(orderId)),
    billUtilities: () => deps.client.utilities(),
    queryBill: (query) => deps.client.query(query),
    async boundBillAccounts({ utility }) {
      const card = deps.currentCard();
      if (!card)
        throw new LinliError('VALIDATION_FAILED', 'Read the ID card first', [
          { path: '/idCard', message: 'no card read in this visit' },
        ]);
      return deps.client.boundAccounts({ utility, idNumber: card.idNumber });
    },
  };
}
