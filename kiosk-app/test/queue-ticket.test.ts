/** 排队凭条 on paper: what the printer receives, byte for byte where it matters and read back through the decoder. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { QueueTicketReceipt } from '@linli/protocol';
import { layoutReceipt } from '@linli/device-drivers/receipt-printer/receipt-layout';
import {
  createEscPosDecoder,
  printedText,
  renderTranscript,
} from '../../device-drivers/src/receipt-printer/escpos-decoder';
import { queueTicketSlip } from '../host/queue/queue-ticket';

const TICKET: QueueTicketReceipt = {
  label: 'A012',
  hallName: '临江街道便民服务中心',
  businessName: '社保医保',
  priority: 'none',
  waitingBefore: 3,
  estimatedMinutes: 15,
  takenAt: '2026-12-05T01:05:00.000Z',
  followUrl: 'https://linli.example.gov.cn/queue/t/Ab3-x_9Kq2Zt7LmN0pQrSt',
};

function printed(ticket: QueueTicketReceipt, paperWidthMm: 58 | 80, locale: 'zh-Hans' | 'zh-Hant' | 'en' = 'zh-Hans') {
  const job = layoutReceipt(queueTicketSlip(ticket, locale, '2026-12-05 09:05'), { paperWidthMm });
  const decoder = createEscPosDecoder();
  const events = [...decoder.push(job.bytes), ...decoder.end()];
  return { job, events, lines: printedText(events).split('\n'), transcript: renderTranscript(events) };
}

/** Where `needle` starts in `bytes`, or -1. */
function indexOfBytes(bytes: Uint8Array, needle: number[]): number {
  outer: for (let at = 0; at + needle.length <= bytes.length; at++) {
    for (let n = 0; n < needle.length; n++) if (bytes[at + n] !== needle[n]) continue outer;
    return at;
  }
  return -1;
}

test('the number prints double width and height, between the size commands, under the hall name', () => {
  for (const paperWidthMm of [58, 80] as const) {
    const { job, transcript, lines } = printed(TICKET, paperWidthMm);
    // GS ! 0x11 and FS ! 0x0c (double width and height, both fonts), bold on, "A012", LF, bold off, GS ! 0, FS ! 0.
    const big = [0x1d, 0x21, 0x11, 0x1c, 0x21, 0x0c, 0x1b, 0x45, 0x01, ...Buffer.from('A012\n'), 0x1b, 0x45, 0x00];
    assert.ok(indexOfBytes(job.bytes, [...big, 0x1d, 0x21, 0x00, 0x1c, 0x21, 0x00]) > 0, `${paperWidthMm} mm`);
    assert.deepEqual(job.replacedCharacters, [], 'every character prints');
    // The hall's name first, centred and bold at normal size; then the number.
    assert.match(
      transcript,
      /\[align center\]\[bold on\]临江街道便民服务中心\n\[bold off\]\[align left\]\[align center\]\[size 2x2\]/,
    );
    assert.equal(
      lines.findIndex((line) => line === 'A012'),
      lines.indexOf('临江街道便民服务中心') + 1,
    );
  }
});

test('the slip says the business, the people before, the wait and the time, and links to the follow page', () => {
  const { lines, events } = printed(TICKET, 58);
  const text = lines.join('\n');
  assert.match(text, /办理业务 +社保医保/);
  assert.match(text, /您前面还有 +3 人/);
  assert.match(text, /预计等候 +约 15 分钟/);
  assert.match(text, /取号时间 +2026-12-05 09:05/);
  assert.match(text, /扫码查看排队进度/);
  assert.ok(!text.includes('优先'), 'an ordinary ticket is not marked');
  const qr = events.filter((event) => event.type === 'qr');
  assert.equal(qr.length, 1);
  assert.equal(qr[0]?.type === 'qr' && qr[0].data, TICKET.followUrl);
  assert.ok(
    events.findIndex((event) => event.type === 'qr') >
      events.findIndex((event) => event.type === 'text' && event.text === '扫码查看排队进度'),
    'the QR code under its line',
  );
  assert.equal(events.at(-1)?.type, 'cut');
});

test('an elder ticket is marked 优先 in large type under its number; nobody before says so', () => {
  const { lines, transcript } = printed({ ...TICKET, priority: 'elder', waitingBefore: 0, estimatedMinutes: 0 }, 58);
  const at = lines.indexOf('A012');
  assert.equal(lines[at + 1], '优先');
  assert.match(transcript, /\[size 2x2\]\[chinese size 2x2\]\[bold on\]A012\n优先\n\[bold off\]\[size 1x1\]/);
  assert.match(lines.join('\n'), /您前面还有 +0 人/);
  assert.match(lines.join('\n'), /预计等候 +即将叫号/);
});

test('in Traditional Chinese and English, with the names as the hall gave them', () => {
  const hant = printed({ ...TICKET, priority: 'elder' }, 80, 'zh-Hant').lines.join('\n');
  assert.match(hant, /優先/);
  assert.match(hant, /您前面還有 +3 人/);
  assert.match(hant, /預計等候 +約 15 分鐘/);
  assert.match(hant, /掃碼查看排隊進度/);
  const en = printed({ ...TICKET, waitingBefore: 1 }, 58, 'en').lines.join('\n');
  assert.match(en, /Before you +1 person/);
  assert.match(en, /Est\. wait +about 15 min/);
  assert.match(en, /社保医保/);
});
