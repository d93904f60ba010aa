/** Admin API for TV channels: the list by number, plus the reviewed-content routes (read, save, review by a second person, withdraw, history, rollback, delete). */
import {
  ErrorBody,
  TvChannelHistory,
  TvChannelInput,
  TvChannelList,
  TvChannelListQuery,
  TvChannelView,
} from '@linli/protocol';
import type { TvChannelService } from '../domain/tv-channels';
import { registerReviewedContentRoutes } from './reviewed-content-routes';
import { actorOf } from './session-guard';
import type { TypedApp } from './typed-app';

export function registerTvChannelRoutes(app: TypedApp, deps: { tvChannels: TvChannelService }): void {
  const { tvChannels } = deps;
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
  registerReviewedContentRoutes(app, {
    plural: 'tv-channels',
    noun: 'TV channel',
    schemas: { Input: TvChannelInput, View: TvChannelView, History: TvChannelHistory },
    service: tvChannels,
    secondPersonApproves: true,
  });
}
