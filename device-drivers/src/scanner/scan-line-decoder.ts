/**
 * Serial barcode/QR scanners send each code followed by CR, LF or CR LF. This turns a byte stream
 * (split anywhere) into codes. Codes are UTF-8 when valid, otherwise GB18030 (what Chinese
 * scanners send in their default "GBK" output mode).
 */
import iconv from 'iconv-lite';

const MAX_CODE_BYTES = 7089; // the most a QR code can hold (numeric mode); anything longer is noise

export type ScanLineEvent =
  { kind: 'code'; code: string } | { kind: 'discarded'; bytes: number; reason: 'too-long' | 'not-text' };

export function createScanLineDecoder() {
  let pending = Buffer.alloc(0);
  let overflowing = false;
  return {
    push(chunk: Uint8Array): ScanLineEvent[] {
      const events: ScanLineEvent[] = [];
      let buffer = Buffer.concat([pending, chunk]);
      for (let end = buffer.findIndex(isLineEnd); end >= 0; end = buffer.findIndex(isLineEnd)) {
        const line = buffer.subarray(0, end);
        buffer = buffer.subarray(end + 1);
        if (overflowing) {
          overflowing = false;
          continue;
        }
        if (line.length > 0) events.push(decodeLine(line));
      }
      if (buffer.length > MAX_CODE_BYTES) {
        events.push({ kind: 'discarded', bytes: buffer.length, reason: 'too-long' });
        buffer = Buffer.alloc(0);
        overflowing = true;
      }
      pending = Buffer.from(buffer);
      return events;
    },
  };
}

function isLineEnd(byte: number): boolean {
  return byte === 0x0d || byte === 0x0a;
}

function decodeLine(line: Buffer): ScanLineEvent {
  const text = new TextDecoder('utf-8', { fatal: false }).decode(line);
  const code = text.includes('\uFFFD') ? iconv.decode(line, 'gb18030') : text;
  // Control characters other than tab mean line noise, not a printed code.
  if (/[\u0000-\u0008\u000b-\u001f\u007f]/u.test(code))
    return { kind: 'discarded', bytes: line.length, reason: 'not-text' };
  return { kind: 'code', code };
}
