/**
 * Cross-instance push for PostgreSQL deployments: every instance LISTENs on a channel and
 * publishes through NOTIFY, so a device connected to any instance hears about any edit. One
 * channel per kind of announcement: the change log's (the default) and the halls' queues.
 */
import pg from 'pg';
import type { ChangeHub } from './change-hub';

export const CHANGES_CHANNEL = 'linli_changes';
/** Ids of halls whose queue changed. */
export const QUEUE_CHANNEL = 'linli_queue';

export async function connectPostgresFanout(
  url: string,
  local: ChangeHub,
  channel: typeof CHANGES_CHANNEL | typeof QUEUE_CHANNEL = CHANGES_CHANNEL,
): Promise<{ hub: ChangeHub; close: () => Promise<void> }> {
  const listener = new pg.Client({ connectionString: url });
  await listener.connect();
  listener.on('notification', (message) => {
    const value = Number(message.payload);
    if (Number.isInteger(value)) local.publish(value);
  });
  await listener.query(`LISTEN ${channel}`);
  const hub: ChangeHub = {
    publish(value) {
      listener.query('SELECT pg_notify($1, $2)', [channel, String(value)]).catch(() => local.publish(value));
    },
    subscribe: (fn) => local.subscribe(fn),
  };
  return { hub, close: () => listener.end() };
}
