/**
 * The account number in a scanned bill code (pure): utilities print the number alone as a barcode,
 * or a QR code that names it (户号：…, or an address with account=… / hh=…).
 */
const ACCOUNT = /^[0-9A-Za-z]{6,20}$/;
const NAMED = /(?:户号|戶號|account(?:No|Number)?|hh)\s*[:：=]\s*([0-9A-Za-z]{6,20})(?![0-9A-Za-z])/i;

export function accountFromScan(code: string): string | undefined {
  const text = code.trim();
  if (ACCOUNT.test(text)) return text;
  return NAMED.exec(text)?.[1];
}
