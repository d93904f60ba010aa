/** Proof of play wired to the page: the play log, batched into the outbox to the source, and the page hiding and showing. */
import { useEffect, useMemo } from 'preact/hooks';
import { createPlayBatcher, createPlayLog, type PlayIds } from './play-log';
import { createPlayOutbox, localPlayStore } from './play-outbox';
import type { PlayerSource } from './player-source';

export interface PlaySink {
  /** `ids` just appeared in its zone. */
  begin(ids: PlayIds): void;
  /** The zone shows nothing of its playlist any more (or is gone). */
  end(layoutId: string, zoneId: string): void;
}

export function usePlayReporting(source: PlayerSource): PlaySink {
  const { sink, onVisibilityChange, onPageHide } = useMemo(() => {
    const log = createPlayLog();
    const outbox = createPlayOutbox({
      store: localPlayStore(),
      send: (records, unloading) => source.reportPlayed(records, unloading),
      after: (ms, run) => void setTimeout(run, ms),
    });
    const batcher = createPlayBatcher(outbox.add);
    return {
      sink: {
        begin: (ids: PlayIds) => batcher.add(log.begin(ids, Date.now())),
        end: (layoutId: string, zoneId: string) => batcher.add(log.end(layoutId, zoneId, Date.now())),
      },
      onVisibilityChange: () => (document.hidden ? batcher.add(log.suspend(Date.now())) : log.resume(Date.now())),
      // The page is going away: send now, a microtask later may be too late.
      onPageHide: () => {
        batcher.add(log.suspend(Date.now()));
        batcher.flush();
        outbox.flush();
      },
    };
  }, [source]);

  useEffect(() => {
    document.addEventListener('visibilitychange', onVisibilityChange);
    window.addEventListener('pagehide', onPageHide);
    return () => {
      document.removeEventListener('visibilitychange', onVisibilityChange);
      window.removeEventListener('pagehide', onPageHide);
    };
  }, [onVisibilityChange, onPageHide]);
  return sink;
}
