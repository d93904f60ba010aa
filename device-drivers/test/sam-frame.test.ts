import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createFrameReader, encodeCommand, encodeReply } from '../src/id-card/sam-frame';
import { SAM_COMMANDS } from '../src/id-card/sam-commands';

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex').toUpperCase().match(/../g)!.join(' ');

test('commands are framed exactly as certified readers expect', () => {
  assert.equal(hex(encodeCommand(...SAM_COMMANDS.resetSam)), 'AA AA AA 96 69 00 03 10 FF EC');
  assert.equal(hex(encodeCommand(...SAM_COMMANDS.samStatus)), 'AA AA AA 96 69 00 03 11 FF ED');
  assert.equal(hex(encodeCommand(...SAM_COMMANDS.readSamId)), 'AA AA AA 96 69 00 03 12 FF EE');
  assert.equal(hex(encodeCommand(...SAM_COMMANDS.findCard)), 'AA AA AA 96 69 00 03 20 01 22');
  assert.equal(hex(encodeCommand(...SAM_COMMANDS.selectCard)), 'AA AA AA 96 69 00 03 20 02 21');
  assert.equal(hex(encodeCommand(...SAM_COMMANDS.readText)), 'AA AA AA 96 69 00 03 30 01 32');
  assert.equal(hex(encodeCommand(...SAM_COMMANDS.readAppendedAddress)), 'AA AA AA 96 69 00 03 30 03 30');
  assert.equal(hex(encodeCommand(0x61, 0xff, Buffer.of(0x50))), 'AA AA AA 96 69 00 04 61 FF 50 CA');
});

test('replies are framed with the status triple and data', () => {
  assert.equal(hex(encodeReply(0x90)), 'AA AA AA 96 69 00 04 00 00 90 94');
  assert.equal(hex(encodeReply(0x9f, Buffer.alloc(4))), 'AA AA AA 96 69 00 08 00 00 9F 00 00 00 00 97');
  assert.equal(hex(encodeReply(0x80)), 'AA AA AA 96 69 00 04 00 00 80 84');
  assert.equal(hex(encodeReply(0x90, Buffer.alloc(8))), 'AA AA AA 96 69 00 0C 00 00 90 00 00 00 00 00 00 00 00 9C');
  const read = encodeReply(0x90, Buffer.concat([Buffer.of(1, 0, 4, 0), Buffer.alloc(1280)]));
  assert.equal(read.length, 1295);
  assert.equal(hex(read.subarray(5, 7)), '05 08');
});

test('a frame split into single bytes is reassembled', () => {
  const reader = createFrameReader();
  const frame = encodeReply(0x90, Buffer.from('abc'));
  const frames = [...frame].flatMap((byte) => reader.push(Buffer.of(byte))).filter((event) => event.kind === 'frame');
  assert.equal(frames.length, 1);
  assert.equal(frames[0]!.kind === 'frame' && frames[0]!.payload.toString('latin1'), '\0\0\x90abc');
});

test('two frames in one chunk come out as two frames', () => {
  const events = createFrameReader().push(Buffer.concat([encodeReply(0x80), encodeReply(0x9f, Buffer.alloc(4))]));
  assert.deepEqual(
    events.map((event) => event.kind === 'frame' && event.payload[2]),
    [0x80, 0x9f],
  );
});

test('garbage, a corrupted frame and a bogus length are skipped and the next frame is found', () => {
  const reader = createFrameReader();
  const corrupted = Buffer.from(encodeReply(0x90, Buffer.from('lost')));
  corrupted[corrupted.length - 1] = corrupted.at(-1)! ^ 0x55;
  const bogusLength = Buffer.of(0xaa, 0xaa, 0xaa, 0x96, 0x69, 0xff, 0xff);
  const events = reader.push(
    Buffer.concat([Buffer.from('noise'), corrupted, bogusLength, encodeReply(0x90, Buffer.from('kept'))]),
  );
  const frames = events.filter((event) => event.kind === 'frame');
  assert.equal(frames.length, 1);
  assert.equal(frames[0]!.kind === 'frame' && frames[0]!.payload.subarray(3).toString(), 'kept');
  const reasons = new Set(events.flatMap((event) => (event.kind === 'skipped' ? [event.reason] : [])));
  assert.deepEqual([...reasons].sort(), ['bad-checksum', 'bad-length', 'no-preamble']);
});

test('random noise never throws and the reader still finds a frame afterwards', () => {
  const reader = createFrameReader();
  let seed = 7;
  const random = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) & 0xff;
  for (let round = 0; round < 200; round++) {
    const noise = Buffer.from(Array.from({ length: 1 + (random() % 64) }, random));
    // Now and then a preamble, whole or cut short, so the reader starts frames that never finish.
    const preamble =
      round % 10 === 0 ? Buffer.of(0xaa, 0xaa, 0xaa, 0x96, 0x69).subarray(0, 1 + (round % 5)) : Buffer.alloc(0);
    reader.push(Buffer.concat([noise, preamble]));
  }
  // The last noise may have left a half frame with a long declared length; the real frame still
  // surfaces once the reader has skipped past it.
  const filler = Buffer.alloc(4200, 0x00);
  const frames = [...reader.push(filler), ...reader.push(encodeReply(0x9f, Buffer.alloc(4)))].filter(
    (event) => event.kind === 'frame',
  );
  assert.equal(frames.length, 1);
});

test('the reader keeps no copy of what it was fed: once the caller zeroes the payload, every buffer it filled is zero', () => {
  const filled: Buffer[] = [];
  const reader = createFrameReader((bytes) => {
    const buffer = Buffer.alloc(bytes);
    filled.push(buffer);
    return buffer;
  });
  const idNumber = Buffer.from('11010519491231002X', 'utf16le');
  const reply = encodeReply(0x90, Buffer.concat([Buffer.alloc(244, 0x20), idNumber, Buffer.alloc(1024, 0x55)]));
  const corrupted = Buffer.from(reply);
  corrupted[corrupted.length - 1] = corrupted.at(-1)! ^ 0xff;
  // Noise, a corrupted copy the reader skips byte by byte, then the reply, in uneven pieces.
  const stream = Buffer.concat([Buffer.from('noise'), corrupted, reply]);
  const frames: Buffer[] = [];
  for (let at = 0; at < stream.length; at += 97)
    for (const event of reader.push(stream.subarray(at, at + 97)))
      if (event.kind === 'frame') frames.push(event.payload);
  assert.equal(frames.length, 1);
  assert.ok(frames[0]!.includes(idNumber));
  frames[0]!.fill(0);
  assert.ok(filled.length >= 2, 'its store and the payload came from the allocator');
  for (const buffer of filled) assert.ok(buffer.every((byte) => byte === 0));
});
