/** ByteTransport over TCP, e.g. a network receipt printer's raw port 9100. */
import net from 'node:net';
import { LinliError } from '@linli/protocol';
import { createListeners, type ByteTransport } from './byte-transport';

export async function openTcpTransport(host: string, port: number, connectTimeoutMs = 3000): Promise<ByteTransport> {
  const socket = await new Promise<net.Socket>((resolve, reject) => {
    const attempt = net.createConnection({ host, port });
    const fail = (reason: string) => {
      attempt.destroy();
      reject(new LinliError('PERIPHERAL_UNAVAILABLE', `Cannot connect to ${host}:${port}: ${reason}`));
    };
    const timer = setTimeout(() => fail(`no answer in ${connectTimeoutMs} ms`), connectTimeoutMs);
    attempt.once('connect', () => {
      clearTimeout(timer);
      attempt.removeAllListeners('error');
      resolve(attempt);
    });
    attempt.once('error', (error) => {
      clearTimeout(timer);
      fail(error.message);
    });
  });
  socket.setNoDelay(true);
  const data = createListeners<[Buffer]>();
  const closed = createListeners<[Error | undefined]>();
  let lastError: Error | undefined;
  socket.on('data', (chunk) => data.emit(chunk));
  socket.on('error', (error) => (lastError = error));
  socket.on('close', () => closed.emit(lastError));
  return {
    description: `tcp ${host}:${port}`,
    write: (bytes) =>
      new Promise<void>((resolve, reject) => {
        if (socket.destroyed)
          return reject(new LinliError('PERIPHERAL_UNAVAILABLE', `Connection to ${host}:${port} is closed`));
        socket.write(bytes, (error) =>
          error
            ? reject(new LinliError('PERIPHERAL_UNAVAILABLE', `Write to ${host}:${port} failed: ${error.message}`))
            : resolve(),
        );
      }),
    onData: data.add,
    onClose: (listener) => closed.add(listener),
    close: () =>
      new Promise<void>((resolve) => {
        if (socket.destroyed) return resolve();
        socket.once('close', () => resolve());
        socket.end();
        setTimeout(() => socket.destroy(), 500).unref();
      }),
  };
}
