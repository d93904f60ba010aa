/**
 * A QR code as the kiosk screen draws it (a payment code, a queue ticket's follow link): the host
 * makes the modules with the qrcode package, so the renderer carries no QR library.
 */
import QRCode from 'qrcode';
import type { ScreenQr } from '@linli/protocol';

export function screenQr(payload: string): ScreenQr {
  const code = QRCode.create(payload, { errorCorrectionLevel: 'M' });
  const modules = Array.from({ length: code.modules.size ** 2 }, (_, n) => (code.modules.data[n] ? '1' : '0')).join('');
  return { size: code.modules.size, modules };
}
