/** 诉求受理单 on paper: what the printer receives, read back through the ESC/POS decoder. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { layoutReceipt } from '@linli/device-drivers/receipt-printer/receipt-layout';
import { createEscPosDecoder, printedText } from '../../device-drivers/src/receipt-printer/escpos-decoder';
import { caseStatusLink, caseTicket } from '../host/cases/case-ticket';

test('the ticket carries the tracking number whole, the kind, the times, and the status page for its QR code', () => {
  const link = caseStatusLink('https://linli.example.gov.cn/', '261205483921', 'Ab3-x_9Kq2');
  assert.equal(link, 'https://linli.example.gov.cn/case-status?no=261205483921&v=Ab3-x_9Kq2');
  for (const paperWidthMm of [58, 80] as const) {
    const slip = caseTicket(
      {
        tracking: '261205483921',
        nature: 'complaint',
        category: '垃圾清运',
        receivedAt: '2026-12-05 10:05',
        replyBy: '2026-12-22',
      },
      'zh-Hans',
      link,
    );
    const decoder = createEscPosDecoder();
    const events = [...decoder.push(layoutReceipt(slip, { paperWidthMm }).bytes), ...decoder.end()];
    const lines = printedText(events).split('\n');
    const text = lines.join('\n');
    assert.match(text, /诉求受理单/);
    const at = lines.findIndex((line) => line.trim() === '受理编号');
    assert.equal(lines[at + 1]!.trim(), '261205483921', `${paperWidthMm} mm`);
    assert.match(text, /类型 +投诉 · 垃圾清运/);
    assert.match(text, /答复期限 +2026-12-22/);
    const qr = events.find((event) => event.type === 'qr');
    assert.equal(qr?.type === 'qr' && qr.data, link);
  }
});
