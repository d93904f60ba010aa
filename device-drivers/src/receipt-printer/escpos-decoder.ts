/**
 * The reverse of escpos-commands.ts: a streaming parser turning ESC/POS bytes into events a
 * person (or a test) can read. Input may be split at any byte; a command is only decoded once all
 * its bytes are in, so a `10` inside image or QR data is never taken for DLE EOT. Bytes it does not
 * understand become `unknown` events; it never throws. What it holds is bounded whatever it is fed
 * (a broken job, a hostile client of the simulator's port 9100): it waits for no command longer
 * than the largest raster, and releases text at least every MAX_PENDING_TEXT_BYTES. Pure.
 */
import iconv from 'iconv-lite';
import { createByteQueue } from '../transport/byte-queue';
import type { Alignment, BarcodeSymbology, HriPosition, QrErrorLevel } from './escpos-commands';
import { paperGeometry } from './receipt-layout';

export type EscPosEvent =
  | { type: 'text'; text: string }
  | { type: 'line-feed' }
  | { type: 'initialize' }
  | { type: 'chinese-mode'; on: boolean }
  | { type: 'bold'; on: boolean }
  | { type: 'align'; alignment: Alignment }
  /** `GS !`: magnification of the character font. */
  | { type: 'size'; width: number; height: number }
  /** `FS !`: Chinese print mode. */
  | { type: 'chinese-size'; doubleWidth: boolean; doubleHeight: boolean; underline: boolean }
  | { type: 'feed'; lines: number }
  | { type: 'qr'; data: string; moduleSize: number; errorLevel: QrErrorLevel }
  | {
      type: 'barcode';
      symbology: BarcodeSymbology | `GS k ${number}`;
      data: string;
      hri: HriPosition;
      height: number;
      moduleWidth: number;
    }
  /** `dots` holds the raw rows, `bytesPerRow` bytes each, MSB leftmost. */
  | { type: 'image'; width: number; height: number; bytesPerRow: number; dots: Uint8Array }
  | { type: 'cut'; kind: 'full' | 'partial'; feedBeforeCut?: number }
  | { type: 'status-request'; kind: number }
  | { type: 'recovery-request'; kind: number }
  | { type: 'unknown'; bytes: Uint8Array; reason: string };

export interface EscPosDecoder {
  /** Feed the next bytes; returns the events completed by them (text waits for the next command). */
  push(chunk: Uint8Array): EscPosEvent[];
  /** The input ended: returns pending text and any incomplete command as `unknown`. */
  end(): EscPosEvent[];
  /** Bytes held for an incomplete command or character and for text not yet released. */
  bufferedBytes(): number;
}

const ESC = 0x1b;
const FS = 0x1c;
const GS = 0x1d;
const DLE = 0x10;
const LF = 0x0a;

/** A command split off the front of the buffer, or `undefined` when more bytes are needed. */
type Parsed = { length: number; event?: EscPosEvent } | undefined;

const QR_LEVELS: Record<number, QrErrorLevel> = { 0x30: 'L', 0x31: 'M', 0x32: 'Q', 0x33: 'H' };
const HRI_POSITIONS: HriPosition[] = ['none', 'above', 'below', 'both'];
const SYMBOLOGIES: Record<number, BarcodeSymbology> = { 69: 'CODE39', 73: 'CODE128' };
const ALIGNMENTS: Alignment[] = ['left', 'center', 'right'];

/**
 * The largest GS v 0 raster waited for: the widest line Linli lays out (576 dots, 80 mm paper) by
 * the most rows Epson-compatible manuals allow (1 ≤ yL + yH × 256 ≤ 2303). A larger header is a
 * broken job; waiting for its data (4 GB for 65535 × 65535) would hold all of it, so the header is
 * reported and decoding goes on with the bytes after it.
 */
