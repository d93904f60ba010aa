/**
 * Proof of play as the screen saw it: an item's play starts when it appears in its zone and ends
 * when it leaves (the next item took its place, the layout or the screen changed, an alert took
 * over) or when the page is hidden; the plays still open then start again when it is shown.
 * Each play gets an id here, so the host and the admin server keep it once however often it is
 * sent; records ended in the same moment go to the outbox (play-outbox.ts) in one batch.
 */
import type { PlayRecord } from '@linli/protocol';

export interface PlayIds {
  publicationId: string;
  layoutId: string;
  zoneId: string;
  itemId: string;
}

export interface PlayLog {
  /** `ids` appeared in its zone at `at`; ends (and returns) the play of what was there before. */
  begin(ids: PlayIds, at: number): PlayRecord[];
  /** The zone's item left the screen with nothing in its place. */
  end(layoutId: string, zoneId: string, at: number): PlayRecord[];
  /** The page was hidden: every open play ends now. */
  suspend(at: number): PlayRecord[];
  /** The page is shown again: what is still on screen starts a new play. */
  resume(at: number): void;
}

interface OpenPlay {
  ids: PlayIds;
  /** Undefined while the page is hidden. */
  startedAt: number | undefined;
}

const slotOf = (layoutId: string, zoneId: string) => `${layoutId}\u0000${zoneId}`;
const iso = (at: number) => new Date(at).toISOString();

/** `newId` names each play (random UUIDs in the page). */
export function createPlayLog(newId: () => string = () => crypto.randomUUID()): PlayLog {
  const open = new Map<string, OpenPlay>();
  let hidden = false;

  const close = (slot: string, at: number): PlayRecord[] => {
    const play = open.get(slot);
    if (!play || play.startedAt === undefined || at <= play.startedAt) return [];
    return [{ playId: newId(), ...play.ids, startedAt: iso(play.startedAt), endedAt: iso(at) }];
  };

  return {
    begin(ids, at) {
      const slot = slotOf(ids.layoutId, ids.zoneId);
      const ended = close(slot, at);
      open.set(slot, { ids, startedAt: hidden ? undefined : at });
      return ended;
    },
    end(layoutId, zoneId, at) {
      const slot = slotOf(layoutId, zoneId);
      const ended = close(slot, at);
      open.delete(slot);
      return ended;
    },
    suspend(at) {
      if (hidden) return [];
      hidden = true;
      const ended = [...open.keys()].flatMap((slot) => close(slot, at));
      for (const play of open.values()) play.startedAt = undefined;
      return ended;
    },
    resume(at) {
      if (!hidden) return;
      hidden = false;
      for (const play of open.values()) play.startedAt = at;
    },
  };
}

export interface PlayBatcher {
  add(records: PlayRecord[]): void;
  /** Sends what was added without waiting for the moment to end. */
  flush(): void;
}

/**
 * Collects records and hands them to `report` once per moment (a microtask later), so what ends
 * together — every zone of a layout leaving — travels in one request.
 */
export function createPlayBatcher(report: (records: PlayRecord[]) => void): PlayBatcher {
  let batch: PlayRecord[] = [];
  const flush = () => {
    if (batch.length === 0) return;
    const sending = batch;
    batch = [];
    report(sending);
  };
  return {
    add(records) {
      if (records.length === 0) return;
      if (batch.length === 0) queueMicrotask(flush);
      batch.push(...records);
    },
    flush,
  };
}
