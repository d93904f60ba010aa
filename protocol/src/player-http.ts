/**
 * The player bridge's transport and timing as plain values, kept apart from the schemas in
 * player-view.ts so that the player page (set-top boxes' browsers too) carries no schema library.
 */

/** How often the web player tells the host it is alive (PLAYER_HTTP.alivePath). */
export const PLAYER_BEAT_SEC = 10;
/** Skipped videos one beat names at most (a zone of broken videos skips them in a loop). */
export const MAX_SKIPPED_PER_BEAT = 50;

/**
 * Events the host pushes: `view-changed` (ask for the view again), `reload` (load the page afresh:
 * a remote command or the frozen-screen watchdog), `queue-changed` (a hall a `queue-calls` item
 * shows moved on, or an announcement is ready: ask for the queue view again).
 */
export const PLAYER_EVENTS = ['view-changed', 'reload', 'queue-changed'] as const;
export type PlayerEvent = (typeof PLAYER_EVENTS)[number];

/**
 * Browser shell transport of the player bridge. Media are served by SHA-256 under `mediaPath`;
 * pdf.js's worker, CMaps, standard fonts and decoders under `pdfjsPath` (from the page's own origin).
 */
export const PLAYER_HTTP = {
  viewPath: '/player/view',
  playedPath: '/player/played',
  alivePath: '/player/alive',
  eventsPath: '/player/events',
  queuePath: '/player/queue',
  /** `<announcementPath><hallId>/<seq>`: a call's spoken announcement, audio/wav. */
  announcementPath: '/player/announcements/',
  mediaPath: '/media/',
  pdfjsPath: '/pdfjs/',
  tokenHeader: 'x-linli-boot-token',
  tokenQuery: 'token',
} as const;
