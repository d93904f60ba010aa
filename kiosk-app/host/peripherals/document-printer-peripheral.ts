/** An A4 printer (the system spooler, or a PDF folder), as the kiosk runs it: its state polled, jobs followed. */
import type {
  DocumentPrinter,
  PrinterState,
  PrintRequest,
} from '@linli/device-drivers/document-printer/document-printer';
import {
  createDocumentPrinter,
  type DocumentPrinterConfig,
} from '@linli/device-drivers/document-printer/printer-choice';
import { superviseConnection, type HealthReport } from './connection-supervisor';

export interface DocumentPrintRequest extends PrintRequest {
  /** Aborting cancels the job in the spooler, e.g. when the resident's visit ends before it printed. */
  signal?: AbortSignal;
}

export interface DocumentPrinterPeripheral {
  print(pdf: Uint8Array, request: DocumentPrintRequest): Promise<void>;
  stop(): Promise<void>;
}

function asCode(reason: string): string | undefined {
  const code = reason
    .replace(/([a-z])([A-Z])/g, '$1_$2')
    .replace(/-/g, '_')
    .toUpperCase();
  return /^[A-Z][A-Z0-9_]{0,63}$/.test(code) ? code : undefined;
}

export function healthOfPrinter(state: PrinterState): HealthReport {
  const reasons = state.reasons.filter((reason) => reason !== 'none');
  const detail = reasons.join(', ') || undefined;
  // IPP reason keywords (media-jam-error) and Windows status names (PaperJam) read as codes.
  const code = reasons[0] && asCode(reasons[0]);
  const withDetail = (report: HealthReport): HealthReport => (detail ? { ...report, detail, code } : report);
  switch (state.state) {
    case 'ready':
    case 'printing':
      return withDetail({ state: 'ok' });
    case 'paper-out':
      return withDetail({ state: 'paper-out' });
    case 'offline':
      return withDetail({ state: 'offline' });
    case 'paused':
      return { state: 'error', detail: `paused${detail ? `: ${detail}` : ''}`, code: 'PAUSED' };
    case 'error':
      return withDetail({ state: 'error' });
  }
}

/** A spooler queue has no link to lose; the supervisor's "connection" is the queue handle. */
interface QueueHandle {
  printer: DocumentPrinter;
  onClose: () => () => void;
  close: () => Promise<void>;
}

export function startDocumentPrinter(
  config: DocumentPrinterConfig,
  checkEveryMs: number,
  onHealth: (report: HealthReport) => void,
): DocumentPrinterPeripheral {
  const supervisor = superviseConnection<QueueHandle>({
    open: async () => ({
      printer: await createDocumentPrinter(config, process.platform),
      onClose: () => () => undefined,
      close: async () => undefined,
    }),
    check: async ({ printer }) => healthOfPrinter(await printer.state()),
    checkEveryMs,
    onHealth,
  });
  return {
    async print(pdf, request) {
      const handle = await supervisor.connected(`A4 printer ${config.id}`);
      const { signal, ...printRequest } = request;
      let jobId: number | undefined;
      const cancel = () => {
        if (jobId !== undefined) void handle.printer.cancel(jobId).catch(() => undefined);
      };
      signal?.addEventListener('abort', cancel, { once: true });
      try {
        await handle.printer.print(pdf, {
          ...printRequest,
          onProgress: (progress) => {
            jobId = progress.jobId;
            if (signal?.aborted) cancel();
            request.onProgress?.(progress);
          },
        });
      } finally {
        signal?.removeEventListener('abort', cancel);
        void supervisor.checkNow();
      }
    },
    stop: () => supervisor.stop(),
  };
}
