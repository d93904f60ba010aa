/**
 * A4 printing through CUPS over IPP: the queue's state, Print-Job with the PDF, then following
 * the job with Get-Job-Attributes until CUPS says it is completed (for CUPS that means the
 * backend has delivered the last byte to the printer). Every wait is bounded.
 */
import os from 'node:os';
import { LinliError } from '@linli/protocol/errors';
import {
  judgeJob,
  printerStateFromIpp,
  refusalBeforePrinting,
  type DocumentPrinter,
  type JobStateName,
  type PrinterState,
  type PrintRequest,
} from './document-printer';
import { CUPS_GET_DEFAULT, ippList, ippRequest, type IppMessage, type IppResponse } from './ipp-request';

export interface CupsPrinterOptions {
  /** The CUPS queue; the CUPS default printer when absent. */
  queue?: string;
  /** host:port of cupsd. */
  server?: string;
  /** The whole job, from sending to completed, must take less than this. */
  jobTimeoutMs?: number;
  /** One IPP request. */
  requestTimeoutMs?: number;
  pollIntervalMs?: number;
  /** requesting-user-name: CUPS lets the owner cancel; defaults to the process's user. */
  userName?: string;
}

const DEFAULTS = { server: 'localhost:631', jobTimeoutMs: 120_000, requestTimeoutMs: 5_000, pollIntervalMs: 250 };

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** The CUPS default printer's name, or undefined when there is none. */
export async function cupsDefaultQueue(
  server = DEFAULTS.server,
  timeoutMs = DEFAULTS.requestTimeoutMs,
): Promise<string | undefined> {
  const response = await ippRequest(
    `http://${server}/`,
    {
      operation: 'CUPS-Get-Default',
      operationId: CUPS_GET_DEFAULT,
      operationAttributes: { 'requested-attributes': ['printer-name'] },
    },
    timeoutMs,
  );
  if (response.statusCode !== 'successful-ok') return undefined;
  const name = response.printerAttributes['printer-name'];
  return typeof name === 'string' ? name : undefined;
}

/** Resolves the queue (the default one when none is configured) and returns the printer. */
export async function createCupsPrinter(options: CupsPrinterOptions = {}): Promise<DocumentPrinter> {
  const settings = { ...DEFAULTS, ...options };
  const queue = options.queue ?? (await cupsDefaultQueue(settings.server, settings.requestTimeoutMs));
  if (!queue)
    throw new LinliError(
      'PERIPHERAL_UNAVAILABLE',
      `CUPS at ${settings.server} has no default printer and none is configured`,
    );
  return new CupsPrinter(queue, settings, options.userName ?? os.userInfo().username);
}

class CupsPrinter implements DocumentPrinter {
  private readonly url: string;
  private readonly printerUri: string;

  constructor(
    readonly name: string,
    private readonly settings: typeof DEFAULTS,
    private readonly userName: string,
  ) {
    this.url = `http://${settings.server}/printers/${encodeURIComponent(name)}`;
    this.printerUri = `ipp://${settings.server}/printers/${encodeURIComponent(name)}`;
  }

  private request(message: IppMessage): Promise<IppResponse> {
    return ippRequest(
      this.url,
      {
        ...message,
        operationAttributes: {
          'printer-uri': this.printerUri,
          'requesting-user-name': this.userName,
          ...message.operationAttributes,
        },
      },
      this.settings.requestTimeoutMs,
    );
  }

  private queueMissing(): LinliError {
    return new LinliError('PERIPHERAL_UNAVAILABLE', `Printer queue ${this.name} does not exist in CUPS`);
  }

  async state(): Promise<PrinterState> {
    const response = await this.request({
      operation: 'Get-Printer-Attributes',
      operationAttributes: {
        'requested-attributes': ['printer-state', 'printer-state-reasons', 'printer-is-accepting-jobs'],
      },
    });
    if (response.statusCode === 'client-error-not-found') throw this.queueMissing();
    if (!response.statusCode.startsWith('successful'))
      throw new LinliError(
        'PERIPHERAL_UNAVAILABLE',
        `CUPS did not report the state of ${this.name} (${response.statusCode})`,
      );
    const attributes = response.printerAttributes;
    const state = printerStateFromIpp(
      attributes['printer-state'] as string | number | undefined,
      ippList(attributes['printer-state-reasons']),
    );
    // A queue that rejects jobs (cupsreject) prints nothing: as good as paused for the kiosk.
    if (attributes['printer-is-accepting-jobs'] === false && state.state !== 'paper-out')
      return { state: 'paused', reasons: [...state.reasons, 'not-accepting-jobs'] };
    return state;
  }

