/**
 * A TCP proxy in front of a server that cuts connections in the middle of a reply: the network
 * between a kiosk and its admin server breaking while a page of the feed is on its way. Requests
 * whose first line matches are cut after `afterBytes` bytes of their reply, `times` times; the rest
 * pass whole. Real sockets both ways, so the kiosk sees what a dropped link does.
 */
import net from 'node:net';
import type { AddressInfo } from 'node:net';

export interface CuttingProxy {
  url: string;
  /** Replies cut so far. */
  cuts(): number;
  close(): Promise<void>;
}

export async function startCuttingProxy(
  target: URL,
  rule: { request: RegExp; afterBytes: number; times: number },
): Promise<CuttingProxy> {
  let cuts = 0;
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect(Number(target.port), target.hostname);
    sockets.add(client).add(upstream);
    // Bytes of the reply to the request that armed the cut; undefined while none is armed.
    let armed: number | undefined;
    client.on('data', (chunk: Buffer) => {
      const line = chunk.toString('latin1', 0, Math.min(chunk.length, 200)).split('\r\n', 1)[0]!;
      if (/^[A-Z]+ \S+ HTTP\/1\.1$/.test(line) && rule.request.test(line) && cuts < rule.times) armed = 0;
      upstream.write(chunk);
    });
    upstream.on('data', (chunk: Buffer) => {
      if (armed === undefined) return void client.write(chunk);
      const room = rule.afterBytes - armed;
      if (chunk.length < room) {
        armed += chunk.length;
        return void client.write(chunk);
      }
      // The link drops here: part of the reply arrived, the rest never will.
      cuts++;
      armed = undefined;
      client.write(chunk.subarray(0, room), () => {
        client.destroy();
        upstream.destroy();
      });
    });
    const end = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on('close', end).on('error', end);
    upstream.on('close', end).on('error', end);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    cuts: () => cuts,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
