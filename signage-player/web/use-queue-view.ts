/**
 * The halls calling displays show, from the host: asked for while the publication names any, again
 * on each `queue-changed`, and on `view-changed` (which a reconnected event stream also sends, as
 * events may have been missed meanwhile).
 */
import type { PlayerQueueView } from '@linli/protocol';
import type { PlayerSource } from './player-source';
import { useHostValue } from './use-host-value';

const CHANGED_BY = ['queue-changed', 'view-changed'] as const;

export function useQueueView(source: PlayerSource, wanted: boolean): PlayerQueueView | null {
  return useHostValue(source, () => source.queue(), {
    wanted,
    changedBy: CHANGED_BY,
    failure: 'queue-view-unavailable',
  });
}
