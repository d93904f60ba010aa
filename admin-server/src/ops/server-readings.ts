/**
 * The gauges /metrics reads when it is asked: the fleet as the database knows it (shared by every
 * instance), this instance's push streams and process, and the work waiting in the queues the
 * server drains on its timers.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { DEVICE_OFFLINE_AFTER_SEC } from '@linli/protocol';
import type { Queryable } from '../db/database';
import type { Clock } from '../domain/clock';
import type { MetricFamily } from './prometheus-text';

/** The queues the server drains on its timers, and the rows waiting in each. */
const QUEUES = {
  'case-forwards': "SELECT COUNT(*) AS n FROM case_forwards WHERE state = 'pending'",
  'bill-settlements': "SELECT COUNT(*) AS n FROM bill_payments WHERE state = 'paid' AND settled_at IS NULL",
  'device-commands': "SELECT COUNT(*) AS n FROM device_commands WHERE state = 'pending'",
} as const;

export interface ServerReadings {
  families(): Promise<MetricFamily[]>;
  /** Stops the event-loop delay monitor. */
  stop(): void;
}

export function createServerReadings(deps: {
  db: Queryable;
  clock: Clock;
  /** Devices holding this instance's push channel open now. */
  openPushStreams: () => number;
}): ServerReadings {
  const { db, clock } = deps;
  const loopDelay = monitorEventLoopDelay({ resolution: 20 });
  loopDelay.enable();
  const startedAt = clock().getTime();

  async function fleet(): Promise<MetricFamily[]> {
    const onlineSince = new Date(clock().getTime() - DEVICE_OFFLINE_AFTER_SEC * 1000).toISOString();
    const kinds = await db.all<{ kind: string; online: number; total: number }>(
      `SELECT kind, SUM(CASE WHEN last_seen_at > ? THEN 1 ELSE 0 END) AS online, COUNT(*) AS total
         FROM devices WHERE revoked = 0 GROUP BY kind ORDER BY kind`,
      [onlineSince],
    );
    const latest = await db.get<{ seq: number | null }>('SELECT MAX(seq) AS seq FROM change_log');
    const latestSeq = Number(latest?.seq ?? 0);
    const behind = await db.get<{ n: number; oldest: number | null }>(
      'SELECT COUNT(*) AS n, MIN(cursor) AS oldest FROM devices WHERE revoked = 0 AND last_seen_at > ? AND cursor < ?',
      [onlineSince, latestSeq],
    );
    // The oldest change an online device has not reported taking: it waits since it was written.
    const oldestMissed =
      behind?.oldest === null || behind?.oldest === undefined
        ? undefined
        : await db.get<{ created_at: string }>('SELECT created_at FROM change_log WHERE seq > ? ORDER BY seq LIMIT 1', [
            Number(behind.oldest),
          ]);
    const lagSec = oldestMissed ? Math.max(0, (clock().getTime() - Date.parse(oldestMissed.created_at)) / 1000) : 0;
    return [
      {
        name: 'linli_devices',
        help: 'Enrolled devices (not revoked), by kind, across the deployment',
        type: 'gauge',
        samples: kinds.map((row) => ({ labels: { kind: row.kind }, value: Number(row.total) })),
      },
      {
        name: 'linli_devices_online',
        help: `Devices heard from in the last ${DEVICE_OFFLINE_AFTER_SEC} s, by kind, across the deployment`,
        type: 'gauge',
        samples: kinds.map((row) => ({ labels: { kind: row.kind }, value: Number(row.online) })),
      },
      {
        name: 'linli_push_streams_open',
        help: "Devices holding this instance's push channel open",
        type: 'gauge',
        samples: [{ value: deps.openPushStreams() }],
      },
      {
        name: 'linli_sync_latest_seq',
        help: "The change feed's latest sequence number",
        type: 'gauge',
        samples: [{ value: latestSeq }],
      },
      {
        name: 'linli_sync_devices_behind',
        help: 'Online devices whose last report is behind the change feed',
        type: 'gauge',
        samples: [{ value: Number(behind?.n ?? 0) }],
      },
      {
        name: 'linli_sync_lag_seconds',
        help: 'Age of the oldest change an online device has not reported taking (devices report each heartbeat)',
        type: 'gauge',
        samples: [{ value: Math.round(lagSec * 1000) / 1000 }],
      },
    ];
  }

  async function queues(): Promise<MetricFamily> {
    const depths = await Promise.all(
      Object.entries(QUEUES).map(async ([queue, sql]) => ({
        labels: { queue },
        value: Number((await db.get<{ n: number }>(sql))?.n ?? 0),
      })),
    );
    return {
      name: 'linli_queue_depth',
      help: 'Work waiting to be sent: cases for the city platform, payments for the utility, commands for devices',
      type: 'gauge',
      samples: depths,
    };
  }

  function process_(): MetricFamily[] {
    const memory = process.memoryUsage();
    return [
      {
        name: 'process_resident_memory_bytes',
        help: "This instance's resident memory",
        type: 'gauge',
        samples: [{ value: memory.rss }],
      },
      {
        name: 'nodejs_heap_used_bytes',
        help: "This instance's JavaScript heap in use",
        type: 'gauge',
        samples: [{ value: memory.heapUsed }],
      },
      {
        name: 'nodejs_eventloop_delay_p99_seconds',
        help: "The 99th percentile of this instance's event-loop delay since the last scrape",
        type: 'gauge',
        samples: [{ value: loopDelay.count > 0 ? loopDelay.percentile(99) / 1e9 : 0 }],
      },
      {
        name: 'process_uptime_seconds',
        help: 'Seconds since this instance started',
        type: 'gauge',
        samples: [{ value: Math.round((clock().getTime() - startedAt) / 1000) }],
      },
    ];
  }

  return {
    async families() {
      const families = [...(await fleet()), await queues(), ...process_()];
      loopDelay.reset();
      return families;
    },
    stop: () => loopDelay.disable(),
  };
}
