/**
 * Calls `onChange` when a notice appears or expires, so screens left open (the attract screen all
 * day) follow the clock and not only the feed. Reschedule after every applied sync.
 */
import { SYSTEM_TIMERS, type Timers } from '../lifecycle/timers';

// setTimeout waits at most 2^31-1 ms (about 24.8 days); a later time is waited for in steps.
const MAX_DELAY_MS = 2 ** 31 - 1;

export interface NoticeTimer {
  schedule(): void;
  stop(): void;
}

export function createNoticeTimer(deps: {
  nextChangeAt: () => Date | null;
  clock: () => Date;
  onChange: () => void;
  timers?: Timers;
}): NoticeTimer {
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
