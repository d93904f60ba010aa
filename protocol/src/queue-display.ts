/**
 * The calling display (叫号屏) as plain rules the player host and the web player share, kept out of
 * the schema files so the player page bundles no schema library: which halls a publication's
 * `queue-calls` items show, and which calls are new enough to announce.
 */
import type { Layout } from './signage';

/** Each hall the layouts' `queue-calls` items show, and whether any of those items announces its calls. */
export function queueHallsOf(layouts: readonly Layout[]): Map<number, { announce: boolean }> {
  const halls = new Map<number, { announce: boolean }>();
  for (const layout of layouts)
    for (const zone of layout.zones)
      for (const item of zone.playlist)
        if (item.kind === 'queue-calls')
          halls.set(item.hallId, { announce: item.announce || (halls.get(item.hallId)?.announce ?? false) });
  return halls;
}

/**
 * The calls to announce, oldest first, and the newest seq heard afterwards. `heardUpTo` null: the
 * first look after (re)connecting or loading, whose calls were made before anyone was listening —
 * none is new then. Seqs only grow in a hall; a newest seq below what was heard (a restored
 * database) starts over from it rather than staying silent until the old number comes round.
 */
export function unheardCalls<Call extends { seq: number }>(
  heardUpTo: number | null,
  calls: readonly Call[],
): { unheard: Call[]; heardUpTo: number } {
  const newest = calls.reduce((most, call) => Math.max(most, call.seq), 0);
  if (heardUpTo === null || (calls.length > 0 && newest < heardUpTo)) return { unheard: [], heardUpTo: newest };
  const unheard = calls.filter((call) => call.seq > heardUpTo).sort((a, b) => a.seq - b.seq);
  return { unheard, heardUpTo: Math.max(heardUpTo, newest) };
}
