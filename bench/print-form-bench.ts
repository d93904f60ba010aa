/**
 * A4 form printing: fill the two-page demo form (居住证明申请表) with Chinese data, compare the PDF
 * size with subset fonts against whole fonts, and time "print" → job completed at a real CUPS
 * cups-pdf queue (CUPS reports completed once the backend has taken the last byte).
 */
import path from 'node:path';
import { createCupsPrinter } from '../device-drivers/src/document-printer/cups-printer';
import { DEBIAN_CJK_FONTS, loadCjkFonts } from '../device-drivers/src/pdf-forms/cjk-fonts';
import { fillForm } from '../device-drivers/src/pdf-forms/fill-form';
import { readFormFiles } from '../device-drivers/src/pdf-forms/form-files';
import { resolveFormData } from '../device-drivers/src/pdf-forms/resolve-form-data';
import { addCupsPdfQueue } from '../device-drivers/test/cups-fixture';
import { SAMPLE_ANSWERS, SAMPLE_CARD } from '../device-drivers/test/form-samples';

const FILL_RUNS = 7;
const PRINT_RUNS = 3;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return Math.round(sorted[Math.floor(sorted.length / 2)]! * 10) / 10;
}

async function timed<T>(work: () => Promise<T>): Promise<[T, number]> {
  const started = performance.now();
  const result = await work();
  return [result, performance.now() - started];
}

export async function runPrintFormBench() {
  const [fonts, fontLoadMs] = await timed(() => loadCjkFonts(DEBIAN_CJK_FONTS));
  const { definition, template } = await readFormFiles(
    path.join(import.meta.dirname, '../device-drivers/forms'),
    'residence-certificate',
  );
  const fields = resolveFormData(definition, { idCard: SAMPLE_CARD, typed: SAMPLE_ANSWERS, today: new Date() });

  const fillTimes: number[] = [];
  let subsetPdf: Uint8Array = new Uint8Array();
  for (let run = 0; run < FILL_RUNS; run++) {
    const [pdf, ms] = await timed(() => fillForm(definition, template, fields, fonts));
    subsetPdf = pdf;
    fillTimes.push(ms);
  }
  const [wholePdf, wholeFillMs] = await timed(() => fillForm(definition, template, fields, fonts, { subset: false }));

  const queue = await addCupsPdfQueue('LinliBenchPDF');
  const printTimes: number[] = [];
  let wholeFontPrintMs = 0;
  try {
    const printer = await createCupsPrinter({ queue: queue.queue, server: queue.server, jobTimeoutMs: 600_000 });
    for (let run = 0; run < PRINT_RUNS; run++) {
      const [, ms] = await timed(() => printer.print(subsetPdf, { title: 'bench' }));
      printTimes.push(ms);
    }
    // Once is enough to show the cost: the spooler and its filters chew through the whole fonts.
    [, wholeFontPrintMs] = await timed(() => printer.print(wholePdf, { title: 'bench-whole-fonts' }));
  } finally {
    await queue.remove();
  }

  return {
    form: definition.id,
    pages: 2,
    fontLoadMs: Math.round(fontLoadMs),
    fill: { runs: FILL_RUNS, firstMs: Math.round(fillTimes[0]!), medianMs: median(fillTimes) },
    sizeBytes: {
      subsetFonts: subsetPdf.length,
      wholeFonts: wholePdf.length,
      ratio: Math.round((wholePdf.length / subsetPdf.length) * 10) / 10,
    },
    wholeFontFillMs: Math.round(wholeFillMs),
    wholeFontPrintToCompletedMs: Math.round(wholeFontPrintMs),
    printToCompleted: {
      printer: 'CUPS + cups-pdf',
      runs: PRINT_RUNS,
      medianMs: median(printTimes),
      allMs: printTimes.map(Math.round),
    },
    goal: 'two-page filled form < 300 KB',
    goalMet: subsetPdf.length < 300 * 1024,
  };
}
