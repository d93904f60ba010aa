import assert from 'node:assert/strict';
import { rejection } from './rejection';
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { createCupsPrinter } from '../src/document-printer/cups-printer';
import type { PrintProgress } from '../src/document-printer/document-printer';
import { DEBIAN_CJK_FONTS, loadCjkFonts } from '../src/pdf-forms/cjk-fonts';
import { fillForm } from '../src/pdf-forms/fill-form';
import { readFormFiles } from '../src/pdf-forms/form-files';
import { resolveFormData } from '../src/pdf-forms/resolve-form-data';
import { addCupsPdfQueue, type CupsPdfQueue } from './cups-fixture';

let queue: CupsPdfQueue;
let filledForm: Uint8Array;
let template: Uint8Array;

before(async () => {
  queue = await addCupsPdfQueue('LinliTestPDF');
  const form = await readFormFiles(path.join(import.meta.dirname, '../forms'), 'residence-certificate');
  const definition = form.definition;
  template = form.template;
  const inputs = {
    idCard: {
      cardType: 'resident',
      name: '张喆',
      gender: 'female',
      nation: '回',
      birthDate: '1960-11-02',
      address: '北京市东城区安定门街道交道口北二条𠀀号',
      idNumber: '110101196011020021',
      validFrom: '2016-01-01',
      validTo: '长期',
    },
    typed: {
      currentAddress: '北京市东城区交道口南大街12号',
      livingSince: '2010-09-01',
      phone: '13900001111',
      housing: '自有',
      reason: '办理老年优待证。',
      purpose: '老年优待证',
    },
    today: new Date(2025, 0, 2),
  } as const;
  filledForm = await fillForm(
    definition,
    template,
    resolveFormData(definition, inputs),
    await loadCjkFonts(DEBIAN_CJK_FONTS),
  );
});
after(() => queue?.remove());