const MAX_RASTER_BYTES_PER_ROW = paperGeometry(80).dots / 8;
const MAX_RASTER_ROWS = 2303;
/** Format B declares at most 255 data bytes; format A, ended by NUL, is held to the same. */
const MAX_BARCODE_BYTES = 255;
/** The longest command waited for whole: the largest raster (GS ( k declares at most 65540 bytes). */
const MAX_COMMAND_BYTES = 8 + MAX_RASTER_BYTES_PER_ROW * MAX_RASTER_ROWS;
/** Text without a line feed or command is released in events of at most this many bytes. */
const MAX_PENDING_TEXT_BYTES = 4096;
/** The most `bufferedBytes()` ever reports. */
export const MAX_BUFFERED_BYTES = MAX_COMMAND_BYTES + MAX_PENDING_TEXT_BYTES;

/** `ESC x n` / `FS x n` / `GS x n` commands we recognise only to skip them with the right length. */
const ESC_WITH_ONE_PARAMETER = new Set([0x21, 0x2d, 0x33, 0x47, 0x4a, 0x4d, 0x52, 0x56, 0x74, 0x7b, 0x55, 0x20, 0x63]);
const ESC_WITHOUT_PARAMETER = new Set([0x32]);
const FS_WITH_ONE_PARAMETER = new Set([0x2d, 0x43, 0x57]);
const GS_WITH_ONE_PARAMETER = new Set([0x42, 0x61, 0x66, 0x72]);

function isTextByte(byte: number): boolean {
  return (byte >= 0x20 && byte <= 0x7e) || (byte >= 0x81 && byte <= 0xfe);
}

function unknown(bytes: Uint8Array, reason: string): EscPosEvent {
  return { type: 'unknown', bytes: bytes.slice(), reason };
}

