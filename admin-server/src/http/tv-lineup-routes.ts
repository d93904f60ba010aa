/**
 * What IPTV players subscribe to, without signing in: /tv/channels.m3u (the line-up),
 * /tv/xmltv.xml (the programme guide, from two hours ago to seven days ahead) and each channel's
 * HLS stream. Public channels are there for everyone; a TV line-up key (`?key=` for the lists, in
 * the path for a stream: players drop a query when they follow a playlist's segments), issued in
 * the admin UI for a node, adds the private channels placed in that node's subtree. A key that is
 * unknown or revoked is refused before anything is read. Stream addresses are absolute.
 */
import { LinliError, type TvChannelSchedule } from '@linli/protocol';
import type { FastifyReply } from 'fastify';
import { readFile } from 'node:fs/promises';
import Type from 'typebox';
import type { Clock } from '../domain/clock';
import type { IssuedKeys, KeyHolder } from '../domain/issued-keys';
import type { LiveTvChannel, TvChannelService } from '../domain/tv-channels';
import { streamPath, type ChannelStreams } from '../tv/channel-streams';
import { lineupM3u } from '../tv/lineup-m3u';
import { xmltvDocument } from '../tv/xmltv-guide';
import type { TypedApp } from './typed-app';

export const TV_LINEUP_PATH = '/tv/channels.m3u';

export const StreamParams = Type.Object({
  channelId: Type.String({ pattern: '^[A-Za-z0-9_.:-]{1,64}$' }),
  file: Type.String({ pattern: '^[A-Za-z0-9_.-]{1,40}$' }),
});

/** A channel's playlist or segment from `streams` (none: the caller may not watch it), else NOT_FOUND. */
export async function sendStreamFile(
  reply: FastifyReply,
  streams: ChannelStreams | undefined,
  channelId: string,
  file: string,
) {
  const found = streams?.fileOf(channelId, file);
  const missing = () => new LinliError('NOT_FOUND', `No stream file ${file} of channel ${channelId}`);
  if (!found) throw missing();
  let body: Buffer;
  try {
    body = await readFile(found);
  } catch {
    // Not written yet, or just deleted from the sliding window.
    throw missing();
  }
  return reply
    .header('content-type', file.endsWith('.m3u8') ? 'application/vnd.apple.mpegurl' : 'video/mp2t')
    .header('cache-control', file.endsWith('.m3u8') ? 'no-cache' : 'max-age=60')
    .header('access-control-allow-origin', '*')
    .send(body);
}
export const TV_GUIDE_PATH = '/tv/xmltv.xml';
const HOUR_MS = 3_600_000;
const GUIDE_BEFORE_MS = 2 * HOUR_MS;
const GUIDE_AHEAD_MS = 7 * 24 * HOUR_MS;

const KeyQuery = Type.Object({ key: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })) });

export function registerTvLineupRoutes(
  app: TypedApp,
  deps: { tvChannels: TvChannelService; tvFeedKeys: IssuedKeys; clock: Clock; channelStreams?: ChannelStreams },
): void {
  const { tvChannels, tvFeedKeys, clock, channelStreams } = deps;

  /** Who holds `key`: none asked for, or UNAUTHENTICATED for a key unknown or revoked. */
  async function holderOf(key: string | undefined) {
    if (key === undefined) return undefined;
    const holder = await tvFeedKeys.authenticate(key);
    if (!holder) throw new LinliError('UNAUTHENTICATED', 'Unknown or revoked TV line-up key');
    return holder;
  }
  const mayWatch = (channel: LiveTvChannel, holder: KeyHolder | undefined) =>
    channel.schedule.public || (holder !== undefined && channel.orgPath.startsWith(holder.orgPath));

  /** The channels a caller with `key` may list: public ones, and private ones under the key's node. */
  async function channelsFor(key: string | undefined): Promise<TvChannelSchedule[]> {
    const holder = await holderOf(key);
    return (await tvChannels.live()).filter((channel) => mayWatch(channel, holder)).map(({ schedule }) => schedule);
  }

  /** A stream's playlist or segment, for a caller with `key`. */
  async function streamFile(key: string | undefined, channelId: string, file: string, reply: FastifyReply) {
    const holder = await holderOf(key);
    const channel = channelStreams?.channel(channelId);
    return sendStreamFile(reply, channel && mayWatch(channel, holder) ? channelStreams : undefined, channelId, file);
  }
  app.get(
    '/tv/streams/:channelId/:file',
    { schema: { tags: ['tv'], summary: "A public channel's HLS playlist or segment", params: StreamParams } },
    async (request, reply) => streamFile(undefined, request.params.channelId, request.params.file, reply),
  );
  app.get(
    '/tv/keys/:key/streams/:channelId/:file',
    {
      schema: {
        tags: ['tv'],
        summary: "A channel's HLS playlist or segment, with a line-up key (private channels)",
        params: Type.Object({ key: Type.String({ minLength: 1, maxLength: 100 }), ...StreamParams.properties }),
      },
    },
    async (request, reply) => streamFile(request.params.key, request.params.channelId, request.params.file, reply),
  );

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
        streamUrl: (channel) => `${base}${streamPath(channel, key)}`,
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
