/**
 * A bidirectional byte pipe to a device: a serial port, a TCP socket, a USB printer-class file.
 * Drivers speak their protocol over this and nothing else, so the same driver runs against real
 * hardware, a simulator over a pty pair, or a TCP simulator.
 */
export interface ByteTransport {
  /** For logs and the maintenance screen, e.g. "serial /dev/ttyUSB0". */
  readonly description: string;
  write(bytes: Uint8Array): Promise<void>;
  /** Every chunk received, in order. Returns the unsubscribe function. */
  onData(listener: (chunk: Buffer) => void): () => void;
  /** The link went away (unplugged, connection reset); `error` says why when known. */
  onClose(listener: (error?: Error) => void): () => void;
  close(): Promise<void>;
}

/** Listener bookkeeping shared by the transports. */
export function createListeners<Args extends unknown[]>() {
  const listeners = new Set<(...args: Args) => void>();
  return {
    add(listener: (...args: Args) => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    emit(...args: Args): void {
      for (const listener of [...listeners]) listener(...args);
    },
  };
}
