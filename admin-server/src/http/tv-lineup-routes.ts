/**
 * What IPTV players subscribe to, without signing in: /tv/channels.m3u (the line-up) and
 * /tv/xmltv.xml (the programme guide, from two hours ago to seven days ahead). Public channels
 * are listed for everyone; a TV line-up key (`?key=`, issued in the admin UI for a node) adds the
 * private channels placed in that node's subtree. A key that is unknown or revoked is refused
 * before anything is read. Stream addresses are absolute (players fetch them from elsewhere).
 */
import { LinliError, type TvChannelSchedule } from '@linli/protocol';
import Type from 'typebox';
import type { Clock } from '../domain/clock';
import type { IssuedKeys } from '../domain/issued-keys';
import type { TvChannelService } from '../domain/tv-channels';
import { lineupM3u } from '../tv/lineup-m3u';
import { xmltvDocument } from '../tv/xmltv-guide';
import type { TypedApp } from './typed-app';

export const TV_LINEUP_PATH = '/tv/channels.m3u';
export const TV_GUIDE_PATH = '/tv/xmltv.xml';
const HOUR_MS = 3_600_000;
const GUIDE_BEFORE_MS = 2 * HOUR_MS;
const GUIDE_AHEAD_MS = 7 * 24 * HOUR_MS;

/** Where a channel's HLS stream is: public ones at /tv/streams/<id>/, private ones under the key. */
export function tvStreamPath(channel: Pick<TvChannelSchedule, 'id' | 'public'>, key: string | undefined): string {
  return channel.public || !key
    ? `/tv/streams/${channel.id}/index.m3u8`
    : `/tv/keys/${key}/streams/${channel.id}/index.m3u8`;
}

const KeyQuery = Type.Object({ key: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })) });

export function registerTvLineupRoutes(
  app: TypedApp,
  deps: { tvChannels: TvChannelService; tvFeedKeys: IssuedKeys; clock: Clock },
): void {
  const { tvChannels, tvFeedKeys, clock } = deps;

  /** The channels a caller with `key` may list: public ones, and private ones under the key's node. */
  async function channelsFor(key: string | undefined): Promise<TvChannelSchedule[]> {
    const holder = key === undefined ? undefined : await tvFeedKeys.authenticate(key);
    if (key !== undefined && !holder) throw new LinliError('UNAUTHENTICATED', 'Unknown or revoked TV line-up key');
    return (await tvChannels.live())
      .filter(({ schedule, orgPath }) => schedule.public || (holder && orgPath.startsWith(holder.orgPath)))
      .map(({ schedule }) => schedule);
  }

  app.get(
    TV_LINEUP_PATH,
    {
      schema: {
        tags: ['tv'],
        summary: 'The TV line-up as an M3U playlist (public channels; with a key, private ones too)',
        querystring: KeyQuery,
      },
    },
    async (request, reply) => {
      const { key } = request.query;
      const channels = await channelsFor(key);
      const base = `${request.protocol}://${request.host}`;
      const query = key ? `?key=${encodeURIComponent(key)}` : '';
      const body = lineupM3u(channels, {
        guideUrl: `${base}${TV_GUIDE_PATH}${query}`,
        streamUrl: (channel) => `${base}${tvStreamPath(channel, key)}`,
      });
      return reply
        .header('content-type', 'audio/x-mpegurl; charset=utf-8')
        .header('cache-control', 'no-cache')
        .send(body);
    },
  );

  app.get(
    TV_GUIDE_PATH,
    {
      schema: {
        tags: ['tv'],
        summary: 'The programme guide in XMLTV (two hours back, seven days ahead)',
        querystring: KeyQuery,
      },
    },
    async (request, reply) => {
      const channels = await channelsFor(request.query.key);
      const now = clock().getTime();
      const body = xmltvDocument(
        channels,
        now - GUIDE_BEFORE_MS,
        now + GUIDE_AHEAD_MS,
        `${request.protocol}://${request.host}${TV_GUIDE_PATH}`,
      );
      return reply
        .header('content-type', 'application/xml; charset=utf-8')
        .header('cache-control', 'no-cache')
        .send(body);
    },
  );
}
