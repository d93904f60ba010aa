/** Runs at most `slots` tasks at once; the others wait their turn in order. */
export type Limiter = <T>(task: () => Promise<T>) => Promise<T>;

export function createLimiter(slots: number): Limiter {
  let running = 0;
  const waiting: Array<() => void> = [];
  return async (task) => {
    // A finishing task hands its slot straight to the next in line, so `running` counts slots in use.
    if (running < slots) running++;
    else await new Promise<void>((resolve) => waiting.push(resolve));
    try {
      return await task();
    } finally {
      const next = waiting.shift();
      if (next) next();
      else running--;
    }
  };
}
