// The real driver against the protocol-exact simulator, joined by a real pty pair (socat) and
// serialport on both ends, as a USB-serial reader would be.
import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as setTimeoutPromise } from 'node:timers/promises';
import { LinliError } from '@linli/protocol';
import { createIdCardReader, type IdCardReaderOptions } from '../src/id-card/id-card-reader';
import { attachIdCardSimulator } from '../src/id-card/id-card-simulator';
import { createCardPresence, waitForNewCard } from '../src/id-card/card-watch';
import { DEMO_CARDS } from '../src/id-card/demo-cards';
import { openSerialTransport } from '../src/transport/serial-transport';
import { openPtyPair } from '../src/transport/pty-pair';
import type { ByteTransport } from '../src/transport/byte-transport';

/** `watch` may wrap the host end, to see what the reader receives. */
async function readerOnPty(
  t: TestContext,
  options: IdCardReaderOptions = {},
  watch = (hostSide: ByteTransport) => hostSide,
) {
  const pair = await openPtyPair();
  const deviceSide = await openSerialTransport(pair.deviceEnd);
  const simulator = attachIdCardSimulator(deviceSide);
  const reader = createIdCardReader(watch(await openSerialTransport(pair.hostEnd, 115200)), options);
  t.after(async () => {
    await reader.close();
    await deviceSide.close();
    await pair.close();
  });
  return { reader, simulator };
}

test('reads every card type over a serial line, 8N1 at 115200', async (t) => {
  const { reader, simulator } = await readerOnPty(t);
  await reader.checkSam();
  assert.equal(await reader.readCard(), undefined, 'no card on the reader');
  for (const card of Object.values(DEMO_CARDS)) {
    simulator.placeCard(card);
    assert.deepEqual(await reader.readCard(), card);
  }
  assert.deepEqual(simulator.received.slice(0, 5), ['sam-status', 'find', 'find', 'select', 'read']);
});

test('replies split across writes, noise before a reply and a corrupted reply do not break reading', async (t) => {
  const { reader, simulator } = await readerOnPty(t, { replyTimeoutMs: 400 });
  simulator.placeCard(DEMO_CARDS.resident);
  simulator.setFaults({ splitReplies: true, noiseBeforeNextReply: true });
  assert.deepEqual(await reader.readCard(), DEMO_CARDS.resident);

  // A corrupted reply is dropped by the frame reader: the request times out, and the next one works.
  simulator.removeCard();
  simulator.setFaults({ corruptNextReply: true });
  await assert.rejects(reader.readCard(), { code: 'PERIPHERAL_UNAVAILABLE' });
  simulator.placeCard(DEMO_CARDS.hongKongPermit);
  assert.deepEqual(await reader.readCard(), DEMO_CARDS.hongKongPermit);
});

test('after a read, no buffer the card passed through on the host side still holds its data', async (t) => {
  const chunks: Buffer[] = [];
  const copies: Buffer[] = [];
  const assembled: Buffer[] = [];
  const { reader, simulator } = await readerOnPty(
    t,
    {
      allocate: (bytes) => {
        const buffer = Buffer.alloc(bytes);
        assembled.push(buffer);
        return buffer;
      },
    },
    (hostSide) => ({
      ...hostSide,
      onData: (listener) =>
        hostSide.onData((chunk) => {
          chunks.push(chunk);
          copies.push(Buffer.from(chunk));
          listener(chunk);
        }),
    }),
  );
  const card = DEMO_CARDS.resident;
  simulator.placeCard(card);
  assert.deepEqual(await reader.readCard(), card);
  // The card's number and name came through these chunks, UCS-2 little-endian as the card has them …
  const traces = [card.idNumber, card.name].map((text) => Buffer.from(text, 'utf16le'));
  for (const trace of traces) assert.ok(Buffer.concat(copies).includes(trace), 'the read reply went through');
  // … and neither the chunks serialport handed over nor any buffer the reader assembled them in keeps them.
  assert.ok(
    chunks.every((chunk) => chunk.every((byte) => byte === 0)),
    'every chunk received is zeroed',
  );
  assert.ok(assembled.length >= 2, 'the frame store and the reply payloads came from the allocator');
  for (const buffer of assembled)
    for (const trace of traces) assert.ok(!buffer.includes(trace), 'no assembled buffer holds card data');
});

