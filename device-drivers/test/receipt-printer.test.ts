import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { openSerialTransport } from '../src/transport/serial-transport';
import { openTcpTransport } from '../src/transport/tcp-transport';
import { createReceiptPrinter } from '../src/receipt-printer/receipt-printer';
import { attachPrinterSimulator, startPrinterSimulator } from '../src/receipt-printer/printer-simulator';
import { layoutReceipt, testReceipt } from '../src/receipt-printer/receipt-layout';
import { openPtyPair } from '../src/transport/pty-pair';
import { createListeners, type ByteTransport } from '../src/transport/byte-transport';
import { retainedBytes } from './memory';

const receipt = layoutReceipt(
  {
    title: '社区服务中心',
    rows: [
      { label: '号码', value: 'A012' },
      { label: '办理事项', value: '居民医疗保险参保登记' },
    ],
    footer: '请留意叫号',
    qrCode: 'https://linli.example/q/A012',
  },
  { paperWidthMm: 58 },
).bytes;

const READY = {
  online: true,
  coverOpen: false,
  paperOut: false,
  paperNearEnd: false,
  paperFedByButton: false,
  cutterError: false,
  unrecoverableError: false,
  autoRecoverableError: false,
};

async function tcpSetup(t: TestContext) {
  const simulator = await startPrinterSimulator({ port: 0 });
  t.after(() => simulator.close());
  const transport = await openTcpTransport(simulator.host, simulator.port);
  const printer = createReceiptPrinter(transport, {
    paperWidthMm: 58,
    name: 'front-desk',
    replyTimeoutMs: 500,
    confirmTimeoutMs: 1000,
  });
  t.after(() => printer.close());
  return { simulator, printer };
}

test('TCP: a Chinese receipt comes out as readable Chinese text', async (t) => {
  const { simulator, printer } = await tcpSetup(t);
  assert.deepEqual(await printer.status(), READY);
  await printer.print(receipt);
  const text = simulator.printedText();
  assert.ok(text.startsWith('社区服务中心\n'), text);
  assert.ok(text.includes('号码     A012\n'), text);
  assert.ok(text.includes('办理事项 居民医疗保险参保登记\n'), text);
  assert.ok(simulator.transcript().includes('[QR: https://linli.example/q/A012]'));
  assert.ok(simulator.transcript().endsWith('[cut partial]'));
  // status requests went before and after the job, never inside it
  const types = simulator.events().map((event) => event.type);
  const first = types.indexOf('initialize');
  const last = types.lastIndexOf('cut');
  assert.ok(types.slice(0, first).every((type) => type === 'status-request'));
  assert.ok(types.slice(first, last + 1).every((type) => type !== 'status-request'));
  assert.ok(types.slice(last + 1).length >= 3 && types.slice(last + 1).every((type) => type === 'status-request'));
});

test('TCP: the test print reaches the printer', async (t) => {
  const { simulator, printer } = await tcpSetup(t);
  await printer.print(testReceipt({ printerId: 'front-desk', printedAt: '2025-03-01 14:05', paperWidthMm: 58 }).bytes);
  assert.ok(simulator.printedText().startsWith('打印测试\n'));
  assert.ok(simulator.transcript().includes('[QR: LINLI-PRINT-TEST front-desk 2025-03-01 14:05]'));
});

test('TCP: status reports paper near end, and a job still prints', async (t) => {
  const { simulator, printer } = await tcpSetup(t);
  simulator.paperNearEnd(true);
  assert.deepEqual(await printer.status(), { ...READY, paperNearEnd: true });
  await printer.print(receipt);
  assert.ok(simulator.printedText().includes('A012'));
});

test('TCP: paper out → PRINTER_PAPER_OUT and nothing is printed; after a new roll it prints', async (t) => {
  const { simulator, printer } = await tcpSetup(t);
  simulator.paperOut(true);
  const status = await printer.status();
  assert.equal(status.paperOut, true);
  assert.equal(status.online, false);
  await assert.rejects(printer.print(receipt), (error: Error & { code?: string }) => {
    assert.equal(error.code, 'PRINTER_PAPER_OUT');
    assert.match(error.message, /front-desk/);
    return true;
  });
  assert.equal(simulator.printedText(), '');
  assert.ok(simulator.events().every((event) => event.type === 'status-request'));
  simulator.paperOut(false);
  await printer.print(receipt);
  assert.ok(simulator.printedText().includes('A012'));
});

test('TCP: cover open → PRINTER_COVER_OPEN and nothing is printed', async (t) => {
  const { simulator, printer } = await tcpSetup(t);
  simulator.coverOpen(true);
  assert.equal((await printer.status()).coverOpen, true);
  await assert.rejects(printer.print(receipt), { code: 'PRINTER_COVER_OPEN' });
  assert.equal(simulator.printedText(), '');
});

test('TCP: the printer vanishing mid-job → PRINT_FAILED naming the printer', async (t) => {
  const { simulator, printer } = await tcpSetup(t);
  // the three status requests before the job are 9 bytes; drop 100 bytes into the job
  simulator.dropConnectionAfter(9 + 100);
  await assert.rejects(printer.print(receipt), (error: Error & { code?: string }) => {
    assert.equal(error.code, 'PRINT_FAILED');
    assert.match(error.message, /front-desk/);
    return true;
  });
  // only the start of the job arrived: the title, but neither the footer nor the cut
  assert.ok(simulator.printedText().startsWith('社区服务中心\n'));
  assert.ok(!simulator.printedText().includes('请留意叫号'));
  assert.ok(!simulator.transcript().includes('[cut'));
  // afterwards the driver knows the link is gone
  await assert.rejects(printer.status(), { code: 'PERIPHERAL_UNAVAILABLE' });
});

