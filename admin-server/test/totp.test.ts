import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  base32Decode,
  base32Encode,
  generateTotpSecret,
  hotp,
  otpauthUri,
  totpAt,
  verifyTotp,
} from '../src/domain/totp';

const rfcKey = new TextEncoder().encode('12345678901234567890');
const rfcSecret = base32Encode(rfcKey);
const seconds = (value: number) => new Date(value * 1000);

describe('base32', () => {
  test('RFC 4648 test vectors, without padding', () => {
    const vectors: [string, string][] = [
      ['', ''],
      ['f', 'MY'],
      ['fo', 'MZXQ'],
      ['foo', 'MZXW6'],
      ['foob', 'MZXW6YQ'],
      ['fooba', 'MZXW6YTB'],
      ['foobar', 'MZXW6YTBOI'],
    ];
    for (const [plain, encoded] of vectors) {
      assert.equal(base32Encode(new TextEncoder().encode(plain)), encoded);
      assert.equal(new TextDecoder().decode(base32Decode(encoded)), plain);
    }
  });

  test('decoding accepts lower case, grouping spaces and padding', () => {
    assert.equal(new TextDecoder().decode(base32Decode('mzxw 6ytb oi======')), 'foobar');
  });

  test('round trip of random bytes of every length up to 40', () => {
    for (let length = 0; length <= 40; length++) {
      const bytes = Uint8Array.from({ length }, () => Math.floor(Math.random() * 256));
      assert.deepEqual(base32Decode(base32Encode(bytes)), bytes);
    }
  });

  test('other characters are refused with VALIDATION_FAILED', () => {
    for (const text of ['MZXW1', 'MZXW0', 'MZ-XW', 'MZ=XW', '邻里']) {
      assert.throws(() => base32Decode(text), {
        name: 'LinliError',
        code: 'VALIDATION_FAILED',
        message: 'Not a base32 secret',
      });
    }
  });

  test('generated secrets are 20 bytes as unpadded upper-case base32', () => {
    const secret = generateTotpSecret();
    assert.match(secret, /^[A-Z2-7]{32}$/);
    assert.equal(base32Decode(secret).length, 20);
    assert.notEqual(generateTotpSecret(), secret);
  });
});

describe('HOTP and TOTP', () => {
  test('RFC 4226 Appendix D values for counters 0-9', () => {
    const expected = [
      '755224',
      '287082',
      '359152',
      '969429',
      '338314',
      '254676',
      '287922',
      '162583',
      '399871',
      '520489',
    ];
    expected.forEach((code, counter) => assert.equal(hotp(rfcKey, counter), code));
  });

  test('RFC 6238 Appendix B SHA-1 values (8 digits)', () => {
    const vectors: [number, string][] = [
      [59, '94287082'],
      [1111111109, '07081804'],
      [1111111111, '14050471'],
      [1234567890, '89005924'],
      [2000000000, '69279037'],
      [20000000000, '65353130'],
    ];
    for (const [time, code] of vectors) assert.equal(totpAt(rfcSecret, seconds(time), 30, 8), code);
  });
});

describe('verifyTotp', () => {
  const secret = generateTotpSecret();
  const now = seconds(1_700_000_015);
  const codeAt = (offsetSteps: number) => totpAt(secret, new Date(now.getTime() + offsetSteps * 30_000));
  const currentStep = Math.floor(now.getTime() / 30_000);

  test('accepts the current code and those one step before or after, returning the step', () => {
    for (const offset of [-1, 0, 1])
      assert.deepEqual(verifyTotp(secret, codeAt(offset), now), { ok: true, step: currentStep + offset });
  });

  test('refuses codes two steps away unless the window is widened', () => {
    for (const offset of [-2, 2]) {
      // A random secret could make a distant code coincide with a near one; skip that one-in-a-million case.
      if ([-1, 0, 1].some((near) => codeAt(near) === codeAt(offset))) continue;
      assert.deepEqual(verifyTotp(secret, codeAt(offset), now), { ok: false });
      assert.deepEqual(verifyTotp(secret, codeAt(offset), now, { window: 2 }), {
        ok: true,
        step: currentStep + offset,
      });
    }
  });

  test('refuses a replay of the last used step or an earlier one', () => {
    const first = verifyTotp(secret, codeAt(0), now);
    assert.ok(first.ok);
    assert.deepEqual(verifyTotp(secret, codeAt(0), now, { lastUsedStep: first.step }), { ok: false });
    assert.deepEqual(verifyTotp(secret, codeAt(-1), now, { lastUsedStep: first.step }), { ok: false });
    assert.deepEqual(verifyTotp(secret, codeAt(1), now, { lastUsedStep: first.step }), {
      ok: true,
      step: first.step + 1,
    });
  });

  test('strips spaces and refuses anything but exactly six digits', () => {
    const code = codeAt(0);
    assert.equal(verifyTotp(secret, ` ${code.slice(0, 3)} ${code.slice(3)} `, now).ok, true);
    for (const bad of ['', '12345', code.slice(0, 5), `${code}0`, '12a456', '١٢٣٤٥٦', `${code.slice(0, 5)}x`]) {
      assert.deepEqual(verifyTotp(secret, bad, now), { ok: false }, bad);
    }
  });

  test('does not fail near the epoch, where the window reaches before step 0', () => {
    assert.deepEqual(verifyTotp(rfcSecret, totpAt(rfcSecret, seconds(5)), seconds(5)), { ok: true, step: 0 });
  });
});

describe('otpauthUri', () => {
  test('percent-encodes a Chinese issuer and the account in label and parameters', () => {
    const secret = 'JBSWY3DPEHPK3PXP';
    assert.equal(
      otpauthUri(secret, 'wang li@example.org', '邻里'),
      'otpauth://totp/%E9%82%BB%E9%87%8C:wang%20li%40example.org?secret=JBSWY3DPEHPK3PXP&issuer=%E9%82%BB%E9%87%8C&algorithm=SHA1&digits=6&period=30',
    );
  });

  test('writes the secret in canonical form', () => {
    assert.match(otpauthUri('jbsw y3dp ehpk 3pxp', 'admin', 'Linli'), /\?secret=JBSWY3DPEHPK3PXP&/);
  });
});
