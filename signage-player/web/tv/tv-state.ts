/**
 * The TV app's state and what each remote key does to it (pure: the caller passes the time and
 * sets one timer for `nextDeadline`). The state is the channel tuned and one overlay at a time:
 *
 * - none: the bare channel. Digits start an entry; ChannelUp/Up and ChannelDown/Down step through
 *   the line-up (wrapping; HbbTV gives applications no P+/P−, so the D-pad must do); OK and Info
 *   show the banner; Guide, Green and Menu open the guide; Back shows the banner (Back never leaves).
 * - banner: as on the bare channel; it hides itself at `until`; Back or Info hides it at once.
 * - digits: more digits, OK tunes at once, the wait tunes; Back drops the entry. A number with no
 *   channel says so for NO_CHANNEL_MS.
 * - guide: the D-pad moves the focus (guide-grid), OK on a programme on air now tunes to its
 *   channel; Back, Guide and Green close it.
 *
 * Every change of channel shows the banner for CHANGE_BANNER_MS.
 */
import type { TvChannelSchedule } from '@linli/protocol';
import { channelNumbered, neighbourChannel, tunedChannel } from './channel-lineup';
import { entryComplete, entryDue, enteredNumber, typeDigit, type DigitEntry } from './digit-entry';
import { guideTuneTarget, moveFocus, openGuide, type GuideFocus, type GuideRow } from './guide-grid';
import type { RemoteKey } from './remote-keys';

export const BANNER_MS = 5000;
export const CHANGE_BANNER_MS = 3000;
export const NO_CHANNEL_MS = 2500;

export type TvOverlay =
  | { kind: 'none' }
  | { kind: 'banner'; until: number }
  | { kind: 'digits'; entry: DigitEntry }
  | { kind: 'no-channel'; number: number; until: number }
  | { kind: 'guide'; focus: GuideFocus };

export interface TvState {
  /** The channel tuned (the line-up's first when it is null or gone). */
  channelId: string | null;
  overlay: TvOverlay;
}

export interface TvContext {
  lineup: readonly TvChannelSchedule[];
  now: number;
  /** The guide's rows from `earliest` (the caller keeps them while the guide is open). */
  guideRows(earliest: number): readonly GuideRow[];
}

const NONE: TvOverlay = { kind: 'none' };
const GUIDE_MOVES = { Left: 'left', Right: 'right', Up: 'up', Down: 'down' } as const;

export function initialTvState(channelId: string | null): TvState {
  return { channelId, overlay: NONE };
}

function tuned(state: TvState, channel: TvChannelSchedule | undefined, now: number): TvState {
  if (!channel) return { ...state, overlay: NONE };
  return { channelId: channel.id, overlay: { kind: 'banner', until: now + CHANGE_BANNER_MS } };
}

function banner(state: TvState, now: number): TvState {
  return { ...state, overlay: { kind: 'banner', until: now + BANNER_MS } };
}

/** The keyed number tuned: its channel, or a word that there is none. */
function tuneEntry(state: TvState, entry: DigitEntry, context: TvContext): TvState {
  const number = enteredNumber(entry);
  const channel = channelNumbered(context.lineup, number);
  if (channel) return tuned(state, channel, context.now);
  return { ...state, overlay: { kind: 'no-channel', number, until: context.now + NO_CHANNEL_MS } };
}

function typed(state: TvState, entry: DigitEntry, context: TvContext): TvState {
  return entryComplete(entry) ? tuneEntry(state, entry, context) : { ...state, overlay: { kind: 'digits', entry } };
}

function inGuide(state: TvState, focus: GuideFocus, key: RemoteKey, context: TvContext): TvState {
  const rows = context.guideRows(focus.earliest);
  switch (key.name) {
    case 'Left':
    case 'Right':
    case 'Up':
    case 'Down':
      return { ...state, overlay: { kind: 'guide', focus: moveFocus(rows, focus, GUIDE_MOVES[key.name]) } };
    case 'Ok': {
      const channelId = guideTuneTarget(rows, focus, context.now);
      return channelId === null
        ? state
        : tuned(
            state,
            context.lineup.find((channel) => channel.id === channelId),
            context.now,
          );
    }
    case 'Back':
    case 'Guide':
    case 'Green':
    case 'Menu':
      return { ...state, overlay: NONE };
    default:
      return state;
  }
}

/** The state after `key` is pressed at `context.now`. */
export function pressKey(state: TvState, key: RemoteKey, context: TvContext): TvState {
  const { overlay } = state;
  const { lineup, now } = context;
  if (overlay.kind === 'guide') return inGuide(state, overlay.focus, key, context);
  const channelId = tunedChannel(lineup, state.channelId)?.id ?? null;
  if (key.name === 'Digit')
    return typed(state, typeDigit(overlay.kind === 'digits' ? overlay.entry : null, key.digit, now), context);
  if (overlay.kind === 'digits') {
    if (key.name === 'Ok') return tuneEntry(state, overlay.entry, context);
    if (key.name === 'Back') return { ...state, overlay: NONE };
  }
  switch (key.name) {
    case 'ChannelUp':
    case 'Up':
      return tuned(state, neighbourChannel(lineup, channelId, 1), now);
    case 'ChannelDown':
    case 'Down':
      return tuned(state, neighbourChannel(lineup, channelId, -1), now);
    case 'Ok':
      return banner(state, now);
    case 'Info':
      return overlay.kind === 'banner' ? { ...state, overlay: NONE } : banner(state, now);
    case 'Back':
      return overlay.kind === 'none' ? banner(state, now) : { ...state, overlay: NONE };
    case 'Guide':
    case 'Green':
    case 'Menu': {
      if (lineup.length === 0) return state;
      const timeZone = tunedChannel(lineup, channelId)!.timeZone;
      return { channelId, overlay: { kind: 'guide', focus: openGuide(lineup, channelId, now, timeZone) } };
    }
    default:
      return state;
  }
}

/** When the overlay next changes by itself (a banner hiding, a keyed number tuning); null: not by itself. */
export function nextDeadline(state: TvState): number | null {
  const { overlay } = state;
  if (overlay.kind === 'banner' || overlay.kind === 'no-channel') return overlay.until;
  if (overlay.kind === 'digits') return overlay.entry.tuneAt;
  return null;
}

/** The state once the time is `context.now`: banners and words past their time hidden, a keyed number due tuned. */
export function timePassed(state: TvState, context: TvContext): TvState {
  const { overlay } = state;
  if (overlay.kind === 'digits')
    return entryDue(overlay.entry, context.now) ? tuneEntry(state, overlay.entry, context) : state;
  if ((overlay.kind === 'banner' || overlay.kind === 'no-channel') && context.now >= overlay.until)
    return { ...state, overlay: NONE };
  return state;
}
