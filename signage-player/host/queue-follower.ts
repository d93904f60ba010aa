/**
 * The calling displays' halls, followed live: for each hall the playing publication's `queue-calls`
 * items show, the device API's stream of its state (GET /api/v1/queue/halls/:id/calls), each state
 * checked against its schema before it is kept and passed on to the page (`onChange`). A dropped
 * stream comes back after a short, growing wait; a silent one (no keepalive for three periods) is
 * taken for dropped; a refused one (another hall, this player not within it) is asked again slowly.
 * New calls — by seq, never those of the first state after a (re)connect, made before anyone was
 * listening — are announced where an item asks for it: their audio made one at a time, then listed
 * for the page. Every stream, wait and file is this part's, and stop() ends them all.
 */
import {
  LinliError,
  QueueHallState,
  parseWith,
  unheardCalls,
  type PlayerQueueHall,
  type PlayerQueueView,
} from '@linli/protocol';
import type { Timers } from '../../kiosk-app/host/lifecycle/timers';
import { backoffDelayMs } from '../../kiosk-app/host/sync/backoff';
import { createEventStreamParser } from '../../kiosk-app/host/sync/event-stream';
import type { AnnouncementAudio } from './announcement-audio';

/** The server comments every 15 s: three missed in a row mean the connection is gone without a word. */
export const SILENT_STREAM_MS = 45_000;
/** Announcements listed for the page per hall (it plays those it has not heard; older ones are gone). */
const ANNOUNCEMENTS_LISTED = 10;
const REFUSED_RETRY_MS = 60_000;

/**
 * How long to wait before connecting again (pure). A display must show calls again soon after the
 * network comes back, so drops are retried within seconds (jittered, growing to 5 s); a refusal
 * (the hall removed, or this player moved out of its part of the tree) will not change that soon.
 */
export function reconnectDelayMs(failures: number, refused: boolean, random: () => number = Math.random): number {
  return refused ? REFUSED_RETRY_MS : backoffDelayMs(failures, random, 500, 5000);
}

export interface QueueFollower {
  /** Follows exactly these halls (the playing publication's): streams start and stop to match. */
  follow(halls: ReadonlyMap<number, { announce: boolean }>): void;
  /** Each followed hall as the page shows it. */
  view(): PlayerQueueView;
  /** A listed announcement's audio (WAV). */
  announcement(hallId: number, seq: number): Uint8Array | undefined;
  stop(): Promise<void>;
}

interface FollowedHall extends PlayerQueueHall {
  announce: boolean;
  /** The newest seq heard on the current connection; null until its first state. */
  heardUpTo: number | null;
  stopping: AbortController;
  done: Promise<void>;
}

