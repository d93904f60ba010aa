// The technician's `npm run devices` tool, run as processes against its own simulators.
import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createSerialScanner } from '../../device-drivers/src/scanner/serial-scanner';
import { openSerialTransport } from '../../device-drivers/src/transport/serial-transport';

const CLI = path.resolve(import.meta.dirname, '../host/devices-cli.ts');

function start(
  t: TestContext,
  args: string[],
): {
  child: ChildProcessWithoutNullStreams;
  output: () => string;
  waitFor: (pattern: RegExp) => Promise<RegExpMatchArray>;
} {
  const child = spawn(process.execPath, ['--import', 'tsx', CLI, ...args]);
  let output = '';
  const waiters: (() => void)[] = [];
  const collect = (chunk: Buffer) => {
    output += chunk.toString();
    waiters.forEach((check) => check());
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  t.after(() => {
    if (child.exitCode === null) child.kill('SIGINT');
  });
  return {
    child,
    output: () => output,
    waitFor: (pattern) =>
      new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no ${pattern} in: ${output}`)), 20_000);
        const check = () => {
          const match = pattern.exec(output);
          if (match) {
            clearTimeout(timer);
            resolve(match);
          }
        };
        waiters.push(check);
        check();
      }),
  };
}

async function run(t: TestContext, args: string[]): Promise<{ code: number | null; output: string }> {
  const cli = start(t, args);
  const code = await new Promise<number | null>((resolve) => cli.child.once('exit', resolve));
  return { code, output: cli.output() };
}

test('simulators and tools: read a card and test-print through the devices file', { timeout: 90_000 }, async (t) => {
  const reader = start(t, ['simulate', 'idreader', 'resident']);
  const [, readerPath] = await reader.waitFor(/reader simulator on (\S+)/);
  const printer = start(t, ['simulate', 'printer', '0']);
  const [, port] = await printer.waitFor(/printer simulator on 127\.0\.0\.1:(\d+)/);
  const dir = mkdtempSync(path.join(tmpdir(), 'linli-cli-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const file = path.join(dir, 'devices.json');
  writeFileSync(
    file,
    JSON.stringify({
      peripherals: [
        { id: 'idcard', driver: 'ga467-serial', path: readerPath },
        { id: 'receipt', driver: 'escpos-tcp', host: '127.0.0.1', port: Number(port) },
      ],
    }),
  );

  const card = await run(t, ['read-card', '--file', file]);
  assert.equal(card.code, 0, card.output);
  assert.match(card.output, /"name": "张\*三"/);
  assert.match(card.output, /"idNumber": "1101\*\*\*\*\*\*\*\*\*\*002X"/);
  assert.ok(!card.output.includes('11010519491231002X'), 'the number stays masked');

  const probe = await run(t, ['probe', 'receipt', '--file', file]);
  assert.equal(probe.code, 0, probe.output);
  assert.match(probe.output, /receipt \(escpos-tcp\): ok/);
  const print = await run(t, ['test-print', 'receipt', '--file', file]);
  assert.equal(print.code, 0, print.output);
  await printer.waitFor(/打印测试/);
});

test(
  'the scanner simulator sends each typed line as a scanned code over a serial line',
  { timeout: 60_000 },
  async (t) => {
    const simulator = start(t, ['simulate', 'scanner']);
    const [, scannerPath] = await simulator.waitFor(/scanner simulator on (\S+)/);
    const scanner = createSerialScanner(await openSerialTransport(scannerPath!, 9600));
    t.after(() => scanner.close());
    const scanned = new Promise<string>((resolve) => scanner.onScan(resolve));
    simulator.child.stdin.write('LINLI:guide:zhengming-community-residence\n');
    assert.equal(await scanned, 'LINLI:guide:zhengming-community-residence');
  },
);

test('bad commands and unknown devices end with a coded error', { timeout: 60_000 }, async (t) => {
  const usage = await run(t, ['frobnicate']);
  assert.equal(usage.code, 2);
  assert.match(usage.output, /VALIDATION_FAILED: usage: npm run devices/);
  const dir = mkdtempSync(path.join(tmpdir(), 'linli-cli-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const file = path.join(dir, 'devices.json');
  writeFileSync(file, JSON.stringify({ peripherals: [{ id: 'scanner', driver: 'keyboard-wedge-scanner' }] }));
  const missing = await run(t, ['probe', 'printer', '--file', file]);
  assert.equal(missing.code, 2);
  assert.match(missing.output, /PERIPHERAL_UNKNOWN: No device 'printer'/);
  const noFile = await run(t, ['probe', 'x', '--file', path.join(dir, 'absent.json')]);
  assert.match(noFile.output, /CONFIG_INVALID: Devices file .*absent.json cannot be read/);
  const list = await run(t, ['list']);
  assert.equal(list.code, 0);
  assert.match(list.output, /Serial ports:[\s\S]*Spooler printers:/);
});
