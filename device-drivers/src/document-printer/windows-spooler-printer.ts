/**
 * A4 printing on Windows: pdf-to-printer hands the PDF to the spooler through its bundled
 * SumatraPDF; the queue's state comes from PowerShell's Get-Printer. Windows gives no job id back
 * through this path, so the job counts as completed once the spooler has accepted it.
 * Only the argument mapping is tested (on Linux); the module loads pdf-to-printer lazily so Linux
 * never does.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { PrintOptions } from 'pdf-to-printer';
import { LinliError } from '@linli/protocol/errors';
import type { DocumentPrinter, PrinterState, PrinterStateName, PrintRequest } from './document-printer';

/** pdf-to-printer options for one job: A4 at 100 % (forms must not be scaled), no dialog. */
export function pdfToPrinterOptions(queue: string | undefined, request: Pick<PrintRequest, 'copies'>): PrintOptions {
  return {
    ...(queue ? { printer: queue } : {}),
    paperSize: 'A4',
    scale: 'noscale',
    orientation: 'portrait',
    side: 'simplex',
    silent: true,
    copies: request.copies ?? 1,
  };
}

/** The environment variable that carries the queue name into PowerShell. */
export const PRINTER_NAME_VARIABLE = 'LINLI_PRINTER_NAME';

/**
 * The PowerShell command that prints the queue's PrinterStatus name (e.g. Normal, PaperOut). The
 * name never enters the command text: PowerShell reads it from the environment as a plain string,
 * so no quote of any kind (ASCII or U+2018–U+201B, which PowerShell also honours) can end it.
 */
export function getPrinterStatusCommand(queue: string | undefined): {
  file: string;
  args: string[];
  env: Record<string, string>;
} {
  const selector = queue
    ? `Get-Printer -Name $env:${PRINTER_NAME_VARIABLE}`
    : `Get-CimInstance -ClassName Win32_Printer -Filter 'Default=TRUE' | ForEach-Object { Get-Printer -Name $_.Name }`;
  return {
    file: 'powershell.exe',
    args: ['-NoProfile', '-NonInteractive', '-Command', `(${selector}).PrinterStatus.ToString()`],
    env: queue ? { [PRINTER_NAME_VARIABLE]: queue } : {},
  };
}

const WINDOWS_STATUS: Record<string, PrinterStateName> = {
  Normal: 'ready',
  Printing: 'printing',
  Processing: 'printing',
  Busy: 'printing',
  IOActive: 'printing',
  WarmingUp: 'printing',
  Initializing: 'printing',
  Waiting: 'ready',
  PowerSave: 'ready',
  TonerLow: 'ready',
  Paused: 'paused',
  PendingDeletion: 'paused',
  PaperOut: 'paper-out',
  Offline: 'offline',
  NotAvailable: 'offline',
  ServerUnknown: 'offline',
};

/** Get-Printer's PrinterStatus name → our state; anything unlisted (jams, door open…) is an error. */
export function printerStateFromWindows(status: string): PrinterState {
  const name = status.trim();
  return { state: WINDOWS_STATUS[name] ?? 'error', reasons: name === 'Normal' ? [] : [name] };
}

export interface WindowsSpoolerOptions {
  /** The printer's system name; the default printer when absent. */
  queue?: string;
  /** Get-Printer must answer within this. */
  commandTimeoutMs?: number;
}

export function createWindowsSpoolerPrinter(options: WindowsSpoolerOptions = {}): DocumentPrinter {
  const timeout = options.commandTimeoutMs ?? 15_000;
  let nextJobId = 1;
  const name = options.queue ?? '(default printer)';
  const state = async (): Promise<PrinterState> => {
    const { file, args, env } = getPrinterStatusCommand(options.queue);
    try {
      const { stdout } = await promisify(execFile)(file, args, {
        timeout,
        windowsHide: true,
        env: { ...process.env, ...env },
      });
      return printerStateFromWindows(stdout);
    } catch (error) {
      throw new LinliError(
        'PERIPHERAL_UNAVAILABLE',
        `Printer ${name} is not known to Windows (${(error as Error).message.split('\n')[0]})`,
      );
    }
  };
  return {
    name,
    state,
    async print(pdf, request) {
      const current = await state();
      if (current.state === 'paper-out') throw new LinliError('PRINTER_PAPER_OUT', `Printer ${name} is out of paper`);
      if (current.state !== 'ready' && current.state !== 'printing')
        throw new LinliError('PERIPHERAL_UNAVAILABLE', `Printer ${name} is ${current.state}`);
      const directory = await mkdtemp(path.join(os.tmpdir(), 'linli-print-'));
      const file = path.join(directory, 'form.pdf');
      try {
        await writeFile(file, pdf);
        const { print } = await import('pdf-to-printer');
        await print(file, pdfToPrinterOptions(options.queue, request));
      } catch (error) {
        throw new LinliError('PRINT_FAILED', `Printing on ${name} failed: ${(error as Error).message}`);
      } finally {
        await rm(directory, { recursive: true, force: true });
      }
      const jobId = nextJobId++;
      request.onProgress?.({ jobId, state: 'completed', reasons: [] });
      return { jobId, state: 'completed' };
    },
    async cancel() {
      // SumatraPDF hands the job to the spooler and returns no id: there is nothing to cancel by.
    },
  };
}
