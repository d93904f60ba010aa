/**
 * The server's channel worker: one live HLS stream (channel-stream.ts) per live TV channel, under
 * `<dir>/<channel id>/`. It follows the feed: a newly live channel starts streaming, a new version
 * takes over at the stream's next item boundary, a withdrawn one stops and its files go. What the
 * streams air comes from the media library's files and the notices as devices are sent them (a
 * withdrawn or expired notice is not aired). Started and stopped by server.ts.
 *
 * Several admin instances share one database but not their disks: run the streams on one of them
 * (LINLI_TV_STREAMS=off on the others) and send /tv/ to it.
 */
import { DeviceNotice, parseWith, type TvChannelSchedule, type TvStreamStatus } from '@linli/protocol';
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import type { Database } from '../db/database';
import type { Clock } from '../domain/clock';
import type { LiveTvChannel, TvChannelService } from '../domain/tv-channels';
import type { BlobStore } from '../media/blob-store';
import type { ChangeHub } from '../push/change-hub';
import { createChannelStream, type ChannelContent, type ChannelStream, type ChannelStreamLog } from './channel-stream';
import { PLAYLIST_NAME, sequenceOfSegment } from './hls-playlist';

export interface ChannelStreams {
  /** Streams every live channel, and follows the feed from now on. */
  start(): Promise<void>;
  /** Stops every stream (their ffmpeg processes ended) and stops following the feed. */
  stop(): Promise<void>;
  status(): TvStreamStatus[];
  /** A streamed channel as it was last read from the feed, with its node's path. */
  channel(channelId: string): LiveTvChannel | undefined;
  /** The file of a channel's stream to serve, when `file` is its playlist or one of its segments. */
  fileOf(channelId: string, file: string): string | undefined;
}

/**
 * Where a channel's stream is served (its playlist): public ones at /tv/streams/<id>/, private
 * ones for a line-up key's holder under the key (a player following the playlist's segments keeps
 * the path, not a query).
 */
export function streamPath(channel: Pick<TvChannelSchedule, 'id' | 'public'>, key?: string): string {
  return channel.public || key === undefined
    ? `/tv/streams/${channel.id}/${PLAYLIST_NAME}`
    : `/tv/keys/${encodeURIComponent(key)}/streams/${channel.id}/${PLAYLIST_NAME}`;
}

/** Notices as devices are sent them, while their publish window is open. */
function noticeContent(db: Database, clock: Clock): ChannelContent['notice'] {
  return async (id) => {
    const row = await db.get<{ payload: string | null }>(
      "SELECT payload FROM change_log WHERE entity = 'notice' AND entity_id = ? AND op = 'upsert'",
      [id],
    );
    if (!row?.payload) return undefined;
    const notice = parseWith(DeviceNotice, JSON.parse(row.payload));
    const now = clock().toISOString();
    if (notice.publishAt > now || (notice.expireAt !== null && notice.expireAt <= now)) return undefined;
    return { title: notice.title, body: notice.body };
  };
}

export function createChannelStreams(deps: {
  db: Database;
  hub: ChangeHub;
  tvChannels: TvChannelService;
  blobs: BlobStore;
  dir: string;
  clock: Clock;
  log: ChannelStreamLog & { error(details: Record<string, unknown>, message: string): void };
  /** Test runs: a smaller picture and shorter segments. */
  size?: { width: number; height: number; segmentSec: number };
}): ChannelStreams {
  const { db, hub, tvChannels, blobs, dir, clock, log } = deps;
  const streams = new Map<string, { stream: ChannelStream; live: LiveTvChannel }>();
  const content: ChannelContent = {
    mediaFile: (sha256) => blobs.localFile(sha256),
    notice: noticeContent(db, clock),
  };
  let unsubscribe: (() => void) | undefined;
  // One reconciliation at a time; a change meanwhile asks for one more afterwards.
  let running: Promise<void> | undefined;
  let again = false;

  async function startStream(live: LiveTvChannel): Promise<void> {
    const { schedule } = live;
    const outDir = path.join(dir, schedule.id);
    await mkdir(outDir, { recursive: true });
    const stream = createChannelStream({
      schedule,
      content,
      outDir,
      clock,
      log,
      ...(deps.size && deps.size),
    });
    streams.set(schedule.id, { stream, live });
    await stream.start();
    log.info({ channel: schedule.id, version: schedule.version }, 'tv: stream started');
  }

  async function reconcile(): Promise<void> {
    const live = new Map((await tvChannels.live()).map((channel) => [channel.schedule.id, channel]));
    for (const [id, { stream }] of streams)
      if (!live.has(id)) {
        streams.delete(id);
        await stream.stop();
        await rm(path.join(dir, id), { recursive: true, force: true });
        log.info({ channel: id }, 'tv: stream stopped (channel no longer live)');
      }
    for (const [id, channel] of live) {
      const held = streams.get(id);
      if (!held) await startStream(channel);
      else {
        if (held.live.schedule.version !== channel.schedule.version) held.stream.update(channel.schedule);
        held.live = channel;
      }
    }
  }

  function follow(): void {
    if (running) {
      again = true;
      return;
    }
    running = reconcile()
      .catch((error: unknown) => log.error({ err: error }, 'tv: following the channels failed'))
      .finally(() => {
        running = undefined;
        if (again) {
          again = false;
          follow();
        }
      });
  }

  return {
    async start() {
      await mkdir(dir, { recursive: true });
      await reconcile();
      unsubscribe = hub.subscribe(() => follow());
    },
    async stop() {
      unsubscribe?.();
      await running;
      await Promise.all([...streams.values()].map(({ stream }) => stream.stop()));
      streams.clear();
    },
    status: () =>
      [...streams].map(([channelId, { stream }]) => {
        const status = stream.status();
        return {
          channelId,
          state: status.state,
          bitrate: status.bitrate === null ? null : Math.round(status.bitrate),
          segments: status.segments,
          lastSegmentAt: status.lastSegmentAt?.toISOString() ?? null,
          lastError: status.lastError && {
            at: status.lastError.at.toISOString(),
            message: status.lastError.message,
            ...(status.lastError.itemId ? { itemId: status.lastError.itemId } : {}),
          },
          restarts: status.restarts,
          skipped: status.skipped.count,
          path: `/tv-channels/${channelId}/stream/${PLAYLIST_NAME}`,
        };
      }),
    channel: (channelId) => streams.get(channelId)?.live,
    fileOf(channelId, file) {
      if (!streams.has(channelId)) return undefined;
      // The name is checked against our own two shapes before it comes near a path.
      if (file !== PLAYLIST_NAME && sequenceOfSegment(file) === undefined) return undefined;
      return path.join(dir, channelId, file);
    },
  };
}
