// The player's pure core: what to show when, decided without I/O, DOM or a clock of its own.
export { whatToShow, INITIAL_PLAYER_STATE } from './schedule-resolver';
export type { Decision, PlayerState, PlayingZone, Showing, ZoneShowing } from './schedule-resolver';
export type { ZonePlay } from './playlist-position';
export { itemDurationMs } from './playlist-item';
export { wallClockAt } from '@linli/protocol';
