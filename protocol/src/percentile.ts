/**
 * Nearest-rank percentiles, one rule for every figure that reports them (the queue's waiting and
 * service times, the benchmarks' latencies): the smallest sample with at least `p` of them at or
 * below it, so the value is always one that was measured.
 */

/** The nearest-rank percentile (p in 0..1) of the samples; NaN when there are none. */
export function percentile(samples: readonly number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)] ?? Number.NaN;
}
