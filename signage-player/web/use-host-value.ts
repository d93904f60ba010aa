/**
 * A value the page asks of the player host: asked for while it is wanted, and again on each event
 * `changedBy` names. Only the newest answer counts; a failed request is logged under `failure` and
 * tried again after a growing wait. Null until the first answer, and while not wanted.
 */
import { useEffect, useState } from 'preact/hooks';
import type { PlayerEvent } from '@linli/protocol';
import type { PlayerSource } from './player-source';
import { retryDelayMs } from './retry-delay';

export function useHostValue<T>(
  source: PlayerSource,
  ask: () => Promise<T>,
  options: { wanted: boolean; changedBy: readonly PlayerEvent[]; failure: string },
): T | null {
  const [value, setValue] = useState<T | null>(null);
  const { wanted, failure } = options;
  const changedBy = options.changedBy.join(' ');
  useEffect(() => {
    if (!wanted) {
      setValue(null);
      return;
    }
    let latestRequest = 0;
    let failures = 0;
    let retryTimer: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    const load = () => {
      const request = ++latestRequest;
      clearTimeout(retryTimer);
      ask().then(
        (next) => {
          if (request !== latestRequest || stopped) return;
          failures = 0;
          setValue(next);
        },
        (error: unknown) => {
          if (request !== latestRequest || stopped) return;
          console.warn(failure, error);
          retryTimer = setTimeout(load, retryDelayMs(failures++));
        },
      );
    };
    const unsubscribe = source.onEvent((event) => {
      if (changedBy.split(' ').includes(event)) load();
    });
    load();
    return () => {
      stopped = true;
      clearTimeout(retryTimer);
      unsubscribe();
    };
    // `ask` is the source's own method: the source and the events decide when to ask again.
  }, [source, wanted, changedBy, failure]);
  return value;
}