test('a failed read is reported with the SAM meaning; a silent reader as unavailable', async (t) => {
  const { reader, simulator } = await readerOnPty(t, { replyTimeoutMs: 300 });
  simulator.placeCard(DEMO_CARDS.resident);
  simulator.setFaults({ failNextRead: true });
  await assert.rejects(
    reader.readCard(),
    (error: Error & { code?: string }) =>
      error.code === 'ID_CARD_READ_FAILED' && /reading the card failed/.test(error.message),
  );
  simulator.setFaults({ silent: true });
  await assert.rejects(
    reader.checkSam(),
    (error: Error & { code?: string }) =>
      error.code === 'PERIPHERAL_UNAVAILABLE' && /did not answer/.test(error.message),
  );
});

test('a card left on the reader is reported once; a new card placed afterwards is reported', async (t) => {
  const { reader, simulator } = await readerOnPty(t);
  const presence = createCardPresence();
  simulator.placeCard(DEMO_CARDS.resident);
  const first = await waitForNewCard(reader, presence, { signal: AbortSignal.timeout(3000), intervalMs: 20 });
  assert.equal(first.idNumber, DEMO_CARDS.resident.idNumber);

  const findsBefore = simulator.received.filter((name) => name === 'find').length;
  await assert.rejects(waitForNewCard(reader, presence, { signal: AbortSignal.timeout(400), intervalMs: 20 }), {
    name: 'TimeoutError',
  });
  assert.ok(
    simulator.received.filter((name) => name === 'find').length > findsBefore + 3,
    'it kept polling while asked',
  );

  // The card arrives while the reader is being polled; each wait between polls is counted.
  let waits = 0;
  let waiting = 0;
  const countedSleep = async (ms: number, signal: AbortSignal) => {
    waits += 1;
    waiting += 1;
    if (waits === 3) simulator.placeCard(DEMO_CARDS.foreign2023);
    try {
      await setTimeoutPromise(ms, undefined, { signal });
    } finally {
      waiting -= 1;
    }
  };
  const second = await waitForNewCard(reader, presence, {
    signal: AbortSignal.timeout(3000),
    intervalMs: 20,
    sleep: countedSleep,
  });
  assert.equal(second.cardType, 'foreign-permanent-2023');
  assert.equal(waiting, 0, 'no poll is waiting to run again: no polling when no screen asks for a card');
  assert.equal(simulator.received.at(-1), 'read', 'the last command was the read that found the card');
});

test('one transient read failure is retried; repeated failures end the wait', async (t) => {
  const { reader, simulator } = await readerOnPty(t);
  const presence = createCardPresence();
  simulator.placeCard(DEMO_CARDS.resident);
  simulator.setFaults({ failNextRead: true });
  assert.equal(
    (await waitForNewCard(reader, presence, { signal: AbortSignal.timeout(3000), intervalMs: 10 })).name,
    '张小三',
  );
  simulator.removeCard();
  simulator.placeCard(DEMO_CARDS.hongKongPermit);
  let attempts = 0;
  const alwaysFails = {
    ...reader,
    readCard: () => (attempts++, Promise.reject(new LinliError('ID_CARD_READ_FAILED', 'read failed'))),
  };
  await assert.rejects(waitForNewCard(alwaysFails, presence, { signal: AbortSignal.timeout(3000), intervalMs: 1 }), {
    code: 'ID_CARD_READ_FAILED',
  });
  assert.equal(attempts, 3);
});
