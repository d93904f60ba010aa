/**
 * Receipt layout: turns a receipt's content into ESC/POS bytes for a 58 or 80 mm roll, counting
 * columns the way the printer font does (Chinese 2, ASCII 1) so key/value columns line up and long
 * values wrap without splitting a character. Pure.
 */
import { LinliError } from '@linli/protocol';
import { EscPosBuilder, type EscPosJob, type MonoBitmap, type QrOptions } from './escpos-commands';
import { characterColumns, displayWidth } from './gb-text';

export type PaperWidthMm = 58 | 80;

export interface PaperGeometry {
  /** Half-width (ASCII) characters per line with the standard 12×24 font. */
  columns: number;
  /** Printable dots per line, the widest raster image. */
  dots: number;
}

const GEOMETRY: Record<PaperWidthMm, PaperGeometry> = {
  58: { columns: 32, dots: 384 },
  80: { columns: 48, dots: 576 },
};

export function paperGeometry(paperWidthMm: PaperWidthMm): PaperGeometry {
  return GEOMETRY[paperWidthMm];
}

/** Splits text into runs that wrap as units: an ASCII word, one space, or one other character. */
function wrapUnits(text: string): string[] {
  return text.match(/[\x21-\x7e]+| |[^\x20-\x7e]/gu) ?? [];
}

/** Puts a unit longer than a whole line onto lines, character by character. */
function breakUnit(unit: string, columns: number): string[] {
  const pieces: string[] = [];
  let piece = '';
  for (const character of unit) {
    if (piece !== '' && displayWidth(piece) + characterColumns(character) > columns) {
      pieces.push(piece);
      piece = '';
    }
    piece += character;
  }
  if (piece !== '') pieces.push(piece);
  return pieces;
}

/**
 * Wraps text into lines of at most `columns` display columns. Chinese breaks between any two
 * characters; an ASCII word moves to the next line whole unless it is longer than a line. Explicit
 * line breaks are kept; spaces at a wrap point are dropped. Always returns at least one line.
 */
export function wrapText(text: string, columns: number): string[] {
  if (!Number.isInteger(columns) || columns < 2)
    throw new RangeError(`cannot wrap to ${columns} columns: a Chinese character needs 2`);
  const lines: string[] = [];
  for (const paragraph of text.replace(/\r\n?/g, '\n').split('\n')) {
    let line = '';
    let width = 0;
    let wrapped = false;
    const startLine = () => {
      lines.push(line.trimEnd());
      line = '';
      width = 0;
      wrapped = true;
    };
    for (const unit of wrapUnits(paragraph)) {
      // A space that falls at a wrap point would indent the next line.
      if (unit === ' ' && line === '' && wrapped) continue;
      const unitWidth = displayWidth(unit);
      if (width + unitWidth <= columns) {
        line += unit;
        width += unitWidth;
        continue;
      }
      if (unit === ' ') {
        startLine();
        continue;
      }
      if (line !== '') startLine();
      for (const piece of unitWidth > columns ? breakUnit(unit, columns) : [unit]) {
        if (line !== '') startLine();
        line = piece;
        width = displayWidth(piece);
      }
    }
    lines.push(line.trimEnd());
  }
  return lines;
}

/** Pads with spaces on the right to exactly `columns` display columns (text must already fit). */
export function padToWidth(text: string, columns: number): string {
  return text + ' '.repeat(Math.max(0, columns - displayWidth(text)));
}

/**
 * Lays out one key/value row: the label in a column `labelColumns` wide, the value in the rest of
 * the line; either may wrap, continuation lines keep the columns.
 */
export function keyValueLines(label: string, value: string, columns: number, labelColumns: number): string[] {
  const valueColumns = columns - labelColumns;
  const labelLines = wrapText(label, labelColumns);
  const valueLines = wrapText(value, valueColumns);
  const lines: string[] = [];
  for (let i = 0; i < Math.max(labelLines.length, valueLines.length); i++) {
    const valueLine = valueLines[i] ?? '';
    lines.push(
      (valueLine === '' ? (labelLines[i] ?? '') : padToWidth(labelLines[i] ?? '', labelColumns) + valueLine).trimEnd(),
    );
  }
  return lines;
}

/** Label column: as wide as the widest label plus a gap, but never more than 40 % of the line. */
function labelColumnWidth(labels: readonly string[], columns: number): number {
  const widest = Math.max(0, ...labels.map(displayWidth));
  return Math.max(2, Math.min(widest + 1, Math.floor(columns * 0.4)));
}

