/**
 * The halls calling displays show, from the host: asked for while the publication names any, again
 * on each `queue-changed`, and on `view-changed` (which a reconnected event stream also sends, as
 * events may have been missed meanwhile). Only the newest answer counts; a failed request is tried
 * again after a growing wait.
 */
import { useEffect, useState } from 'preact/hooks';
import type { PlayerQueueView } from '@linli/protocol';
import type { PlayerSource } from './player-source';
import { retryDelayMs } from './retry-delay';

export function useQueueView(source: PlayerSource, wanted: boolean): PlayerQueueView | null {
  const [view, setView] = useState<PlayerQueueView | null>(null);
  useEffect(() => {
    if (!wanted) {
      setView(null);
      return;
    }
    let latestRequest = 0;
    let failures = 0;
    let retryTimer: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    const load = () => {
      const request = ++latestRequest;
      clearTimeout(retryTimer);
      source.queue().then(
        (next) => {
          if (request !== latestRequest || stopped) return;
          failures = 0;
          setView(next);
        },
        (error: unknown) => {
          if (request !== latestRequest || stopped) return;
          console.warn('queue-view-unavailable', error);
          retryTimer = setTimeout(load, retryDelayMs(failures++));
        },
      );
    };
    const unsubscribe = source.onEvent((event) => {
      if (event === 'queue-changed' || event === 'view-changed') load();
    });
    load();
    return () => {
      stopped = true;
      clearTimeout(retryTimer);
      unsubscribe();
    };
  }, [source, wanted]);
  return view;
}
