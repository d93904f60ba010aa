/** 缴费回执 on paper: what the printer receives, read back through the ESC/POS decoder. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { BillReceipt } from '@linli/protocol';
import { layoutReceipt } from '@linli/device-drivers/receipt-printer/receipt-layout';
import { createEscPosDecoder, printedText } from '../../device-drivers/src/receipt-printer/escpos-decoder';
import { billReceiptSlip, receiptLink } from '../host/bills/bill-receipt-slip';

const RECEIPT: BillReceipt = {
  // As long as a real channel's (WeChat Pay's transaction_id is 28 digits).
  transactionId: '4200002657202612041234567890',
  verifyCode: 'Ab3-x_9Kq2Zt',
  utility: 'gas',
  providerName: '临江燃气有限公司',
  accountMasked: '******0003',
  period: '2026-11',
  amountFen: 12_050,
  paidAt: '2026-12-04T02:05:00.000Z',
};

function printed(receipt: BillReceipt, paperWidthMm: 58 | 80) {
  const link = receiptLink('https://linli.example.gov.cn/', receipt);
  const slip = billReceiptSlip(receipt, 'zh-Hans', link, '2026-12-04 10:05');
  const decoder = createEscPosDecoder();
  const events = [...decoder.push(layoutReceipt(slip, { paperWidthMm }).bytes), ...decoder.end()];
  return { lines: printedText(events).split('\n'), qr: events.find((event) => event.type === 'qr'), link };
}

test('the receipt names the utility, the masked account, period, amount and time, and links to its verification', () => {
  const { lines, qr, link } = printed(RECEIPT, 58);
  const text = lines.join('\n');
  assert.match(text, /缴费回执/);
  assert.match(text, /缴费项目 +燃气费/);
  assert.match(text, /户号 +\*{6}0003/);
  assert.match(text, /账期 +2026-11/);
  assert.match(text, /金额 +￥120\.50/);
  assert.match(text, /缴费时间 +2026-12-04 10:05/);
  assert.match(text, /销账编号 +缴费单位确认中/, 'not yet written off, and says so');
  assert.equal(link, 'https://linli.example.gov.cn/bill-receipts/4200002657202612041234567890?v=Ab3-x_9Kq2Zt');
  assert.equal(qr?.type === 'qr' && qr.data, link);
});

test('a 28-digit transaction id stays whole on one line under its label, even on 58 mm paper', () => {
  for (const width of [58, 80] as const) {
    const { lines } = printed({ ...RECEIPT, providerReceiptNumber: 'RQ20261204000017' }, width);
    const at = lines.findIndex((line) => line.trim() === '交易号');
    assert.ok(at >= 0, `${width} mm: the label on a line of its own`);
    assert.equal(lines[at + 1]!.trim(), RECEIPT.transactionId, `${width} mm`);
    assert.ok(lines.some((line) => /销账编号 +RQ20261204000017/.test(line)));
  }
});
