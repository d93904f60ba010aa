/** The SAM commands a kiosk uses and the status byte (SW3) every reply carries. */
import type { ErrorCode } from '@linli/protocol';

export const SAM_COMMANDS = {
  resetSam: [0x10, 0xff],
  samStatus: [0x11, 0xff],
  readSamId: [0x12, 0xff],
  findCard: [0x20, 0x01],
  selectCard: [0x20, 0x02],
  readText: [0x30, 0x01],
  readAppendedAddress: [0x30, 0x03],
} as const satisfies Record<string, readonly [number, number]>;

export const SW_SUCCESS = 0x90;
export const SW_FIND_SUCCESS = 0x9f;
export const SW_NO_CARD = 0x80;
export const SW_SELECT_FAILED = 0x81;
export const SW_NO_CONTENT = 0x91;

interface StatusMeaning {
  meaning: string;
  /** The code a caller gets when this status ends an operation. */
  error: ErrorCode;
}

/** SW3 values from the SAM interface documents (GA 467); anything else is reported by number. */
const STATUS: Record<number, StatusMeaning> = {
  0x10: { meaning: 'reader got a frame with a bad checksum', error: 'DEVICE_PROTOCOL_ERROR' },
  0x11: { meaning: 'reader got a frame with a bad length', error: 'DEVICE_PROTOCOL_ERROR' },
  0x21: { meaning: 'reader does not know the command', error: 'DEVICE_PROTOCOL_ERROR' },
  0x23: { meaning: 'operation not authorised', error: 'ID_CARD_READ_FAILED' },
  0x24: { meaning: 'unrecognised error', error: 'ID_CARD_READ_FAILED' },
  0x31: { meaning: 'card failed to authenticate the reader', error: 'ID_CARD_READ_FAILED' },
  0x32: { meaning: 'reader failed to authenticate the card', error: 'ID_CARD_READ_FAILED' },
  0x33: { meaning: 'information verification failed', error: 'ID_CARD_READ_FAILED' },
  0x40: { meaning: 'not an ID card of a readable type', error: 'ID_CARD_READ_FAILED' },
  0x41: { meaning: 'reading the card failed', error: 'ID_CARD_READ_FAILED' },
  0x47: { meaning: 'getting a random number from the card failed', error: 'ID_CARD_READ_FAILED' },
  0x60: { meaning: 'SAM self-test failed', error: 'PERIPHERAL_UNAVAILABLE' },
  0x66: { meaning: 'reader not authorised (SAM)', error: 'PERIPHERAL_UNAVAILABLE' },
  0x80: { meaning: 'no card found', error: 'ID_CARD_READ_FAILED' },
  0x81: { meaning: 'selecting the card failed', error: 'ID_CARD_READ_FAILED' },
  0x91: { meaning: 'no content for this item', error: 'ID_CARD_READ_FAILED' },
};

export function describeStatus(status: number): StatusMeaning {
  return (
    STATUS[status] ?? {
      meaning: `unknown status 0x${status.toString(16).padStart(2, '0')}`,
      error: 'DEVICE_PROTOCOL_ERROR',
    }
  );
}
