import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EscPosBuilder, rasterImageCommand } from '../src/receipt-printer/escpos-commands';
import {
  createEscPosDecoder,
  decodeEscPos,
  MAX_BUFFERED_BYTES,
  printedText,
  renderTranscript,
  type EscPosEvent,
} from '../src/receipt-printer/escpos-decoder';
import { layoutReceipt } from '../src/receipt-printer/receipt-layout';
import { statusRequestCommand } from '../src/receipt-printer/printer-status';
import { retainedBytes } from './memory';

const MB = 2 ** 20;

/** A job using every command the encoder has, with bytes 0x10 inside image and QR data. */
function everyCommandJob(): Uint8Array {
  const dots = new Uint8Array(16 * 3);
  dots[3] = 1; // row 0 byte 0 = 0x10, looks like DLE
  dots[16 + 11] = 1; // row 1 byte 1 = 0x10
  return new EscPosBuilder()
    .initialize()
    .align('center')
    .size(2, 2)
    .bold(true)
    .line('社区服务')
    .bold(false)
    .size(1, 1)
    .align('left')
    .line('号码 A012 ￥5')
    .qrCode('\u0010\u0004\u0001 中文 data', { moduleSize: 5, errorLevel: 'Q' })
    .barcode('CODE128', 'A{12}', { hri: 'above', height: 50, moduleWidth: 3 })
    .image({ width: 16, height: 3, dots })
    .feed(3)
    .cut('partial')
    .cut('full', 20)
    .build().bytes;
}

const EXPECTED_TRANSCRIPT =
  '[init][chinese mode on][align center][size 2x2][chinese size 2x2][bold on]社区服务\n' +
  '[bold off][size 1x1][chinese size 1x1][align left]号码 A012 ￥5\n' +
  '[QR: \u0010\u0004\u0001 中文 data][barcode CODE128: A{12}][image 16x3][feed 3][cut partial][cut full after feed 20]';

test('the decoder reads back every command the encoder writes', () => {
  const events = decodeEscPos(everyCommandJob());
  assert.equal(renderTranscript(events), EXPECTED_TRANSCRIPT);
  assert.equal(
    events.some((event) => event.type === 'status-request'),
    false,
    'a 10 04 inside data is not a status request',
  );
  const qr = events.find((event) => event.type === 'qr');
  assert.deepEqual(qr, { type: 'qr', data: '\u0010\u0004\u0001 中文 data', moduleSize: 5, errorLevel: 'Q' });
  const barcode = events.find((event) => event.type === 'barcode');
  assert.deepEqual(barcode, {
    type: 'barcode',
    symbology: 'CODE128',
    data: 'A{12}',
    hri: 'above',
    height: 50,
    moduleWidth: 3,
  });
  const image = events.find((event) => event.type === 'image');
  assert.ok(image?.type === 'image');
  assert.deepEqual([...image.dots], [0x10, 0x00, 0x00, 0x10, 0x00, 0x00]);
  assert.equal(printedText(events), '社区服务\n号码 A012 ￥5\n\n\n\n');
});

test('fed one byte at a time the decoder produces exactly the same events', () => {
  const job = everyCommandJob();
  const decoder = createEscPosDecoder();
  const events: EscPosEvent[] = [];
  for (const byte of job) events.push(...decoder.push(Uint8Array.of(byte)));
  events.push(...decoder.end());
  assert.deepEqual(events, decodeEscPos(job));
});

test('split at every possible point a long receipt decodes the same', () => {
  const job = layoutReceipt(
    { title: '凭条', rows: [{ label: '事项', value: '社会保障卡申领'.repeat(10) }], qrCode: 'x'.repeat(300) },
    { paperWidthMm: 58 },
  ).bytes;
  const whole = decodeEscPos(job);
  for (let cut = 1; cut < job.length; cut++) {
    const decoder = createEscPosDecoder();
    const events = [...decoder.push(job.subarray(0, cut)), ...decoder.push(job.subarray(cut)), ...decoder.end()];
    assert.deepEqual(events, whole, `split at ${cut}`);
  }
  const qr = whole.find((event) => event.type === 'qr');
  assert.equal(qr?.type === 'qr' && qr.data, 'x'.repeat(300));
});

test('a DLE EOT request between commands is reported as soon as its third byte arrives', () => {
  const decoder = createEscPosDecoder();
  assert.deepEqual(decoder.push(Uint8Array.of(0x10, 0x04)), []);
  assert.deepEqual(decoder.push(Uint8Array.of(0x02)), [{ type: 'status-request', kind: 2 }]);
  // text before it is released first, so the transcript keeps the order
  assert.deepEqual(decoder.push(Uint8Array.of(0x41, ...statusRequestCommand(4))), [
    { type: 'text', text: 'A' },
    { type: 'status-request', kind: 4 },
  ]);
});

