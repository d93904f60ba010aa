/**
 * Slows guessing (passwords, enrollment codes, the phone digits of a case lookup): after
 * `maxFailures` failed attempts under one key within `windowMs`, further attempts are refused
 * until the window has passed.
 */
import { LinliError } from '@linli/protocol';
import type { Clock } from './clock';

export interface AttemptLimiter {
  /** Throws TOO_MANY_ATTEMPTS while `key` is locked out. */
  check(key: string): void;
  failed(key: string): void;
  succeeded(key: string): void;
}

export function createAttemptLimiter(options: {
  clock: Clock;
  maxFailures?: number;
  windowMs?: number;
}): AttemptLimiter {
  const maxFailures = options.maxFailures ?? 5;
  const windowMs = options.windowMs ?? 15 * 60 * 1000;
  const failures = new Map<string, number[]>();
  const recent = (key: string) => {
    const since = options.clock().getTime() - windowMs;
    const times = (failures.get(key) ?? []).filter((time) => time > since);
    if (times.length > 0) failures.set(key, times);
    else failures.delete(key);
    return times;
  };
  return {
    check(key) {
      const times = recent(key);
      if (times.length >= maxFailures) {
        const waitMinutes = Math.ceil((times[0]! + windowMs - options.clock().getTime()) / 60_000);
        throw new LinliError('TOO_MANY_ATTEMPTS', `Too many failed attempts; try again in ${waitMinutes} min`);
      }
    },
    failed(key) {
      failures.set(key, [...recent(key), options.clock().getTime()]);
    },
    succeeded(key) {
      failures.delete(key);
    },
  };
}
