import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeEscPos, printedText, renderTranscript } from '../src/receipt-printer/escpos-decoder';
import { displayWidth } from '../src/receipt-printer/gb-text';
import {
  keyValueLines,
  layoutReceipt,
  paperGeometry,
  testReceipt,
  wrapText,
} from '../src/receipt-printer/receipt-layout';

test('paper geometry: 58 mm = 32 columns / 384 dots, 80 mm = 48 columns / 576 dots', () => {
  assert.deepEqual(paperGeometry(58), { columns: 32, dots: 384 });
  assert.deepEqual(paperGeometry(80), { columns: 48, dots: 576 });
});

test('wrapping Chinese never splits a character and fills lines to the column limit', () => {
  const lines = wrapText('请携带本人身份证原件到二号窗口办理', 10);
  assert.deepEqual(lines, ['请携带本人', '身份证原件', '到二号窗口', '办理']);
  // 9 columns: only 4 Chinese characters fit (8 columns), never 4½
  assert.deepEqual(wrapText('社区服务中心', 9), ['社区服务', '中心']);
});

test('wrapping mixed text moves ASCII words whole and breaks only over-long ones', () => {
  assert.deepEqual(wrapText('窗口 A12 请稍候', 8), ['窗口 A12', '请稍候']);
  assert.deepEqual(wrapText('hello world again', 11), ['hello world', 'again']);
  assert.deepEqual(wrapText('ABCDEFGHIJKLMN', 6), ['ABCDEF', 'GHIJKL', 'MN']);
  assert.deepEqual(wrapText('a社b', 2), ['a', '社', 'b']);
  assert.deepEqual(wrapText('第一行\n第二行', 32), ['第一行', '第二行']);
  assert.deepEqual(wrapText('', 32), ['']);
  for (const line of wrapText('编号ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789社区', 7))
    assert.ok(displayWidth(line) <= 7, line);
});

test('key/value rows keep the value column on every line', () => {
  const lines = keyValueLines('事项', '社会保障卡申领与补换业务', 20, 8);
  assert.deepEqual(lines, ['事项    社会保障卡申', '        领与补换业务']);
  for (const line of lines) assert.ok(displayWidth(line) <= 20);
  assert.deepEqual(keyValueLines('No.', 'A-0012', 20, 8), ['No.     A-0012']);
});

test('a receipt fits the paper: 58 mm lines ≤ 32 columns, 80 mm lines ≤ 48, title at half width', () => {
  const receipt = {
    title: '邻里社区服务中心排队凭条',
    rows: [
      { label: '号码', value: 'A012' },
      { label: '办理事项', value: '居民医疗保险参保登记及缴费信息变更（需携带户口簿）' },
      { label: '等候人数', value: '3 人' },
    ],
    footer: '请留意叫号屏幕和语音提示，过号请重新取号。',
    qrCode: 'https://linli.example/q/A012',
  };
  for (const paperWidthMm of [58, 80] as const) {
    const { columns } = paperGeometry(paperWidthMm);
    const job = layoutReceipt(receipt, { paperWidthMm });
    assert.deepEqual(job.replacedCharacters, []);
    const events = decodeEscPos(job.bytes);
    const text = printedText(events);
    for (const line of text.split('\n'))
      assert.ok(displayWidth(line) <= columns, `${paperWidthMm} mm: "${line}" is too wide`);
    assert.ok(text.includes('A012'));
    assert.ok(text.replace(/\s+/g, '').includes('居民医疗保险参保登记及缴费信息变更（需携带户口簿）'));
    assert.ok(text.includes('-'.repeat(columns) + '\n'));
    assert.equal(events.filter((event) => event.type === 'qr').length, 1);
    assert.deepEqual(events.at(-1), { type: 'cut', kind: 'partial' });
    const transcript = renderTranscript(events);
    assert.ok(
      transcript.startsWith('[init][chinese mode on][align center][size 2x2][chinese size 2x2][bold on]'),
      transcript,
    );
    // the title is double width: at most columns / 2 per line
    const titleLines = text.split('\n').slice(0, paperWidthMm === 58 ? 2 : 1);
    for (const line of titleLines) assert.ok(displayWidth(line) <= columns / 2, line);
  }
  const narrow = printedText(decodeEscPos(layoutReceipt(receipt, { paperWidthMm: 58 }).bytes)).split('\n');
  const wide = printedText(decodeEscPos(layoutReceipt(receipt, { paperWidthMm: 80 }).bytes)).split('\n');
  assert.ok(narrow.length > wide.length, 'the same receipt needs more lines on 58 mm paper');
});

test('a receipt reports characters the printer cannot show', () => {
  const job = layoutReceipt({ title: '凭条', rows: [{ label: '姓名', value: '王𠀀' }] }, { paperWidthMm: 58 });
  assert.deepEqual(job.replacedCharacters, ['𠀀']);
  assert.ok(printedText(decodeEscPos(job.bytes)).includes('王?'));
});

test('the test print names the printer and time, has a one-line ruler and a QR code', () => {
  const job = testReceipt({ printerId: 'front-desk', printedAt: '2025-03-01 14:05', paperWidthMm: 80 });
  assert.deepEqual(job.replacedCharacters, []);
  const events = decodeEscPos(job.bytes);
  const text = printedText(events);
  assert.ok(text.startsWith('打印测试\n'));
  assert.ok(text.includes('front-desk'));
  assert.ok(text.includes('2025-03-01 14:05'));
  assert.ok(text.includes('80 mm / 48 列'));
  assert.ok(text.includes('￥'));
  assert.ok(text.split('\n').includes('123456789012345678901234567890123456789012345678'));
  const qr = events.find((event) => event.type === 'qr');
  assert.equal(qr?.type === 'qr' && qr.data, 'LINLI-PRINT-TEST front-desk 2025-03-01 14:05');
});

test('a logo prints centred as a raster image above the title; one wider than the paper is refused', () => {
  // A 64×8 stripe: every other row black.
  const logo = {
    width: 64,
    height: 8,
    dots: Array.from({ length: 64 * 8 }, (_, i) => (Math.floor(i / 64) % 2 === 0 ? 1 : 0)),
  };
  const transcript = renderTranscript(
    decodeEscPos(layoutReceipt({ logo, title: '邻里', rows: [] }, { paperWidthMm: 58 }).bytes),
  );
  assert.match(transcript, /\[align center\][\s\S]*\[image 64x8\][\s\S]*邻里/);
  assert.ok(transcript.indexOf('[image 64x8]') < transcript.indexOf('邻里'), 'the logo comes first');
  assert.throws(
    () =>
      layoutReceipt(
        { logo: { width: 400, height: 1, dots: new Array(400).fill(0) }, title: 'x', rows: [] },
        { paperWidthMm: 58 },
      ),
    /400 dots wide; 58 mm paper prints 384/,
  );
});
