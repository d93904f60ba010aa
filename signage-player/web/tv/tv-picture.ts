/**
 * What a channel puts on screen at an instant (pure): the item onAirAt finds, as the picture the
 * page draws, where in it the channel is, and the instant the picture next changes (the caller's
 * one timer). Every box answers alike for the same instant, so boxes are in step.
 *
 * - video: from the item's start, seeked to the offset (its file from the host's media cache);
 * - image, a text card, a live HLS source;
 * - notice: the held notice by id; a guide: the channel's spotlight of it;
 * - ident: the channel's own card (number, name, clock) where nothing is on (no item), and where a
 *   notice or a guide is not held (withdrawn, expired, not sent): the filler card for its time.
 */
import {
  onAirAt,
  tvItemDurationMs,
  type MediaRef,
  type PlayerNotice,
  type TvChannelSchedule,
  type TvGuideSpotlight,
  type TvItem,
} from '@linli/protocol';

export type TvVideoItem = Extract<TvItem, { kind: 'video' }>;

export type TvPicture =
  | { kind: 'video'; item: TvVideoItem }
  | { kind: 'image'; media: MediaRef }
  | { kind: 'notice'; notice: PlayerNotice; durationMs: number }
  | { kind: 'spotlight'; spotlight: TvGuideSpotlight }
  | { kind: 'card'; text: string }
  | { kind: 'live'; url: string }
  | { kind: 'ident' };

export interface TvOnScreen {
  channelId: string;
  /** The item on air (null: none, the channel's card). */
  itemId: string | null;
  /** When the item began on this channel's clock (a video's position is now − itemStart). */
  itemStart: number;
  /** When the picture changes next: the item ends (or its airing does). */
  nextAt: number;
  picture: TvPicture;
  /** The video that follows this item, to load behind it; null when the next item is no video. */
  upcoming: { item: TvVideoItem; itemStart: number } | null;
}

function pictureOf(item: TvItem | null, channel: TvChannelSchedule, notices: readonly PlayerNotice[]): TvPicture {
  if (!item) return { kind: 'ident' };
  switch (item.kind) {
    case 'video':
      return { kind: 'video', item };
    case 'image':
      return { kind: 'image', media: item.media };
    case 'notice': {
      const notice = notices.find((each) => each.id === item.noticeId);
      return notice ? { kind: 'notice', notice, durationMs: tvItemDurationMs(item) } : { kind: 'ident' };
    }
    case 'guide': {
      const spotlight = channel.spotlights.find((each) => each.guideId === item.guideId);
      return spotlight ? { kind: 'spotlight', spotlight } : { kind: 'ident' };
    }
    case 'card':
      return { kind: 'card', text: item.text };
    case 'live':
      return { kind: 'live', url: item.url };
  }
}

export function tvOnScreen(channel: TvChannelSchedule, notices: readonly PlayerNotice[], instant: number): TvOnScreen {
  const onAir = onAirAt(channel, instant);
  const following = onAirAt(channel, onAir.itemEnd);
  return {
    channelId: channel.id,
    itemId: onAir.item?.id ?? null,
    itemStart: onAir.itemStart,
    nextAt: onAir.itemEnd,
    picture: pictureOf(onAir.item, channel, notices),
    upcoming:
      following.item?.kind === 'video' && following.itemStart === onAir.itemEnd
        ? { item: following.item, itemStart: following.itemStart }
        : null,
  };
}
