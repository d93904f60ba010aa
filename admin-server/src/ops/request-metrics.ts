/**
 * This instance's HTTP requests, counted by method, route and status, and timed by route in a
 * histogram. Routes are Fastify's patterns (`/api/v1/admin/guides/:id`), never the path asked for,
 * so the number of series stays bounded whatever callers send.
 */
import type { MetricFamily, MetricSample } from './prometheus-text';

/** Upper bounds in seconds: from a cached reply to a slow export. */
export const LATENCY_BUCKETS_SEC = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] as const;

/** What a request that matched no route counts under. */
export const UNMATCHED_ROUTE = 'unmatched';

export interface RequestMetrics {
  record(request: { method: string; route: string | undefined; status: number; seconds: number }): void;
  families(): MetricFamily[];
}

interface Timing {
  /** Counts per bucket (not cumulative), the last for beyond the highest bound. */
  buckets: number[];
  sum: number;
  count: number;
}

export function createRequestMetrics(): RequestMetrics {
  const counts = new Map<string, { method: string; route: string; status: string; count: number }>();
  const timings = new Map<string, Timing>();
  return {
    record({ method, route = UNMATCHED_ROUTE, status, seconds }) {
      const key = `${method} ${route} ${status}`;
      const counted = counts.get(key) ?? { method, route, status: String(status), count: 0 };
      counted.count += 1;
      counts.set(key, counted);
      const timing = timings.get(route) ?? { buckets: Array(LATENCY_BUCKETS_SEC.length + 1).fill(0), sum: 0, count: 0 };
      const bucket = LATENCY_BUCKETS_SEC.findIndex((bound) => seconds <= bound);
      timing.buckets[bucket < 0 ? LATENCY_BUCKETS_SEC.length : bucket]! += 1;
      timing.sum += seconds;
      timing.count += 1;
      timings.set(route, timing);
    },
    families() {
      const durations: MetricSample[] = [...timings].flatMap(([route, timing]) => {
        let cumulative = 0;
        const buckets = [...LATENCY_BUCKETS_SEC, Infinity].map((bound, index) => {
          cumulative += timing.buckets[index]!;
          return {
            suffix: '_bucket',
            labels: { route, le: bound === Infinity ? '+Inf' : String(bound) },
            value: cumulative,
          };
        });
        return [
          ...buckets,
          { suffix: '_sum', labels: { route }, value: timing.sum },
          { suffix: '_count', labels: { route }, value: timing.count },
        ];
      });
      return [
        {
          name: 'linli_http_requests_total',
          help: 'HTTP requests answered by this instance, by method, route and status',
          type: 'counter',
          samples: [...counts.values()].map(({ method, route, status, count }) => ({
            labels: { method, route, status },
            value: count,
          })),
        },
        {
          name: 'linli_http_request_duration_seconds',
          help: 'Time from a request arriving to its reply sent, by route',
          type: 'histogram',
          samples: durations,
        },
      ];
    },
  };
}
