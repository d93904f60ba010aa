/**
 * What the info banner says about a channel at an instant: its number and name, the programme on
 * now and the next one, each with its listed times (19:30–20:00 on the channel's clock), and how
 * far into the one on now the channel is. Pure.
 */
import { nowAndNext, type TvChannelSchedule } from '@linli/protocol';
import { listedSlot, slotProgress, slotText } from './programme-times';

export interface BannerProgramme {
  /** Null: nothing is listed (the channel's filler plays). */
  title: string | null;
  /** 19:30–20:00; empty when nothing is listed. */
  times: string;
}

export interface BannerContent {
  number: number;
  name: string;
  now: BannerProgramme & { progress: number | null };
  next: BannerProgramme | null;
}

export function bannerContent(channel: TvChannelSchedule, instant: number): BannerContent {
  const { now, next } = nowAndNext(channel, instant);
  const nowSlot = listedSlot(now);
  return {
    number: channel.number,
    name: channel.name,
    now: now.programme
      ? {
          title: now.programme.title,
          times: slotText(nowSlot, channel.timeZone),
          progress: slotProgress(nowSlot, instant),
        }
      : { title: null, times: '', progress: null },
    next: next?.programme ? { title: next.programme.title, times: slotText(listedSlot(next), channel.timeZone) } : null,
  };
}
