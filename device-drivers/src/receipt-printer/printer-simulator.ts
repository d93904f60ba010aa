/**
 * A protocol-exact ESC/POS receipt printer without hardware: it decodes what it receives into
 * readable events (Chinese included), answers DLE EOT like a real printer, and can run out of
 * paper, have its cover opened, or vanish mid-job. Serves raw TCP like a network printer's port
 * 9100, or sits on any ByteTransport (e.g. the device end of a pty pair).
 */
import net from 'node:net';
import type { ByteTransport } from '../transport/byte-transport';
import { createEscPosDecoder, printedText, renderTranscript, type EscPosEvent } from './escpos-decoder';
import { encodeStatusReply, type StatusRequestKind } from './printer-status';

export interface PrinterSimulator {
  /** Everything decoded so far, status requests included, in order of arrival. */
  events(): EscPosEvent[];
  /** What is on paper: text and line breaks only. */
  printedText(): string;
  /** Text with commands as markers (`[bold on]`, `[QR: …]`, `[cut partial]`); status requests left out. */
  transcript(): string;
  /** Called for each event as it is decoded, e.g. to log a live transcript. Returns the unsubscribe function. */
  onEvent(listener: (event: EscPosEvent) => void): () => void;
  /** Forgets what was received so far. */
  clear(): void;
  paperOut(on: boolean): void;
  paperNearEnd(on: boolean): void;
  coverOpen(on: boolean): void;
  /**
   * After `bytes` more bytes arrive the printer takes in no more and drops the link, like a printer
   * switched off mid-job. One-shot: later connections work again.
   */
  dropConnectionAfter(bytes: number): void;
}

export interface TcpPrinterSimulator extends PrinterSimulator {
  readonly host: string;
  readonly port: number;
  close(): Promise<void>;
}

export interface AttachedPrinterSimulator extends PrinterSimulator {
  /** Stops listening to the transport (does not close it). */
  detach(): void;
}

/** One link to the simulated printer: where replies go and how to cut it. */
interface Link {
  reply(bytes: Uint8Array): void;
  drop(): void;
}

/** The printer itself, shared by all its links; each link gets its own decoder. */
function createSimulatedPrinter() {
  const received: EscPosEvent[] = [];
  const listeners = new Set<(event: EscPosEvent) => void>();
  const state = { paperOut: false, paperNearEnd: false, coverOpen: false };
  let dropBudget: number | undefined;

  function statusByte(kind: number): number | undefined {
    const offline = state.paperOut || state.coverOpen;
    switch (kind as StatusRequestKind) {
      case 1:
        return encodeStatusReply(1, { drawerPin3High: false, offline });
      case 2:
        return encodeStatusReply(2, {
          coverOpen: state.coverOpen,
          paperFedByButton: false,
          stoppedOnPaperEnd: state.paperOut,
          errorOccurred: false,
        });
      case 3:
        return encodeStatusReply(3, { cutterError: false, unrecoverableError: false, autoRecoverableError: false });
      case 4:
        return encodeStatusReply(4, { paperNearEnd: state.paperNearEnd || state.paperOut, paperEnd: state.paperOut });
      default:
        return undefined; // a real printer ignores DLE EOT with an undefined n
    }
  }

  function record(event: EscPosEvent, link: Link): void {
    received.push(event);
    for (const listener of [...listeners]) listener(event);
    if (event.type === 'status-request') {
      const byte = statusByte(event.kind);
      if (byte !== undefined) link.reply(Uint8Array.of(byte));
    }
  }

  function connect(link: Link) {
    const decoder = createEscPosDecoder();
    let dropped = false;
    return {
      receive(chunk: Uint8Array): void {
        if (dropped) return;
        let accepted = chunk;
        if (dropBudget !== undefined) {
          accepted = chunk.subarray(0, dropBudget);
          dropBudget -= accepted.length;
        }
        for (const event of decoder.push(accepted)) record(event, link);
        if (dropBudget === 0) {
          dropBudget = undefined;
          dropped = true;
          link.drop();
        }
      },
      /** The link ended: whatever text was still pending is on paper. */
      end(): void {
        for (const event of decoder.end()) if (event.type !== 'unknown') record(event, link);
      },
    };
  }

  const simulator: PrinterSimulator = {
    events: () => [...received],
    printedText: () => printedText(received),
    transcript: () => renderTranscript(received.filter((event) => event.type !== 'status-request')),
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    clear: () => void (received.length = 0),
    paperOut: (on) => void (state.paperOut = on),
    paperNearEnd: (on) => void (state.paperNearEnd = on),
    coverOpen: (on) => void (state.coverOpen = on),
    dropConnectionAfter(bytes) {
      if (!Number.isInteger(bytes) || bytes < 0)
        throw new RangeError(`dropConnectionAfter needs a byte count, got ${bytes}`);
      dropBudget = bytes;
    },
  };
  return { simulator, connect };
}

/** A network receipt printer on `host:port` (port 0 picks a free one; real printers use 9100). */
export async function startPrinterSimulator(
  options: { port?: number; host?: string } = {},
): Promise<TcpPrinterSimulator> {
  const host = options.host ?? '127.0.0.1';
  const { simulator, connect } = createSimulatedPrinter();
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.setNoDelay(true);
    const connection = connect({
      reply: (bytes) => void (socket.destroyed || socket.write(bytes)),
      drop: () => socket.destroy(),
    });
    socket.on('data', (chunk) => connection.receive(chunk));
    socket.on('error', () => undefined); // a client vanishing is normal for a printer
    socket.on('close', () => {
      sockets.delete(socket);
      connection.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 9100, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as net.AddressInfo;
  return {
    ...simulator,
    host,
    port: address.port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** The simulated printer on the device end of a link, e.g. a pty opened with openSerialTransport. */
export function attachPrinterSimulator(transport: ByteTransport): AttachedPrinterSimulator {
  const { simulator, connect } = createSimulatedPrinter();
  const connection = connect({
    reply: (bytes) => void transport.write(bytes).catch(() => undefined),
    drop: () => void transport.close(),
  });
  const stopData = transport.onData((chunk) => connection.receive(chunk));
  const stopClose = transport.onClose(() => connection.end());
  return {
    ...simulator,
    detach() {
      stopData();
      stopClose();
      connection.end();
    },
  };
}
