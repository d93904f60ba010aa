/**
 * A printed receipt as a picture, for the README: the ESC/POS a printer simulator received is
 * drawn as the paper would show it — the 12×24 font's columns (a Chinese character two, ASCII one),
 * bold, double size, alignment, the QR code and the cut — and photographed in Chromium.
 */
import type { Page } from 'playwright-core';
import QRCode from 'qrcode';
import type { EscPosEvent } from '../../device-drivers/src/receipt-printer/escpos-decoder';
import { paperGeometry, type PaperWidthMm } from '../../device-drivers/src/receipt-printer/receipt-layout';

/** The job between the last two cuts (or from the start): the receipt printed last. */
export function lastReceipt(events: readonly EscPosEvent[]): EscPosEvent[] {
  const cuts = events.flatMap((event, index) => (event.type === 'cut' ? [index] : []));
  const end = cuts.at(-1) ?? events.length - 1;
  const start = cuts.length > 1 ? cuts.at(-2)! + 1 : 0;
  return events.slice(start, end + 1);
}

const escapeHtml = (text: string) => text.replace(/[<>&"]/g, (char) => `&#${char.charCodeAt(0)};`);

/** The receipt as HTML: one block per printed line, each character as wide as the printer makes it. */
export async function receiptHtml(events: readonly EscPosEvent[], paperWidthMm: PaperWidthMm): Promise<string> {
  const { columns } = paperGeometry(paperWidthMm);
  const lines: string[] = [];
  let line = '';
  let align = 'left';
  let bold = false;
  let scale = { width: 1, height: 1 };
  const endLine = () => {
    lines.push(`<div class="line" style="text-align:${align}">${line || '&nbsp;'}</div>`);
    line = '';
  };
  for (const event of events) {
    switch (event.type) {
      case 'text':
        line += `<span style="font-weight:${bold ? 700 : 400};font-size:${scale.height}em;letter-spacing:${(scale.width - scale.height) * 0.5}em">${escapeHtml(event.text)}</span>`;
        break;
      case 'line-feed':
        endLine();
        break;
      case 'feed':
        if (line) endLine();
        for (let n = 0; n < event.lines; n++) endLine();
        break;
      case 'align':
        align = event.alignment;
        break;
      case 'bold':
        bold = event.on;
        break;
      case 'size':
        scale = { width: event.width, height: event.height };
        break;
      case 'chinese-size':
        scale = { width: event.doubleWidth ? 2 : 1, height: event.doubleHeight ? 2 : 1 };
        break;
      case 'qr': {
        if (line) endLine();
        // A printer dot is a pixel here (576 dots on 80 mm paper, 48 columns of 12).
        const image = await QRCode.toDataURL(event.data, { margin: 1, scale: event.moduleSize });
        lines.push(`<div class="line" style="text-align:${align}"><img src="${image}" alt=""></div>`);
        break;
      }
      case 'cut':
        if (line) endLine();
        lines.push('<div class="cut"></div>');
        break;
      default:
        break;
    }
  }
  if (line) endLine();
  return `<!doctype html><meta charset="utf-8"><style>
    body { margin: 0; padding: 24px; background: #d9dde2; }
    .paper { width: ${columns / 2}em; padding: 16px 20px; background: #fffef8; font: 24px/1.25 'Noto Sans Mono CJK SC', monospace;
      color: #1b1f24; box-shadow: 0 4px 14px rgb(0 0 0 / 25%); white-space: pre; }
    .line { min-height: 1.25em; }
    .cut { border-top: 2px dashed #8a94a0; margin: 16px -20px 0; }
  </style><div class="paper">${lines.join('')}</div>`;
}

/** Photographs the receipt into `file` (just the paper). */
export async function photographReceipt(
  page: Page,
  events: readonly EscPosEvent[],
  paperWidthMm: PaperWidthMm,
  file: string,
): Promise<void> {
  await page.setContent(await receiptHtml(events, paperWidthMm));
  await page.locator('.paper').screenshot({ path: file });
}
