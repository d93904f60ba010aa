/** The account number in a scanned bill code: alone, named in a QR code's text or address, or not there. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { accountFromScan } from '../renderer/bills/bill-scan';

test('a scanned bill code gives its account number, or nothing when it holds none', () => {
  assert.equal(accountFromScan(' 1000010003 '), '1000010003');
  assert.equal(accountFromScan('户号：1000010003 金额：356.73'), '1000010003');
  assert.equal(accountFromScan('https://pay.water.example.cn/bill?hh=2000010001&m=202611'), '2000010001');
  assert.equal(accountFromScan('accountNo=SW12345678'), 'SW12345678');
  assert.equal(accountFromScan('LINLI:guide:dibao'), undefined);
  assert.equal(accountFromScan('户号：123'), undefined, 'too short to be one');
  assert.equal(accountFromScan('户号：1234567890123456789012'), undefined, 'too long to be one');
});
