/**
 * Calls `onChange` at the next moment what is shown changes by the clock alone (a notice appears
 * or expires, an alert becomes effective or expires), so screens left open (the attract screen all
 * day) follow the clock and not only the feed. One timer at a time, for the nearest such moment:
 * no polling. Reschedule after every applied sync.
 */
import { SYSTEM_TIMERS, type Timers } from './timers';

// setTimeout waits at most 2^31-1 ms (about 24.8 days); a later time is waited for in steps.
const MAX_DELAY_MS = 2 ** 31 - 1;

export interface MomentTimer {
  schedule(): void;
  stop(): void;
}

export function createMomentTimer(deps: {
  /** The next moment something shown changes, or null when none is ahead. */
  nextChangeAt: () => Date | null;
  clock: () => Date;
  onChange: () => void;
  timers?: Timers;
}): MomentTimer {
  const timers = deps.timers ?? SYSTEM_TIMERS;
  let cancel: (() => void) | undefined;
  const schedule = () => {
    cancel?.();
    cancel = undefined;
    const at = deps.nextChangeAt();
    if (at === null) return;
    const delay = at.getTime() - deps.clock().getTime();
    cancel = timers.after(Math.min(Math.max(delay, 0), MAX_DELAY_MS), () => {
      cancel = undefined;
      // A timer may fire a little early, or at a step of a long wait: announce only once it is time.
      if (deps.clock() >= at) deps.onChange();
      schedule();
    });
  };
  return { schedule, stop: () => cancel?.() };
}
