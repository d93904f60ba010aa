/** The simulated A4 printer: each job a new whole PDF in its folder, named by us, never replacing one. */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import type { PrintProgress } from '../src/document-printer/document-printer';
import { createPdfFolderPrinter, pdfFileName } from '../src/document-printer/pdf-folder-printer';
import { createDocumentPrinter } from '../src/document-printer/printer-choice';
import { PeripheralConfig } from '@linli/protocol/peripherals';
import { validationErrors } from '@linli/protocol/validation';
import { rejection } from './rejection';

const PDF = new TextEncoder().encode('%PDF-1.7\n% a form\n%%EOF\n');

function folder(t: { after: (fn: () => void) => void }): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'linli-pdf-folder-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

test('file names come from the clock and the job number only', () => {
  assert.equal(pdfFileName(new Date('2026-12-04T07:53:09.123Z'), 7), 'form-20261204-075309-0007.pdf');
});

test('each job is written whole as a new PDF, progress reported, the title never in the name', async (t) => {
  const dir = folder(t);
  const at = new Date('2026-12-04T08:00:00Z');
  const printer = createPdfFolderPrinter({ directory: dir, now: () => at });
  assert.deepEqual(await printer.state(), { state: 'ready', reasons: [] });
  const progress: PrintProgress[] = [];
  const first = await printer.print(PDF, { title: '../../etc/passwd', onProgress: (p) => progress.push(p) });
  const second = await printer.print(PDF, { title: 'x' });
  assert.deepEqual(first, { jobId: 1, state: 'completed' });
  assert.equal(second.jobId, 2);
  assert.deepEqual(
    progress.map((p) => p.state),
    ['processing', 'completed'],
  );
  assert.deepEqual(readdirSync(dir).sort(), ['form-20261204-080000-0001.pdf', 'form-20261204-080000-0002.pdf']);
  assert.deepEqual(readFileSync(path.join(dir, 'form-20261204-080000-0001.pdf')), Buffer.from(PDF));

  // A second printer on the same folder (the kiosk restarted within the second) never replaces a file.
  const again = createPdfFolderPrinter({ directory: dir, now: () => at });
  await again.print(new TextEncoder().encode('%PDF-1.7 again'), { title: 'y' });
  assert.equal(readdirSync(dir).length, 3);
  assert.deepEqual(readFileSync(path.join(dir, 'form-20261204-080000-0001.pdf')), Buffer.from(PDF));
});

test('a missing folder is offline, an unwritable one or a file is a fault; printing there is refused', async (t) => {
  const dir = folder(t);
  const missing = createPdfFolderPrinter({ directory: path.join(dir, 'absent') });
  assert.deepEqual(await missing.state(), { state: 'offline', reasons: ['directory-missing'] });
  assert.equal((await rejection(missing.print(PDF, { title: 't' }))).code, 'PERIPHERAL_UNAVAILABLE');

  const file = path.join(dir, 'a-file');
  writeFileSync(file, '');
  assert.equal((await createPdfFolderPrinter({ directory: file }).state()).state, 'error');

  // Root writes anywhere, so the unwritable folder is checked only as another user.
  if (process.getuid?.() !== 0) {
    const locked = path.join(dir, 'locked');
    mkdirSync(locked, { mode: 0o500 });
    assert.deepEqual(await createPdfFolderPrinter({ directory: locked }).state(), {
      state: 'error',
      reasons: ['directory-not-writable'],
    });
  }

  const notPdf = await rejection(
    createPdfFolderPrinter({ directory: dir }).print(new Uint8Array([1, 2]), { title: 't' }),
  );
  assert.equal(notPdf.code, 'PRINT_FAILED');
  assert.throws(() => createPdfFolderPrinter({ directory: 'relative/dir' }), { code: 'CONFIG_INVALID' });
});

test('a devices file names the folder by an absolute path, and the A4 choice makes the folder printer', async (t) => {
  const dir = folder(t);
  const ok = { id: 'a4', driver: 'pdf-folder', directory: dir };
  assert.deepEqual(validationErrors(PeripheralConfig, ok), []);
  for (const directory of ['relative/dir', '', '/tmp/a\u0000b', 'C:'])
    assert.notDeepEqual(validationErrors(PeripheralConfig, { ...ok, directory }), [], JSON.stringify(directory));
  assert.deepEqual(validationErrors(PeripheralConfig, { ...ok, directory: 'C:\\Linli\\printed' }), []);
  const printer = await createDocumentPrinter({ id: 'a4', driver: 'pdf-folder', directory: dir }, 'linux');
  await printer.print(PDF, { title: 't' });
  assert.equal(readdirSync(dir).length, 1);
});
