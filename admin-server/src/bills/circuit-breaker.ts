/**
 * One utility's circuit breaker. After `failures` calls in a row fail because the utility is down
 * or slow, calls fail at once for `openMs` (the resident hears "try later" now instead of after a
 * timeout, and a struggling utility is left alone); then one trial call is let through, and its
 * outcome closes the circuit or opens it again. Pure: time comes from the clock.
 */
import type { CircuitState } from '@linli/protocol';
import type { Clock } from '../domain/clock';

export interface CircuitBreaker {
  /** Whether a call may go out now; in half-open, only one at a time does. */
  allows(): boolean;
  succeeded(): void;
  /** A failure of the utility (unreachable, timeout, 5xx); a wrong account number is not one. */
  failed(): void;
  state(): CircuitState;
}

export function createCircuitBreaker(options: { clock: Clock; failures: number; openMs: number }): CircuitBreaker {
  let inARow = 0;
  let openedAt: number | undefined;
  let trialOut = false;
  const state = (): CircuitState => {
    if (openedAt === undefined) return 'closed';
    return options.clock().getTime() - openedAt >= options.openMs ? 'half-open' : 'open';
  };
  return {
    state,
    allows() {
      const now = state();
      if (now === 'closed') return true;
      if (now === 'open' || trialOut) return false;
      trialOut = true;
      return true;
    },
    succeeded() {
      inARow = 0;
      openedAt = undefined;
      trialOut = false;
    },
    failed() {
      inARow += 1;
      if (trialOut || inARow >= options.failures) openedAt = options.clock().getTime();
      trialOut = false;
    },
  };
}
