/** ByteTransport over a serial port (also USB-serial adapters and pty ends), 8N1. */
import { SerialPort } from 'serialport';
import { LinliError } from '@linli/protocol';
import { createListeners, type ByteTransport } from './byte-transport';

export async function openSerialTransport(path: string, baudRate = 115200): Promise<ByteTransport> {
  const port = new SerialPort({ path, baudRate, dataBits: 8, parity: 'none', stopBits: 1, autoOpen: false });
  await new Promise<void>((resolve, reject) =>
    port.open((error) =>
      error
        ? reject(new LinliError('PERIPHERAL_UNAVAILABLE', `Cannot open serial port ${path}: ${error.message}`))
        : resolve(),
    ),
  );
  const data = createListeners<[Buffer]>();
  const closed = createListeners<[Error | undefined]>();
  port.on('data', (chunk: Buffer) => data.emit(chunk));
  port.on('close', (error?: Error | null) => closed.emit(error ?? undefined));
  // Errors after open (e.g. the adapter unplugged) end in 'close'; this keeps them from throwing.
  port.on('error', () => undefined);
  return {
    description: `serial ${path}`,
    write: (bytes) =>
      new Promise<void>((resolve, reject) => {
        port.write(Buffer.from(bytes), (error) => {
          if (error)
            return reject(new LinliError('PERIPHERAL_UNAVAILABLE', `Write to ${path} failed: ${error.message}`));
          port.drain((drainError) =>
            drainError
              ? reject(new LinliError('PERIPHERAL_UNAVAILABLE', `Write to ${path} failed: ${drainError.message}`))
              : resolve(),
          );
        });
      }),
    onData: data.add,
    onClose: (listener) => closed.add(listener),
    close: () => new Promise<void>((resolve) => (port.isOpen ? port.close(() => resolve()) : resolve())),
  };
}
