/**
 * ESC/POS encoder for Chinese receipt printers: one function per command (each testable against
 * the golden bytes of the manuals) and a small builder that strings them into a job.
 * Pure: no I/O, no clock.
 */
import { LinliError } from '@linli/protocol';
import { concatBytes, encodeGbText } from './gb-text';

const ESC = 0x1b;
const FS = 0x1c;
const GS = 0x1d;
const LF = 0x0a;

export type Alignment = 'left' | 'center' | 'right';
export type QrErrorLevel = 'L' | 'M' | 'Q' | 'H';
export type CutKind = 'full' | 'partial';
export type BarcodeSymbology = 'CODE128' | 'CODE39';
export type HriPosition = 'none' | 'above' | 'below' | 'both';

/** A 1-bit picture: `dots[y * width + x]` is non-zero where the paper turns black. */
export interface MonoBitmap {
  width: number;
  height: number;
  dots: ArrayLike<number>;
}

function invalid(message: string): LinliError {
  return new LinliError('VALIDATION_FAILED', message);
}

function checkByte(name: string, value: number, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max)
    throw invalid(`${name} must be an integer from ${min} to ${max}, got ${value}`);
  return value;
}

/** `ESC @`: clears the print modes left by a previous job (bold, size, alignment). */
export function initializeCommand(): Uint8Array {
  return Uint8Array.of(ESC, 0x40);
}

/** `FS &`: 2-byte GB codes from now on. Most Chinese printers boot this way; we never rely on it. */
export function chineseModeCommand(): Uint8Array {
  return Uint8Array.of(FS, 0x26);
}

/** `ESC E n`. */
export function boldCommand(on: boolean): Uint8Array {
  return Uint8Array.of(ESC, 0x45, on ? 1 : 0);
}

const ALIGNMENT_CODES: Record<Alignment, number> = { left: 0, center: 1, right: 2 };

/** `ESC a n`: takes effect at the start of a line. */
export function alignCommand(alignment: Alignment): Uint8Array {
  return Uint8Array.of(ESC, 0x61, ALIGNMENT_CODES[alignment]);
}

/**
 * Character size for both halves of the font: `GS ! n` scales the 1-byte (ASCII) font and, on
 * most Chinese firmware, the 2-byte font too; `FS ! n` (bit 2 double width, bit 3 double height)
 * is the Chinese print mode that the rest of the firmware honours. Sending both makes a title
 * double-size whichever one the printer listens to. Only 1× and 2× have a Chinese equivalent.
 */
export function sizeCommand(width: 1 | 2, height: 1 | 2): Uint8Array {
  const gsSize = ((width - 1) << 4) | (height - 1);
  const fsMode = (width === 2 ? 0x04 : 0) | (height === 2 ? 0x08 : 0);
  return Uint8Array.of(GS, 0x21, gsSize, FS, 0x21, fsMode);
}

export function lineFeedCommand(): Uint8Array {
  return Uint8Array.of(LF);
}

/** `ESC d n`: print the buffer and feed n lines. */
export function feedLinesCommand(lines: number): Uint8Array {
  return Uint8Array.of(ESC, 0x64, checkByte('lines to feed', lines, 0, 255));
}

/** `GS ( k` with pL pH cn fn and the parameters; pL/pH count the bytes after themselves. */
function qrFunction(fn: number, parameters: Uint8Array): Uint8Array {
  const length = parameters.length + 2; // cn and fn
  return concatBytes([Uint8Array.of(GS, 0x28, 0x6b, length & 0xff, length >> 8, 0x31, fn), parameters]);
}

const QR_ERROR_LEVEL_CODES: Record<QrErrorLevel, number> = { L: 0x30, M: 0x31, Q: 0x32, H: 0x33 };
/** Model 2 byte-mode capacity at level L; more cannot be a QR code at all. */
export const QR_MAX_DATA_BYTES = 2953;

export interface QrOptions {
  /** Dots per module, 1–16. 6 gives a ~3 cm code for a 25×25 symbol; phones read it easily. */
  moduleSize?: number;
  errorLevel?: QrErrorLevel;
}

/**
 * A QR code: model 2, module size, error level, store, print (`GS ( k` fn 165, 167, 169, 180, 181).
 * The data is sent as UTF-8 and its length is declared in **bytes** (+3 for cn fn m), the length
 * bug of the escpos npm package. Non-ASCII data is read differently by different printers; prefer
 * ASCII or percent-encoded URLs.
 */
export function qrCodeCommands(data: string, options: QrOptions = {}): Uint8Array {
  const bytes = new TextEncoder().encode(data);
  if (bytes.length === 0) throw invalid('QR data must not be empty');
  if (bytes.length > QR_MAX_DATA_BYTES)
    throw invalid(`QR data is ${bytes.length} bytes; at most ${QR_MAX_DATA_BYTES} fit in a QR code`);
  const moduleSize = checkByte('QR module size', options.moduleSize ?? 6, 1, 16);
  return concatBytes([
    qrFunction(0x41, Uint8Array.of(0x32, 0x00)),
    qrFunction(0x43, Uint8Array.of(moduleSize)),
    qrFunction(0x45, Uint8Array.of(QR_ERROR_LEVEL_CODES[options.errorLevel ?? 'M'])),
    qrFunction(0x50, concatBytes([Uint8Array.of(0x30), bytes])),
    qrFunction(0x51, Uint8Array.of(0x30)),
  ]);
}

const HRI_CODES: Record<HriPosition, number> = { none: 0, above: 1, below: 2, both: 3 };
/** `GS k m` format B symbology numbers. */
const SYMBOLOGY_CODES: Record<BarcodeSymbology, number> = { CODE39: 69, CODE128: 73 };

