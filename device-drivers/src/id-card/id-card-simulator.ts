/**
 * A 二代证 reader that speaks the SAM frame protocol byte for byte over any byte transport (a pty
 * end, a socket): it answers the commands a host sends with the replies a certified reader gives,
 * serves the card placed on it, and injects the faults drivers must survive.
 */
import { randomBytes } from 'node:crypto';
import type { IdCardData } from '@linli/protocol';
import type { ByteTransport } from '../transport/byte-transport';
import { SAM_COMMANDS, SW_FIND_SUCCESS, SW_NO_CARD, SW_NO_CONTENT, SW_SELECT_FAILED, SW_SUCCESS } from './sam-commands';
import { createFrameReader, encodeReply } from './sam-frame';
import { encodeTextBlock } from './text-block';

const PHOTO_BYTES = 1024;
const SW_CHECKSUM_ERROR = 0x10;
const SW_COMMAND_ERROR = 0x21;
const SW_READ_FAILED = 0x41;

export interface ReaderFaults {
  /** The next reply goes out with a wrong checksum. */
  corruptNextReply?: boolean;
  /** Every reply is written in pieces with pauses between them, as slow USB-serial bridges do. */
  splitReplies?: boolean;
  /** Bytes of noise go out before the next reply. */
  noiseBeforeNextReply?: boolean;
  /** The next read answers 41 (read failed). */
  failNextRead?: boolean;
  /** The reader stops answering (powered off, cable cut on the far side). */
  silent?: boolean;
}

export interface ReaderSimulator {
  placeCard(card: IdCardData): void;
  removeCard(): void;
  setFaults(faults: ReaderFaults): void;
  /** Names of the commands received, in order ('find', 'select', 'read', …). */
  readonly received: string[];
  /** Called with each command's name as it arrives (a demo can act like a resident on it). */
  onCommand(listener: (name: string) => void): () => void;
  detach(): void;
}

const COMMAND_NAMES = new Map<string, string>(
  Object.entries({
    samStatus: 'sam-status',
    resetSam: 'reset',
    readSamId: 'sam-id',
    findCard: 'find',
    selectCard: 'select',
    readText: 'read',
    readAppendedAddress: 'read-address',
  }).map(([key, name]) => [SAM_COMMANDS[key as keyof typeof SAM_COMMANDS].join(','), name]),
);

export function attachIdCardSimulator(transport: ByteTransport): ReaderSimulator {
  const frames = createFrameReader();
  const received: string[] = [];
  const commandListeners = new Set<(name: string) => void>();
  let card: IdCardData | undefined;
  // A certified reader finds a card again only after it has left the field.
  let readSincePlaced = false;
  let selected = false;
  let faults: ReaderFaults = {};

  async function send(status: number, data?: Uint8Array) {
    if (faults.silent) return;
    let frame = encodeReply(status, data);
    if (faults.corruptNextReply) {
      faults = { ...faults, corruptNextReply: false };
      frame = Buffer.from(frame);
      frame[frame.length - 1] = frame.at(-1)! ^ 0xff;
    }
    if (faults.noiseBeforeNextReply) {
      faults = { ...faults, noiseBeforeNextReply: false };
      frame = Buffer.concat([Buffer.of(0x00, 0xaa, 0x13, 0x96, 0xaa, 0xaa), frame]);
    }
    if (!faults.splitReplies) return transport.write(frame);
    for (let offset = 0; offset < frame.length; offset += 300) {
      await transport.write(frame.subarray(offset, offset + 300));
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }

  function answer(payload: Buffer): [number, Uint8Array?] {
    const name =
      COMMAND_NAMES.get(`${payload[0]},${payload[1]}`) ?? `unknown ${payload.subarray(0, 2).toString('hex')}`;
    received.push(name);
    commandListeners.forEach((listener) => listener(name));
    switch (name) {
      case 'sam-status':
      case 'reset':
        return [SW_SUCCESS];
      case 'sam-id':
        return [SW_SUCCESS, Buffer.alloc(16, 0x01)];
      case 'find':
        selected = false;
        return card && !readSincePlaced ? [SW_FIND_SUCCESS, Buffer.alloc(4)] : [SW_NO_CARD];
      case 'select':
        selected = Boolean(card && !readSincePlaced);
        return selected ? [SW_SUCCESS, Buffer.alloc(8)] : [SW_SELECT_FAILED];
      case 'read': {
        if (!card || !selected || faults.failNextRead) {
          faults = { ...faults, failNextRead: false };
          return [SW_READ_FAILED];
        }
        readSincePlaced = true;
        selected = false;
        const lengths = Buffer.of(0x01, 0x00, PHOTO_BYTES >> 8, PHOTO_BYTES & 0xff);
        return [SW_SUCCESS, Buffer.concat([lengths, encodeTextBlock(card), randomBytes(PHOTO_BYTES)])];
      }
      case 'read-address':
        return [SW_NO_CONTENT];
      default:
        return [SW_COMMAND_ERROR];
    }
  }

  const unsubscribe = transport.onData((chunk) => {
    for (const event of frames.push(chunk)) {
      if (event.kind === 'skipped' && event.reason === 'bad-checksum')
        void send(SW_CHECKSUM_ERROR).catch(() => undefined);
      if (event.kind !== 'frame') continue;
      const [status, data] = answer(event.payload);
      void send(status, data).catch(() => undefined);
    }
  });

  return {
    placeCard(next) {
      card = next;
      readSincePlaced = false;
    },
    removeCard() {
      card = undefined;
      readSincePlaced = false;
    },
    setFaults(next) {
      faults = { ...next };
    },
    received,
    onCommand(listener) {
      commandListeners.add(listener);
      return () => commandListeners.delete(listener);
    },
    detach: unsubscribe,
  };
}
