import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LinliError } from '@linli/protocol';
import { checkCharacter, isValidIdNumber } from '../src/id-card/id-number';
import { nationCode, nationName } from '../src/id-card/nations';
import { decodeTextBlock, encodeTextBlock } from '../src/id-card/text-block';
import { DEMO_CARDS } from '../src/id-card/demo-cards';
import { describeStatus } from '../src/id-card/sam-commands';

test('GB 11643 check characters: the standard example and a plain one validate, a changed digit does not', () => {
  assert.equal(checkCharacter('11010519491231002'), 'X');
  assert.ok(isValidIdNumber('11010519491231002X'));
  assert.ok(isValidIdNumber('440524188001010014'));
  assert.ok(!isValidIdNumber('440524188001010015'));
  assert.ok(!isValidIdNumber('11010519491231002x'), 'lower-case x is not how cards store it');
  assert.ok(!isValidIdNumber('1101051949123100'));
});

test('nation codes map to names and back; unknown codes are undefined', () => {
  assert.equal(nationName('01'), '汉');
  assert.equal(nationName('05'), '维吾尔');
  assert.equal(nationName('56'), '基诺');
  assert.equal(nationName('97'), '其他');
  assert.equal(nationName('98'), '外国血统中国籍人士');
  assert.equal(nationName('57'), undefined);
  assert.equal(nationName('00'), undefined);
  assert.equal(nationCode('朝鲜'), '10');
});

/** A resident block built by hand at the offsets of GA 467, independent of encodeTextBlock. */
function handBuiltResidentBlock(idNumber = '11010519491231002X'): Buffer {
  const block = Buffer.alloc(256);
  Buffer.from(' '.repeat(128), 'utf16le').copy(block);
  const put = (offset: number, text: string) => Buffer.from(text, 'utf16le').copy(block, offset);
  put(0, '张小三');
  put(30, '1');
  put(32, '01');
  put(36, '19491231');
  put(52, '北京市东城区安定门街道交道口北二条十八号');
  put(122, idNumber);
  put(158, '北京市公安局东城分局');
  put(188, '20150601');
  put(204, '长期');
  return block;
}

test('a resident card block decodes every field', () => {
  assert.deepEqual(decodeTextBlock(handBuiltResidentBlock()), DEMO_CARDS.resident);
});

test('every card type round-trips through its layout', () => {
  for (const card of Object.values(DEMO_CARDS))
    assert.deepEqual(decodeTextBlock(encodeTextBlock(card)), card, card.cardType);
});

test('the type flag and the fields sit where GA 467 puts them for J, I and Y cards', () => {
  const text = (block: Buffer, offset: number, length: number) =>
    block
      .subarray(offset, offset + length)
      .toString('utf16le')
      .trimEnd();
  const j = encodeTextBlock(DEMO_CARDS.hongKongPermit);
  assert.equal(text(j, 248, 2), 'J');
  assert.equal(text(j, 122, 36), '810000198001010014');
  assert.equal(text(j, 220, 18), 'H12345678');
  assert.equal(text(j, 238, 4), '01');
  const i = encodeTextBlock(DEMO_CARDS.foreign2017);
  assert.equal(text(i, 248, 2), 'I');
  assert.equal(text(i, 0, 120), 'SMITH, JOHN');
  assert.equal(text(i, 122, 30), 'CAN110075031501');
  assert.equal(text(i, 152, 6), 'CAN');
  assert.equal(text(i, 158, 30), '李明');
  assert.equal(text(i, 220, 16), '19750315');
  const y = encodeTextBlock(DEMO_CARDS.foreign2023);
  assert.equal(text(y, 248, 2), 'Y');
  assert.equal(text(y, 52, 70) + text(y, 220, 22), 'GARCIA LOPEZ, MARIA ISABEL DE LOS ANGELES');
  assert.equal(text(y, 242, 6), 'ESP');
});

test('garbled data is refused with ID_CARD_INVALID naming the fields, never their values', () => {
  const block = handBuiltResidentBlock('110105194912310021');
  Buffer.from('77', 'utf16le').copy(block, 32);
  Buffer.from('20151301', 'utf16le').copy(block, 188);
  assert.throws(
    () => decodeTextBlock(block),
    (error: unknown) =>
      error instanceof LinliError &&
      error.code === 'ID_CARD_INVALID' &&
      JSON.stringify(error.details?.map((d) => d.path)) === JSON.stringify(['/idNumber', '/validFrom', '/nation']) &&
      !error.message.includes('1101051949'),
  );
  assert.throws(() => decodeTextBlock(Buffer.alloc(100)), { code: 'ID_CARD_INVALID' });
  const unknownType = handBuiltResidentBlock();
  Buffer.from('Z', 'utf16le').copy(unknownType, 248);
  assert.throws(() => decodeTextBlock(unknownType), { code: 'ID_CARD_INVALID' });
});

test('every SAM status code says what went wrong with a catalog code', () => {
  assert.equal(describeStatus(0x41).error, 'ID_CARD_READ_FAILED');
  assert.match(describeStatus(0x41).meaning, /reading the card failed/);
  assert.equal(describeStatus(0x10).error, 'DEVICE_PROTOCOL_ERROR');
  assert.equal(describeStatus(0x66).error, 'PERIPHERAL_UNAVAILABLE');
  assert.equal(describeStatus(0x33).meaning, 'information verification failed');
  assert.equal(describeStatus(0x7e).meaning, 'unknown status 0x7e');
  for (const status of [
    0x10, 0x11, 0x21, 0x23, 0x24, 0x31, 0x32, 0x33, 0x40, 0x41, 0x47, 0x60, 0x66, 0x80, 0x81, 0x91,
  ]) {
    assert.doesNotMatch(describeStatus(status).meaning, /unknown status/, `0x${status.toString(16)}`);
  }
});
