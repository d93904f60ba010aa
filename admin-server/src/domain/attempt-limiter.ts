/**
 * Slows guessing (passwords, enrollment codes, the phone digits of a case lookup): after
 * `maxFailures` failed attempts under one key within `windowMs`, further attempts are refused
 * until the window has passed. The failures are kept in the database, so every server instance
 * behind a load balancer counts the same ones.
 */
import { LinliError } from '@linli/protocol';
import type { Queryable } from '../db/database';
import type { Clock } from './clock';

export interface AttemptLimiter {
  /** Throws TOO_MANY_ATTEMPTS while `key` is locked out. */
  check(key: string): Promise<void>;
  failed(key: string): Promise<void>;
  succeeded(key: string): Promise<void>;
}

export function createAttemptLimiter(options: {
  db: Queryable;
  /** What is limited (`sign-in`, `enroll`, `case-lookup`): each counts its own failures. */
  scope: string;
  clock: Clock;
  maxFailures?: number;
  windowMs?: number;
}): AttemptLimiter {
  const { db, scope, clock } = options;
  const maxFailures = options.maxFailures ?? 5;
  const windowMs = options.windowMs ?? 15 * 60 * 1000;
  const windowStart = () => new Date(clock().getTime() - windowMs).toISOString();
  return {
    async check(key) {
      const recent = await db.get<{ n: number; oldest: string | null }>(
        'SELECT COUNT(*) AS n, MIN(at) AS oldest FROM failed_attempts WHERE scope = ? AND attempt_key = ? AND at > ?',
        [scope, key, windowStart()],
      );
      if (Number(recent?.n ?? 0) >= maxFailures) {
        const waitMinutes = Math.ceil((Date.parse(recent!.oldest!) + windowMs - clock().getTime()) / 60_000);
        throw new LinliError('TOO_MANY_ATTEMPTS', `Too many failed attempts; try again in ${waitMinutes} min`);
      }
    },
    async failed(key) {
      // Failures past the window count for nothing: any new failure clears them away, every
      // key's, so addresses that failed once and never came back leave nothing behind.
      await db.run('DELETE FROM failed_attempts WHERE scope = ? AND at <= ?', [scope, windowStart()]);
      await db.run('INSERT INTO failed_attempts (scope, attempt_key, at) VALUES (?, ?, ?)', [
        scope,
        key,
        clock().toISOString(),
      ]);
    },
    async succeeded(key) {
      await db.run('DELETE FROM failed_attempts WHERE scope = ? AND attempt_key = ?', [scope, key]);
    },
  };
}
