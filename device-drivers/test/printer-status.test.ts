import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  combineStatus,
  encodeStatusReply,
  needsErrorCause,
  notReadyReason,
  parseStatusReply,
  statusRequestCommand,
  type ReceiptPrinterStatus,
} from '../src/receipt-printer/printer-status';

test('DLE EOT n request bytes', () => {
  assert.deepEqual([...statusRequestCommand(1)], [0x10, 0x04, 0x01]);
  assert.deepEqual([...statusRequestCommand(4)], [0x10, 0x04, 0x04]);
});

test('n = 1 printer status: all clear 12, drawer pin 3 = bit 2, offline = bit 3', () => {
  assert.deepEqual(parseStatusReply(1, 0x12), { drawerPin3High: false, offline: false });
  assert.deepEqual(parseStatusReply(1, 0x16), { drawerPin3High: true, offline: false });
  assert.deepEqual(parseStatusReply(1, 0x1a), { drawerPin3High: false, offline: true });
});

test('n = 2 offline cause: cover bit 2, feed button bit 3, paper end stop bit 5, error bit 6', () => {
  const clear = { coverOpen: false, paperFedByButton: false, stoppedOnPaperEnd: false, errorOccurred: false };
  assert.deepEqual(parseStatusReply(2, 0x12), clear);
  assert.deepEqual(parseStatusReply(2, 0x16), { ...clear, coverOpen: true });
  assert.deepEqual(parseStatusReply(2, 0x1a), { ...clear, paperFedByButton: true });
  assert.deepEqual(parseStatusReply(2, 0x32), { ...clear, stoppedOnPaperEnd: true });
  assert.deepEqual(parseStatusReply(2, 0x52), { ...clear, errorOccurred: true });
  assert.equal(needsErrorCause(parseStatusReply(2, 0x52)), true);
  assert.equal(needsErrorCause(parseStatusReply(2, 0x12)), false);
});

test('n = 3 error cause: cutter bit 3, unrecoverable bit 5, auto-recoverable bit 6', () => {
  const clear = { cutterError: false, unrecoverableError: false, autoRecoverableError: false };
  assert.deepEqual(parseStatusReply(3, 0x12), clear);
  assert.deepEqual(parseStatusReply(3, 0x1a), { ...clear, cutterError: true });
  assert.deepEqual(parseStatusReply(3, 0x32), { ...clear, unrecoverableError: true });
  assert.deepEqual(parseStatusReply(3, 0x52), { ...clear, autoRecoverableError: true });
});

test('n = 4 roll sensor: near end bits 2-3, paper end bits 5-6 (either bit of a pair counts)', () => {
  assert.deepEqual(parseStatusReply(4, 0x12), { paperNearEnd: false, paperEnd: false });
  assert.deepEqual(parseStatusReply(4, 0x1e), { paperNearEnd: true, paperEnd: false });
  assert.deepEqual(parseStatusReply(4, 0x72), { paperNearEnd: false, paperEnd: true });
  assert.deepEqual(parseStatusReply(4, 0x7e), { paperNearEnd: true, paperEnd: true });
  assert.deepEqual(parseStatusReply(4, 0x16), { paperNearEnd: true, paperEnd: false });
  assert.deepEqual(parseStatusReply(4, 0x32), { paperNearEnd: false, paperEnd: true });
});

test('a byte with wrong fixed bits is a protocol error, not a status', () => {
  for (const byte of [0x00, 0x13, 0x92, 0x10, 0x02, 0xff, 0x41]) {
    assert.throws(() => parseStatusReply(1, byte), { code: 'DEVICE_PROTOCOL_ERROR' }, `byte ${byte.toString(16)}`);
  }
});

test('every reply the simulator encodes parses back to itself', () => {
  for (let byte = 0; byte < 256; byte++) {
    if ((byte & 0x93) !== 0x12) continue;
    for (const kind of [1, 2, 3] as const) {
      const reply = parseStatusReply(kind, byte);
      assert.deepEqual(parseStatusReply(kind, encodeStatusReply(kind, reply)), reply);
    }
  }
  assert.equal(encodeStatusReply(4, { paperNearEnd: true, paperEnd: true }), 0x7e);
});

const READY: ReceiptPrinterStatus = combineStatus({
  printer: parseStatusReply(1, 0x12),
  offlineCause: parseStatusReply(2, 0x12),
  rollPaper: parseStatusReply(4, 0x12),
});

test('combined status and what keeps a printer from taking a job', () => {
  assert.deepEqual(READY, {
    online: true,
    coverOpen: false,
    paperOut: false,
    paperNearEnd: false,
    paperFedByButton: false,
    cutterError: false,
    unrecoverableError: false,
    autoRecoverableError: false,
  });
  assert.equal(notReadyReason(READY, 'p1'), undefined);
  assert.equal(notReadyReason({ ...READY, paperNearEnd: true }, 'p1'), undefined);
  assert.equal(notReadyReason({ ...READY, paperOut: true, online: false }, 'p1')?.code, 'PRINTER_PAPER_OUT');
  assert.equal(notReadyReason({ ...READY, coverOpen: true, online: false }, 'p1')?.code, 'PRINTER_COVER_OPEN');
  assert.equal(notReadyReason({ ...READY, online: false }, 'p1')?.code, 'PERIPHERAL_UNAVAILABLE');
  assert.equal(notReadyReason({ ...READY, cutterError: true }, 'p1')?.code, 'PERIPHERAL_UNAVAILABLE');
  assert.match(notReadyReason({ ...READY, paperOut: true }, 'front-desk')?.message ?? '', /front-desk/);
});

test('paper out is seen from the roll sensor or from "stopped on paper end"', () => {
  const fromSensor = combineStatus({
    printer: parseStatusReply(1, 0x1a),
    offlineCause: parseStatusReply(2, 0x12),
    rollPaper: parseStatusReply(4, 0x72),
  });
  const fromStop = combineStatus({
    printer: parseStatusReply(1, 0x1a),
    offlineCause: parseStatusReply(2, 0x32),
    rollPaper: parseStatusReply(4, 0x12),
  });
  assert.equal(fromSensor.paperOut, true);
  assert.equal(fromStop.paperOut, true);
  const withErrors = combineStatus({
    printer: parseStatusReply(1, 0x1a),
    offlineCause: parseStatusReply(2, 0x52),
    rollPaper: parseStatusReply(4, 0x12),
    errorCause: parseStatusReply(3, 0x1a),
  });
  assert.equal(withErrors.cutterError, true);
  assert.equal(withErrors.online, false);
});