export function createEscPosDecoder(): EscPosDecoder {
  const queue = createByteQueue(MAX_COMMAND_BYTES);
  const pendingText = new Uint8Array(MAX_PENDING_TEXT_BYTES);
  let pendingLength = 0;
  const qr = { moduleSize: 3, errorLevel: 'L' as QrErrorLevel, data: undefined as string | undefined };
  const barcode = { hri: 'none' as HriPosition, height: 162, moduleWidth: 3 };

  function flushText(events: EscPosEvent[]): void {
    if (pendingLength === 0) return;
    events.push({ type: 'text', text: iconv.decode(Buffer.from(pendingText.buffer, 0, pendingLength), 'gb18030') });
    pendingLength = 0;
  }

  /**
   * The length of one GB18030 character at the start of `bytes` (1, 2 or 4), 0 when more bytes
   * are needed, -1 when the lead byte starts no valid character.
   */
  function textCharacterLength(bytes: Uint8Array, at: number): number {
    const lead = bytes[at]!;
    if (lead < 0x80) return 1;
    if (at + 1 >= bytes.length) return 0;
    const second = bytes[at + 1]!;
    if ((second >= 0x40 && second <= 0x7e) || (second >= 0x80 && second <= 0xfe)) return 2;
    if (second >= 0x30 && second <= 0x39) {
      if (at + 3 >= bytes.length) return 0;
      const third = bytes[at + 2]!;
      const fourth = bytes[at + 3]!;
      return third >= 0x81 && third <= 0xfe && fourth >= 0x30 && fourth <= 0x39 ? 4 : -1;
    }
    return -1;
  }

  function parseQrFunction(bytes: Uint8Array): Parsed {
    if (bytes.length < 5) return undefined;
    const length = 5 + bytes[3]! + (bytes[4]! << 8);
    if (bytes.length < length) return undefined;
    const command = bytes.subarray(0, length);
    const [cn, fn] = [command[5], command[6]];
    const parameter = command[7];
    if (cn !== 0x31) return { length, event: unknown(command, 'GS ( k for a symbol other than QR') };
    switch (fn) {
      case 0x41:
        return { length };
      case 0x43:
        if (parameter !== undefined) qr.moduleSize = parameter;
        return { length };
      case 0x45:
        if (parameter !== undefined && QR_LEVELS[parameter]) qr.errorLevel = QR_LEVELS[parameter];
        return { length };
      case 0x50:
        qr.data = new TextDecoder().decode(command.subarray(8));
        return { length };
      case 0x51:
        if (qr.data === undefined) return { length, event: unknown(command, 'QR print with no stored data') };
        return { length, event: { type: 'qr', data: qr.data, moduleSize: qr.moduleSize, errorLevel: qr.errorLevel } };
      default:
        return { length, event: unknown(command, 'QR function not understood') };
    }
  }

  function parseBarcode(bytes: Uint8Array): Parsed {
    if (bytes.length < 3) return undefined;
    const symbologyCode = bytes[2]!;
    const symbology = SYMBOLOGIES[symbologyCode] ?? (`GS k ${symbologyCode}` as const);
    let length: number;
    let data: Uint8Array;
    if (symbologyCode <= 6) {
      // Format A: data ends with NUL.
      const end = bytes.subarray(0, 4 + MAX_BARCODE_BYTES).indexOf(0, 3);
      if (end < 0)
        return bytes.length < 4 + MAX_BARCODE_BYTES
          ? undefined
          : {
              length: 3,
              event: unknown(bytes.subarray(0, 3), `GS k data has no NUL within ${MAX_BARCODE_BYTES} bytes`),
            };
      length = end + 1;
      data = bytes.subarray(3, end);
    } else {
      if (bytes.length < 4) return undefined;
      length = 4 + bytes[3]!;
      if (bytes.length < length) return undefined;
      data = bytes.subarray(4, length);
    }
    let text = new TextDecoder('latin1').decode(data);
    if (symbology === 'CODE128' && /^\{[ABC]/.test(text)) text = text.slice(2).replaceAll('{{', '{');
    return { length, event: { type: 'barcode', symbology, data: text, ...barcode } };
  }

  function parseRaster(bytes: Uint8Array): Parsed {
    if (bytes.length < 8) return undefined;
    const bytesPerRow = bytes[4]! + (bytes[5]! << 8);
    const height = bytes[6]! + (bytes[7]! << 8);
    if (bytesPerRow > MAX_RASTER_BYTES_PER_ROW || height > MAX_RASTER_ROWS)
      return {
        length: 8,
        event: unknown(
          bytes.subarray(0, 8),
          `GS v 0 raster of ${bytesPerRow} bytes × ${height} rows exceeds ${MAX_RASTER_BYTES_PER_ROW} × ${MAX_RASTER_ROWS}`,
        ),
      };
    const length = 8 + bytesPerRow * height;
    if (bytes.length < length) return undefined;
    return {
      length,
      event: { type: 'image', width: bytesPerRow * 8, height, bytesPerRow, dots: bytes.slice(8, length) },
    };
  }

  function parseEsc(bytes: Uint8Array): Parsed {
    if (bytes.length < 2) return undefined;
    const code = bytes[1]!;
    if (code === 0x40) return { length: 2, event: { type: 'initialize' } };
    if (ESC_WITHOUT_PARAMETER.has(code))
      return { length: 2, event: unknown(bytes.subarray(0, 2), 'ESC command not interpreted') };
    const known = code === 0x45 || code === 0x61 || code === 0x64 || ESC_WITH_ONE_PARAMETER.has(code);
    if (!known) return { length: 2, event: unknown(bytes.subarray(0, 2), 'unknown ESC command') };
    if (bytes.length < 3) return undefined;
    const n = bytes[2]!;
    if (code === 0x45) return { length: 3, event: { type: 'bold', on: (n & 1) === 1 } };
    if (code === 0x64) return { length: 3, event: { type: 'feed', lines: n } };
    if (code === 0x61) {
      const alignment = ALIGNMENTS[n >= 0x30 ? n - 0x30 : n];
      return {
        length: 3,
        event: alignment ? { type: 'align', alignment } : unknown(bytes.subarray(0, 3), 'bad alignment'),
      };
    }
    return { length: 3, event: unknown(bytes.subarray(0, 3), 'ESC command not interpreted') };
  }

  function parseFs(bytes: Uint8Array): Parsed {
    if (bytes.length < 2) return undefined;
    const code = bytes[1]!;
    if (code === 0x26) return { length: 2, event: { type: 'chinese-mode', on: true } };
    if (code === 0x2e) return { length: 2, event: { type: 'chinese-mode', on: false } };
    if (code === 0x53)
      return bytes.length < 4
        ? undefined
        : { length: 4, event: unknown(bytes.subarray(0, 4), 'FS S (Chinese spacing) not interpreted') };
    if (code !== 0x21 && !FS_WITH_ONE_PARAMETER.has(code))
      return { length: 2, event: unknown(bytes.subarray(0, 2), 'unknown FS command') };
    if (bytes.length < 3) return undefined;
    const n = bytes[2]!;
    if (code === 0x21)
      return {
        length: 3,
        event: {
          type: 'chinese-size',
          doubleWidth: (n & 0x04) !== 0,
          doubleHeight: (n & 0x08) !== 0,
          underline: (n & 0x80) !== 0,
        },
      };
    return { length: 3, event: unknown(bytes.subarray(0, 3), 'FS command not interpreted') };
  }

  function parseGs(bytes: Uint8Array): Parsed {
    if (bytes.length < 2) return undefined;
    const code = bytes[1]!;
    switch (code) {
      case 0x28: // GS ( k
        if (bytes.length < 3) return undefined;
        if (bytes[2] !== 0x6b)
          return bytes.length < 5
            ? undefined
            : {
                length: 5 + bytes[3]! + (bytes[4]! << 8),
                event: unknown(bytes.subarray(0, 3), 'GS ( function not interpreted'),
              };
        return parseQrFunction(bytes);
      case 0x76: // GS v 0
        if (bytes.length < 3) return undefined;
        return bytes[2] === 0x30
          ? parseRaster(bytes)
          : { length: 2, event: unknown(bytes.subarray(0, 2), 'unknown GS v command') };
      case 0x6b:
        return parseBarcode(bytes);
      case 0x56: {
        if (bytes.length < 3) return undefined;
        const m = bytes[2]!;
        if (m === 0x00 || m === 0x30) return { length: 3, event: { type: 'cut', kind: 'full' } };
        if (m === 0x01 || m === 0x31) return { length: 3, event: { type: 'cut', kind: 'partial' } };
        if (m === 0x41 || m === 0x42)
          return bytes.length < 4
            ? undefined
            : { length: 4, event: { type: 'cut', kind: m === 0x41 ? 'full' : 'partial', feedBeforeCut: bytes[3]! } };
        return { length: 3, event: unknown(bytes.subarray(0, 3), 'bad GS V mode') };
      }
      case 0x21:
        if (bytes.length < 3) return undefined;
        return { length: 3, event: { type: 'size', width: (bytes[2]! >> 4) + 1, height: (bytes[2]! & 0x0f) + 1 } };
      case 0x48:
      case 0x68:
      case 0x77: {
        if (bytes.length < 3) return undefined;
        const n = bytes[2]!;
        if (code === 0x48) barcode.hri = HRI_POSITIONS[n >= 0x30 ? n - 0x30 : n] ?? 'none';
        else if (code === 0x68) barcode.height = n;
        else barcode.moduleWidth = n;
        return { length: 3 };
      }
      case 0x4c:
      case 0x57:
        return bytes.length < 4
          ? undefined
          : { length: 4, event: unknown(bytes.subarray(0, 4), 'GS margin/width not interpreted') };
      default:
        if (GS_WITH_ONE_PARAMETER.has(code))
          return bytes.length < 3
            ? undefined
            : { length: 3, event: unknown(bytes.subarray(0, 3), 'GS command not interpreted') };
        return { length: 2, event: unknown(bytes.subarray(0, 2), 'unknown GS command') };
    }
  }

  function parseDle(bytes: Uint8Array): Parsed {
    if (bytes.length < 2) return undefined;
    const code = bytes[1]!;
    if (code !== 0x04 && code !== 0x05) return { length: 1, event: unknown(bytes.subarray(0, 1), 'stray DLE') };
    if (bytes.length < 3) return undefined;
    const kind = bytes[2]!;
    return { length: 3, event: code === 0x04 ? { type: 'status-request', kind } : { type: 'recovery-request', kind } };
  }

  function parseCommand(bytes: Uint8Array): Parsed {
    switch (bytes[0]) {
      case LF:
        return { length: 1, event: { type: 'line-feed' } };
      case ESC:
        return parseEsc(bytes);
      case FS:
        return parseFs(bytes);
      case GS:
        return parseGs(bytes);
      case DLE:
        return parseDle(bytes);
      default:
        return { length: 1, event: unknown(bytes.subarray(0, 1), 'byte is neither text nor a command') };
    }
  }

  /** Decodes as much of the queue as is complete; keeps the rest. */
  function drain(events: EscPosEvent[]): void {
    const bytes = queue.bytes();
    let at = 0;
    while (at < bytes.length) {
      const byte = bytes[at]!;
      if (isTextByte(byte)) {
        const length = textCharacterLength(bytes, at);
        if (length === 0) break;
        if (length > 0) {
          if (pendingLength + length > MAX_PENDING_TEXT_BYTES) flushText(events);
          for (let i = 0; i < length; i++) pendingText[pendingLength++] = bytes[at + i]!;
          at += length;
          continue;
        }
        flushText(events);
        events.push(unknown(bytes.subarray(at, at + 1), 'not a valid GB18030 lead byte sequence'));
        at += 1;
        continue;
      }
      const parsed = parseCommand(bytes.subarray(at));
      if (!parsed) break;
      flushText(events);
      if (parsed.event) events.push(parsed.event);
      at += parsed.length;
    }
    queue.consume(at);
  }

  return {
    push(chunk) {
      const events: EscPosEvent[] = [];
      // The queue holds the longest command whole, so every round decodes something and makes room.
      for (let at = 0; at < chunk.length;) {
        at += queue.append(chunk.subarray(at));
        drain(events);
      }
      return events;
    },
    end() {
      const events: EscPosEvent[] = [];
      if (queue.length > 0) {
        // An incomplete multi-byte character or command: report it, do not guess.
        flushText(events);
        events.push(unknown(queue.bytes(), 'input ended inside a command or character'));
        queue.clear();
      }
      flushText(events);
      return events;
    },
    bufferedBytes: () => queue.length + pendingLength,
  };
}

/** Decodes a whole byte string at once. */
export function decodeEscPos(bytes: Uint8Array): EscPosEvent[] {
  const decoder = createEscPosDecoder();
  return [...decoder.push(bytes), ...decoder.end()];
}

const hex = (bytes: Uint8Array) => [...bytes].map((byte) => byte.toString(16).padStart(2, '0')).join(' ');

/** One event as a bracketed marker, e.g. `[bold on]`, `[QR: https://…]`, `[cut partial]`; text as itself. */
export function describeEvent(event: EscPosEvent): string {
  switch (event.type) {
    case 'text':
      return event.text;
    case 'line-feed':
      return '\n';
    case 'initialize':
      return '[init]';
    case 'chinese-mode':
      return event.on ? '[chinese mode on]' : '[chinese mode off]';
    case 'bold':
      return event.on ? '[bold on]' : '[bold off]';
    case 'align':
      return `[align ${event.alignment}]`;
    case 'size':
      return `[size ${event.width}x${event.height}]`;
    case 'chinese-size':
      return `[chinese size ${event.doubleWidth ? 2 : 1}x${event.doubleHeight ? 2 : 1}${event.underline ? ' underline' : ''}]`;
    case 'feed':
      return `[feed ${event.lines}]`;
    case 'qr':
      return `[QR: ${event.data}]`;
    case 'barcode':
      return `[barcode ${event.symbology}: ${event.data}]`;
    case 'image':
      return `[image ${event.width}x${event.height}]`;
    case 'cut':
      return `[cut ${event.kind}${event.feedBeforeCut === undefined ? '' : ` after feed ${event.feedBeforeCut}`}]`;
    case 'status-request':
      return `[status request ${event.kind}]`;
    case 'recovery-request':
      return `[recovery request ${event.kind}]`;
    case 'unknown':
      return `[unknown ${hex(event.bytes)}: ${event.reason}]`;
  }
}

/** Everything received as one readable transcript: text and line breaks, commands as markers. */
export function renderTranscript(events: readonly EscPosEvent[]): string {
  return events.map(describeEvent).join('');
}

/** Only what ends up as characters on paper: text and line breaks (feeds count as empty lines). */
export function printedText(events: readonly EscPosEvent[]): string {
  let text = '';
  for (const event of events) {
    if (event.type === 'text') text += event.text;
    else if (event.type === 'line-feed') text += '\n';
    else if (event.type === 'feed') text += '\n'.repeat(event.lines);
  }
  return text;
}
