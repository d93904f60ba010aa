/**
 * Real-time status (`DLE EOT n`): the request bytes, the meaning of each one-byte reply, and the
 * decision whether a printer in that state can take a job. The bit layout is the same in the Epson,
 * Bixolon, Citizen, CBM and HPRT manuals. Pure.
 */
import { LinliError } from '@linli/protocol';

/** 1 printer, 2 offline cause, 3 error cause, 4 roll paper sensor. */
export type StatusRequestKind = 1 | 2 | 3 | 4;

/** Bits 1 and 4 are always 1, bits 0 and 7 always 0: an all-clear reply is `12`. */
const FIXED_MASK = 0x93;
const FIXED_VALUE = 0x12;

export function statusRequestCommand(kind: StatusRequestKind): Uint8Array {
  return Uint8Array.of(0x10, 0x04, kind);
}

export interface PrinterStatusReply {
  /** n = 1, bit 2. */
  drawerPin3High: boolean;
  /** n = 1, bit 3. */
  offline: boolean;
}
export interface OfflineCauseReply {
  /** n = 2, bit 2. */
  coverOpen: boolean;
  /** n = 2, bit 3: someone holds the feed button. */
  paperFedByButton: boolean;
  /** n = 2, bit 5: printing stopped because the paper ran out. */
  stoppedOnPaperEnd: boolean;
  /** n = 2, bit 6: an error is pending; DLE EOT 3 says which. */
  errorOccurred: boolean;
}
export interface ErrorCauseReply {
  /** n = 3, bit 3: recoverable with DLE ENQ. */
  cutterError: boolean;
  /** n = 3, bit 5. */
  unrecoverableError: boolean;
  /** n = 3, bit 6, e.g. the head overheated; clears by itself. */
  autoRecoverableError: boolean;
}
export interface RollPaperReply {
  /** n = 4, bits 2–3. */
  paperNearEnd: boolean;
  /** n = 4, bits 5–6. */
  paperEnd: boolean;
}

export interface StatusReplies {
  1: PrinterStatusReply;
  2: OfflineCauseReply;
  3: ErrorCauseReply;
  4: RollPaperReply;
}

const bit = (byte: number, mask: number) => (byte & mask) !== 0;

/** One reply byte → its meaning; a byte with wrong fixed bits is not a status reply at all. */
export function parseStatusReply<K extends StatusRequestKind>(kind: K, byte: number): StatusReplies[K] {
  if (!Number.isInteger(byte) || byte < 0 || byte > 0xff || (byte & FIXED_MASK) !== FIXED_VALUE) {
    const hex = Number.isInteger(byte) && byte >= 0 && byte <= 0xff ? byte.toString(16).padStart(2, '0') : String(byte);
    throw new LinliError(
      'DEVICE_PROTOCOL_ERROR',
      `Printer status reply ${hex} to DLE EOT ${kind} has wrong fixed bits (bits 1 and 4 must be 1, bits 0 and 7 must be 0)`,
    );
  }
  const replies: { [N in StatusRequestKind]: () => StatusReplies[N] } = {
    1: () => ({ drawerPin3High: bit(byte, 0x04), offline: bit(byte, 0x08) }),
    2: () => ({
      coverOpen: bit(byte, 0x04),
      paperFedByButton: bit(byte, 0x08),
      stoppedOnPaperEnd: bit(byte, 0x20),
      errorOccurred: bit(byte, 0x40),
    }),
    3: () => ({
      cutterError: bit(byte, 0x08),
      unrecoverableError: bit(byte, 0x20),
      autoRecoverableError: bit(byte, 0x40),
    }),
    // Both bits of a pair report the same sensor; firmware that sets only one still means it.
    4: () => ({ paperNearEnd: bit(byte, 0x0c), paperEnd: bit(byte, 0x60) }),
  };
  return replies[kind]();
}