  async print(pdf: Uint8Array, request: PrintRequest): Promise<{ jobId: number; state: 'completed' }> {
    const refusal = refusalBeforePrinting(await this.state(), this.name);
    if (refusal) throw new LinliError(refusal.code, refusal.message);
    const submitted = await this.request({
      operation: 'Print-Job',
      operationAttributes: { 'job-name': request.title, 'document-format': 'application/pdf' },
      jobAttributes: { media: 'iso_a4_210x297mm', sides: 'one-sided', copies: request.copies ?? 1 },
      data: pdf,
    });
    if (submitted.statusCode === 'client-error-not-found') throw this.queueMissing();
    const jobId = submitted.jobAttributes['job-id'];
    if (!submitted.statusCode.startsWith('successful') || typeof jobId !== 'number') {
      const detail = submitted.operationAttributes['status-message'] ?? submitted.statusCode;
      throw new LinliError('PRINT_FAILED', `CUPS refused the job for ${this.name}: ${String(detail)}`);
    }
    try {
      await this.follow(jobId, request);
      return { jobId, state: 'completed' };
    } catch (error) {
      // A job the kiosk has given up on must not print later, for a resident who has left.
      await this.cancel(jobId).catch(() => undefined);
      throw error;
    }
  }

  private async follow(jobId: number, request: PrintRequest): Promise<void> {
    const deadline = Date.now() + this.settings.jobTimeoutMs;
    let reported = '';
    for (;;) {
      const { jobState, jobReasons, printer } = await this.pollJob(jobId);
      const progressKey = `${jobState}|${jobReasons.join(',')}`;
      if (progressKey !== reported) {
        reported = progressKey;
        request.onProgress?.({ jobId, state: jobState, reasons: jobReasons });
      }
      const verdict = judgeJob(jobState, jobReasons, printer);
      if (verdict.kind === 'completed') return;
      if (verdict.kind === 'failed')
        throw new LinliError(verdict.code, `Print job ${jobId} on ${this.name} failed: ${verdict.reason}`);
      if (Date.now() >= deadline) {
        throw new LinliError(
          'PRINT_FAILED',
          `Print job ${jobId} on ${this.name} did not complete within ${Math.round(this.settings.jobTimeoutMs / 1000)} s (last state ${jobState}, printer ${printer.state})`,
        );
      }
      await sleep(this.settings.pollIntervalMs);
    }
  }

  /** The job and its printer, now; a vanished queue or spooler fails the job, naming the queue. */
  private async pollJob(
    jobId: number,
  ): Promise<{ jobState: JobStateName; jobReasons: string[]; printer: PrinterState }> {
    try {
      const job = await this.request({
        operation: 'Get-Job-Attributes',
        operationAttributes: { 'job-id': jobId, 'requested-attributes': ['job-state', 'job-state-reasons'] },
      });
      if (job.statusCode === 'client-error-not-found')
        throw new LinliError(
          'PRINT_FAILED',
          `Print job ${jobId} vanished: printer queue ${this.name} no longer exists`,
        );
      const jobState = String(job.jobAttributes['job-state']) as JobStateName;
      const jobReasons = ippList(job.jobAttributes['job-state-reasons']);
      // A finished job needs no printer state, and the queue may already be gone.
      if (jobState === 'completed' || jobState === 'canceled' || jobState === 'aborted')
        return { jobState, jobReasons, printer: { state: 'ready', reasons: [] } };
      return { jobState, jobReasons, printer: await this.state() };
    } catch (error) {
      if (error instanceof LinliError && error.code === 'PERIPHERAL_UNAVAILABLE') {
        throw new LinliError('PRINT_FAILED', `Print job ${jobId} on ${this.name} failed: ${error.message}`);
      }
      throw error;
    }
  }

  async cancel(jobId: number): Promise<void> {
    const response = await this.request({ operation: 'Cancel-Job', operationAttributes: { 'job-id': jobId } });
    // Already finished or already canceled: nothing left to cancel.
    if (
      response.statusCode === 'successful-ok' ||
      response.statusCode === 'client-error-not-possible' ||
      response.statusCode === 'client-error-not-found'
    )
      return;
    throw new LinliError('PRINT_FAILED', `CUPS did not cancel job ${jobId} on ${this.name} (${response.statusCode})`);
  }
}
