/**
 * The signage player's bridge: what the player host (Node) gives the web player (any browser: the
 * browser shell, Electron, a set-top box's). The web player asks for the whole view once and again
 * whenever the host says it changed; it works out what to show from the schedule itself
 * (signage-player/core) and sets one timer for the next change.
 *
 * The browser shell carries it over HTTP + server-sent events on 127.0.0.1; like the kiosk's,
 * calls carry the per-boot token embedded in the page.
 */
import Type from 'typebox';
import { KioskAlert } from './bridge';
import { NoticeKind } from './notices';
import { MAX_SKIPPED_PER_BEAT } from './player-http';
import { QueueHallState } from './queue';
import { SignageSchedule } from './signage';
import { TvChannelSchedule } from './tv-channels';

/** A notice a `notice` playlist item may show (held by the player and within its publish window). */
export const PlayerNotice = Type.Object({
  id: Type.String(),
  kind: NoticeKind,
  title: Type.String(),
  body: Type.String(),
  issuer: Type.String(),
  publishAt: Type.String(),
});
export type PlayerNotice = Type.Static<typeof PlayerNotice>;

/** What the player is: a signage screen, or a set-top box showing TV channels (its TV mode). */
export const PLAYER_PROFILES = ['signage', 'tv'] as const;
export type PlayerProfile = (typeof PLAYER_PROFILES)[number];

export const PlayerView = Type.Object({
  deviceName: Type.String(),
  profile: Type.Enum(PLAYER_PROFILES),
  online: Type.Boolean(),
  lastSyncAt: Type.Union([Type.String(), Type.Null()]),
  /**
   * The publication playing: the newest one whose signature checked out and whose every file is
   * stored and verified; until a newer one is complete, the one before keeps playing. Null before
   * the first arrives (the player shows its name and the clock).
   */
  publication: Type.Union([
    Type.Object({ id: Type.String(), version: Type.Integer(), title: Type.String(), schedule: SignageSchedule }),
    Type.Null(),
  ]),
  notices: Type.Array(PlayerNotice),
  /** Emergency alerts in force here, most severe first: they take the whole screen over. */
  alerts: Type.Array(KioskAlert),
  /** The TV channels this box may show (signed and checked like publications), by number. */
  tvChannels: Type.Array(TvChannelSchedule),
  /** Origins `web` items may load (scheme://host[:port]); a web item of any other origin is skipped. */
  webOrigins: Type.Array(Type.String()),
  /**
   * The admin server's clock minus this device's, in ms, learnt from its replies: the page plays
   * by the server's time, so a box whose own clock is off still follows the schedule.
   */
  serverOffsetMs: Type.Integer(),
});
export type PlayerView = Type.Static<typeof PlayerView>;

/**
 * A hall that `queue-calls` items show, as the host follows it (PLAYER_HTTP.queuePath): its state
 * as last received and the calls announced since the host began following it.
 */
export const PlayerQueueHall = Type.Object({
  hallId: Type.Integer(),
  /** Null until the first state arrives (or while the server refuses this player the hall). */
  state: Type.Union([QueueHallState, Type.Null()]),
  /** The hall's stream is connected: the state is current, not only the last one received. */
  live: Type.Boolean(),
  /**
   * Calls announced, oldest first, each once its audio was made; `audio`: spoken words wait at
   * PLAYER_HTTP.announcementPath (false: the speech engine failed, the chime alone is heard).
   */
  announcements: Type.Array(
    Type.Object({ seq: Type.Integer(), label: Type.String(), window: Type.Integer(), audio: Type.Boolean() }),
  ),
});
export type PlayerQueueHall = Type.Static<typeof PlayerQueueHall>;

export const PlayerQueueView = Type.Object({ halls: Type.Array(PlayerQueueHall) });
export type PlayerQueueView = Type.Static<typeof PlayerQueueView>;

/** One item's time on screen, as the web player reports it (proof of play). */
export const PlayRecord = Type.Object(
  {
    playId: Type.String({
      pattern: '^[A-Za-z0-9-]{8,64}$',
      description: 'Made by the web player for this play; the same id sent twice is one play (retries are safe)',
    }),
    publicationId: Type.String({ maxLength: 64 }),
    layoutId: Type.String({ maxLength: 64 }),
    zoneId: Type.String({ maxLength: 64 }),
    itemId: Type.String({ maxLength: 64 }),
    startedAt: Type.String({ format: 'date-time' }),
    endedAt: Type.String({ format: 'date-time' }),
  },
  { additionalProperties: false },
);
export type PlayRecord = Type.Static<typeof PlayRecord>;

/**
 * The web player's beat, for the host's frozen-screen watchdog: the page still runs, and whether
 * its screen should be moving now (a video playing or a ticker running), so a picture that stays
 * the same means something is stuck. `skipped`: the ids of videos given up since the last beat
 * (not started within 5 s, or failed to load); `unreadable`: the ids of PDF items shown as their
 * card since the last beat because the file or a page could not be read (they keep their time).
 */
export const PlayerAliveBeat = Type.Object(
  {
    moving: Type.Boolean(),
    skipped: Type.Array(Type.String({ maxLength: 64 }), { maxItems: MAX_SKIPPED_PER_BEAT }),
    unreadable: Type.Optional(Type.Array(Type.String({ maxLength: 64 }), { maxItems: MAX_SKIPPED_PER_BEAT })),
  },
  { additionalProperties: false },
);
export type PlayerAliveBeat = Type.Static<typeof PlayerAliveBeat>;
