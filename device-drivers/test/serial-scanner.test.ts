import { test } from 'node:test';
import assert from 'node:assert/strict';
import iconv from 'iconv-lite';
import { createScanLineDecoder } from '../src/scanner/scan-line-decoder';
import { createSerialScanner } from '../src/scanner/serial-scanner';
import { openSerialTransport } from '../src/transport/serial-transport';
import { openPtyPair } from '../src/transport/pty-pair';

test('codes end at CR, LF or CR LF, whatever the chunking', () => {
  const bytes = Buffer.from('6901234567892\r\nhttps://example.cn/g/abc?x=1\rLINLI:guide:social-001\n');
  const expected = ['6901234567892', 'https://example.cn/g/abc?x=1', 'LINLI:guide:social-001'];
  for (const size of [1, 2, 7, bytes.length]) {
    const decoder = createScanLineDecoder();
    const codes: string[] = [];
    for (let offset = 0; offset < bytes.length; offset += size) {
      for (const event of decoder.push(bytes.subarray(offset, offset + size)))
        if (event.kind === 'code') codes.push(event.code);
    }
    assert.deepEqual(codes, expected, `chunks of ${size}`);
  }
});

test('Chinese codes decode from UTF-8 and from GB18030 scanners alike', () => {
  const decoder = createScanLineDecoder();
  const events = [
    ...decoder.push(Buffer.from('社区服务\r\n')),
    ...decoder.push(Buffer.concat([iconv.encode('居住证', 'gb18030'), Buffer.of(0x0d)])),
  ];
  assert.deepEqual(events, [
    { kind: 'code', code: '社区服务' },
    { kind: 'code', code: '居住证' },
  ]);
});

test('line noise and endless input are discarded, and the next code still comes through', () => {
  const decoder = createScanLineDecoder();
  assert.deepEqual(decoder.push(Buffer.of(0x01, 0x02, 0x1b, 0x0d)), [
    { kind: 'discarded', bytes: 3, reason: 'not-text' },
  ]);
  const flood = decoder.push(Buffer.alloc(8000, 0x41));
  assert.deepEqual(flood, [{ kind: 'discarded', bytes: 8000, reason: 'too-long' }]);
  assert.deepEqual(
    decoder.push(Buffer.from('AAAA\r\nOK-123\r\n')),
    [{ kind: 'code', code: 'OK-123' }],
    'the rest of the flood line is dropped too',
  );
});

test('a serial scanner on a real pty delivers each code once', async (t) => {
  const pair = await openPtyPair();
  const scannerSide = await openSerialTransport(pair.deviceEnd, 9600);
  const scanner = createSerialScanner(await openSerialTransport(pair.hostEnd, 9600));
  t.after(async () => {
    await scanner.close();
    await scannerSide.close();
    await pair.close();
  });
  const codes: string[] = [];
  const twoCodes = new Promise<void>((resolve) => scanner.onScan((code) => codes.push(code) === 2 && resolve()));
  await scannerSide.write(Buffer.from('6901234567892\r'));
  await scannerSide.write(Buffer.from('\nLINLI:guide:residence-001\r\n'));
  await twoCodes;
  assert.deepEqual(codes, ['6901234567892', 'LINLI:guide:residence-001']);
});