export interface BarcodeOptions {
  /** Where the human-readable digits go. */
  hri?: HriPosition;
  /** Bar height in dots, 1–255. */
  height?: number;
  /** Narrow bar width in dots, 2–6. */
  moduleWidth?: number;
}

function barcodeData(symbology: BarcodeSymbology, data: string): Uint8Array {
  if (!/^[\x20-\x7e]+$/.test(data)) throw invalid(`${symbology} data must be printable ASCII and not empty`);
  if (symbology === 'CODE39') {
    if (!/^[0-9A-Z $%*+\-./]+$/.test(data)) throw invalid('CODE39 data may hold only 0-9, A-Z, space and $%*+-./');
    return new TextEncoder().encode(data);
  }
  // CODE128 needs the code set chosen in the data: `{B` covers all printable ASCII; a literal `{`
  // is written `{{` so the printer does not take it for a code set switch.
  return new TextEncoder().encode(`{B${data.replaceAll('{', '{{')}`);
}

/** A 1D barcode: HRI position (`GS H`), height (`GS h`), width (`GS w`), then `GS k m n d…`. */
export function barcodeCommands(symbology: BarcodeSymbology, data: string, options: BarcodeOptions = {}): Uint8Array {
  const encoded = barcodeData(symbology, data);
  if (encoded.length > 255)
    throw invalid(`${symbology} data is too long for one barcode (${encoded.length} bytes, at most 255)`);
  return concatBytes([
    Uint8Array.of(GS, 0x48, HRI_CODES[options.hri ?? 'below']),
    Uint8Array.of(GS, 0x68, checkByte('barcode height', options.height ?? 80, 1, 255)),
    Uint8Array.of(GS, 0x77, checkByte('barcode module width', options.moduleWidth ?? 2, 2, 6)),
    Uint8Array.of(GS, 0x6b, SYMBOLOGY_CODES[symbology], encoded.length),
    encoded,
  ]);
}

/**
 * `GS v 0`: a raster image at normal density. Rows are padded to whole bytes with white; within
 * a byte the most significant bit is the leftmost dot.
 */
export function rasterImageCommand(bitmap: MonoBitmap): Uint8Array {
  const { width, height, dots } = bitmap;
  checkByte('image height', height, 1, 0xffff);
  if (!Number.isInteger(width) || width < 1 || width > 0xffff * 8)
    throw invalid(`image width must be a positive integer, got ${width}`);
  if (dots.length !== width * height) throw invalid(`image has ${dots.length} dots, expected ${width}×${height}`);
  const bytesPerRow = Math.ceil(width / 8);
  const out = new Uint8Array(8 + bytesPerRow * height);
  out.set([GS, 0x76, 0x30, 0x00, bytesPerRow & 0xff, bytesPerRow >> 8, height & 0xff, height >> 8]);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (dots[y * width + x]) out[8 + y * bytesPerRow + (x >> 3)]! |= 0x80 >> (x & 7);
    }
  }
  return out;
}

/**
 * `GS V`: cut now (`GS V 0` full, `GS V 1` partial) or, with `feedBeforeCut`, `GS V 65/66 n`:
 * feed to the cutter plus n motion units (dots on most printers), then cut, so the last printed
 * line is not left inside the printer.
 */
export function cutCommand(kind: CutKind, feedBeforeCut?: number): Uint8Array {
  if (feedBeforeCut === undefined) return Uint8Array.of(GS, 0x56, kind === 'full' ? 0x00 : 0x01);
  return Uint8Array.of(GS, 0x56, kind === 'full' ? 0x41 : 0x42, checkByte('feed before cut', feedBeforeCut, 0, 255));
}

export interface EscPosJob {
  bytes: Uint8Array;
  /** Characters the printer font cannot show, sent as `?` (see gb-text.ts). Empty when all printed. */
  replacedCharacters: string[];
}

/** Chains commands into one job; `build()` returns the bytes and what could not be printed. */
export class EscPosBuilder {
  private readonly parts: Uint8Array[] = [];
  private readonly replaced: string[] = [];

  /** `ESC @` then `FS &`: the safe start of every job. */
  initialize(): this {
    return this.raw(initializeCommand(), chineseModeCommand());
  }

  text(text: string): this {
    const encoded = encodeGbText(text);
    this.replaced.push(...encoded.replacedCharacters);
    return this.raw(encoded.bytes);
  }

  /** Text followed by a line feed (which is what makes the printer print the line). */
  line(text = ''): this {
    return this.text(text).raw(lineFeedCommand());
  }

  bold(on: boolean): this {
    return this.raw(boldCommand(on));
  }

  align(alignment: Alignment): this {
    return this.raw(alignCommand(alignment));
  }

  size(width: 1 | 2, height: 1 | 2): this {
    return this.raw(sizeCommand(width, height));
  }

  feed(lines: number): this {
    return this.raw(feedLinesCommand(lines));
  }

  qrCode(data: string, options?: QrOptions): this {
    return this.raw(qrCodeCommands(data, options));
  }

  barcode(symbology: BarcodeSymbology, data: string, options?: BarcodeOptions): this {
    return this.raw(barcodeCommands(symbology, data, options));
  }

  image(bitmap: MonoBitmap): this {
    return this.raw(rasterImageCommand(bitmap));
  }

  cut(kind: CutKind, feedBeforeCut?: number): this {
    return this.raw(cutCommand(kind, feedBeforeCut));
  }

  raw(...commands: Uint8Array[]): this {
    this.parts.push(...commands);
    return this;
  }

  build(): EscPosJob {
    return { bytes: concatBytes(this.parts), replacedCharacters: [...this.replaced] };
  }
}
