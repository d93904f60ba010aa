/** Time-based one-time passwords (RFC 6238, HMAC-SHA1) for optional two-factor sign-in of administrators. */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { LinliError } from '@linli/protocol';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** 20 bytes matches the HMAC-SHA1 block output, the key size RFC 4226 recommends. */
export function generateTotpSecret(): string {
  return base32Encode(randomBytes(20));
}

export function base32Encode(bytes: Uint8Array): string {
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = ((buffer << 8) | byte) & 0xfff; // only the unread bits (< 13) matter; masking keeps the number small
    bits += 8;
    for (; bits >= 5; bits -= 5) out += ALPHABET[(buffer >>> (bits - 5)) & 31];
  }
  if (bits > 0) out += ALPHABET[(buffer << (5 - bits)) & 31];
  return out;
}

/** Lenient about what people copy from authenticator apps (grouping spaces, lower case, padding). */
export function base32Decode(text: string): Uint8Array {
  const clean = text.replace(/\s+/g, '').replace(/=+$/, '').toUpperCase();
  const out: number[] = [];
  let buffer = 0;
  let bits = 0;
  for (const char of clean) {
    const value = ALPHABET.indexOf(char);
    if (value < 0) throw new LinliError('VALIDATION_FAILED', 'Not a base32 secret');
    buffer = ((buffer << 5) | value) & 0xfff;
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      out.push((buffer >>> bits) & 0xff);
    }
  }
  return Uint8Array.from(out);
}

export function hotp(secret: Uint8Array, counter: number, digits = 6): string {
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(BigInt(counter)); // the counter exceeds 32 bits for far-future times (RFC 6238 vector 20000000000)
  const mac = createHmac('sha1', secret).update(message).digest();
  const offset = mac[mac.length - 1]! & 0x0f;
  const binary = mac.readUInt32BE(offset) & 0x7fffffff;
  return String(binary % 10 ** digits).padStart(digits, '0');
}

export function totpAt(secretBase32: string, at: Date, stepSec = 30, digits = 6): string {
  return hotp(base32Decode(secretBase32), Math.floor(at.getTime() / 1000 / stepSec), digits);
}

/**
 * `window` tolerates clock drift between server and phone. Every candidate step is compared, so the
 * time taken does not reveal which one matched; the caller must store the returned step and pass it
 * back as `lastUsedStep`, otherwise an observed code stays usable for the whole window.
 */
export function verifyTotp(
  secretBase32: string,
  code: string,
  at: Date,
  options: { window?: number; lastUsedStep?: number } = {},
): { ok: true; step: number } | { ok: false } {
  const given = code.replace(/\s+/g, '');
  if (!/^\d{6}$/.test(given)) return { ok: false };
  const secret = base32Decode(secretBase32);
  const window = options.window ?? 1;
  const current = Math.floor(at.getTime() / 30_000);
  let matched: number | undefined;
  for (let step = Math.max(0, current - window); step <= current + window; step++) {
    const equal = timingSafeEqual(Buffer.from(hotp(secret, step)), Buffer.from(given));
    if (equal && step > (options.lastUsedStep ?? -Infinity)) matched = step;
  }
  return matched === undefined ? { ok: false } : { ok: true, step: matched };
}

/** The Key Uri Format read by authenticator apps; the issuer is repeated as a parameter because apps disagree on which they use. */
export function otpauthUri(secretBase32: string, account: string, issuer: string): string {
  const label = `${encodeURIComponent(issuer)}:${encodeURIComponent(account)}`;
  const secret = base32Encode(base32Decode(secretBase32)); // canonical form: apps reject spaces or padding
  return `otpauth://totp/${label}?secret=${secret}&issuer=${encodeURIComponent(issuer)}&algorithm=SHA1&digits=6&period=30`;
}
