/**
 * The `pdf-folder` printer: an A4 printer simulated by a folder. Each job's PDF is written there
 * as a new file, as a real printer would put a sheet in its tray: the demo's printer when CUPS has
 * none, and a way to see exactly what a kiosk prints. File names are made here from the clock and
 * a counter, never from the job (its title or anything a resident typed), and a file never
 * replaces another. A file appears whole: it is written under a hidden name and linked into place.
 */
import { access, constants, link, stat, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { LinliError } from '@linli/protocol/errors';
import { refusalBeforePrinting, type DocumentPrinter, type PrinterState } from './document-printer';

export interface PdfFolderPrinterOptions {
  /** Where the PDFs go: an absolute path to an existing folder. */
  directory: string;
  now?: () => Date;
}

/** `form-20261204-075300-0001.pdf`: when it was printed (UTC) and the job's number. */
export function pdfFileName(at: Date, jobId: number): string {
  const stamp = at
    .toISOString()
    .replace(/\.\d+Z$/, '')
    .replace(/[-:]/g, '')
    .replace('T', '-');
  return `form-${stamp}-${String(jobId).padStart(4, '0')}.pdf`;
}

/** The folder's state: missing is offline (a disconnected share), unwritable or not a folder is a fault. */
export async function folderState(directory: string): Promise<PrinterState> {
  try {
    if (!(await stat(directory)).isDirectory()) return { state: 'error', reasons: ['not-a-directory'] };
  } catch {
    return { state: 'offline', reasons: ['directory-missing'] };
  }
  try {
    await access(directory, constants.W_OK);
  } catch {
    return { state: 'error', reasons: ['directory-not-writable'] };
  }
  return { state: 'ready', reasons: [] };
}

const PDF_MAGIC = '%PDF-';

export function createPdfFolderPrinter(options: PdfFolderPrinterOptions): DocumentPrinter {
  const { directory } = options;
  if (!path.isAbsolute(directory) || directory.includes('\0'))
    throw new LinliError('CONFIG_INVALID', `A PDF folder printer needs an absolute folder path, not ${directory}`);
  const now = options.now ?? (() => new Date());
  const name = `PDF folder ${directory}`;
  let nextJobId = 1;
  return {
    name,
    state: () => folderState(directory),
    async print(pdf, request) {
      const refusal = refusalBeforePrinting(await folderState(directory), name);
      if (refusal) throw new LinliError(refusal.code, refusal.message);
      if (Buffer.from(pdf.subarray(0, PDF_MAGIC.length)).toString('latin1') !== PDF_MAGIC)
        throw new LinliError('PRINT_FAILED', `Job for ${name} is not a PDF`);
      const jobId = nextJobId++;
      request.onProgress?.({ jobId, state: 'processing', reasons: [] });
      const partial = path.join(directory, `.printing-${process.pid}-${jobId}.partial`);
      try {
        await writeFile(partial, pdf, { flag: 'wx' });
        // link fails when the name is taken (a restart within the same second): the next number is tried.
        for (let attempt = 0; ; attempt++) {
          try {
            await link(partial, path.join(directory, pdfFileName(now(), jobId + attempt * 10_000)));
            break;
          } catch (error) {
            if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || attempt >= 9) throw error;
          }
        }
      } catch (error) {
        throw new LinliError('PRINT_FAILED', `Writing the job to ${name} failed: ${(error as Error).message}`);
      } finally {
        await unlink(partial).catch(() => undefined);
      }
      request.onProgress?.({ jobId, state: 'completed', reasons: [] });
      return { jobId, state: 'completed' };
    },
    async cancel() {
      // A job is written at once: by the time it has an id there is nothing left to cancel.
    },
  };
}
