/**
 * 缴费回执: what a resident takes away after paying a bill — the utility, the account masked, the
 * period, the amount, when, the transaction id and the utility's write-off number — with a QR code
 * that opens the admin server's page saying the receipt is real (/bill-receipts/<id>?v=<code>). Pure.
 */
import type { BillReceipt, Locale, Utility } from '@linli/protocol';
import type { Receipt } from '@linli/device-drivers/receipt-printer/receipt-layout';

interface Labels {
  title: string;
  utility: Record<Utility, string>;
  item: string;
  provider: string;
  account: string;
  period: string;
  amount: string;
  paidAt: string;
  transaction: string;
  writeOff: string;
  confirming: string;
  scan: string;
}

const LABELS: Record<Locale, Labels> = {
  'zh-Hans': {
    title: '缴费回执',
    utility: { water: '水费', electricity: '电费', gas: '燃气费' },
    item: '缴费项目',
    provider: '缴费单位',
    account: '户号',
    period: '账期',
    amount: '金额',
    paidAt: '缴费时间',
    transaction: '交易号',
    writeOff: '销账编号',
    confirming: '缴费单位确认中',
    scan: '手机扫码核验回执真伪',
  },
  'zh-Hant': {
    title: '繳費回執',
    utility: { water: '水費', electricity: '電費', gas: '燃氣費' },
    item: '繳費項目',
    provider: '繳費單位',
    account: '戶號',
    period: '賬期',
    amount: '金額',
    paidAt: '繳費時間',
    transaction: '交易號',
    writeOff: '銷賬編號',
    confirming: '繳費單位確認中',
    scan: '手機掃碼核驗回執真偽',
  },
  en: {
    title: 'Payment receipt',
    utility: { water: 'Water', electricity: 'Electricity', gas: 'Gas' },
    item: 'Bill',
    provider: 'Utility',
    account: 'Account',
    period: 'Period',
    amount: 'Amount',
    paidAt: 'Paid',
    transaction: 'Transaction',
    writeOff: 'Write-off no.',
    confirming: 'being confirmed',
    scan: 'Scan to check this receipt is genuine',
  },
};

/** The verification page of a receipt under the admin server's address as residents' phones reach it. */
export function receiptLink(linkBase: string, receipt: BillReceipt): string {
  return `${linkBase.replace(/\/+$/, '')}/bill-receipts/${encodeURIComponent(receipt.transactionId)}?v=${encodeURIComponent(receipt.verifyCode)}`;
}

/** `paidAt` is already formatted for people (the layout reads no clock or time zone). */
export function billReceiptSlip(receipt: BillReceipt, locale: Locale, link: string, paidAt: string): Receipt {
  const label = LABELS[locale];
  return {
    title: label.title,
    rows: [
      { label: label.item, value: label.utility[receipt.utility] },
      { label: label.provider, value: receipt.providerName },
      { label: label.account, value: receipt.accountMasked },
      ...(receipt.period ? [{ label: label.period, value: receipt.period }] : []),
      { label: label.amount, value: `￥${(receipt.amountFen / 100).toFixed(2)}` },
      { label: label.paidAt, value: paidAt },
      { label: label.transaction, value: receipt.transactionId, below: true },
      { label: label.writeOff, value: receipt.providerReceiptNumber ?? label.confirming },
    ],
    footer: label.scan,
    qrCode: link,
  };
}
