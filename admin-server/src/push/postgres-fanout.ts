/**
 * Cross-instance push for PostgreSQL deployments: every instance LISTENs on a channel and
 * publishes through NOTIFY, so a device connected to any instance hears about any edit. One
 * channel per kind of announcement: the change log's (the default) and the halls' queues. When
 * the database goes away (a restart) the listener connects again, backing off, and LISTENs anew;
 * meanwhile announcements reach this instance's own devices, and the others' pull on their timer.
 */
import pg from 'pg';
import type { ChangeHub } from './change-hub';

export const CHANGES_CHANNEL = 'linli_changes';
/** Ids of halls whose queue changed. */
export const QUEUE_CHANNEL = 'linli_queue';
const RECONNECT_FIRST_MS = 500;
const RECONNECT_MAX_MS = 30_000;

export async function connectPostgresFanout(
  url: string,
  local: ChangeHub,
  channel: typeof CHANGES_CHANNEL | typeof QUEUE_CHANNEL = CHANGES_CHANNEL,
  log: (message: string) => void = (message) => console.error(message),
): Promise<{ hub: ChangeHub; close: () => Promise<void> }> {
  let listener: pg.Client | undefined;
  let closed = false;
  let retry: NodeJS.Timeout | undefined;

  /** Connects again after `delay`, doubling the wait after each failure. */
  function listenAfter(delay: number) {
    if (closed) return;
    retry = setTimeout(() => void listen().catch(() => listenAfter(Math.min(delay * 2, RECONNECT_MAX_MS))), delay);
  }

  /** One listening connection; when it ends for any reason but close(), another is made. */
  async function listen(): Promise<void> {
    const client = new pg.Client({ connectionString: url });
    let lost = false;
    const onLost = () => {
      if (lost) return;
      lost = true;
      if (listener === client) listener = undefined;
      listenAfter(RECONNECT_FIRST_MS);
    };
    client.on('error', (error) => {
      log(`PostgreSQL ${channel} listener: ${error.message}; connecting again`);
      onLost();
    });
    client.on('end', onLost);
    client.on('notification', (message) => {
      const value = Number(message.payload);
      if (Number.isInteger(value)) local.publish(value);
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${channel}`);
    } catch (error) {
      // The caller decides when to try again; this connection's own end must not.
      lost = true;
      await client.end().catch(() => undefined);
      throw error;
    }
    listener = client;
  }

  await listen();
  const hub: ChangeHub = {
    publish(value) {
      // Without the database, this instance's own devices hear it still.
      if (!listener) return local.publish(value);
      listener.query('SELECT pg_notify($1, $2)', [channel, String(value)]).catch(() => local.publish(value));
    },
    subscribe: (fn) => local.subscribe(fn),
  };
  return {
    hub,
    async close() {
      closed = true;
      clearTimeout(retry);
      await listener?.end();
    },
  };
}
