import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  judgeJob,
  printerStateFromIpp,
  refusalBeforePrinting,
  type PrinterState,
} from '../src/document-printer/document-printer';
import { spoolerFor } from '../src/document-printer/system-printer';
import {
  getPrinterStatusCommand,
  pdfToPrinterOptions,
  printerStateFromWindows,
} from '../src/document-printer/windows-spooler-printer';

test('IPP printer-state and reasons map to what the kiosk shows', () => {
  assert.deepEqual(printerStateFromIpp('idle', ['none']), { state: 'ready', reasons: [] });
  assert.deepEqual(printerStateFromIpp(4, []), { state: 'printing', reasons: [] });
  assert.deepEqual(printerStateFromIpp('stopped', ['paused']), { state: 'paused', reasons: ['paused'] });
  assert.equal(printerStateFromIpp('stopped', ['media-empty-error', 'paused']).state, 'paper-out');
  assert.equal(printerStateFromIpp('processing', ['media-needed']).state, 'paper-out');
  assert.equal(printerStateFromIpp('processing', ['offline-report']).state, 'offline');
  assert.equal(printerStateFromIpp('idle', ['media-jam-error']).state, 'error');
  assert.equal(printerStateFromIpp('stopped', []).state, 'error');
  // Informational reports and low supplies do not stop a kiosk from printing.
  assert.equal(printerStateFromIpp('idle', ['media-low-report', 'toner-low-warning']).state, 'ready');
});

const ready: PrinterState = { state: 'ready', reasons: [] };

test('following a job: completed, failed with the reason, or wait', () => {
  assert.deepEqual(judgeJob('completed', ['job-completed-successfully'], ready), { kind: 'completed' });
  assert.deepEqual(judgeJob('processing', ['job-printing'], { state: 'printing', reasons: [] }), { kind: 'wait' });
  assert.deepEqual(judgeJob('pending', [], { state: 'offline', reasons: ['offline-report'] }), { kind: 'wait' });
  const aborted = judgeJob('aborted', ['document-format-error'], ready);
  assert.equal(aborted.kind === 'failed' && aborted.code, 'PRINT_FAILED');
  assert.match(aborted.kind === 'failed' ? aborted.reason : '', /document-format-error/);
  assert.equal((judgeJob('canceled', ['job-canceled-by-user'], ready) as { code: string }).code, 'PRINT_FAILED');
  assert.equal(
    (judgeJob('processing', [], { state: 'paper-out', reasons: ['media-empty-error'] }) as { code: string }).code,
    'PRINTER_PAPER_OUT',
  );
  assert.equal(
    (judgeJob('pending', [], { state: 'paused', reasons: ['paused'] }) as { code: string }).code,
    'PRINT_FAILED',
  );
  assert.equal(
    (judgeJob('processing-stopped', [], { state: 'printing', reasons: [] }) as { code: string }).code,
    'PRINT_FAILED',
  );
});

test('a printer that cannot print now is refused before a job is queued', () => {
  assert.equal(refusalBeforePrinting(ready, 'Q'), undefined);
  assert.deepEqual(refusalBeforePrinting({ state: 'paper-out', reasons: [] }, 'Q'), {
    code: 'PRINTER_PAPER_OUT',
    message: 'Printer Q is out of paper',
  });
  assert.deepEqual(refusalBeforePrinting({ state: 'paused', reasons: ['paused'] }, 'Q'), {
    code: 'PERIPHERAL_UNAVAILABLE',
    message: 'Printer Q is paused (paused)',
  });
});

test('Windows: pdf-to-printer options print A4 unscaled and silently', () => {
  assert.deepEqual(pdfToPrinterOptions('HP LaserJet 办公室', { copies: 2 }), {
    printer: 'HP LaserJet 办公室',
    paperSize: 'A4',
    scale: 'noscale',
    orientation: 'portrait',
    side: 'simplex',
    silent: true,
    copies: 2,
  });
  assert.equal('printer' in pdfToPrinterOptions(undefined, {}), false);
  assert.equal(pdfToPrinterOptions(undefined, {}).copies, 1);
});

test('Windows: Get-Printer reads the name from the environment and its status maps to our states', () => {
  const { file, args, env } = getPrinterStatusCommand("Bob's Printer");
  assert.equal(file, 'powershell.exe');
  assert.equal(args.at(-1), '(Get-Printer -Name $env:LINLI_PRINTER_NAME).PrinterStatus.ToString()');
  assert.deepEqual(env, { LINLI_PRINTER_NAME: "Bob's Printer" });
  assert.match(getPrinterStatusCommand(undefined).args.at(-1)!, /Default=TRUE/);
  assert.deepEqual(printerStateFromWindows('Normal\r\n'), { state: 'ready', reasons: [] });
  assert.deepEqual(printerStateFromWindows('PaperOut'), { state: 'paper-out', reasons: ['PaperOut'] });
  assert.equal(printerStateFromWindows('Paused').state, 'paused');
  assert.equal(printerStateFromWindows('Offline').state, 'offline');
  assert.equal(printerStateFromWindows('PaperJam').state, 'error');
});

test('Windows: no printer name, however hostile, reaches the PowerShell command text', () => {
  // Every quote PowerShell honours, its escape and subexpression characters, and random text.
  const alphabet = [
    "'",
    '\u2018',
    '\u2019',
    '\u201a',
    '\u201b',
    '"',
    '\u201c',
    '`',
    '$',
    '(',
    ')',
    ';',
    '|',
    '&',
    'x',
    ' ',
    '打',
  ];
  let seed = 7;
  const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
  const names = [
    'x\u2019 $(Stop-Computer) \u2019',
    ...Array.from({ length: 2000 }, () =>
      Array.from(
        { length: 1 + Math.floor(random() * 24) },
        () => alphabet[Math.floor(random() * alphabet.length)],
      ).join(''),
    ),
  ];
  const fixed = getPrinterStatusCommand('a').args;
  for (const name of names) {
    const { args, env } = getPrinterStatusCommand(name);
    assert.deepEqual(args, fixed, `the command changed for ${JSON.stringify(name)}`);
    assert.equal(env.LINLI_PRINTER_NAME, name);
  }
});

test('the system printer is CUPS except on Windows', () => {
  assert.equal(spoolerFor('linux'), 'cups');
  assert.equal(spoolerFor('darwin'), 'cups');
  assert.equal(spoolerFor('win32'), 'windows-spooler');
});
