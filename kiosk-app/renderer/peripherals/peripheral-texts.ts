/** The words for peripheral things on screen: card types, peripheral kinds and states, and errors. */
import { LinliError, type IdCardType, type PeripheralKind, type PeripheralState } from '@linli/protocol';
import type { STRINGS } from '../i18n';

type Strings = (typeof STRINGS)['zh-Hans'];

export function cardTypeText(t: Strings, type: IdCardType): string {
  return {
    resident: t.cardTypeResident,
    'hk-mo-tw-permit': t.cardTypePermit,
    'foreign-permanent-2017': t.cardTypeForeign2017,
    'foreign-permanent-2023': t.cardTypeForeign2023,
  }[type];
}

export function deviceKindText(t: Strings, kind: PeripheralKind): string {
  return {
    'id-card-reader': t.kindIdCardReader,
    'receipt-printer': t.kindReceiptPrinter,
    'a4-printer': t.kindA4Printer,
    scanner: t.kindScanner,
  }[kind];
}

export function deviceStateText(t: Strings, state: PeripheralState): string {
  return {
    starting: t.deviceStarting,
    ok: t.deviceOk,
    offline: t.deviceOffline,
    'paper-out': t.devicePaperOut,
    error: t.deviceError,
  }[state];
}

/** What a resident is told when reading a card fails; the code decides, never the raw message. */
export function idCardErrorText(t: Strings, error: unknown): string {
  const code = error instanceof LinliError ? error.code : undefined;
  switch (code) {
    case 'ID_CARD_TIMEOUT':
      return t.errorTimeout;
    case 'ID_CARD_READ_FAILED':
      return t.errorReadFailed;
    case 'ID_CARD_INVALID':
      return t.errorInvalid;
    case 'PERIPHERAL_UNKNOWN':
      return t.errorNoReader;
    default:
      return t.errorReaderUnavailable;
  }
}