/** The reply byte a printer in this state sends (the simulator's side of `parseStatusReply`). */
export function encodeStatusReply<K extends StatusRequestKind>(kind: K, reply: StatusReplies[K]): number {
  const flags = reply as Partial<PrinterStatusReply & OfflineCauseReply & ErrorCauseReply & RollPaperReply>;
  const set = (on: boolean | undefined, mask: number) => (on ? mask : 0);
  switch (kind) {
    case 1:
      return FIXED_VALUE | set(flags.drawerPin3High, 0x04) | set(flags.offline, 0x08);
    case 2:
      return (
        FIXED_VALUE |
        set(flags.coverOpen, 0x04) |
        set(flags.paperFedByButton, 0x08) |
        set(flags.stoppedOnPaperEnd, 0x20) |
        set(flags.errorOccurred, 0x40)
      );
    case 3:
      return (
        FIXED_VALUE |
        set(flags.cutterError, 0x08) |
        set(flags.unrecoverableError, 0x20) |
        set(flags.autoRecoverableError, 0x40)
      );
    default:
      return FIXED_VALUE | set(flags.paperNearEnd, 0x0c) | set(flags.paperEnd, 0x60);
  }
}

/** What the driver reports: the four replies folded into what a caller acts on. */
export interface ReceiptPrinterStatus {
  online: boolean;
  coverOpen: boolean;
  /** Paper ran out (roll sensor) or printing stopped on paper end. */
  paperOut: boolean;
  /** Still printing, but the roll should be changed soon. */
  paperNearEnd: boolean;
  paperFedByButton: boolean;
  cutterError: boolean;
  unrecoverableError: boolean;
  autoRecoverableError: boolean;
}

/** Folds the replies; `errorCause` is absent when DLE EOT 2 reported no error (3 was not asked). */
export function combineStatus(replies: {
  printer: PrinterStatusReply;
  offlineCause: OfflineCauseReply;
  rollPaper: RollPaperReply;
  errorCause?: ErrorCauseReply;
}): ReceiptPrinterStatus {
  const { printer, offlineCause, rollPaper, errorCause } = replies;
  return {
    online: !printer.offline,
    coverOpen: offlineCause.coverOpen,
    paperOut: offlineCause.stoppedOnPaperEnd || rollPaper.paperEnd,
    paperNearEnd: rollPaper.paperNearEnd,
    paperFedByButton: offlineCause.paperFedByButton,
    cutterError: errorCause?.cutterError ?? false,
    unrecoverableError: errorCause?.unrecoverableError ?? false,
    autoRecoverableError: errorCause?.autoRecoverableError ?? false,
  };
}

/** Should DLE EOT 3 be asked? Only when DLE EOT 2 says an error is pending. */
export function needsErrorCause(offlineCause: OfflineCauseReply): boolean {
  return offlineCause.errorOccurred;
}

/**
 * Why this printer cannot take a job now, as the error to show, or undefined when it can.
 * Paper and cover come first because a person at the kiosk can fix them; a near-end roll is fine.
 */
export function notReadyReason(status: ReceiptPrinterStatus, printerName: string): LinliError | undefined {
  if (status.paperOut) return new LinliError('PRINTER_PAPER_OUT', `Receipt printer ${printerName} is out of paper`);
  if (status.coverOpen)
    return new LinliError('PRINTER_COVER_OPEN', `Receipt printer ${printerName} has its cover open`);
  if (status.cutterError)
    return new LinliError(
      'PERIPHERAL_UNAVAILABLE',
      `Receipt printer ${printerName} reports a cutter error (paper jam?)`,
    );
  if (status.unrecoverableError)
    return new LinliError(
      'PERIPHERAL_UNAVAILABLE',
      `Receipt printer ${printerName} reports an unrecoverable error; switch it off and on`,
    );
  if (status.autoRecoverableError)
    return new LinliError(
      'PERIPHERAL_UNAVAILABLE',
      `Receipt printer ${printerName} is recovering from an error (e.g. overheated head); try again shortly`,
    );
  if (!status.online) return new LinliError('PERIPHERAL_UNAVAILABLE', `Receipt printer ${printerName} is offline`);
  return undefined;
}
