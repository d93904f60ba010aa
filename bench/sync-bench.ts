/**
 * Kiosk sync against a real admin server over TCP: 10,000 guides into an empty cache, then 10
 * edits on top. The second sync should cost in proportion to the 10 changes, not the catalog.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { GuideInput } from '@linli/protocol';
import { buildApp } from '../admin-server/src/app';
import { openDatabase } from '../admin-server/src/db/open';
import { systemActor } from '../admin-server/src/domain/actor';
import { openBlobStore } from '../admin-server/src/media/blob-store';
import { createChangeHub } from '../admin-server/src/push/change-hub';
import { createServices } from '../admin-server/src/services';
import { openCacheDb } from '../kiosk-app/host/storage/cache-db';
import { createServerClient, type FetchLike } from '../kiosk-app/host/sync/server-client';
import { createSyncEngine } from '../kiosk-app/host/sync/sync-engine';
import { nowMs, round } from './machine';

const ENROLLMENT_CODE = 'BENCHCODE';
const EDITS = 10;

interface SyncRun {
  ms: number;
  requests: number;
  responseBytes: number;
  changesApplied: number;
}

export interface SyncFigures {
  guides: number;
  serverImportMs: number;
  full: SyncRun & { guidesInCache: number };
  incremental: SyncRun & { editedGuides: number };
  bytesRatio: number;
  changesRatio: number;
}

export async function runSyncBench(guides: GuideInput[]): Promise<SyncFigures> {
  const dir = mkdtempSync(path.join(tmpdir(), 'linli-bench-'));
  const db = await openDatabase({ kind: 'sqlite', file: path.join(dir, 'admin.db') });
  const cache = openCacheDb(path.join(dir, 'kiosk.db'));
  const services = createServices({
    db,
    hub: createChangeHub(),
    clock: () => new Date(),
    blobs: await openBlobStore(path.join(dir, 'media')),
  });
  const system = systemActor(
    await services.orgs.ensureRoot({ level: 'district', name: '基准测试区', code: '330188' }),
    'system',
  );
  const app = await buildApp({ db, services });
  try {
    const start = nowMs();
    await services.guides.importFile(system, { format: 'linli-guides', formatVersion: 1, guides });
    const serverImportMs = nowMs() - start;
    await services.devices.ensureDeploymentCode(ENROLLMENT_CODE);
    const { deviceId, secret } = await services.devices.enroll(ENROLLMENT_CODE, '基准测试机', '127.0.0.1');
    const serverUrl = await app.listen({ port: 0, host: '127.0.0.1' });

    // Counts what crosses the wire: response bodies (content-length, else the body itself) and requests.
    const meter = { requests: 0, bytes: 0, applied: 0 };
    const countingFetch: FetchLike = async (input, init) => {
      const response = await fetch(input, init);
      meter.requests++;
      const length = response.headers.get('content-length');
      meter.bytes += length !== null ? Number(length) : (await response.clone().arrayBuffer()).byteLength;
      return response;
    };
    const failures: string[] = [];
    const engine = createSyncEngine({
      cache,
      client: createServerClient({ fetch: countingFetch, serverUrl, deviceId, secret }),
      clock: () => new Date(),
      onApplied: (changes) => {
        meter.applied += changes === 'all' ? cache.allGuides().length : changes.length;
      },
      onOnlineChange: () => {},
      pullIntervalMs: 60_000,
      log: (message) => failures.push(message),
    });

    // syncNow() logs failures instead of throwing; a benchmark of a failed sync would be meaningless.
    const measuredSync = async (): Promise<SyncRun> => {
      Object.assign(meter, { requests: 0, bytes: 0, applied: 0 });
      const t0 = nowMs();
      await engine.syncNow();
      const ms = nowMs() - t0;
      if (failures.length > 0 || !engine.online()) throw new Error(`sync failed: ${failures.join('; ')}`);
      return { ms: round(ms, 1), requests: meter.requests, responseBytes: meter.bytes, changesApplied: meter.applied };
    };

    const full = await measuredSync();
    const guidesInCache = cache.allGuides().length;

    // Ten edits spread over the catalog, as an editor fixing office hours across halls would make.
    const edited = Array.from({ length: EDITS }, (_, i) => guides[Math.floor((i * guides.length) / EDITS)]!);
    for (const guide of edited) {
      const edit = { ...guide, office: { ...guide.office, hours: `${guide.office.hours}（基准测试修改）` } };
      await services.guides.update(system, guide.id, edit, 1);
    }
    const incremental = await measuredSync();
    if (edited.some((guide) => cache.guide(guide.id)?.office.hours.endsWith('（基准测试修改）') !== true)) {
      throw new Error('incremental sync did not bring every edit into the cache');
    }

    return {
      guides: guides.length,
      serverImportMs: round(serverImportMs, 1),
      full: { ...full, guidesInCache },
      incremental: { ...incremental, editedGuides: EDITS },
      bytesRatio: round(incremental.responseBytes / full.responseBytes, 5),
      changesRatio: round(EDITS / guides.length, 5),
    };
  } finally {
    await app.close();
    await db.close();
    cache.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
