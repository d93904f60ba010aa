/**
 * An A4 printer reached through the operating system's spooler (CUPS, the Windows spooler): what
 * the kiosk host needs — is it ready, print this PDF and tell me when it is on paper, cancel.
 * The pure functions below turn IPP's printer and job states into those answers.
 */
import type { ErrorCode } from '@linli/protocol/errors';

export const PRINTER_STATES = ['ready', 'printing', 'paused', 'offline', 'paper-out', 'error'] as const;
export type PrinterStateName = (typeof PRINTER_STATES)[number];

export interface PrinterState {
  state: PrinterStateName;
  /** The spooler's reasons as it gives them (e.g. media-empty-error), for the technician. */
  reasons: string[];
}

/** IPP job states (RFC 8011 §5.3.7), by keyword. */
export type JobStateName =
  'pending' | 'pending-held' | 'processing' | 'processing-stopped' | 'canceled' | 'aborted' | 'completed';

export interface PrintProgress {
  jobId: number;
  state: JobStateName;
  reasons: string[];
}

export interface PrintRequest {
  /** The job's name in the queue (not personal data: it shows in spooler logs). */
  title: string;
  copies?: number;
  onProgress?: (progress: PrintProgress) => void;
}

export interface DocumentPrinter {
  /** The queue name. */
  readonly name: string;
  state(): Promise<PrinterState>;
  /** Resolves when the printer has the whole job; rejects with a LinliError otherwise (and cancels the job). */
  print(pdf: Uint8Array, request: PrintRequest): Promise<{ jobId: number; state: 'completed' }>;
  cancel(jobId: number): Promise<void>;
}

/** "media-empty-error" → "media-empty": RFC 8011 severity suffixes do not change the meaning. */
function baseReason(reason: string): string {
  return reason.replace(/-(error|warning|report)$/, '');
}

const PAPER_OUT_REASONS = new Set(['media-empty', 'media-needed']);
const OFFLINE_REASONS = new Set(['offline', 'shutdown', 'timed-out', 'connecting-to-device']);
const ERROR_REASONS = new Set([
  'media-jam',
  'door-open',
  'cover-open',
  'marker-supply-empty',
  'toner-empty',
  'output-area-full',
  'cups-missing-filter',
  'cups-insecure-filter',
]);

/**
 * IPP printer-state (idle / processing / stopped, or 3 / 4 / 5) and printer-state-reasons →
 * our state. What the staff must fix wins over what the queue is doing: paper out, then offline,
 * then a fault, then paused (CUPS reports a disabled queue as stopped + "paused").
 */
export function printerStateFromIpp(
  printerState: string | number | undefined,
  reasons: readonly string[],
): PrinterState {
  const meaningful = reasons.filter((reason) => reason !== 'none');
  const bases = new Set(
    meaningful.filter((reason) => !reason.endsWith('-report') || reason.startsWith('offline')).map(baseReason),
  );
  const has = (set: ReadonlySet<string>) => [...bases].some((reason) => set.has(reason));
  const keyword =
    typeof printerState === 'number'
      ? ({ 3: 'idle', 4: 'processing', 5: 'stopped' } as Record<number, string>)[printerState]
      : printerState;
  let state: PrinterStateName;
  if (has(PAPER_OUT_REASONS)) state = 'paper-out';
  else if (has(OFFLINE_REASONS)) state = 'offline';
  else if (has(ERROR_REASONS)) state = 'error';
  else if (bases.has('paused') || bases.has('moving-to-paused')) state = 'paused';
  else if (keyword === 'idle') state = 'ready';
  else if (keyword === 'processing') state = 'printing';
  else state = 'error';
  return { state, reasons: meaningful };
}

/** What to do next while following a job. */
export type JobVerdict = { kind: 'wait' } | { kind: 'completed' } | { kind: 'failed'; code: ErrorCode; reason: string };

/**
 * One poll of a job: its state and reasons, and the printer's state at the same moment.
 * Canceled or aborted → failed; a stopped, paused or faulty printer → failed (the job would sit
 * there until someone comes, while the resident waits); out of paper → PRINTER_PAPER_OUT.
 * An offline printer is waited for: network printers drop out for seconds and come back.
 */
export function judgeJob(jobState: JobStateName, jobReasons: readonly string[], printer: PrinterState): JobVerdict {
  const reasons = jobReasons.filter((reason) => reason !== 'none').join(', ');
  if (jobState === 'completed') return { kind: 'completed' };
  if (jobState === 'canceled')
    return { kind: 'failed', code: 'PRINT_FAILED', reason: `the job was canceled${reasons ? ` (${reasons})` : ''}` };
  if (jobState === 'aborted')
    return {
      kind: 'failed',
      code: 'PRINT_FAILED',
      reason: `the spooler aborted the job${reasons ? ` (${reasons})` : ''}`,
    };
  if (printer.state === 'paper-out')
    return { kind: 'failed', code: 'PRINTER_PAPER_OUT', reason: 'the printer is out of paper' };
  if (printer.state === 'paused')
    return { kind: 'failed', code: 'PRINT_FAILED', reason: 'the printer queue is paused' };
  if (printer.state === 'error')
    return {
      kind: 'failed',
      code: 'PRINT_FAILED',
      reason: `the printer reports a fault (${printer.reasons.join(', ') || 'stopped'})`,
    };
  if (jobState === 'processing-stopped' && printer.state !== 'offline')
    return {
      kind: 'failed',
      code: 'PRINT_FAILED',
      reason: `the printer stopped the job${reasons ? ` (${reasons})` : ''}`,
    };
  if (jobState === 'pending-held')
    return { kind: 'failed', code: 'PRINT_FAILED', reason: `the job is held${reasons ? ` (${reasons})` : ''}` };
  return { kind: 'wait' };
}

/** Before sending a job: a printer that cannot print now is reported, not queued for later. */
export function refusalBeforePrinting(
  printer: PrinterState,
  queue: string,
): { code: ErrorCode; message: string } | undefined {
  if (printer.state === 'paper-out') return { code: 'PRINTER_PAPER_OUT', message: `Printer ${queue} is out of paper` };
  if (printer.state === 'ready' || printer.state === 'printing') return undefined;
  return {
    code: 'PERIPHERAL_UNAVAILABLE',
    message: `Printer ${queue} is ${printer.state}${printer.reasons.length ? ` (${printer.reasons.join(', ')})` : ''}`,
  };
}