test('unknown commands and bytes are reported, not thrown, and decoding goes on', () => {
  const events = decodeEscPos(Uint8Array.of(0x1b, 0x7e, 0x80, 0x41, 0x1d, 0x99, 0x0a));
  assert.deepEqual(
    events.map((event) => event.type),
    ['unknown', 'unknown', 'text', 'unknown', 'line-feed'],
  );
  assert.equal(printedText(events), 'A\n');
  assert.match(renderTranscript(events), /^\[unknown 1b 7e: unknown ESC command\]/);
});

test('input ending inside a command or a Chinese character is reported by end()', () => {
  const decoder = createEscPosDecoder();
  assert.deepEqual(decoder.push(Uint8Array.of(0x41, 0xc9)), []);
  const events = decoder.end();
  assert.equal(events[0]?.type === 'text' && events[0].text, 'A');
  assert.equal(events[1]?.type, 'unknown');
});

test('random garbage never crashes the decoder, whole or in random pieces', () => {
  let seed = 12345;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  for (let round = 0; round < 200; round++) {
    const garbage = Uint8Array.from({ length: 1 + Math.floor(random() * 400) }, () => Math.floor(random() * 256));
    const decoder = createEscPosDecoder();
    let at = 0;
    let count = 0;
    while (at < garbage.length) {
      const size = 1 + Math.floor(random() * 20);
      count += decoder.push(garbage.subarray(at, at + size)).length;
      at += size;
    }
    count += decoder.end().length;
    assert.ok(count > 0, 'something is reported for every input');
    assert.doesNotThrow(() => renderTranscript(decodeEscPos(garbage)));
  }
});

test('100 MB of text without a line feed: the decoder holds a bounded amount, releases it all as text, memory stays flat', () => {
  const decoder = createEscPosDecoder();
  const chunk = new Uint8Array(64 * 1024).fill(0x41);
  const before = retainedBytes();
  let released = 0;
  let mostBuffered = 0;
  for (let fed = 0; fed < 100 * MB; fed += chunk.length) {
    for (const event of decoder.push(chunk)) if (event.type === 'text') released += event.text.length;
    mostBuffered = Math.max(mostBuffered, decoder.bufferedBytes());
  }
  const grown = retainedBytes() - before;
  assert.ok(mostBuffered <= MAX_BUFFERED_BYTES, `held ${mostBuffered} bytes`);
  assert.equal(released + decoder.bufferedBytes(), 100 * MB, 'every byte came out as text or is still pending');
  assert.ok(grown < 20 * MB, `memory grew by ${(grown / MB).toFixed(1)} MB`);
});

test('a raster header declaring 65535 × 65535 bytes is reported as unknown at once; what follows still decodes', () => {
  const decoder = createEscPosDecoder();
  const header = Uint8Array.of(0x1d, 0x76, 0x30, 0x00, 0xff, 0xff, 0xff, 0xff);
  const events = decoder.push(Uint8Array.of(...header, ...new TextEncoder().encode('after'), 0x0a));
  assert.equal(events[0]?.type, 'unknown');
  assert.deepEqual(events[0]?.type === 'unknown' && [...events[0].bytes], [...header]);
  assert.match(renderTranscript(events), /raster of 65535 bytes × 65535 rows exceeds 72 × 2303\]after\n$/);
  assert.equal(decoder.bufferedBytes(), 0);
  // The largest raster an 80 mm printer takes is still waited for and decoded.
  const largest = rasterImageCommand({ width: 576, height: 2303, dots: new Uint8Array(576 * 2303) });
  assert.deepEqual(
    decodeEscPos(largest).map((event) => event.type === 'image' && [event.width, event.height]),
    [[576, 2303]],
  );
});

test('a format A barcode whose NUL never comes is given up after 255 data bytes; what follows still decodes', () => {
  const decoder = createEscPosDecoder();
  const events = decoder.push(Uint8Array.of(0x1d, 0x6b, 0x04, ...new Uint8Array(300).fill(0x41), 0x0a));
  assert.deepEqual(
    events.map((event) => event.type),
    ['unknown', 'text', 'line-feed'],
  );
  assert.equal(printedText(events), `${'A'.repeat(300)}\n`);
  assert.equal(decoder.bufferedBytes(), 0);
});
