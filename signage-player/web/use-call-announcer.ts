/**
 * Says the calls the host lists as announced, each once: only those listed after the page first
 * saw the hall (a page loaded again does not repeat what was said before), and only for the halls
 * in `announcing` — those whose calling display, announcing, is in the layout on screen. Calls of
 * other halls are marked heard, so a layout that comes on later starts from its own time.
 */
import { useEffect, useRef } from 'preact/hooks';
import { unheardCalls, type PlayerQueueView } from '@linli/protocol';
import { createAnnouncementPlayer, type AnnouncementPlayer } from './announcement-player';
import type { PlayerSource } from './player-source';

export function useCallAnnouncer(
  source: PlayerSource,
  view: PlayerQueueView | null,
  announcing: ReadonlySet<number>,
): void {
  const heard = useRef(new Map<number, number>());
  const player = useRef<AnnouncementPlayer | null>(null);
  useEffect(() => () => player.current?.close(), []);
  useEffect(() => {
    for (const hall of view?.halls ?? []) {
      const { unheard, heardUpTo } = unheardCalls(heard.current.get(hall.hallId) ?? null, hall.announcements);
      heard.current.set(hall.hallId, heardUpTo);
      if (!announcing.has(hall.hallId) || unheard.length === 0) continue;
      player.current ??= createAnnouncementPlayer(source);
      for (const announcement of unheard) player.current.enqueue(hall.hallId, announcement);
    }
  }, [view]);
}
