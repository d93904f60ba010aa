/** Admin API for TV channels: the list by number, plus the reviewed-content routes (read, save, review by a second person, withdraw, history, rollback, delete). */
import {
  ErrorBody,
  can,
  TvChannelHistory,
  TvChannelInput,
  TvChannelList,
  TvChannelListQuery,
  TvChannelView,
  TvStreamList,
} from '@linli/protocol';
import type { AuditService } from '../domain/audit';
import type { TvChannelService } from '../domain/tv-channels';
import type { ChannelStreams } from '../tv/channel-streams';
import { registerReviewedContentRoutes } from './reviewed-content-routes';
import { StreamParams, sendStreamFile } from './tv-lineup-routes';
import { actorOf } from './session-guard';
import type { TypedApp } from './typed-app';

export function registerTvChannelRoutes(
  app: TypedApp,
  deps: { tvChannels: TvChannelService; audit: AuditService; channelStreams?: ChannelStreams },
): void {
  const { tvChannels, audit, channelStreams } = deps;
  app.get(
    '/tv-channels/streams',
    {
      schema: {
        tags: ['tv-channels'],
        summary: "The live channels' HLS streams this server produces: state, bitrate, last error",
        response: { 200: TvStreamList, 401: ErrorBody, 403: ErrorBody },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      if (!can(actor.role, 'content.view'))
        await audit.deny(actor, 'tv-stream.list', {
          type: 'tv-channel',
          id: '*',
          orgId: actor.orgId,
          orgPath: actor.orgPath,
        });
      return { streaming: channelStreams !== undefined, streams: channelStreams?.status() ?? [] };
    },
  );
  app.get(
    '/tv-channels',
    {
      schema: {
        tags: ['tv-channels'],
        summary: 'TV channels you may read, by number',
        querystring: TvChannelListQuery,
        response: { 200: TvChannelList, 400: ErrorBody, 401: ErrorBody, 403: ErrorBody },
      },
    },
    async (request) => tvChannels.list(actorOf(request), request.query),
  );
  // The admin UI's preview: any stream, public or private, for those who may read content.
  app.get(
    '/tv-channels/:channelId/stream/:file',
    {
      schema: {
        tags: ['tv-channels'],
        summary: "A live channel's HLS playlist or segment, for the admin UI's preview",
        params: StreamParams,
      },
    },
    async (request, reply) => {
      const { channelId, file } = request.params;
      // The channels a user may read (their subtree's and those above): NOT_FOUND for any other.
      await tvChannels.get(actorOf(request), channelId);
      return sendStreamFile(reply, channelStreams, channelId, file);
    },
  );
  registerReviewedContentRoutes(app, {
    plural: 'tv-channels',
    noun: 'TV channel',
    schemas: { Input: TvChannelInput, View: TvChannelView, History: TvChannelHistory },
    service: tvChannels,
    secondPersonApproves: true,
  });
}
