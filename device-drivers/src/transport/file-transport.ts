/**
 * ByteTransport over a character device opened as a file: USB printer-class devices on Linux
 * (/dev/usb/lp0) take the job as plain writes and give status bytes back on read.
 */
import { createReadStream, promises as fs } from 'node:fs';
import { LinliError } from '@linli/protocol';
import { createListeners, type ByteTransport } from './byte-transport';

export async function openFileTransport(path: string): Promise<ByteTransport> {
  let handle: fs.FileHandle;
  try {
    handle = await fs.open(path, 'r+');
  } catch (error) {
    throw new LinliError(
      'PERIPHERAL_UNAVAILABLE',
      `Cannot open ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
    );
  }
  const data = createListeners<[Buffer]>();
  const closed = createListeners<[Error | undefined]>();
  let isClosed = false;
  // Reads block in a libuv thread until the device has something; one stream keeps one read open.
  const reader = createReadStream(path, { highWaterMark: 256 });
  reader.on('data', (chunk) => data.emit(chunk as Buffer));
  const end = (error?: Error) => {
    if (isClosed) return;
    isClosed = true;
    closed.emit(error);
  };
  reader.on('error', (error) => end(error));
  return {
    description: `usb ${path}`,
    async write(bytes) {
      try {
        await handle.write(bytes);
      } catch (error) {
        end(error as Error);
        throw new LinliError(
          'PERIPHERAL_UNAVAILABLE',
          `Write to ${path} failed: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
        );
      }
    },
    onData: data.add,
    onClose: closed.add,
    async close() {
      reader.destroy();
      await handle.close().catch(() => undefined);
      end();
    },
  };
}
