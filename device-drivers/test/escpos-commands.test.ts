import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  EscPosBuilder,
  alignCommand,
  barcodeCommands,
  boldCommand,
  chineseModeCommand,
  cutCommand,
  feedLinesCommand,
  initializeCommand,
  qrCodeCommands,
  rasterImageCommand,
  sizeCommand,
} from '../src/receipt-printer/escpos-commands';
import { displayWidth, encodeGbText } from '../src/receipt-printer/gb-text';

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');
const bytes = (spaced: string) => spaced.replace(/\s+/g, '');

test('a job starts with ESC @ then FS & and Chinese as 2-byte GB18030 codes', () => {
  const job = new EscPosBuilder().initialize().text('社区服务').build();
  assert.equal(hex(job.bytes), bytes('1b40 1c26 c9e7 c7f8 b7fe cef1'));
  assert.deepEqual(job.replacedCharacters, []);
});

test('¥ is sent as the full-width ￥ (A3 A4), not the 4-byte 81 30 84 36', () => {
  const encoded = encodeGbText('¥12');
  assert.equal(hex(encoded.bytes), 'a3a43132');
  assert.deepEqual(encoded.replacedCharacters, []);
});

test('a character whose GB18030 code is 4 bytes is sent as ? and reported, never dropped', () => {
  const job = new EscPosBuilder().text('张𠀀明').text('😀').build();
  assert.equal(hex(job.bytes), bytes('d5c5 3f c3f7 3f'));
  assert.deepEqual(job.replacedCharacters, ['𠀀', '😀']);
  assert.ok(!hex(job.bytes).includes('95328236'));
});

test('control characters inside text cannot smuggle in a command (0x10 would start DLE EOT)', () => {
  const encoded = encodeGbText('a\u0010b\nc');
  assert.equal(hex(encoded.bytes), '613f620a63');
  assert.deepEqual(encoded.replacedCharacters, ['\u0010']);
});

test('display width: Chinese and full-width signs take two columns, ASCII and replacements one', () => {
  assert.equal(displayWidth('社区ABC'), 7);
  assert.equal(displayWidth('¥5'), 3);
  assert.equal(displayWidth('𠀀'), 1);
  assert.equal(displayWidth(''), 0);
});

test('style commands: bold, alignment, double size for both fonts', () => {
  assert.equal(hex(boldCommand(true)), '1b4501');
  assert.equal(hex(boldCommand(false)), '1b4500');
  assert.equal(hex(alignCommand('left')), '1b6100');
  assert.equal(hex(alignCommand('center')), '1b6101');
  assert.equal(hex(alignCommand('right')), '1b6102');
  assert.equal(hex(sizeCommand(2, 2)), bytes('1d2111 1c210c'));
  assert.equal(hex(sizeCommand(1, 1)), bytes('1d2100 1c2100'));
  assert.equal(hex(sizeCommand(2, 1)), bytes('1d2110 1c2104'));
  assert.equal(hex(initializeCommand()), '1b40');
  assert.equal(hex(chineseModeCommand()), '1c26');
});

test('feed and cut commands', () => {
  assert.equal(hex(feedLinesCommand(3)), '1b6403');
  assert.equal(hex(cutCommand('full')), '1d5600');
  assert.equal(hex(cutCommand('partial')), '1d5601');
  assert.equal(hex(cutCommand('full', 16)), '1d564110');
  assert.equal(hex(cutCommand('partial', 0)), '1d564200');
  assert.throws(() => feedLinesCommand(256), { code: 'VALIDATION_FAILED' });
});

const QR_HEAD = bytes('1d286b 0400 3141 3200' + '1d286b 0300 3143 06' + '1d286b 0300 3145 31');
const QR_PRINT = bytes('1d286b 0300 3151 30');

test('QR: model 2, module size, level, store with byte length + 3, print (ASCII)', () => {
  const data = 'https://linli.example/q/42';
  assert.equal(data.length, 26);
  assert.equal(
    hex(qrCodeCommands(data)),
    QR_HEAD + bytes('1d286b 1d00 315030') + Buffer.from(data).toString('hex') + QR_PRINT,
  );
});

test('QR: the store length counts UTF-8 bytes, not characters (中文 = 6 bytes)', () => {
  const command = hex(qrCodeCommands('中文', { moduleSize: 4, errorLevel: 'H' }));
  assert.equal(
    command,
    bytes(
      '1d286b 0400 3141 3200' + '1d286b 0300 3143 04' + '1d286b 0300 3145 33' + '1d286b 0900 315030 e4b8ad e69687',
    ) + QR_PRINT,
  );
});

test('QR: data of 256 bytes and more sets pH', () => {
  const data = 'A'.repeat(300);
  const command = qrCodeCommands(data);
  const store = hex(command).indexOf('315030');
  // 300 + 3 = 303 = 0x012f → pL 2f, pH 01
  assert.equal(hex(command).slice(store - 10, store), '1d286b2f01');
  assert.equal(command.length, 9 + 8 + 8 + (8 + 300) + 8);
  // exactly 253 bytes of data make 256: pL 00 pH 01
  assert.ok(hex(qrCodeCommands('B'.repeat(253))).includes('1d286b0001315030'));
  assert.throws(() => qrCodeCommands(''), { code: 'VALIDATION_FAILED' });
  assert.throws(() => qrCodeCommands('x'.repeat(2954)), { code: 'VALIDATION_FAILED' });
});

test('CODE128 barcode: HRI position, height, width, GS k 73 with the {B code set', () => {
  const command = barcodeCommands('CODE128', 'A-12', { hri: 'below', height: 60, moduleWidth: 3 });
  assert.equal(hex(command), bytes('1d4802 1d683c 1d7703 1d6b49 06 7b42 412d3132'));
  // a literal { is doubled so it is not taken for a code set switch
  assert.equal(hex(barcodeCommands('CODE128', 'a{b')).slice(-14), bytes('06 7b42 617b7b62'));
  assert.equal(
    hex(barcodeCommands('CODE39', 'AB12', { hri: 'none' })),
    bytes('1d4800 1d6850 1d7702 1d6b45 04 41423132'),
  );
  assert.throws(() => barcodeCommands('CODE128', '中文'), { code: 'VALIDATION_FAILED' });
  assert.throws(() => barcodeCommands('CODE39', 'abc'), { code: 'VALIDATION_FAILED' });
});

test('raster image GS v 0: width rounded up to whole bytes, MSB is the leftmost dot', () => {
  // 10 dots wide, 2 rows: row 0 has dots 0 and 9, row 1 has dot 7.
  const dots = new Uint8Array(20);
  dots[0] = 1;
  dots[9] = 1;
  dots[10 + 7] = 1;
  const command = rasterImageCommand({ width: 10, height: 2, dots });
  assert.equal(hex(command), bytes('1d7630 00 0200 0200' + '8040' + '0100'));
  assert.throws(() => rasterImageCommand({ width: 10, height: 2, dots: new Uint8Array(19) }), {
    code: 'VALIDATION_FAILED',
  });
});

test('a 384-dot image declares 48 bytes per row', () => {
  const command = rasterImageCommand({ width: 384, height: 300, dots: new Uint8Array(384 * 300) });
  assert.equal(hex(command.subarray(0, 8)), bytes('1d7630 00 3000 2c01'));
  assert.equal(command.length, 8 + 48 * 300);
});
