/**
 * GA 467 SAM frames, the protocol 二代证 readers speak over serial or USB:
 *   AA AA AA 96 69 | Len (2 bytes, big-endian) | payload | CHK
 * Len counts the payload and CHK; CHK is the XOR of the length bytes and the payload.
 * Host→reader payloads are CMD PARA data…; reader→host payloads are SW1 SW2 SW3 data….
 */
import { createByteQueue } from '../transport/byte-queue';

export const PREAMBLE = Uint8Array.of(0xaa, 0xaa, 0xaa, 0x96, 0x69);
/** The longest frame the protocol defines is a read with fingerprint (2321 bytes). */
const MAX_LENGTH = 4096;

export function xorChecksum(bytes: Uint8Array): number {
  let sum = 0;
  for (const byte of bytes) sum ^= byte;
  return sum;
}

/** A complete frame around `payload`. */
export function encodeFrame(payload: Uint8Array): Buffer {
  const length = payload.length + 1;
  const body = Buffer.concat([Buffer.of(length >> 8, length & 0xff), payload]);
  return Buffer.concat([PREAMBLE, body, Buffer.of(xorChecksum(body))]);
}

export function encodeCommand(command: number, parameter: number, data: Uint8Array = new Uint8Array()): Buffer {
  return encodeFrame(Buffer.concat([Buffer.of(command, parameter), data]));
}

export function encodeReply(status: number, data: Uint8Array = new Uint8Array()): Buffer {
  return encodeFrame(Buffer.concat([Buffer.of(0x00, 0x00, status), data]));
}

export type FrameEvent =
  | { kind: 'frame'; payload: Buffer }
  /** Bytes that could not belong to a frame were skipped (noise, or the tail of a broken frame). */
  | { kind: 'skipped'; bytes: number; reason: 'no-preamble' | 'bad-length' | 'bad-checksum' };

/** The longest frame: preamble, length and the longest payload the protocol allows. */
const MAX_FRAME_BYTES = PREAMBLE.length + 2 + MAX_LENGTH;

/**
 * Streaming frame reader: feed chunks as they arrive (frames may be split across writes or glued
 * together); it yields complete frames and, after garbage or a corrupted frame, resynchronises on
 * the next preamble. A read reply carries a resident's ID data, so the reader leaves no copy
 * behind: the bytes it has passed over are zeroed in its store, and each frame's payload is a
 * buffer of its own for the caller to zero once used. `allocate` gives every buffer that receives
 * bytes (default: zero-filled memory of its own); a test passes one that keeps them, to look inside.
 */
export function createFrameReader(allocate: (bytes: number) => Buffer = (bytes) => Buffer.alloc(bytes)) {
  const pending = createByteQueue(MAX_FRAME_BYTES, allocate);

  function extract(events: FrameEvent[]): void {
    for (;;) {
      const view = pending.bytes();
      const buffer = Buffer.from(view.buffer, view.byteOffset, view.length);
      const start = buffer.indexOf(PREAMBLE);
      if (start < 0) {
        // Keep a tail that may be the start of a preamble split across chunks.
        const keep = partialPreambleLength(buffer);
        if (buffer.length - keep > 0)
          events.push({ kind: 'skipped', bytes: buffer.length - keep, reason: 'no-preamble' });
        pending.consume(buffer.length - keep);
        return;
      }
      if (start > 0) {
        events.push({ kind: 'skipped', bytes: start, reason: 'no-preamble' });
        pending.consume(start);
        continue;
      }
      if (buffer.length < PREAMBLE.length + 2) return;
      const length = buffer.readUInt16BE(PREAMBLE.length);
      if (length < 2 || length > MAX_LENGTH) {
        events.push({ kind: 'skipped', bytes: 1, reason: 'bad-length' });
        pending.consume(1);
        continue;
      }
      const total = PREAMBLE.length + 2 + length;
      if (buffer.length < total) return;
      const body = buffer.subarray(PREAMBLE.length, total - 1);
      if (xorChecksum(body) !== buffer[total - 1]) {
        // Drop only the first byte: a real frame may start inside what looked like this one.
        events.push({ kind: 'skipped', bytes: 1, reason: 'bad-checksum' });
        pending.consume(1);
        continue;
      }
      const payload = allocate(body.length - 2);
      body.copy(payload, 0, 2);
      events.push({ kind: 'frame', payload });
      pending.consume(total);
    }
  }

  return {
    push(chunk: Uint8Array): FrameEvent[] {
      const events: FrameEvent[] = [];
      // A full store always holds a whole frame or bytes to skip, so each round makes room.
      for (let at = 0; at < chunk.length;) {
        at += pending.append(chunk.subarray(at));
        extract(events);
      }
      return events;
    },
  };
}

function partialPreambleLength(buffer: Buffer): number {
  for (let keep = Math.min(PREAMBLE.length - 1, buffer.length); keep > 0; keep--) {
    if (buffer.subarray(buffer.length - keep).equals(PREAMBLE.subarray(0, keep))) return keep;
  }
  return 0;
}
