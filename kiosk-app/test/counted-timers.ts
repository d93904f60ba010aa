/** System timers that count what is still waiting: after a stop, nothing should be. */
import { SYSTEM_TIMERS, type Timers } from '../host/lifecycle/timers';

export function countedTimers(): Timers & { waiting(): number } {
  let waiting = 0;
  /** Counts one wait until `finish` is called (once, however often). */
  const start = () => {
    waiting += 1;
    let finished = false;
    return () => {
      if (!finished) waiting -= 1;
      finished = true;
    };
  };
  return {
    async sleep(ms, signal) {
      const finish = start();
      try {
        await SYSTEM_TIMERS.sleep(ms, signal);
      } finally {
        finish();
      }
    },
    after(ms, run) {
      const finish = start();
      const cancel = SYSTEM_TIMERS.after(ms, () => {
        finish();
        run();
      });
      return () => {
        cancel();
        finish();
      };
    },
    every(ms, run) {
      const finish = start();
      const cancel = SYSTEM_TIMERS.every(ms, run);
      return () => {
        cancel();
        finish();
      };
    },
    waiting: () => waiting,
  };
}