export interface ReceiptRow {
  label: string;
  value: string;
  /**
   * The value on the lines under its label, the paper's whole width: for a long number a reader
   * copies (a transaction id), which must not break in the middle of the value column.
   */
  below?: boolean;
}

export interface Receipt {
  /** A monochrome logo printed centred above the title (raster image, at most the paper's dots wide). */
  logo?: MonoBitmap;
  /** Printed centred and bold at normal size above the title: whose slip it is (a hall's name above a queue number). */
  heading?: string;
  /** Printed centred, double width and height, bold. */
  title: string;
  rows: readonly ReceiptRow[];
  footer?: string;
  /** Printed centred below the footer; prefer ASCII or percent-encoded URLs. */
  qrCode?: string;
  qrOptions?: QrOptions;
}

export interface LayoutOptions {
  paperWidthMm: PaperWidthMm;
}

/** Lines to feed before cutting, so the last printed line clears the tear bar. */
const FEED_BEFORE_CUT_LINES = 4;

/** The receipt as one ESC/POS job, plus every character the printer font could not show. */
export function layoutReceipt(receipt: Receipt, options: LayoutOptions): EscPosJob {
  const { columns } = paperGeometry(options.paperWidthMm);
  const separator = '-'.repeat(columns);
  const job = new EscPosBuilder().initialize();
  if (receipt.logo) {
    const { dots } = paperGeometry(options.paperWidthMm);
    if (receipt.logo.width > dots)
      throw new LinliError(
        'VALIDATION_FAILED',
        `The logo is ${receipt.logo.width} dots wide; ${options.paperWidthMm} mm paper prints ${dots}`,
      );
    job.align('center').image(receipt.logo).line();
  }

  if (receipt.heading !== undefined) {
    job.align('center').bold(true);
    for (const line of wrapText(receipt.heading, columns)) job.line(line);
    job.bold(false).align('left');
  }
  // At double width a line holds half as many columns.
  job.align('center').size(2, 2).bold(true);
  for (const line of wrapText(receipt.title, Math.floor(columns / 2))) job.line(line);
  job.bold(false).size(1, 1).align('left').line(separator);

  const labelColumns = labelColumnWidth(
    receipt.rows.filter((row) => !row.below).map((row) => row.label),
    columns,
  );
  for (const row of receipt.rows) {
    const lines = row.below
      ? [...wrapText(row.label, columns), ...wrapText(row.value, columns)]
      : keyValueLines(row.label, row.value, columns, labelColumns);
    for (const line of lines) job.line(line);
  }
  job.line(separator);

  if (receipt.footer !== undefined) {
    job.align('center');
    for (const line of wrapText(receipt.footer, columns)) job.line(line);
    job.align('left');
  }
  if (receipt.qrCode !== undefined) {
    job.align('center').qrCode(receipt.qrCode, receipt.qrOptions).line().align('left');
  }
  return job.feed(FEED_BEFORE_CUT_LINES).cut('partial').build();
}

export interface TestReceiptInput {
  printerId: string;
  /** Already formatted for people, e.g. "2025-03-01 14:05"; the layout reads no clock. */
  printedAt: string;
  paperWidthMm: PaperWidthMm;
  /** Defaults to a short text naming the printer and the time. */
  qrCode?: string;
}

/**
 * The maintenance "test print": Chinese, ASCII and the ￥ sign, a ruler exactly one line wide (it
 * shows whether the paper width is configured right) and a QR code to check the 2D commands.
 */
export function testReceipt(input: TestReceiptInput): EscPosJob {
  const { columns } = paperGeometry(input.paperWidthMm);
  const ruler = Array.from({ length: columns }, (_, i) => String((i + 1) % 10)).join('');
  return layoutReceipt(
    {
      title: '打印测试',
      rows: [
        { label: '打印机', value: input.printerId },
        { label: '时间', value: input.printedAt },
        { label: '纸宽', value: `${input.paperWidthMm} mm / ${columns} 列` },
        { label: '字符', value: '中文 ABC abc 0123 ￥' },
      ],
      footer: `${ruler}\n能看清本页文字和二维码，说明打印机工作正常。`,
      qrCode: input.qrCode ?? `LINLI-PRINT-TEST ${input.printerId} ${input.printedAt}`,
    },
    { paperWidthMm: input.paperWidthMm },
  );
}
