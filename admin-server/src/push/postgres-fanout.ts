/**
 * Cross-instance push for PostgreSQL deployments: every instance LISTENs on one channel and
 * publishes through NOTIFY, so a device connected to any instance hears about any edit.
 */
import pg from 'pg';
import type { ChangeHub } from './change-hub';

const CHANNEL = 'linli_changes';

export async function connectPostgresFanout(
  url: string,
  local: ChangeHub,
): Promise<{ hub: ChangeHub; close: () => Promise<void> }> {
  const listener = new pg.Client({ connectionString: url });
  await listener.connect();
  listener.on('notification', (message) => {
    const seq = Number(message.payload);
    if (Number.isInteger(seq)) local.publish(seq);
  });
  await listener.query(`LISTEN ${CHANNEL}`);
  const hub: ChangeHub = {
    publish(latestSeq) {
      listener.query('SELECT pg_notify($1, $2)', [CHANNEL, String(latestSeq)]).catch(() => local.publish(latestSeq));
    },
    subscribe: (fn) => local.subscribe(fn),
  };
  return { hub, close: () => listener.end() };
}
