/**
 * A new kiosk syncing 10,000 content items that carry 1 GB of media: how long the change feed
 * and the files take, how many bytes cross the wire, and — with the connection cut halfway —
 * that the second attempt fetches only what is missing (finished files are never fetched again,
 * a cut file resumes from its partial size).
 */
import { createReadStream, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { GuideInput, MediaRef } from '@linli/protocol';
import { buildApp } from '../admin-server/src/app';
import { openDatabase } from '../admin-server/src/db/open';
import { systemActor } from '../admin-server/src/domain/actor';
import { openBlobStore } from '../admin-server/src/media/blob-store';
import { createChangeHub } from '../admin-server/src/push/change-hub';
import { createServices } from '../admin-server/src/services';
import { createMediaStore } from '../kiosk-app/host/media/media-store';
import { openCacheDb } from '../kiosk-app/host/storage/cache-db';
import { createServerClient, type FetchLike } from '../kiosk-app/host/sync/server-client';
import { createSyncEngine } from '../kiosk-app/host/sync/sync-engine';
import { nowMs, round } from './machine';

const ENROLLMENT_CODE = 'BENCHCODE';
export const MEDIA_FILES = 200;
export const MEDIA_FILE_BYTES = 5 * 1024 * 1024;

export interface MediaSyncFigures {
  items: number;
  mediaFiles: number;
  mediaBytes: number;
  feed: { ms: number; requests: number; responseBytes: number };
  media: { ms: number; bytesDownloaded: number; mbPerSec: number };
  cut: {
    cutAfterBytes: number;
    firstAttemptBytes: number;
    secondAttemptBytes: number;
    refetchedBytes: number;
    filesComplete: number;
  };
}

/** A file the server accepts as MP4 (its bytes start like one) and no compressor can shrink. */
function videoLike(bytes: number): Buffer {
  const file = randomBytes(bytes);
  Buffer.from([0, 0, 0, 0x18, 0x66, 0x74, 0x79, 0x70, 0x69, 0x73, 0x6f, 0x6d]).copy(file);
  return file;
}

/** Counts body bytes as they arrive and, past `cutAfter`, breaks the connection like a pulled cable. */
function meteredFetch(meter: { bytes: number }, cutAfter = Number.POSITIVE_INFINITY): FetchLike {
  return async (input, init) => {
    const response = await fetch(input, init);
    if (!response.body) return response;
    const counted = response.body.pipeThrough(
      new TransformStream<Uint8Array, Uint8Array>({
        transform(chunk, controller) {
          if (meter.bytes >= cutAfter) return controller.error(new Error('connection cut'));
          meter.bytes += chunk.byteLength;
          controller.enqueue(chunk);
        },
      }),
    );
    return new Response(counted, {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
    });
  };
}

export async function runMediaSyncBench(
  guides: GuideInput[],
  media = { files: MEDIA_FILES, fileBytes: MEDIA_FILE_BYTES },
): Promise<MediaSyncFigures> {
  const dir = mkdtempSync(path.join(tmpdir(), 'linli-media-bench-'));
  const db = await openDatabase({ kind: 'sqlite', file: path.join(dir, 'admin.db') });
  const services = createServices({
    db,
    hub: createChangeHub(),
    clock: () => new Date(),
    blobs: await openBlobStore(path.join(dir, 'server-media')),
  });
  const system = systemActor(
    await services.orgs.ensureRoot({ level: 'district', name: '基准测试区', code: '330188' }),
    'system',
  );
  const reviewer = { ...system, username: 'bench-reviewer' };
  const app = await buildApp({ db, services });
  const caches: ReturnType<typeof openCacheDb>[] = [];
  try {
    // 10,000 items: guides, plus notices that each carry one 5 MiB video (200 × 5 MiB ≈ 1 GB).
    await services.guides.importFile(system, {
      format: 'linli-guides',
      formatVersion: 1,
      guides: guides.slice(0, guides.length - media.files),
    });
    for (let n = 0; n < media.files; n++) {
      const file = path.join(dir, `upload-${n}.mp4`);
      writeFileSync(file, videoLike(media.fileBytes));
      const item = await services.media.upload(system, { name: `宣传片 ${n + 1}.mp4` }, createReadStream(file));
      rmSync(file);
      const notice = await services.notices.create(system, {
        kind: 'announcement',
        title: `社区宣传片第 ${n + 1} 集`,
        body: '请在大厅观看。',
        publishAt: null,
        expireAt: null,
        targets: { orgIds: [], groupIds: [] },
        attachments: [{ sha256: item.sha256, name: item.name }],
      });
      await services.notices.submit(system, notice.id);
      await services.notices.review(reviewer, notice.id, { approve: true }, 1);
    }
    await services.devices.ensureDeploymentCode(ENROLLMENT_CODE);
    const serverUrl = await app.listen({ port: 0, host: '127.0.0.1' });

    /** A new kiosk: an empty cache synced over the feed, timed and metered. */
    const newKiosk = async (name: string) => {
      const { deviceId, secret } = await services.devices.enroll(ENROLLMENT_CODE, name, '127.0.0.1');
      const cache = openCacheDb(path.join(dir, `${name}.db`));
      caches.push(cache);
      const meter = { requests: 0, bytes: 0 };
      const countingFetch: FetchLike = async (input, init) => {
        const response = await fetch(input, init);
        meter.requests++;
        meter.bytes += Number(
          response.headers.get('content-length') ?? (await response.clone().arrayBuffer()).byteLength,
        );
        return response;
      };
      const failures: string[] = [];
      const engine = createSyncEngine({
        cache,
        client: createServerClient({ fetch: countingFetch, serverUrl, deviceId, secret }),
        clock: () => new Date(),
        onApplied: () => {},
        onOnlineChange: () => {},
        pullIntervalMs: 600_000,
        log: (message) => failures.push(message),
      });
      const t0 = nowMs();
      await engine.syncNow();
      const ms = nowMs() - t0;
      if (failures.length > 0) throw new Error(`feed sync failed: ${failures.join('; ')}`);
      await engine.stop();
      const refs: MediaRef[] = cache.allNotices().flatMap((notice) => notice.attachments);
      return {
        feed: { ms: round(ms, 0), requests: meter.requests, responseBytes: meter.bytes },
        refs,
        items: cache.allGuides().length + cache.allNotices().length,
      };
    };
    const mediaStore = (kiosk: string, meter: { bytes: number }, cutAfter?: number) =>
      createMediaStore({
        dir: path.join(dir, `${kiosk}-media`),
        serverUrl,
        fetch: meteredFetch(meter, cutAfter),
        attempts: 1,
      });

    // One clean run: the whole 1 GB.
    const clean = await newKiosk('clean');
    const mediaBytes = clean.refs.reduce((sum, ref) => sum + ref.bytes, 0);
    const cleanMeter = { bytes: 0 };
    const cleanStore = mediaStore('clean', cleanMeter);
    let t0 = nowMs();
    const cleanResult = await cleanStore.ensureAll(clean.refs);
    const mediaMs = nowMs() - t0;
    await cleanStore.close();
    if (cleanResult.files !== clean.refs.length || cleanResult.failed.length > 0)
      throw new Error(`clean media sync stored ${cleanResult.files} of ${clean.refs.length}`);

    // Another kiosk whose connection is cut halfway, then tries again (as after a restart).
    const cut = await newKiosk('cut');
    const cutAfterBytes = Math.round(mediaBytes / 2);
    const first = { bytes: 0 };
    const firstStore = mediaStore('cut', first, cutAfterBytes);
    t0 = nowMs();
    const firstResult = await firstStore.ensureAll(cut.refs);
    await firstStore.close();
    const second = { bytes: 0 };
    const secondStore = mediaStore('cut', second);
    const secondResult = await secondStore.ensureAll(cut.refs);
    await secondStore.close();
    const complete = firstResult.files + secondResult.files;
    if (complete !== cut.refs.length || secondResult.failed.length > 0)
      throw new Error(`after the cut, ${complete} of ${cut.refs.length} files were stored`);

    return {
      items: clean.items,
      mediaFiles: clean.refs.length,
      mediaBytes,
      feed: clean.feed,
      media: {
        ms: round(mediaMs, 0),
        bytesDownloaded: cleanMeter.bytes,
        mbPerSec: round(mediaBytes / 1024 / 1024 / (mediaMs / 1000), 1),
      },
      cut: {
        cutAfterBytes,
        firstAttemptBytes: first.bytes,
        secondAttemptBytes: second.bytes,
        refetchedBytes: first.bytes + second.bytes - mediaBytes,
        filesComplete: complete,
      },
    };
  } finally {
    await app.close();
    await db.close();
    for (const cache of caches) cache.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