export function createQueueFollower(deps: {
  /** The hall's stream as the device (its credentials, protocol version); rejects with a coded error when refused. */
  openStream: (hallId: number, signal: AbortSignal) => Promise<Response>;
  audio: AnnouncementAudio;
  timers: Timers;
  log: (message: string) => void;
  /** Something the page shows changed: a state, a connection, an announcement ready. */
  onChange: () => void;
}): QueueFollower {
  const { audio, timers, log, onChange } = deps;
  const halls = new Map<number, FollowedHall>();

  const announce = async (hall: FollowedHall, call: QueueHallState['calls'][number]) => {
    const failure = await audio.make(hall.hallId, call).then(
      () => null,
      (error: LinliError) => error,
    );
    // A hall no longer followed (or a player stopping) has nobody to tell.
    if (halls.get(hall.hallId) !== hall) return;
    if (failure)
      log(`queue ${hall.hallId}: announcement of ${call.label} without words: ${failure.code} ${failure.message}`);
    const announced = { seq: call.seq, label: call.label, window: call.window, audio: failure === null };
    hall.announcements = [...hall.announcements, announced];
    hall.announcements.splice(0, Math.max(0, hall.announcements.length - ANNOUNCEMENTS_LISTED));
    onChange();
  };

  const received = (hall: FollowedHall, state: QueueHallState) => {
    const { unheard, heardUpTo } = unheardCalls(hall.heardUpTo, state.calls);
    hall.heardUpTo = heardUpTo;
    hall.state = state;
    hall.live = true;
    onChange();
    if (!hall.announce || unheard.length === 0) return;
    // Once the state has gone out: the page's event waits in its corked socket until this turn
    // ends, and the words (pinyin, the engine's process) would hold it there.
    setImmediate(() => {
      if (halls.get(hall.hallId) === hall) for (const call of unheard) void announce(hall, call);
    });
  };

  /** One connection, until it drops, falls silent or the hall is no longer followed. */
  const connectOnce = async (hall: FollowedHall) => {
    const connection = new AbortController();
    const signal = AbortSignal.any([connection.signal, hall.stopping.signal]);
    let cancelSilence: () => void = () => undefined;
    const expectWithin = () => {
      cancelSilence();
      cancelSilence = timers.after(SILENT_STREAM_MS, () => connection.abort());
    };
    hall.heardUpTo = null;
    const parse = createEventStreamParser((event) => {
      if (event.event === 'state')
        received(hall, parseWith(QueueHallState, JSON.parse(event.data), 'SERVER_REPLY_INVALID'));
    });
    try {
      expectWithin();
      const response = await deps.openStream(hall.hallId, signal);
      const decoder = new TextDecoder();
      for await (const chunk of response.body as AsyncIterable<Uint8Array>) {
        expectWithin();
        parse(decoder.decode(chunk, { stream: true }));
      }
      if (!signal.aborted) throw new LinliError('SERVER_UNREACHABLE', 'The hall stream was closed by the server');
    } catch (error) {
      if (hall.stopping.signal.aborted) return;
      if (error instanceof LinliError) throw error;
      throw new LinliError(
        'SERVER_UNREACHABLE',
        connection.signal.aborted
          ? 'The hall stream fell silent'
          : `The hall stream dropped: ${(error as Error).message}`,
      );
    } finally {
      cancelSilence();
    }
  };

  const followLoop = async (hall: FollowedHall) => {
    let failures = 0;
    let lastProblem = '';
    while (!hall.stopping.signal.aborted) {
      let refused = false;
      try {
        await connectOnce(hall);
      } catch (error) {
        const { code, message } = error as LinliError;
        refused = code === 'NOT_FOUND' || code === 'FORBIDDEN';
        // A refusal repeats every minute: said once, until it changes.
        if (`${code} ${message}` !== lastProblem) log(`queue ${hall.hallId}: ${code ?? 'ERROR'} ${message}; retrying`);
        lastProblem = `${code} ${message}`;
      }
      // A connection that brought a state was a success: the next drop is retried at once.
      failures = hall.heardUpTo === null ? failures + 1 : 1;
      if (hall.live) {
        hall.live = false;
        onChange();
      }
      await timers
        .sleep(reconnectDelayMs(failures, refused), hall.stopping.signal)
        // A stop ends the wait at once (the rejection is only the abort), so no timer outlives it.
        .catch(() => undefined);
    }
  };

  const start = (hallId: number, announce: boolean) => {
    const hall: FollowedHall = {
      hallId,
      state: null,
      live: false,
      announcements: [],
      announce,
      heardUpTo: null,
      stopping: new AbortController(),
      done: Promise.resolve(),
    };
    halls.set(hallId, hall);
    hall.done = followLoop(hall);
  };

  const end = (hall: FollowedHall) => {
    halls.delete(hall.hallId);
    hall.stopping.abort();
    return hall.done;
  };

  return {
    follow(wanted) {
      for (const hall of halls.values()) if (!wanted.has(hall.hallId)) void end(hall);
      for (const [hallId, { announce }] of wanted) {
        const hall = halls.get(hallId);
        if (hall) hall.announce = announce;
        else start(hallId, announce);
        if (announce) audio.prepare();
      }
      onChange();
    },
    view: () => ({
      halls: [...halls.values()].map(({ hallId, state, live, announcements }) => ({
        hallId,
        state,
        live,
        announcements,
      })),
    }),
    announcement: (hallId, seq) =>
      halls.get(hallId)?.announcements.some((listed) => listed.seq === seq && listed.audio)
        ? audio.read(hallId, seq)
        : undefined,
    async stop() {
      await Promise.all([...halls.values()].map(end));
      await audio.stop();
    },
  };
}
