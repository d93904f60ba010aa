/**
 * Driver for a 二代证 reader over any byte transport: one request at a time, each answered by one
 * reply frame. `readCard` is a single find → select → read attempt; the photo is never kept.
 * The reader takes the transport over: every chunk it receives is zeroed once parsed (it may hold
 * a resident's ID data), so nothing else may listen to that transport.
 */
import { LinliError, type IdCardData } from '@linli/protocol';
import type { ByteTransport } from '../transport/byte-transport';
import {
  describeStatus,
  SAM_COMMANDS,
  SW_FIND_SUCCESS,
  SW_NO_CARD,
  SW_SELECT_FAILED,
  SW_SUCCESS,
} from './sam-commands';
import { createFrameReader, encodeCommand } from './sam-frame';
import { decodeTextBlock, TEXT_BLOCK_BYTES } from './text-block';

export interface IdCardReader {
  readonly description: string;
  /** Asks the security module for its status; rejects when the reader cannot read cards. */
  checkSam(): Promise<void>;
  /** One attempt: the decoded card in the field, or undefined when there is none. */
  readCard(): Promise<IdCardData | undefined>;
  onClose(listener: (error?: Error) => void): () => void;
  close(): Promise<void>;
}

export interface IdCardReaderOptions {
  /** How long to wait for a reply; a full read (1295 bytes at 115200 baud) takes about 115 ms. */
  replyTimeoutMs?: number;
  /**
   * Gives each buffer that received bytes are assembled in (default: zero-filled memory of its
   * own); whatever held card data is zeroed once parsed. A test passes one that keeps them, to check.
   */
  allocate?: (bytes: number) => Buffer;
}

interface Reply {
  status: number;
  data: Buffer;
}

export function createIdCardReader(transport: ByteTransport, options: IdCardReaderOptions = {}): IdCardReader {
  const replyTimeoutMs = options.replyTimeoutMs ?? 1500;
  const frames = createFrameReader(options.allocate);
  let waiting: ((reply: Reply) => void) | undefined;
  let queue: Promise<unknown> = Promise.resolve();

  transport.onData((chunk) => {
    for (const event of frames.push(chunk)) {
      if (event.kind !== 'frame') continue;
      if (waiting && event.payload.length >= 3) waiting({ status: event.payload[2]!, data: event.payload.subarray(3) });
      // A frame nobody waits for is a late reply to a request that timed out, maybe a card read.
      else event.payload.fill(0);
    }
    // A slice of serialport's read pool (or of a socket's read buffer): the raw reply, wiped in place.
    chunk.fill(0);
  });

  function request(command: readonly [number, number], name: string): Promise<Reply> {
    const run = () =>
      new Promise<Reply>((resolve, reject) => {
        const timer = setTimeout(() => {
          waiting = undefined;
          reject(
            new LinliError(
              'PERIPHERAL_UNAVAILABLE',
              `ID card reader (${transport.description}) did not answer '${name}' within ${replyTimeoutMs} ms`,
            ),
          );
        }, replyTimeoutMs);
        waiting = (reply) => {
          clearTimeout(timer);
          waiting = undefined;
          resolve(reply);
        };
        transport.write(encodeCommand(command[0], command[1])).catch((error: unknown) => {
          clearTimeout(timer);
          waiting = undefined;
          reject(error);
        });
      });
    const next = queue.then(run, run);
    queue = next.catch(() => undefined);
    return next;
  }

  function fail(reply: Reply, step: string): never {
    const { meaning, error } = describeStatus(reply.status);
    throw new LinliError(error, `ID card ${step}: ${meaning}`);
  }

  return {
    description: transport.description,
    async checkSam() {
      const reply = await request(SAM_COMMANDS.samStatus, 'SAM status');
      if (reply.status !== SW_SUCCESS) fail(reply, 'reader check');
    },
    async readCard() {
      const found = await request(SAM_COMMANDS.findCard, 'find card');
      if (found.status === SW_NO_CARD) return undefined;
      if (found.status !== SW_FIND_SUCCESS) fail(found, 'find');
      const selected = await request(SAM_COMMANDS.selectCard, 'select card');
      // The card left the field between find and select.
      if (selected.status === SW_SELECT_FAILED) return undefined;
      if (selected.status !== SW_SUCCESS) fail(selected, 'select');
      const read = await request(SAM_COMMANDS.readText, 'read card');
      try {
        if (read.status !== SW_SUCCESS) fail(read, 'read');
        return decodeReadData(read.data);
      } finally {
        // The reply held the text and the encrypted photo; neither outlives this call.
        read.data.fill(0);
      }
    },
    onClose: (listener) => transport.onClose(listener),
    close: () => transport.close(),
  };
}

/** Read reply data: text length, photo length (2 bytes each, big-endian), text, photo. */
function decodeReadData(data: Buffer): IdCardData {
  if (data.length < 4)
    throw new LinliError('DEVICE_PROTOCOL_ERROR', `ID card read reply too short (${data.length} bytes)`);
  const textLength = data.readUInt16BE(0);
  const photoLength = data.readUInt16BE(2);
  if (textLength !== TEXT_BLOCK_BYTES || data.length < 4 + textLength + photoLength) {
    throw new LinliError(
      'DEVICE_PROTOCOL_ERROR',
      `ID card read reply lengths do not add up (text ${textLength}, photo ${photoLength}, data ${data.length})`,
    );
  }
  return decodeTextBlock(data.subarray(4, 4 + textLength));
}
