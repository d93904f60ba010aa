/**
 * TV channels for the TV mode's tests: a channel made from its number, name, programmes and
 * filler (Asia/Shanghai), small item and programme makers, and the view a box's page is given.
 */
import type { MediaRef, PlayerView, TvChannelSchedule, TvItem, TvProgramme } from '@linli/protocol';

export const TIME_ZONE = 'Asia/Shanghai';

/** An instant on the channels' wall clock: `at('2026-12-04', '19:40')`. */
export function at(date: string, time: string): number {
  return Date.parse(`${date}T${time.length === 5 ? `${time}:00` : time}+08:00`);
}

export function channelOf(
  id: string,
  number: number,
  name: string,
  extra: Partial<TvChannelSchedule> = {},
): TvChannelSchedule {
  return {
    id,
    version: 1,
    number,
    name,
    public: true,
    timeZone: TIME_ZONE,
    programmes: [],
    filler: [],
    spotlights: [],
    ...extra,
  };
}

export function programme(
  id: string,
  title: string,
  start: string,
  durationMin: number,
  items: TvItem[],
  extra: Partial<TvProgramme> = {},
): TvProgramme {
  return { id, title, start, durationMin, repeat: { every: 'day' }, items, ...extra };
}

export const card = (id: string, text: string, durationSec: number): TvItem => ({
  id,
  kind: 'card',
  text,
  durationSec,
});

export const video = (id: string, media: MediaRef, lengthSec: number): TvItem => ({
  id,
  kind: 'video',
  media,
  lengthSec,
});

/** What the host gives a set-top box's page: its channels (and whatever else `extra` sets). */
export function tvView(tvChannels: TvChannelSchedule[], extra: Partial<PlayerView> = {}): PlayerView {
  return {
    deviceName: '临江社区 · 活动室机顶盒',
    profile: 'tv',
    online: true,
    lastSyncAt: null,
    publication: null,
    notices: [],
    alerts: [],
    tvChannels,
    webOrigins: [],
    serverOffsetMs: 0,
    ...extra,
  };
}