test('TCP: printer not listening → PERIPHERAL_UNAVAILABLE', async () => {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await assert.rejects(openTcpTransport('127.0.0.1', port, 1000), { code: 'PERIPHERAL_UNAVAILABLE' });
});

test('TCP: something listening that never answers status → PERIPHERAL_UNAVAILABLE "does not answer", no job sent', async (t) => {
  const received: Buffer[] = [];
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('data', (chunk) => received.push(chunk));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.after(
    () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  );
  const transport = await openTcpTransport('127.0.0.1', (server.address() as net.AddressInfo).port);
  const printer = createReceiptPrinter(transport, { paperWidthMm: 80, replyTimeoutMs: 200 });
  t.after(() => printer.close());
  await assert.rejects(printer.status(), (error: Error & { code?: string }) => {
    assert.equal(error.code, 'PERIPHERAL_UNAVAILABLE');
    assert.match(error.message, /does not answer/);
    return true;
  });
  await assert.rejects(printer.print(receipt), { code: 'PERIPHERAL_UNAVAILABLE' });
  assert.deepEqual([...Buffer.concat(received)].slice(0, 3), [0x10, 0x04, 0x01]);
  assert.ok(
    Buffer.concat(received).every((byte, i) => [0x10, 0x04, 0x01][i % 3] === byte),
    'only status requests were sent',
  );
});

test('TCP: a reply with wrong fixed bits → DEVICE_PROTOCOL_ERROR', async (t) => {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('data', () => socket.write(Uint8Array.of(0xff)));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.after(
    () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  );
  const transport = await openTcpTransport('127.0.0.1', (server.address() as net.AddressInfo).port);
  const printer = createReceiptPrinter(transport, { paperWidthMm: 58, replyTimeoutMs: 500 });
  t.after(() => printer.close());
  await assert.rejects(printer.status(), { code: 'DEVICE_PROTOCOL_ERROR' });
});

test('TCP: status and print called together do not interleave', async (t) => {
  const { simulator, printer } = await tcpSetup(t);
  const [, , status] = await Promise.all([printer.print(receipt), printer.print(receipt), printer.status()]);
  assert.deepEqual(status, READY);
  const types = simulator.events().map((event) => event.type);
  const jobs: string[][] = [];
  let current: string[] | undefined;
  for (const type of types) {
    if (type === 'initialize') jobs.push((current = []));
    else if (type === 'status-request') current = undefined;
    current?.push(type);
  }
  assert.equal(jobs.length, 2);
  for (const job of jobs) assert.equal(job.at(-1), 'cut', 'each job arrived whole before the next status request');
});

test('100 MB the printer sends unasked is not kept: memory stays flat and the next status is read right', async () => {
  const received = createListeners<[Buffer]>();
  const transport: ByteTransport = {
    description: 'chattering printer',
    // Each write is a status request (this test prints nothing), answered at once with all clear.
    write: async () => received.emit(Buffer.of(0x12)),
    onData: received.add,
    onClose: () => () => undefined,
    close: async () => undefined,
  };
  const printer = createReceiptPrinter(transport, { paperWidthMm: 80, replyTimeoutMs: 500 });
  // 0xFF is no valid status byte: had any chatter been kept, the status below would fail to parse.
  const chatter = Buffer.alloc(64 * 1024, 0xff);
  const before = retainedBytes();
  for (let sent = 0; sent < 100 * 2 ** 20; sent += chatter.length) received.emit(chatter);
  const grown = retainedBytes() - before;
  assert.ok(grown < 20 * 2 ** 20, `memory grew by ${(grown / 2 ** 20).toFixed(1)} MB`);
  assert.deepEqual(await printer.status(), READY);
  await printer.close();
});

async function ptySetup(t: TestContext) {
  const pty = await openPtyPair();
  t.after(() => pty.close());
  const deviceEnd = await openSerialTransport(pty.deviceEnd, 115200);
  t.after(() => deviceEnd.close());
  const simulator = attachPrinterSimulator(deviceEnd);
  t.after(() => simulator.detach());
  const hostEnd = await openSerialTransport(pty.hostEnd, 115200);
  const printer = createReceiptPrinter(hostEnd, {
    paperWidthMm: 58,
    name: 'serial-printer',
    replyTimeoutMs: 500,
    confirmTimeoutMs: 1000,
  });
  t.after(() => printer.close());
  return { simulator, printer };
}

test('pty: a Chinese receipt over a real serial link comes out as readable Chinese', async (t) => {
  const { simulator, printer } = await ptySetup(t);
  assert.deepEqual(await printer.status(), READY);
  await printer.print(receipt);
  const text = simulator.printedText();
  assert.ok(text.startsWith('社区服务中心\n'), text);
  assert.ok(text.includes('办理事项 居民医疗保险参保登记\n'), text);
  assert.ok(simulator.transcript().includes('[QR: https://linli.example/q/A012]'));
});

test('pty: paper out → PRINTER_PAPER_OUT and nothing printed', async (t) => {
  const { simulator, printer } = await ptySetup(t);
  simulator.paperOut(true);
  await assert.rejects(printer.print(receipt), { code: 'PRINTER_PAPER_OUT' });
  assert.equal(simulator.printedText(), '');
});

test('pty: the printer vanishing mid-job → PRINT_FAILED', async (t) => {
  const { simulator, printer } = await ptySetup(t);
  simulator.dropConnectionAfter(9 + 100);
  await assert.rejects(printer.print(receipt), (error: Error & { code?: string }) => {
    assert.equal(error.code, 'PRINT_FAILED');
    assert.match(error.message, /serial-printer/);
    return true;
  });
  assert.ok(!simulator.transcript().includes('[cut'));
});
