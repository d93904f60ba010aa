/**
 * 缴费回执核验: the page a printed bill receipt's QR code opens on a phone. It says whether the
 * receipt is real — the transaction was paid here and the code beside it is the one this server
 * gave it — and shows what the receipt shows (the account masked), and whether the utility has
 * written it off yet. A wrong code and an unknown transaction look the same: nothing to guess.
 */
import Type from 'typebox';
import type { BillReceipt, Utility } from '@linli/protocol';
import { beijingMinute } from '../bills/beijing-time';
import type { BillPayments } from '../domain/bill-payments';
import { escapeHtml } from './html-text';
import { publicPageHtml, sendPublicPage } from './public-page';
import type { TypedApp } from './typed-app';

const UTILITY_WORDS: Record<Utility, string> = { water: '水费', electricity: '电费', gas: '燃气费' };
const STYLE = `.verdict{font-size:1.25rem;font-weight:700;color:#1a7f37}.amount{font-size:2rem;font-weight:700}`;

export function receiptPageHtml(receipt: BillReceipt): string {
  const rows: Array<[string, string]> = [
    ['缴费项目', UTILITY_WORDS[receipt.utility]],
    ['缴费单位', receipt.providerName],
    ['户号', receipt.accountMasked],
    ...(receipt.period ? [['账期', receipt.period] as [string, string]] : []),
    ['缴费时间', `${beijingMinute(new Date(receipt.paidAt))}（北京时间）`],
    ['交易号', receipt.transactionId],
    ['销账编号', receipt.providerReceiptNumber ?? '缴费单位确认中'],
  ];
  return publicPageHtml({
    title: '缴费回执核验',
    width: '28rem',
    style: STYLE,
    body: `<h1>缴费回执核验</h1><section>
<p class="verdict">✓ 回执真实有效，款项已支付</p>
<p class="amount">¥${(receipt.amountFen / 100).toFixed(2)}</p>
<dl>${rows.map(([label, value]) => `<dt>${label}</dt><dd>${escapeHtml(value)}</dd>`).join('')}</dl>
${receipt.providerReceiptNumber ? '' : '<p class="note">缴费单位确认后即销账，款项不会丢失。</p>'}</section>`,
  });
}

const NOT_FOUND = publicPageHtml({
  title: '缴费回执核验',
  width: '28rem',
  body: '<h1>缴费回执核验</h1><section><p>没有找到这张回执。请核对回执上的二维码，或到社区服务大厅咨询。</p></section>',
});

export function registerBillReceiptPage(app: TypedApp, deps: { billPayments?: BillPayments }): void {
  app.get(
    '/bill-receipts/:transactionId',
    {
      schema: {
        tags: ['public'],
        summary: 'Whether a printed bill receipt is real, from its QR code (no sign-in)',
        params: Type.Object({ transactionId: Type.String({ pattern: '^[0-9A-Za-z_-]{6,64}$' }) }),
        querystring: Type.Object({ v: Type.String({ pattern: '^[0-9A-Za-z_-]{1,64}$' }) }),
        produces: ['text/html'],
      },
    },
    async (request, reply) => {
      const receipt = await deps.billPayments?.verified(request.params.transactionId, request.query.v);
      return receipt
        ? sendPublicPage(reply, receiptPageHtml(receipt))
        : sendPublicPage(reply, NOT_FOUND, { status: 404 });
    },
  );
}
