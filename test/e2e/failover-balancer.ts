/**
 * A load balancer for the tests, as a proxy in front of several admin servers is set up for
 * failover: each request goes to the first instance, in order, that takes its connection; one that
 * refuses it is passed over for the next. Bodies stream both ways, so push channels pass too.
 * Each request is noted with the instance that answered it.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Served {
  path: string;
  /** The instance's index in the list given. */
  instance: number;
  status: number;
}

export interface FailoverBalancer {
  url: string;
  served: Served[];
  /** Called when a reply has been passed on whole. */
  onServed(listener: (served: Served) => void): void;
  close(): Promise<void>;
}

export async function startFailoverBalancer(instances: string[]): Promise<FailoverBalancer> {
  const served: Served[] = [];
  const listeners: ((entry: Served) => void)[] = [];
  const server = http.createServer(async (request, response) => {
    // The body is kept, to be sent again to the next instance when one refuses the connection.
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const forward = (instance: number): void => {
      if (instance >= instances.length) {
        response.writeHead(502, { 'content-type': 'text/plain' }).end('no instance answers');
        return;
      }
      const target = new URL(request.url!, instances[instance]);
      const upstream = http.request(target, { method: request.method, headers: request.headers }, (reply) => {
        response.writeHead(reply.statusCode!, reply.headers);
        reply.pipe(response);
        reply.on('end', () => {
          const entry = { path: target.pathname, instance, status: reply.statusCode! };
          served.push(entry);
          for (const listener of listeners) listener(entry);
        });
        reply.on('error', () => response.destroy());
      });
      upstream.on('error', (error: NodeJS.ErrnoException) => {
        if (!response.headersSent && error.code === 'ECONNREFUSED') forward(instance + 1);
        else response.destroy();
      });
      response.on('close', () => upstream.destroy());
      upstream.end(body);
    };
    forward(0);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    served,
    onServed: (listener) => void listeners.push(listener),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