test('a filled form prints through CUPS over IPP; the job completes and the printout shows the filled form', async () => {
  const printer = await createCupsPrinter({ queue: queue.queue, server: queue.server });
  assert.equal(printer.name, queue.queue);
  assert.deepEqual(await printer.state(), { state: 'ready', reasons: [] });
  const progress: PrintProgress[] = [];
  const result = await printer.print(filledForm, {
    title: 'residence-certificate',
    onProgress: (p) => progress.push(p),
  });
  assert.equal(result.state, 'completed');
  assert.equal(progress.at(-1)?.state, 'completed');
  assert.ok(progress.every((p) => p.jobId === result.jobId));
  // Once completed, the document (the resident's filled form) is gone from the spool, as on a kiosk.
  assert.deepEqual(
    readdirSync(queue.spoolDir).filter((name) => name.startsWith('d')),
    [],
  );
  const output = await queue.waitForOutput(result.jobId);
  // CUPS turns the PDF into PostScript and cups-pdf back into PDF (Ghostscript): the Chinese the
  // resident's data put on each page must still be there as text …
  const printedText = execFileSync('pdftotext', ['-layout', output, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
  for (const expected of ['张喆', '北京市东城区交道口南大街12号', '13900001111', '办理老年优待证'])
    assert.ok(printedText.includes(expected), `printout has ${expected}`);
  // … and look like the filled form: as much ink, not the empty template's.
  for (const page of [1, 2]) {
    const printed = inkPixels(readFileSync(output), page);
    const filled = inkPixels(filledForm, page);
    const filledText = filled - inkPixels(template, page);
    assert.ok(filledText > 0, `page ${page} of the filled form has no text added`);
    assert.ok(
      Math.abs(printed - filled) < filledText * 0.25,
      `page ${page}: printout has ${printed} ink pixels, the filled form ${filled}, of which ${filledText} are the filled text`,
    );
  }
  const pages = execFileSync('pdfinfo', [output], { encoding: 'utf8' });
  rmSync(output);
  assert.match(pages, /Pages:\s+2/);
  assert.match(pages, /Page size:\s+595(\.\d+)? x 842/);
});

/** Dark pixels of a page rendered at 72 dpi (fixed size: the printout is 595 × 842 pt, not 595.28 × 841.89). */
function inkPixels(pdf: Uint8Array, page: number): number {
  const pgm = execFileSync(
    'pdftoppm',
    ['-scale-to-x', '595', '-scale-to-y', '842', '-gray', '-f', String(page), '-l', String(page), '-'],
    { input: pdf, maxBuffer: 16 << 20, stdio: ['pipe', 'pipe', 'ignore'] },
  );
  let offset = 0;
  for (let fields = 0; fields < 4; offset++) if (pgm[offset] === 0x0a || pgm[offset] === 0x20) fields++;
  let ink = 0;
  for (let index = offset; index < pgm.length; index++) if (pgm[index]! < 128) ink++;
  return ink;
}

test('a paused (disabled) queue reports paused and refuses a job instead of queueing it', async () => {
  const printer = await createCupsPrinter({ queue: queue.queue, server: queue.server });
  await queue.admin('cupsdisable', [queue.queue]);
  try {
    const state = await printer.state();
    assert.equal(state.state, 'paused');
    assert.ok(state.reasons.includes('paused'));
    const error = await rejection(printer.print(filledForm, { title: 'paused' }));
    assert.equal(error.code, 'PERIPHERAL_UNAVAILABLE');
    assert.match(error.message, new RegExp(queue.queue));
  } finally {
    await queue.admin('cupsenable', [queue.queue]);
  }
  assert.equal((await printer.state()).state, 'ready');
});

test('a queue deleted mid-job fails the job with PRINT_FAILED naming the queue, promptly', async () => {
  const doomed = await addCupsPdfQueue('LinliDoomed');
  try {
    const printer = await createCupsPrinter({ queue: doomed.queue, server: doomed.server, jobTimeoutMs: 20_000 });
    const started = Date.now();
    let deleted = false;
    const error = await rejection(
      printer.print(filledForm, {
        title: 'doomed',
        onProgress: () => {
          if (deleted) return;
          deleted = true;
          execFileSync('lpadmin', ['-h', doomed.server, '-x', doomed.queue]);
        },
      }),
    );
    assert.ok(deleted);
    assert.equal(error.code, 'PRINT_FAILED');
    assert.match(error.message, new RegExp(doomed.queue));
    assert.ok(Date.now() - started < 10_000, `took ${Date.now() - started} ms`);
  } finally {
    await doomed.remove();
  }
});

test('a queue that does not exist is PERIPHERAL_UNAVAILABLE naming it', async () => {
  const printer = await createCupsPrinter({ queue: 'LinliNoSuchQueue', server: queue.server });
  const stateError = await rejection(printer.state());
  assert.equal(stateError.code, 'PERIPHERAL_UNAVAILABLE');
  assert.match(stateError.message, /LinliNoSuchQueue/);
  const printError = await rejection(printer.print(filledForm, { title: 'nowhere' }));
  assert.equal(printError.code, 'PERIPHERAL_UNAVAILABLE');
  assert.match(printError.message, /LinliNoSuchQueue/);
});

test('a spooler that accepts the connection but never answers cannot hang the kiosk', async () => {
  const silent: Server = createServer(() => undefined);
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  try {
    const printer = await createCupsPrinter({
      queue: 'Anything',
      server: `127.0.0.1:${(silent.address() as AddressInfo).port}`,
      requestTimeoutMs: 300,
    });
    const started = Date.now();
    const error = await rejection(printer.print(filledForm, { title: 'hang' }));
    assert.equal(error.code, 'PERIPHERAL_UNAVAILABLE');
    assert.match(error.message, /no answer within 300 ms/);
    assert.ok(Date.now() - started < 10_000, `gave up after ${Date.now() - started} ms, not hanging on the spooler`);
  } finally {
    silent.closeAllConnections();
    await new Promise((resolve) => silent.close(resolve));
  }
});
