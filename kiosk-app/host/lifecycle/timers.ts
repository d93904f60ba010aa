/**
 * The host's waits, passed in like its clock: every retry pause, poll and periodic job goes
 * through one `Timers`, so a test can see what is still waiting (nothing, after a stop).
 */
import { setTimeout as sleep } from 'node:timers/promises';

export interface Timers {
  /** Resolves after `ms`; rejects with the abort reason as soon as `signal` aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
  /** Runs `run` once after `ms`; returns the cancel. */
  after(ms: number, run: () => void): () => void;
  /** Runs `run` every `ms`; returns the cancel. */
  every(ms: number, run: () => void): () => void;
}

export const SYSTEM_TIMERS: Timers = {
  sleep: (ms, signal) => sleep(ms, undefined, { signal }),
  after(ms, run) {
    const timer = setTimeout(run, ms);
    return () => clearTimeout(timer);
  },
  every(ms, run) {
    const timer = setInterval(run, ms);
    return () => clearInterval(timer);
  },
};
